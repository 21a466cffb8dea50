/**
 * The end of `<signaal-form>`'s form: the send button, "discard" while there is text, and the
 * question that confirms a discard. A render module: the form keeps the state and the focus.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Texts } from './texts.js';

export interface FormActionsView {
  texts: Texts;
  sending: boolean;
  /** A backend to send to; without one the button opens the e-mail route. */
  canSubmit: boolean;
  /** There is a description to discard. */
  hasText: boolean;
  /** The discard question is shown. */
  confirming: boolean;
  /** "Discard" was pressed: ask first. */
  discard: () => void;
  /** The answer to the question: true discards. */
  confirm: (discard: boolean) => void;
}

export function formActions(view: FormActionsView): TemplateResult {
  const { t } = view.texts;
  const { sending, confirming } = view;
  return html`<div class="actions">
      <button part="submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
        ${t(sending ? 'sending' : view.canSubmit ? 'submit' : 'submitMail')}
      </button>
      ${
        view.hasText && !sending && !confirming
          ? html`<button id="f-discard" class="secondary" type="button" @click=${view.discard}>${t('discard')}</button>`
          : nothing
      }
    </div>
    ${
      confirming
        ? html`<div class="confirm" role="group" aria-labelledby="f-discard-question">
            <p id="f-discard-question">${t('discardConfirm')}</p>
            <button class="secondary" id="f-discard-no" type="button" @click=${() => view.confirm(false)}>${t('discardNo')}</button>
            <button type="button" @click=${() => view.confirm(true)}>${t('discardYes')}</button>
          </div>`
        : nothing
    }`;
}
