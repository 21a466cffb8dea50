import type { WidgetConfigInput } from '@signaal/sdk';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { SignaalCloseEvent, SignaalOpenEvent } from './events.js';
import { resolveLocale } from './locale.js';
import { loadMessages, textsFor, type MessageOverrides } from './messages/load-messages.js';
import { define } from './registry.js';
import { changedJson } from './same-json.js';
import { buttonStyles } from './signaal-button.styles.js';
import type { SignaalForm, SignaalContext, SignaalReporter, WidgetClientOptions } from './signaal-form.js';

export type { MessageOverrides } from './messages/load-messages.js';

/**
 * A button that opens the Signaal form in a modal dialog. The form's code loads on first open
 * (or when the pointer or focus reaches the button), so the page only pays for this small element.
 *
 * @tagname signaal-button
 * @summary Opens the form to pass on a signal, in a native modal dialog.
 *
 * @event {SignaalOpenEvent} signaal-open - The dialog opened.
 * @event {SignaalCloseEvent} signaal-close - The dialog closed; the draft stays in memory.
 * @event {SignaalSubmitEvent} signaal-submit - Bubbles up from the form: about to deliver; cancelable.
 * @event {SignaalSubmittedEvent} signaal-submitted - Bubbles up from the form: delivered, with the validated receipt.
 * @event {SignaalErrorEvent} signaal-error - Bubbles up from the form: something went wrong, with a stable code.
 *
 * @csspart button - The trigger button.
 * @csspart dialog - The `<dialog>` holding the form.
 * @csspart heading - The dialog's visible heading.
 * @csspart close - The close button.
 * @csspart form - The `<signaal-form>` inside the dialog (its own parts are not exported).
 *
 * @cssproperty --signaal-accent-color - Buttons and links (falls back to `--utrecht-button-primary-action-background-color`); darkened or lightened until it reads at 4.5:1 in the scheme shown.
 * @cssproperty --signaal-accent-color-dark - The accent in the dark scheme (falls back to `--signaal-accent-color`).
 * @cssproperty --signaal-on-accent-color - Text on the accent colour, only in browsers without `light-dark()` and relative colours.
 * @cssproperty --signaal-color - Text colour (falls back to `--utrecht-document-color`).
 * @cssproperty --signaal-background-color - Dialog background (falls back to `--utrecht-document-background-color`).
 * @cssproperty --signaal-font-family - Font (falls back to `--utrecht-document-font-family`).
 * @cssproperty --signaal-border-radius - Corner radius.
 * @cssproperty --signaal-floating-offset - Distance from the corner for `placement="floating"`.
 *
 * @example
 * <script type="module" src="https://cdn.example/signaal/cdn/signaal.js"></script>
 * <signaal-button endpoint="https://signalen.gemeente.nl/api"></signaal-button>
 */
export class SignaalButton extends LitElement {
  static override styles = buttonStyles;

  /** `inline` (default) sits where it is placed; `floating` stays in the lower corner. */
  @property({ reflect: true }) placement: 'inline' | 'floating' = 'inline';
  /** `light` or `dark` overrides the colour scheme; `auto` or none follows the `color-scheme` the host page declares (none declared: light). */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | undefined;
  /** The trigger's text. Neutral by default ("Signaal doorgeven"). */
  @property() label?: string;
  /** The backend's base URL (`https:`, or `http:` on loopback); relative URLs are resolved against the page. */
  @property() endpoint?: string;
  /** The municipality's signal mailbox, for the mailbox route and as a fallback. */
  @property() mailbox?: string;
  /** A URL serving the configuration as JSON (for instance the backend's `/config`). */
  @property({ attribute: 'config-src' }) configSrc?: string;
  /** The whole configuration object (see the SDK's `WidgetConfig`). */
  @property({ attribute: false, hasChanged: changedJson }) config?: WidgetConfigInput | undefined;
  /** Text overrides per language: `{ nl: { trigger: 'Zorg delen' } }`. */
  @property({ attribute: false, hasChanged: changedJson }) messages?: MessageOverrides;
  /** The logged-in employee, to prefill their contact details. */
  @property({ attribute: false, hasChanged: changedJson }) reporter?: SignaalReporter;
  /** The host's context: case reference and source system. */
  @property({ attribute: false, hasChanged: changedJson }) context?: SignaalContext;
  /** SDK client options beyond endpoint and mailbox (headers, credentials, retry, transport); see `<signaal-form>`. */
  @property({ attribute: false, hasChanged: changedJson }) clientOptions?: WidgetClientOptions;
  /**
   * Whether the dialog is open; `show()` and `hide()` change it.
   * @readonly
   */
  @state() open = false;

  @state() private loaded = Boolean(customElements.get('signaal-form'));
  /** The form renders from the first open on, and stays (with its draft) while the dialog is closed. */
  @state() private started = false;
  @state() private loadFailed = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('.trigger') private trigger!: HTMLButtonElement;
  @query('signaal-form') private form?: SignaalForm | null;
  #loading: Promise<void> | undefined;

  /** `lang` stays the native property; a change re-renders the trigger and the form inside. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name !== 'lang' || old === value) return;
    this.requestUpdate();
    this.form?.requestUpdate();
  }

  /** Opens the dialog and moves focus to the form's first field. */
  async show(): Promise<void> {
    if (!this.open || !this.dialog?.open) {
      this.open = true;
      this.started = true;
      await this.updateComplete;
      if (!this.dialog.open) this.dialog.showModal();
      this.dispatchEvent(new SignaalOpenEvent());
    }
    await this.#load();
    await this.updateComplete;
    const form = this.form;
    if (form && this.open) await form.focusFirstField();
  }

  /** Hides the dialog at once; the draft stays in memory. */
  hide(): void {
    if (this.dialog?.open) this.dialog.close();
    // The close event comes a task later; the state, focus and event should not wait for it.
    this.#onClose();
  }

  #load(): Promise<void> {
    // The texts in the page's language come alongside the form's code, not after it.
    if (!this.#loading) void loadMessages(resolveLocale(this)).catch(() => undefined);
    this.#loading ??= import('./signaal-form.js').then(
      ({ SignaalForm }) => {
        define('signaal-form', SignaalForm);
        this.loaded = true;
      },
      () => {
        this.#loading = undefined;
        this.loadFailed = true;
      },
    );
    return this.#loading;
  }

  #onClose = () => {
    // A close event that arrives after the dialog was reopened belongs to the earlier close.
    if (!this.open || this.dialog?.open) return;
    this.open = false;
    this.trigger?.focus();
    this.dispatchEvent(new SignaalCloseEvent());
  };

  #onDialogClick = (event: MouseEvent) => {
    // A click on the backdrop lands on the dialog itself, outside its box.
    if (event.target !== this.dialog) return;
    const box = this.dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside && event.detail > 0) this.hide();
  };

  #preload = () => void this.#load();

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && !this.open && this.dialog?.open) this.dialog.close();
  }

  override render() {
    const { t } = textsFor(resolveLocale(this), this.messages);
    const form = this.loaded
      ? html`<signaal-form
          part="form"
          hide-title
          .endpoint=${this.endpoint}
          .mailbox=${this.mailbox}
          .configSrc=${this.configSrc}
          .config=${this.config}
          .messages=${this.messages}
          .reporter=${this.reporter}
          .context=${this.context}
          .clientOptions=${this.clientOptions}
        ></signaal-form>`
      : html`<p role="status">${this.loadFailed ? t('loadFailed') : this.open ? t('loading') : nothing}</p>`;
    return html`
      <button
        class="trigger"
        part="button"
        type="button"
        aria-haspopup="dialog"
        @click=${() => void this.show()}
        @pointerenter=${this.#preload}
        @focus=${this.#preload}
      >
        ${this.label ?? t('trigger')}
      </button>
      <dialog part="dialog" aria-labelledby="signaal-dialog-title" @close=${this.#onClose} @click=${this.#onDialogClick}>
        <div class="bar">
          <h2 id="signaal-dialog-title" part="heading">${t('dialogTitle')}</h2>
          <button class="secondary" part="close" type="button" @click=${() => this.hide()}>${t('close')}</button>
        </div>
        <div class="body">${this.started ? form : nothing}</div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-button': SignaalButton;
  }
}
