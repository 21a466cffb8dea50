import type { MailMessage, Receipt, SignaalErrorCode } from '@signaal/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SignaalStatusActionEvent, type StatusAction } from './part-events.js';
import { FormPart } from './form-part.js';

/** What the panel says: delivered, not delivered, the mailbox route's two steps, or a configuration that does not work. */
export type StatusState = 'receipt' | 'failed' | 'mailed' | 'mailed-done' | 'config-error';

/**
 * The status panel of `<signaal-form>`, in the form's `status` part: the receipt, a failed
 * delivery (try again, e-mail or copy), the mailbox route's instructions and thanks, or a
 * configuration error. Its heading (`.panel-heading`) is where the form moves focus.
 *
 * @event signaal-status-action - The employee chose what to do next; `event.action` says what.
 * @event signaal-announce - Something to say in the form's live region (copied, or copy by hand).
 */
export class SignaalStatus extends FormPart {
  @property({ attribute: false }) state: StatusState = 'config-error';
  /** The receipt, in the `receipt` state. */
  @property({ attribute: false }) receipt?: Receipt | undefined;
  /** Whether the receipt was kept in this browser (then its token is not shown). */
  @property({ attribute: false }) kept = false;
  /** Why delivery failed, in the `failed` state. */
  @property({ attribute: false }) code?: SignaalErrorCode | undefined;
  /** The signal as an e-mail, to copy (and to open, when there is a mailbox). */
  @property({ attribute: false }) mail?: MailMessage | undefined;
  /** The configured mailbox, if any. */
  @property({ attribute: false }) mailbox?: string | undefined;
  /** The officer's name, or how the texts name them when none is configured. */
  @property({ attribute: false }) officer = '';

  /** The text to copy by hand, once the clipboard refused it. */
  @state() private copyText: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state')) this.copyText = undefined;
  }

  #act(action: StatusAction): void {
    this.dispatchEvent(new SignaalStatusActionEvent(action));
  }

  #copy = async () => {
    const text = this.mail?.text;
    if (text === undefined) return;
    try {
      await navigator.clipboard.writeText(text);
      this.copyText = undefined;
      this.announce(this.texts.t('copied', { officer: this.officer }));
    } catch {
      this.copyText = text;
      this.announce(this.texts.t('copyManual'));
      await this.updateComplete;
      const area = this.querySelector<HTMLTextAreaElement>('#f-copy');
      area?.focus();
      area?.select();
    }
  };

  #renderCopyFallback() {
    return this.copyText === undefined
      ? nothing
      : html`<div class="field">
          <label for="f-copy">${this.texts.t('copyLabel')}</label>
          <textarea id="f-copy" rows="6" readonly .value=${this.copyText}></textarea>
        </div>`;
  }

  override render() {
    const { t } = this.texts;
    const { officer, mail, receipt } = this;
    const heading = (text: string) => html`<h3 class="panel-heading" tabindex="-1">${text}</h3>`;
    const newReport = html`<button class="secondary" type="button" @click=${() => this.#act('new-report')}>${t('newReport')}</button>`;
    const copy = html`<button class="secondary" type="button" @click=${this.#copy}>${t('copy')}</button>`;
    const edit = html`<button class="secondary" type="button" @click=${() => this.#act('edit')}>${t('edit')}</button>`;
    switch (this.state) {
      case 'receipt':
        return receipt
          ? html`<section class="panel success" part="status">
              ${heading(t(receipt.kind === 'sparring' ? 'receiptTitleSparring' : 'receiptTitle'))}
              <p>${t('receiptReference')}: <strong class="reference">${receipt.reference}</strong></p>
              ${
                this.kept
                  ? nothing
                  : html`<p>${t('receiptToken')}: <code class="token">${receipt.statusToken}</code></p>
                      <p class="hint">${t('receiptTokenHint')}</p>`
              }
              <p>${receipt.nextSteps ?? t('receiptNext', { officer })}</p>
              <p>${t(this.kept ? 'receiptKept' : 'receiptFollowUp')}</p>
              ${newReport}
            </section>`
          : nothing;
      case 'failed':
        return html`<section class="panel failure" part="status">
          ${heading(t('failedTitle'))}
          <p class="reason">${t(`error.${this.code ?? 'network'}`)}</p>
          <p>${t('failedKeep')}</p>
          <div class="actions">
            <button type="button" @click=${() => this.#act('retry')}>${t('retry')}</button>
            ${mail && this.mailbox ? html`<a class="button-link" href=${mail.href}>${t('mailInstead')}</a>` : nothing} ${copy} ${edit}
          </div>
          ${this.#renderCopyFallback()}
        </section>`;
      case 'mailed':
        return html`<section class="panel" part="status">
          ${heading(t('mailedTitle'))}
          <p>${t('mailedSteps', { mailbox: this.mailbox ?? '' })}</p>
          ${mail?.truncated ? html`<p class="error">${t('mailedTruncated')}</p>` : nothing}
          <div class="actions">
            ${mail ? html`<a class="button-link" href=${mail.href}>${t('openMail')}</a>` : nothing} ${copy}
            <button class="secondary" type="button" @click=${() => this.#act('mailed-done')}>${t('mailedDone')}</button>
            ${edit}
          </div>
          ${this.#renderCopyFallback()}
        </section>`;
      case 'mailed-done':
        return html`<section class="panel success" part="status">${heading(t('mailedThanks', { officer }))} ${newReport}</section>`;
      default:
        return html`<section class="panel failure" part="status">
          <h3 class="panel-heading" tabindex="-1" data-autofocus>${t('configErrorTitle')}</h3>
          <p>${t('configErrorBody')}</p>
        </section>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-status': SignaalStatus;
  }
}
