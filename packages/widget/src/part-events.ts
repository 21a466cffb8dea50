/**
 * News from a part of `<signaal-form>` (status panel, "good to know", "my signals") to the form.
 * Not composed: it stays inside the form's shadow root, so the page never sees it. Apart from
 * `events.ts`, which the script-tag entry carries: these only travel with the form's code.
 */
const inner = { bubbles: true } as const;

/**
 * A part asks the form to say `text` in its live region; with `returnFocus`, the control that had
 * focus is gone and focus goes back to the part's section heading.
 */
export class SignaalAnnounceEvent extends Event {
  static readonly type = 'signaal-announce';
  readonly text: string;
  readonly returnFocus: boolean;
  constructor(text: string, returnFocus = false) {
    super(SignaalAnnounceEvent.type, inner);
    this.text = text;
    this.returnFocus = returnFocus;
  }
}

/** What the employee chose in a status panel. */
export type StatusAction = 'retry' | 'edit' | 'new-report' | 'mailed-done';

/**
 * The employee chose what to do next in the status panel (try again, back to the form, …).
 */
export class SignaalStatusActionEvent extends Event {
  static readonly type = 'signaal-status-action';
  readonly action: StatusAction;
  constructor(action: StatusAction) {
    super(SignaalStatusActionEvent.type, inner);
    this.action = action;
  }
}
