import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { InboxApiError, signInAgain, type InboxApi, type SignalDetail } from './inbox-api.js';
import type { InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';

/** The signal's content is gone (removed now, or found removed already); `signal` is the signal as it is now. */
export class SignaalEraseEvent extends Event {
  static readonly type = 'signaal-erase';
  readonly signal: SignalDetail;
  constructor(signal: SignalDetail) {
    super(SignaalEraseEvent.type, { bubbles: true, composed: true });
    this.signal = signal;
  }
}

/**
 * "Remove content now", for a signal sent by mistake: a secondary, destructive button that asks
 * first in a native modal dialog, labelled by its heading, saying what goes and what stays.
 * Focus starts on Cancel; Cancel and Escape keep everything and return focus to the button.
 * Remove destroys the content through the inbox API (audited on the server) and fires
 * `signaal-erase`; a failure is said inside the dialog, which stays open.
 *
 * @summary Removes one signal's content for good, asked first.
 * @event signaal-erase - The content is gone; carries the signal as it is now.
 */
export class SignaalInboxErase extends LitElement {
  static override styles = [
    inboxStyles,
    css`
      :host {
        background: none;
      }
      .remove {
        padding-block-start: var(--_signaal-space);
        border-block-start: 1px solid var(--_signaal-border);
      }
      .remove > * + *,
      dialog > * + * {
        margin-block-start: 0.75em;
      }
      button.danger {
        border-color: var(--_signaal-danger);
        background: var(--_signaal-danger);
        color: var(--_signaal-background);
      }
      button.secondary.danger {
        background: var(--_signaal-background);
        color: var(--_signaal-danger);
      }
      button[aria-disabled='true'] {
        cursor: progress;
        opacity: 0.8;
      }
      dialog {
        box-sizing: border-box;
        inline-size: min(36em, calc(100vw - 2em));
        max-block-size: calc(100dvh - 2em);
        overflow: auto;
        padding: var(--_signaal-space);
        border: 3px solid var(--_signaal-danger);
        border-radius: var(--_signaal-radius);
        background: var(--_signaal-background);
        color: var(--_signaal-color);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.55);
      }
      .actions {
        padding-block-start: 0.25em;
      }
      @media (forced-colors: active) {
        dialog {
          border-color: CanvasText;
        }
      }
    `,
  ];

  @property({ attribute: false }) api!: InboxApi;
  @property({ attribute: false }) t!: InboxMessages;
  @property() base = '/inbox';
  /** The signal whose content this removes. */
  @property() reference = '';

  @state() private busy = false;
  @state() private failed = false;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('.trigger') private trigger!: HTMLButtonElement;
  @query('.cancel') private cancelButton!: HTMLButtonElement;

  /** Set once the content is gone: the button is about to leave, so focus must not go back to it. */
  private removed = false;

  private ask(): void {
    this.failed = false;
    this.dialog.showModal();
    // Explicitly, not `autofocus`: the safe choice first, whatever the browser's dialog focusing picks.
    this.cancelButton.focus();
  }

  private async confirmRemoval(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failed = false;
    let signal: SignalDetail | undefined;
    try {
      signal = await this.api.erase(this.reference);
    } catch (error) {
      if (signInAgain(error, this.base)) return;
      // Removed meanwhile (another officer, or retention): the outcome asked for; show it as it is.
      if (error instanceof InboxApiError && error.code === 'content-removed') {
        signal = await this.api.signal(this.reference).catch(() => undefined);
      }
    } finally {
      this.busy = false;
    }
    if (!signal) {
      this.failed = true;
      return;
    }
    this.removed = true;
    this.dialog.close();
    this.dispatchEvent(new SignaalEraseEvent(signal));
  }

  private cancelRemoval(): void {
    if (!this.busy) this.dialog.close();
  }

  private onCancel(event: Event): void {
    if (this.busy) event.preventDefault();
  }

  private onClose(): void {
    if (!this.removed) this.trigger.focus();
  }

  override render() {
    const t = this.t;
    return html`
      <div class="remove">
        <p class="hint" id="erase-hint">${t.eraseHint}</p>
        <button type="button" class="secondary danger trigger" aria-haspopup="dialog" aria-describedby="erase-hint" @click=${this.ask}>
          ${t.erase}
        </button>
      </div>
      <dialog aria-labelledby="erase-title" aria-describedby="erase-what" @cancel=${this.onCancel} @close=${this.onClose}>
        <h2 id="erase-title">${t.eraseTitle}</h2>
        <p id="erase-what">${t.eraseWhat}</p>
        <p>${t.eraseKept}</p>
        ${this.failed ? html`<p class="error" role="alert">${t.eraseFailed}</p>` : nothing}
        <div class="actions">
          <button type="button" class="danger" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.confirmRemoval}>
            ${this.busy ? t.erasing : t.eraseConfirm}
          </button>
          <button type="button" class="secondary cancel" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.cancelRemoval}>
            ${t.eraseCancel}
          </button>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-inbox-erase': SignaalInboxErase;
  }
  interface HTMLElementEventMap {
    'signaal-erase': SignaalEraseEvent;
  }
}
