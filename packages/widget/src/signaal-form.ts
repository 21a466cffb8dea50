import {
  composeMail,
  isSignaalError,
  prepareSignal,
  type MailMessage,
  type Receipt,
  type SignaalErrorCode,
  type Signal,
  type WidgetConfig,
  type WidgetConfigInput,
} from '@signaal/sdk';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ConfigController } from './config-controller.js';
import { clientName, DeliveryController, type WidgetClientOptions } from './delivery-controller.js';
import { draftFields } from './draft-fields.js';
import { formActions } from './form-actions.js';
import { SignaalErrorEvent, SignaalSubmitEvent, SignaalSubmittedEvent } from './events.js';
import { errorSummary } from './form-fields.js';
import { definePart, type FormPart } from './form-part.js';
import { MySignalsSection } from './my-signals-section.js';
import { delivery } from './network.js';
import type { SignaalAnnounceEvent, SignaalStatusActionEvent } from './part-events.js';
import { changedJson } from './same-json.js';
import { clearedDraft, emptyDraft, errorKey, refusedDraft, reporterPrefills, toSignalDraft } from './signal-draft.js';
import type { Draft, Field, FieldError, SignaalContext, SignaalReporter } from './signal-draft.js';
import { formStyles } from './signaal-form.styles.js';
import { SignaalInfo } from './signaal-info.js';
import { SignaalOfficer } from './signaal-officer.js';
import { SignaalStatus, type StatusState } from './signaal-status.js';
import { TextsController, textsFor, type MessageOverrides, type Texts } from './texts.js';
import { UnsentTextGuard } from './unsent-text-guard.js';

export type { SignaalContext, SignaalReporter } from './signal-draft.js';
export type { WidgetClientOptions } from './delivery-controller.js';

type Phase = 'edit' | 'sending' | Exclude<StatusState, 'config-error'>;

/** The parts the form renders (each a file of its own), defined by the first form. */
const parts = { 'signaal-status': SignaalStatus, 'signaal-officer': SignaalOfficer, 'signaal-info': SignaalInfo };
const partTags = [...Object.keys(parts), 'signaal-my-signals'].join();

/**
 * The form to pass on a signal of possible human trafficking or labour exploitation to the
 * municipality's designated officer, or to ask them for a conversation. Use it inline (for
 * instance in a case screen's side panel), or let `<signaal-button>` show it in a dialog.
 *
 * @tagname signaal-form
 * @summary The Signaal form: report or talk it through, with the officer's card and help.
 *
 * @event {SignaalSubmitEvent} signaal-submit - About to deliver; cancelable. `event.draft` may receive host context.
 * @event {SignaalSubmittedEvent} signaal-submitted - Delivered; `event.receipt` is the receipt the SDK validated.
 * @event {SignaalErrorEvent} signaal-error - Delivery or configuration failed; `event.code` is the SDK's error code.
 *
 * @csspart form - The native `<form>`.
 * @csspart emergency - The "Acute danger? Call 112." line.
 * @csspart officer - The designated officer's card.
 * @csspart submit - The send button.
 * @csspart info - The "good to know" section (what to share, what happens next, FAQ, routes).
 * @csspart status - The visible state panel (receipt, failure, mailbox instructions, configuration error).
 * @csspart mine - The "my signals" section: kept receipts with their status, a lookup, and figures.
 *
 * @cssproperty --signaal-accent-color - Buttons and links (falls back to `--utrecht-button-primary-action-background-color`); darkened or lightened until it reads at 4.5:1 in the scheme shown.
 * @cssproperty --signaal-accent-color-dark - The accent in the dark scheme (falls back to `--signaal-accent-color`).
 * @cssproperty --signaal-color - Text colour (falls back to `--utrecht-document-color`).
 * @cssproperty --signaal-background-color - Background (falls back to `--utrecht-document-background-color`).
 * @cssproperty --signaal-surface-color - Background of cards and sections.
 * @cssproperty --signaal-danger-color - Error text and borders.
 * @cssproperty --signaal-focus-color - Focus outline (falls back to `--utrecht-focus-outline-color`).
 *
 * @example
 * <signaal-form endpoint="https://signalen.gemeente.nl/api" mailbox="signalen@gemeente.nl"></signaal-form>
 */
export class SignaalForm extends LitElement {
  static override styles = formStyles;

  /** `light` or `dark` overrides the colour scheme; `auto` or none follows the `color-scheme` the host page declares (none declared: light). */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | undefined;
  /** The backend's base URL (`https:`, or `http:` on loopback); relative URLs are resolved against the page. */
  @property() endpoint?: string | undefined;
  /** The municipality's signal mailbox. Without an endpoint, the form composes an e-mail instead. */
  @property() mailbox?: string | undefined;
  /** A URL serving the configuration as JSON, read once through the SDK. */
  @property({ attribute: 'config-src' }) configSrc?: string | undefined;
  /** The whole configuration object (see the SDK's `WidgetConfig`); validated before use. */
  @property({ attribute: false, hasChanged: changedJson }) config?: WidgetConfigInput | undefined;
  /** Text overrides per language: `{ nl: { title: '…' }, en: { … } }`. */
  @property({ attribute: false, hasChanged: changedJson }) messages?: MessageOverrides | undefined;
  /** The logged-in employee, to prefill their contact details. */
  @property({ attribute: false, hasChanged: changedJson }) reporter?: SignaalReporter | undefined;
  /** The host's context: case reference (prefilled) and source system (sent along). */
  @property({ attribute: false, hasChanged: changedJson }) context?: SignaalContext | undefined;
  /**
   * Options for the SDK client beyond endpoint and mailbox: `headers` (tokens, CSRF),
   * `credentials`, `timeout`, `retry`, `mapRequest`/`mapResponse` or a `transport` of your own.
   */
  @property({ attribute: false, hasChanged: changedJson }) clientOptions?: WidgetClientOptions | undefined;
  /** Hides the form's own heading, when a surrounding dialog shows one. */
  @property({ type: Boolean, attribute: 'hide-title' }) hideTitle = false;

  @state() private draft: Draft = emptyDraft;
  @state() private phase: Phase = 'edit';
  @state() private errors: FieldError[] = [];
  @state() private errorCode: SignaalErrorCode | undefined;
  @state() private receipt: Receipt | undefined;
  @state() private receiptKept = false;
  @state() private mail: MailMessage | undefined;
  @state() private confirmingDiscard = false;
  @state() private announcement = '';
  @state() private situationOpen = false;
  @state() private youOpen = false;

  @query('#f-description') private descriptionField?: HTMLTextAreaElement | null;
  #config = new ConfigController(this, (config) => {
    const modes = config.modes ?? ['signal', 'sparring'];
    if (!modes.includes(this.draft.kind)) this.#edit({ kind: modes[0] ?? 'signal' });
  });
  #texts = new TextsController(this, () => ({
    configured: this.#config.value?.locale,
    messages: this.messages,
    fromConfig: this.#config.value?.messages,
  }));
  #delivery = new DeliveryController(this, () => this.#config.value, {
    onComplete: (receipt) => this.#delivered(receipt),
    onError: (error) => this.#failed(error),
  });
  #mine = new MySignalsSection(this, (text) => (text ? this.#announce(text) : (this.announcement = '')));
  /** The signal prepared from the draft, kept while the draft is unchanged so a retry reuses its idempotency key. */
  #prepared: { signal: Signal; from: string } | undefined;
  #focusAfterRender: string | undefined;
  /** Fields the employee typed in: the host's prefill no longer touches them. */
  #typedIn = new Set<Field>();

  /** `lang` is not a reactive property (it stays the native one); its changes re-render. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  constructor() {
    super();
    new UnsentTextGuard(this, () => this.hasUnsentText);
    for (const [tag, part] of Object.entries(parts)) definePart(tag, part);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const prefill: Partial<Draft> = {};
    if (changed.has('reporter'))
      for (const field of reporterPrefills) if (!this.#typedIn.has(field)) prefill[field] = this.reporter?.[field] ?? '';
    if (changed.has('context') && !this.#typedIn.has('caseReference')) prefill.caseReference = this.context?.caseReference ?? '';
    if (Object.keys(prefill).length) this.#edit(prefill);
  }

  protected override updated(): void {
    // The parts render with the form, not a moment later: no render shows them in another language.
    for (const part of this.renderRoot.querySelectorAll<FormPart>(partTags)) part.renderPending();
    const selector = this.#focusAfterRender;
    if (!selector) return;
    this.#focusAfterRender = undefined;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Whether text was typed that has not been delivered (or handed to the mail program) yet. */
  get hasUnsentText(): boolean {
    return this.draft.description.trim() !== '' && this.phase !== 'receipt' && this.phase !== 'mailed-done';
  }

  /** Moves focus to the first field (the description), once the configuration is known. */
  async focusFirstField(): Promise<void> {
    await this.updateComplete;
    await this.#config.taskComplete.catch(() => undefined);
    await this.#texts.ready;
    await this.updateComplete;
    const target = this.descriptionField ?? this.renderRoot.querySelector<HTMLElement>('[data-autofocus], h2, h3[tabindex]');
    target?.focus();
  }

  /** Whether signals go to a backend (else to the mailbox). */
  get #canSubmit(): boolean {
    return Boolean(this.#config.value?.endpoint || this.clientOptions?.transport);
  }

  /** The texts on screen's `t`. */
  get #t(): Texts['t'] {
    return this.#texts.texts.t;
  }

  get #officerName(): string {
    return this.#config.value?.officer?.name ?? this.#t('officerFallback');
  }

  /** A change to the draft; `typed` names the field the employee typed in (the host's prefill leaves it alone from then on). */
  #edit = (change: Partial<Draft>, typed?: Field) => {
    if (typed) this.#typedIn.add(typed);
    this.draft = { ...this.draft, ...change };
  };

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.phase === 'sending' || !this.#config.value) return;
    const submit = new SignaalSubmitEvent(toSignalDraft(this.draft, this.#texts.asked, this.context?.sourceSystem));
    this.dispatchEvent(submit);
    if (submit.defaultPrevented) return this.#announce(this.#t('blocked'));
    const from = JSON.stringify(submit.draft);
    try {
      // The same draft keeps its prepared signal, so a retry reuses the idempotency key.
      if (this.#prepared?.from !== from) this.#prepared = { signal: prepareSignal(submit.draft, clientName), from };
    } catch (error) {
      const refused = refusedDraft(error);
      this.errors = refused.errors;
      this.situationOpen ||= refused.situationOpen;
      this.youOpen ||= refused.youOpen;
      this.#focusAfterRender = '#f-summary';
      this.dispatchEvent(new SignaalErrorEvent('invalid-input'));
      return;
    }
    this.errors = [];
    if (this.#canSubmit) return this.#deliver();
    this.mail = this.#mailFor(this.#prepared.signal);
    this.#show('mailed', this.#t('mailedTitle'));
  };

  #deliver(): void {
    const prepared = this.#prepared;
    if (!prepared || this.phase === 'sending') return;
    this.phase = 'sending';
    this.#announce(this.#t('sending'));
    void this.#delivery.run([prepared.signal]);
  }

  #delivered(receipt: Receipt): void {
    const kind = this.#prepared?.signal.kind ?? 'signal';
    this.receipt = receipt;
    // Only the reference, token, time and kind; with keepReceipts off nothing is written.
    this.receiptKept = Boolean(this.#config.value?.keepReceipts) && delivery.current!.keepReceipt(receipt, kind);
    this.#mine.refresh();
    this.#clear();
    this.#show('receipt', this.#t(receipt.kind === 'sparring' || kind === 'sparring' ? 'receiptTitleSparring' : 'receiptTitle'));
    this.dispatchEvent(new SignaalSubmittedEvent(receipt));
  }

  #failed(error: unknown): void {
    const code: SignaalErrorCode = isSignaalError(error) ? error.code : 'network';
    this.errorCode = code;
    if (this.#prepared) this.mail = this.#mailFor(this.#prepared.signal);
    this.#show('failed', this.#t('failedSaid', { title: this.#t('failedTitle'), reason: this.#t(`error.${code}`) }));
    // Anything but the SDK's own errors is the delivery chunk failing to load: worth another try.
    this.dispatchEvent(new SignaalErrorEvent(code, isSignaalError(error) ? error.retryable : true));
  }

  /** The signal as an e-mail: to copy, and to open when a mailbox is configured. */
  #mailFor(signal: Signal): MailMessage {
    return composeMail(signal, { to: this.#config.value?.mailbox ?? '' });
  }

  #show(phase: Phase, announcement: string): void {
    this.phase = phase;
    this.#announce(announcement);
    this.#focusAfterRender = '.panel-heading';
  }

  #announce(text: string): void {
    // Re-announce an unchanged text: screen readers read a live region only when it changes.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  #clear(): void {
    this.draft = clearedDraft(this.draft, this.context?.caseReference);
    this.#typedIn.delete('caseReference');
    this.errors = [];
    this.#prepared = undefined;
  }

  #toForm(): void {
    this.phase = 'edit';
    this.#focusAfterRender = '#f-description';
  }

  #discard = () => {
    this.confirmingDiscard = true;
    this.#focusAfterRender = '#f-discard-no';
  };

  #confirmDiscard = (discard: boolean) => {
    this.confirmingDiscard = false;
    if (discard) {
      this.#clear();
      this.#announce(this.#t('discarded'));
    }
    this.#focusAfterRender = discard ? '#f-description' : '#f-discard';
  };

  #onStatusAction = ({ action }: SignaalStatusActionEvent) => {
    if (action === 'retry') this.#deliver();
    else if (action === 'edit') this.#toForm();
    else if (action === 'new-report') {
      this.receipt = undefined;
      this.mail = undefined;
      this.#toForm();
    } else {
      this.#clear();
      this.#show('mailed-done', this.#t('mailedThanks', { officer: this.#officerName }));
    }
  };

  #onAnnounce = (event: SignaalAnnounceEvent) => {
    this.#announce(event.text);
    // The part's control that had focus is gone: back to the summary of the section it is in.
    if (event.returnFocus) (event.target as Element).closest('details')?.querySelector('summary')?.focus();
  };

  #renderForm(config: WidgetConfig) {
    const sending = this.phase === 'sending';
    const draft = this.draft;
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      ${errorSummary({ id: 'f-summary', title: this.#t('errorSummary', { count: this.errors.length }), items: this.errors.map((item) => ({ text: this.#t(errorKey(item, draft.kind)), field: item.field && `f-${item.field}` })) })}
      <div class="plain">
        ${draftFields({
          texts: this.#texts.texts,
          config,
          draft,
          errors: this.errors,
          disabled: sending,
          situationOpen: this.situationOpen,
          youOpen: this.youOpen,
          edit: this.#edit,
          toggle: (section: 'situationOpen' | 'youOpen', open: boolean) => (this[section] = open),
        })}
      </div>
      ${formActions({
        texts: this.#texts.texts,
        sending,
        canSubmit: this.#canSubmit,
        hasText: Boolean(draft.description),
        confirming: this.confirmingDiscard,
        discard: this.#discard,
        confirm: this.#confirmDiscard,
      })}
    </form>`;
  }

  #renderStatus(state: StatusState) {
    return html`<signaal-status
      .texts=${this.#texts.texts}
      .state=${state}
      .receipt=${this.receipt}
      .kept=${this.receiptKept}
      .code=${this.errorCode}
      .mail=${this.mail}
      .mailbox=${this.#config.value?.mailbox}
      .officer=${this.#officerName}
      @signaal-status-action=${this.#onStatusAction}
    ></signaal-status>`;
  }

  override render() {
    const { shown } = this.#texts;
    if (!shown) {
      // The first render waits for the asked language's texts; the button's texts are always here.
      const locale = this.#texts.asked;
      const line = this.#texts.failed ? 'loadFailed' : 'loading';
      return html`<div class="stack" lang=${locale}>
        <p role="status">${textsFor(locale, this.messages).t(line)}</p>
      </div>`;
    }
    const texts = this.#texts.texts;
    const state = this.#config.state;
    const config = state === 'ready' ? this.#config.value : undefined;
    const phase = this.phase;
    return html`<div class="stack" lang=${shown} @signaal-announce=${this.#onAnnounce}>
      ${this.hideTitle ? nothing : html`<h2>${this.#t('title')}</h2>`}
      <p class="emergency" part="emergency"><strong>${this.#t('emergency')}</strong></p>
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${state === 'invalid' ? this.#renderStatus('config-error') : state === 'loading' ? html`<p>${this.#t('configLoading')}</p>` : nothing}
      ${
        config
          ? html`<p class="intro">${this.#t('intro', { officer: this.#officerName })}</p>
              ${config.officer ? html`<signaal-officer .texts=${texts} .officer=${config.officer}></signaal-officer>` : nothing}
              ${phase === 'edit' || phase === 'sending' ? this.#renderForm(config) : this.#renderStatus(phase)}
              ${this.#canSubmit ? this.#mine.render({ texts, client: this.#delivery.client, config, officer: this.#officerName }) : nothing}`
          : nothing
      }
      <signaal-info .texts=${texts} .config=${config} .openRoutes=${state === 'invalid'}></signaal-info>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-form': SignaalForm;
  }
}
