/**
 * The few texts the trigger needs before the form has loaded. Kept apart so the button's small
 * entry does not carry every text; `nl.ts` and `en.ts` include them, so they are replaceable too.
 */
export const buttonNl = {
  trigger: 'Signaal doorgeven',
  dialogTitle: 'Signaal doorgeven',
  close: 'Sluiten',
  loading: 'Het formulier wordt geladen…',
  loadFailed: 'Het formulier kon niet worden geladen. Probeer het later opnieuw. Acuut gevaar? Bel 112.',
};

export type ButtonMessages = typeof buttonNl;

export const buttonEn: ButtonMessages = {
  trigger: 'Pass on a signal',
  dialogTitle: 'Pass on a signal',
  close: 'Close',
  loading: 'Loading the form…',
  loadFailed: 'The form could not be loaded. Please try again later. Acute danger? Call 112.',
};
