import {
  composeMail,
  indicators,
  isSignaalError,
  prepareSignal,
  type ClientOptions,
  type FieldIssue,
  type MailMessage,
  type Receipt,
  type SignaalClient,
  type SignaalErrorCode,
  type Signal,
  type SignalDraft,
  type WidgetConfig,
} from '@signaal/sdk';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { SignaalErrorEvent, SignaalSubmitEvent, SignaalSubmittedEvent } from './events.js';
import type { SignaalAnnounceEvent, SignaalStatusActionEvent } from './part-events.js';
import { resolveLocale, type WidgetLocale } from './locale.js';
import { buttonEn, buttonNl } from './messages/button.js';
import { addTexts, loadedMessages, loadMessages } from './messages/load-messages.js';
import { delivery } from './network.js';
import type { MessageKey, Messages } from './messages/nl.js';
import type { SignaalMySignals } from './signaal-my-signals.js';
import { define } from './registry.js';
import { resolveConfig } from './resolve-config.js';
import { changedJson } from './same-json.js';
import type { FormPart } from './form-part.js';
import { errorSummary, textField } from './form-fields.js';
import { formStyles } from './signaal-form.styles.js';
import { SignaalInfo } from './signaal-info.js';
import { SignaalOfficer } from './signaal-officer.js';
import { SignaalStatus, type StatusState } from './signaal-status.js';
import { textsFor, type Texts } from './texts.js';
import { VERSION } from './version.js';

/** The logged-in employee, as the host application knows them; used to prefill the form. */
export interface SignaalReporter {
  name?: string;
  department?: string;
  phone?: string;
  email?: string;
}

/** What the host application knows about the case on screen. */
export interface SignaalContext {
  /** Prefills the (editable) case reference. */
  caseReference?: string;
  /** The host system's name, sent along with the signal. */
  sourceSystem?: string;
}

/** SDK client options the host may set; endpoint and mailbox come from the configuration. */
export type WidgetClientOptions = Omit<ClientOptions, 'endpoint' | 'mailbox' | 'client'>;

type Phase = 'edit' | 'sending' | Exclude<StatusState, 'config-error'>;
type Field = 'description' | 'place' | 'time' | 'caseReference' | 'name' | 'department' | 'phone' | 'email' | 'callbackWhen';
interface FieldError {
  field?: Field;
  key: MessageKey;
}

const settings = ['counter', 'home-visit', 'inspection', 'phone', 'other'] as const;
const callbacks = ['phone', 'email', 'in-person', 'chat'] as const;
/** How the widget names itself in every signal it sends. */
const clientName = `@signaal/widget@${VERSION}`;
const fieldPaths: Record<string, Field> = {
  description: 'description',
  place: 'place',
  time: 'time',
  caseReference: 'caseReference',
  'reporter.name': 'name',
  'reporter.department': 'department',
  'reporter.phone': 'phone',
  'reporter.email': 'email',
  'reporter.callback.when': 'callbackWhen',
};
const reporterFields: readonly Field[] = ['name', 'department', 'phone', 'email', 'callbackWhen'];
const situationFields: readonly Field[] = ['place', 'time', 'caseReference'];
const reporterPrefills = ['name', 'department', 'phone', 'email'] as const;

const trimmed = (value: string) => value.trim() || undefined;
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
 * @event signaal-submit - About to deliver; cancelable. `event.draft` may receive host context.
 * @event signaal-submitted - Delivered; `event.receipt` is the receipt the SDK validated.
 * @event signaal-error - Delivery or configuration failed; `event.code` is the SDK's error code.
 *
 * @csspart form - The native `<form>`.
 * @csspart emergency - The "Acute danger? Call 112." line.
 * @csspart officer - The designated officer's card.
 * @csspart submit - The send button.
 * @csspart info - The "good to know" section (what to share, what happens next, FAQ, routes).
 * @csspart status - The visible state panel (receipt, failure, mailbox instructions, configuration error).
 * @csspart mine - The "my signals" section: kept receipts with their status, a lookup, and figures.
 *
 * @cssproperty --signaal-accent-color - Buttons and links (falls back to `--utrecht-button-primary-action-background-color`).
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

  /** The backend's base URL (`https:`, or `http:` on loopback); relative URLs are resolved against the page. */
  @property() endpoint?: string | undefined;
  /** The municipality's signal mailbox. Without an endpoint, the form composes an e-mail instead. */
  @property() mailbox?: string | undefined;
  /** A URL serving the configuration as JSON, read once through the SDK. */
  @property({ attribute: 'config-src' }) configSrc?: string | undefined;
  /** The whole configuration object (see the SDK's `WidgetConfig`); validated before use. */
  @property({ attribute: false, hasChanged: changedJson }) config?: unknown;
  /** Text overrides per language: `{ nl: { title: '…' }, en: { … } }`. */
  @property({ attribute: false, hasChanged: changedJson }) messages?: { nl?: Partial<Messages>; en?: Partial<Messages> } | undefined;
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

  @state() private configState: 'loading' | 'ready' | 'invalid' = 'loading';
  /** The language whose texts are shown; undefined until the first language's texts are here. */
  @state() private textsLocale: WidgetLocale | undefined;
  /** Neither the asked language's texts nor the Dutch ones could be fetched. */
  @state() private textsFailed = false;
  @state() private resolved?: WidgetConfig;
  @state() private phase: Phase = 'edit';
  @state() private kind: 'signal' | 'sparring' = 'signal';
  @state() private description = '';
  @state() private chosen = new Set<string>();
  @state() private setting = '';
  @state() private place = '';
  @state() private time = '';
  @state() private caseReference = '';
  @state() private name = '';
  @state() private department = '';
  @state() private phone = '';
  @state() private email = '';
  @state() private callbackHow = '';
  @state() private callbackWhen = '';
  @state() private confidentiality: 'confidential' | 'anonymous' = 'confidential';
  @state() private errors: FieldError[] = [];
  @state() private errorCode: SignaalErrorCode | undefined;
  @state() private receipt: Receipt | undefined;
  @state() private mail: MailMessage | undefined;
  @state() private confirmingDiscard = false;
  @state() private announcement = '';
  @state() private situationOpen = false;
  @state() private youOpen = false;
  @state() private receiptKept = false;
  @state() private mineOpen = false;
  /** The "my signals" view's code: not asked for yet, loading, failed to load, or there. */
  @state() private mineView: 'none' | 'loading' | 'failed' | 'ready' = 'none';

  @query('#f-description') private descriptionField?: HTMLTextAreaElement | null;
  /** "My signals", once its chunk is here and its section has been opened. */
  @query('signaal-my-signals') private mine?: SignaalMySignals | null;
  /** The SDK client for the current configuration, made once its chunk is here. */
  #made: { from: WidgetConfig; client: SignaalClient } | undefined;
  #prepared: Signal | undefined;
  #preparedFrom: string | undefined;
  #configRun?: AbortController;
  /** Settles once the current configuration is resolved, valid or not. */
  #configured: Promise<void> = Promise.resolve();
  #focusAfterRender: string | undefined;
  /** The texts on screen, made anew when the language or an override changes (the parts re-render then). */
  #texts!: Texts;
  /** Fields the employee typed in: the host's prefill no longer touches them. */
  #typedIn = new Set<Field>();
  /** The language whose texts are being fetched, so each switch fetches once. */
  #textsWanted: WidgetLocale | undefined;
  /** Settles once the wanted language's texts are shown (or Dutch, if they failed to load). */
  #textsReady: Promise<void> = Promise.resolve();

  /** `lang` is not a reactive property (it stays the native one); its changes re-render. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  constructor() {
    super();
    for (const [tag, part] of Object.entries(parts)) define(tag, part);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('beforeunload', this.#onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('beforeunload', this.#onBeforeUnload);
    this.#configRun?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.#useTexts(this.#locale);
    if (!this.#texts || changed.has('textsLocale') || changed.has('messages') || changed.has('resolved')) {
      this.#texts = textsFor(this.#shown, this.messages, this.resolved?.messages);
    }
    // The first update resolves even with no source at all, so an unconfigured form says so.
    if (!this.hasUpdated || changed.has('endpoint') || changed.has('mailbox') || changed.has('configSrc') || changed.has('config')) void this.#configure();
    // The configuration does not depend on the client options; only the client, made anew on next use.
    if (changed.has('clientOptions')) this.#made = undefined;
    if (changed.has('reporter')) for (const field of reporterPrefills) if (!this.#typedIn.has(field)) this[field] = this.reporter?.[field] ?? '';
    if (changed.has('context') && !this.#typedIn.has('caseReference')) this.caseReference = this.context?.caseReference ?? '';
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
    return this.description.trim() !== '' && this.phase !== 'receipt' && this.phase !== 'mailed-done';
  }

  /** Moves focus to the first field (the description), once the configuration is known. */
  async focusFirstField(): Promise<void> {
    await this.updateComplete;
    await this.#configured;
    await this.#textsReady;
    await this.updateComplete;
    const target =
      this.descriptionField ?? this.renderRoot.querySelector<HTMLElement>('[data-autofocus], h2, h3[tabindex]');
    target?.focus();
  }

  #configure(): Promise<void> {
    this.#configured = this.#resolveConfiguration();
    return this.#configured;
  }

  async #resolveConfiguration(): Promise<void> {
    this.#configRun?.abort();
    const run = (this.#configRun = new AbortController());
    // A form in use stays on screen, with its draft and focus, while a new configuration resolves.
    if (this.configState !== 'ready') this.configState = 'loading';
    try {
      const config = await resolveConfig(
        { configSrc: this.configSrc, config: this.config, endpoint: this.endpoint, mailbox: this.mailbox },
        run.signal,
      );
      if (run.signal.aborted) return;
      this.resolved = config;
      const modes = config.modes ?? ['signal', 'sparring'];
      if (!modes.includes(this.kind)) this.kind = modes[0] ?? 'signal';
      this.configState = 'ready';
    } catch (error) {
      if (run.signal.aborted) return;
      this.configState = 'invalid';
      const issues = isSignaalError(error) && 'issues' in error ? (error.issues as FieldIssue[]) : [];
      const unset = !this.endpoint && !this.mailbox && !this.configSrc && this.config == null;
      // One message for the integrator: the fields, never values.
      console.error(
        '[signaal] The widget configuration is invalid or could not be loaded:',
        unset
          ? 'none was given (set endpoint, mailbox, config or config-src)'
          : issues.length
            ? issues.map((issue) => `${issue.path || '(root)'}: ${issue.code}`).join(', ')
            : isSignaalError(error)
              ? error.code
              : 'unknown',
      );
      this.dispatchEvent(new SignaalErrorEvent('invalid-config'));
    }
  }

  /** Whether signals go to a backend (else to the mailbox). */
  get #canSubmit(): boolean {
    return Boolean(this.resolved?.endpoint || this.clientOptions?.transport);
  }

  /** The SDK client, once its chunk has been fetched (see `#connect`). */
  get #client(): SignaalClient | undefined {
    const create = delivery.current?.createClient;
    const config = this.resolved;
    if (!create || !config) return undefined;
    if (this.#made?.from !== config) {
      const client = create({
        ...this.clientOptions,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        ...(config.mailbox ? { mailbox: config.mailbox } : {}),
        client: clientName,
      });
      this.#made = { from: config, client };
    }
    return this.#made.client;
  }

  /** Fetches the SDK's HTTP client on first need; rejects if its chunk cannot be loaded. */
  async #connect(): Promise<SignaalClient> {
    await delivery();
    return this.#client!;
  }

  /** The signal as an e-mail: to copy, and to open when a mailbox is configured. */
  #mailFor(signal: Signal): MailMessage {
    return composeMail(signal, { to: this.resolved?.mailbox ?? '' });
  }

  /** The language the page asks for (see `resolveLocale`). */
  get #locale(): WidgetLocale {
    return resolveLocale(this, this.resolved?.locale);
  }

  /** The language on screen: the asked one once its texts are here; Dutch until then or if they fail. */
  get #shown(): WidgetLocale {
    return this.textsLocale ?? 'nl';
  }

  /**
   * Shows a language's texts, fetching them first if needed. Until they are here the previous
   * language stays on screen (or, on the first render, a loading line in the asked language),
   * so the form is never half translated. If they cannot be fetched, Dutch is shown; if those
   * cannot be fetched either, the loading line says the form could not be loaded.
   */
  #useTexts(locale: WidgetLocale): void {
    if (loadedMessages(locale)) {
      this.textsLocale = locale;
      this.#textsWanted = undefined;
      return;
    }
    if (this.#textsWanted === locale) return;
    this.#textsWanted = locale;
    this.#textsReady = loadMessages(locale).then(
      () => {
        if (this.#textsWanted === locale) this.requestUpdate();
      },
      () => {
        if (this.#textsWanted !== locale) return;
        if (locale === 'nl') return this.#textsLost();
        console.error(`[signaal] The ${locale} texts could not be loaded; the form is shown in Dutch.`);
        return loadMessages('nl').then(
          () => {
            if (this.#textsWanted === locale) this.textsLocale = 'nl';
          },
          () => this.#textsLost(),
        );
      },
    );
  }

  #textsLost(): void {
    console.error('[signaal] The texts of the form could not be loaded.');
    this.textsFailed = true;
  }

  #t(key: MessageKey, values?: Record<string, string>): string {
    return this.#texts.t(key, values);
  }

  get #officerName(): string {
    return this.resolved?.officer?.name ?? this.#t('officerFallback');
  }

  #reporter(): SignalDraft['reporter'] {
    if (this.confidentiality === 'anonymous') return undefined;
    const callback = {
      ...(this.callbackHow ? { how: this.callbackHow as (typeof callbacks)[number] } : {}),
      ...(trimmed(this.callbackWhen) ? { when: this.callbackWhen.trim() } : {}),
    };
    const reporter = {
      ...(trimmed(this.name) ? { name: this.name.trim() } : {}),
      ...(trimmed(this.department) ? { department: this.department.trim() } : {}),
      ...(trimmed(this.phone) ? { phone: this.phone.trim() } : {}),
      ...(trimmed(this.email) ? { email: this.email.trim() } : {}),
      ...(Object.keys(callback).length ? { callback } : {}),
    };
    return Object.keys(reporter).length ? reporter : undefined;
  }

  #draft(): SignalDraft {
    const reporter = this.#reporter();
    const common = {
      description: this.description,
      locale: this.#locale,
      confidentiality: this.kind === 'sparring' ? 'confidential' : this.confidentiality,
      ...(trimmed(this.time) ? { time: this.time.trim() } : {}),
      ...(this.context?.sourceSystem ? { sourceSystem: this.context.sourceSystem } : {}),
      ...(reporter ? { reporter } : {}),
    } as const;
    if (this.kind === 'sparring') return { kind: 'sparring', ...common };
    return {
      kind: 'signal',
      ...common,
      ...(this.chosen.size ? { indicators: indicators.filter((item) => this.chosen.has(item.id)).map((item) => item.id) } : {}),
      ...(this.setting ? { setting: this.setting as (typeof settings)[number] } : {}),
      ...(trimmed(this.place) ? { place: this.place.trim() } : {}),
      ...(trimmed(this.caseReference) ? { caseReference: this.caseReference.trim() } : {}),
    };
  }

  #fieldErrors(issues: readonly FieldIssue[]): FieldError[] {
    return issues.map((issue) => {
      const field = fieldPaths[issue.path];
      const key: MessageKey =
        field === 'description' && (issue.code === 'required' || issue.code === 'too-short')
          ? 'invalid.description'
          : issue.code === 'invalid-email'
            ? 'invalid.email'
            : issue.code === 'too-long'
              ? 'invalid.too-long'
              : field
                ? 'invalid.other'
                : 'error.invalid-input';
      return field ? { field, key } : { key };
    });
  }

  #onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.phase === 'sending' || !this.resolved) return;
    const submit = new SignaalSubmitEvent(this.#draft());
    this.dispatchEvent(submit);
    if (submit.defaultPrevented) {
      this.#announce(this.#t('blocked'));
      return;
    }
    const from = JSON.stringify(submit.draft);
    let prepared: Signal;
    try {
      // The same draft keeps its prepared signal, so a retry reuses the idempotency key.
      prepared = this.#prepared && this.#preparedFrom === from ? this.#prepared : prepareSignal(submit.draft, clientName);
    } catch (error) {
      const issues = isSignaalError(error) && 'issues' in error ? (error.issues as FieldIssue[]) : [{ path: '', code: 'invalid' }];
      this.errors = this.#fieldErrors(issues);
      if (this.errors.some((item) => item.field && situationFields.includes(item.field))) this.situationOpen = true;
      if (this.errors.some((item) => item.field && reporterFields.includes(item.field))) this.youOpen = true;
      this.#focusAfterRender = '#f-summary';
      this.dispatchEvent(new SignaalErrorEvent('invalid-input'));
      return;
    }
    this.errors = [];
    this.#prepared = prepared;
    this.#preparedFrom = from;
    if (!this.#canSubmit) {
      this.mail = this.#mailFor(prepared);
      this.#show('mailed', this.#t('mailedTitle'));
      return;
    }
    await this.#deliver();
  };

  async #deliver(): Promise<void> {
    const prepared = this.#prepared;
    if (!prepared || this.phase === 'sending') return;
    this.phase = 'sending';
    this.#announce(this.#t('sending'));
    try {
      // The HTTP client's chunk comes on the first delivery; failing to fetch it is a network failure.
      const client = await this.#connect();
      const receipt = await client.submit(prepared);
      this.receipt = receipt;
      // Only the reference, token, time and kind; with keepReceipts off nothing is written.
      this.receiptKept = Boolean(this.resolved?.keepReceipts) && delivery.current!.keepReceipt(receipt, prepared.kind);
      if (this.mineOpen) void this.mine?.refresh();
      this.#clear();
      this.#show('receipt', this.#t(receipt.kind === 'sparring' || prepared.kind === 'sparring' ? 'receiptTitleSparring' : 'receiptTitle'));
      this.dispatchEvent(new SignaalSubmittedEvent(receipt));
    } catch (error) {
      const code: SignaalErrorCode = isSignaalError(error) ? error.code : 'network';
      this.errorCode = code;
      this.mail = this.#mailFor(prepared);
      this.#show('failed', `${this.#t('failedTitle')}. ${this.#t(`error.${code}`)}`);
      // Anything but the SDK's own errors is the delivery chunk failing to load: worth another try.
      this.dispatchEvent(new SignaalErrorEvent(code, isSignaalError(error) ? error.retryable : true));
    }
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
    this.description = '';
    this.chosen = new Set();
    this.setting = '';
    this.place = '';
    this.time = '';
    this.caseReference = this.context?.caseReference ?? '';
    this.#typedIn.delete('caseReference');
    this.callbackWhen = '';
    this.errors = [];
    this.#prepared = undefined;
    this.#preparedFrom = undefined;
  }

  #backToForm = () => {
    this.phase = 'edit';
    this.#focusAfterRender = '#f-description';
  };

  #newReport = () => {
    this.receipt = undefined;
    this.mail = undefined;
    this.phase = 'edit';
    this.#focusAfterRender = '#f-description';
  };

  #mailedDone = () => {
    this.#clear();
    this.#show('mailed-done', this.#t('mailedThanks', { officer: this.#officerName }));
  };

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

  #onStatusAction = (event: SignaalStatusActionEvent) => {
    if (event.action === 'retry') void this.#deliver();
    else if (event.action === 'edit') this.#backToForm();
    else if (event.action === 'new-report') this.#newReport();
    else this.#mailedDone();
  };

  #onAnnounce = (event: SignaalAnnounceEvent) => {
    this.#announce(event.text);
    // The part's control that had focus is gone: back to the summary of the section it is in.
    if (event.returnFocus) (event.target as Element).closest('details')?.querySelector('summary')?.focus();
  };

  #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.hasUnsentText) return;
    event.preventDefault();
    // Older browsers need a returnValue; its text is never shown.
    event.returnValue = '';
  };

  #errorFor(field: Field): FieldError | undefined {
    return this.errors.find((item) => item.field === field);
  }

  #onMineToggle = (event: Event) => {
    const open = (event.target as HTMLDetailsElement).open;
    if (open === this.mineOpen) return;
    this.mineOpen = open;
    if (!open) this.mine?.stop();
    else if (this.mineView === 'ready') void this.mine?.refresh();
    else void this.#loadMine();
  };

  /** Loads the "my signals" view's chunk on first open; a failure says so inside the section. */
  async #loadMine(): Promise<void> {
    if (this.mineView === 'loading') return;
    this.mineView = 'loading';
    this.#announce(this.#t('mineOpening'));
    try {
      // The view and, for status lookups, the HTTP client: both on demand.
      const [{ SignaalMySignals, mineTexts }] = await Promise.all([import('./signaal-my-signals.js'), this.#canSubmit ? delivery() : undefined]);
      addTexts(mineTexts);
      define('signaal-my-signals', SignaalMySignals);
      this.mineView = 'ready';
      this.announcement = '';
      await this.updateComplete;
      if (this.mineOpen) await this.mine?.refresh();
    } catch {
      this.mineView = 'failed';
      this.#announce(this.#t('mineLoadFailed'));
    }
  }

  #input(
    field: Field,
    label: MessageKey,
    value: string,
    set: (value: string) => void,
    options: { type?: string; autocomplete?: string; hint?: MessageKey; required?: boolean; rows?: number } = {},
  ) {
    const error = this.#errorFor(field);
    return textField({
      ...options,
      id: `f-${field}`,
      label: this.#t(label),
      necessity: this.#t(options.required ? 'required' : 'optional'),
      hint: options.hint && this.#t(options.hint),
      error: error && this.#t(error.key),
      value,
      input: (value) => {
        this.#typedIn.add(field);
        set(value);
      },
    });
  }

  #renderSummary(errors: readonly FieldError[], id: string) {
    const items = errors.map((item) => ({ text: this.#t(item.key), field: item.field && `f-${item.field}` }));
    return errorSummary({ id, title: this.#t('errorSummary'), items });
  }

  #renderForm(config: WidgetConfig) {
    const modes = config.modes ?? ['signal', 'sparring'];
    const sending = this.phase === 'sending';
    const sparring = this.kind === 'sparring';
    const anonymous = config.allowAnonymous && !sparring && this.confidentiality === 'anonymous';
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      ${this.#renderSummary(this.errors, 'f-summary')}
      <fieldset class="plain" ?disabled=${sending}>
        ${modes.length > 1
          ? html`<fieldset class="modes">
              <legend>${this.#t('modeLegend')}</legend>
              ${modes.map(
                (mode) => html`<label class="choice">
                  <input
                    type="radio"
                    name="kind"
                    value=${mode}
                    .checked=${this.kind === mode}
                    @change=${() => (this.kind = mode)}
                  />
                  <span>${this.#t(mode === 'signal' ? 'modeSignal' : 'modeSparring')}</span>
                </label>`,
              )}
            </fieldset>`
          : nothing}
        ${this.#input('description', sparring ? 'descriptionSparring' : 'descriptionSignal', this.description, (value) => (this.description = value), {
          hint: sparring ? 'sparringHint' : 'descriptionHint',
          required: true,
          rows: 5,
        })}
        ${sparring
          ? nothing
          : html`<details class="section" .open=${this.situationOpen} @toggle=${(event: Event) => (this.situationOpen = (event.target as HTMLDetailsElement).open)}>
              <summary>${this.#t('situation')} <span class="optional">${this.#t('optional')}</span></summary>
              <fieldset class="chips">
                <legend>${this.#t('indicatorsLegend')} <span class="optional">${this.#t('optional')}</span></legend>
                ${indicators.map(
                  (item) => html`<label class="chip">
                    <input
                      type="checkbox"
                      .checked=${this.chosen.has(item.id)}
                      @change=${(event: Event) => {
                        const next = new Set(this.chosen);
                        if ((event.target as HTMLInputElement).checked) next.add(item.id);
                        else next.delete(item.id);
                        this.chosen = next;
                      }}
                    />
                    <span>${item.label[this.#shown]}</span>
                  </label>`,
                )}
              </fieldset>
              <div class="field">
                <label for="f-setting">${this.#t('setting')} <span class="optional">${this.#t('optional')}</span></label>
                <select id="f-setting" .value=${this.setting} @change=${(event: Event) => (this.setting = (event.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${!this.setting}>${this.#t('settingNone')}</option>
                  ${settings.map((value) => html`<option value=${value} ?selected=${this.setting === value}>${this.#t(`setting.${value}`)}</option>`)}
                </select>
              </div>
              ${this.#input('place', 'place', this.place, (value) => (this.place = value))}
              ${this.#input('time', 'time', this.time, (value) => (this.time = value), { hint: 'timeHint' })}
              ${this.#input('caseReference', 'caseReference', this.caseReference, (value) => (this.caseReference = value))}
            </details>`}
        <details class="section" .open=${this.youOpen} @toggle=${(event: Event) => (this.youOpen = (event.target as HTMLDetailsElement).open)}>
          <summary>${this.#t('you')} <span class="optional">${this.#t('optional')}</span></summary>
          ${config.allowAnonymous && !sparring
            ? html`<fieldset>
                <legend>${this.#t('confidentialityLegend')}</legend>
                ${(['confidential', 'anonymous'] as const).map(
                  (value) => html`<label class="choice">
                    <input
                      type="radio"
                      name="confidentiality"
                      value=${value}
                      .checked=${this.confidentiality === value}
                      aria-describedby=${value === 'anonymous' ? 'f-anonymous-caveat' : nothing}
                      @change=${() => (this.confidentiality = value)}
                    />
                    <span>${this.#t(value)}</span>
                  </label>`,
                )}
                <p class="hint" id="f-anonymous-caveat">${this.#t('anonymousCaveat')}</p>
              </fieldset>`
            : html`<p class="hint">${this.#t('confidential')}.</p>`}
          ${anonymous
            ? html`<p class="hint">${this.#t('anonymousHidden')}</p>`
            : html`${this.#input('name', 'name', this.name, (value) => (this.name = value), { autocomplete: 'name' })}
              ${this.#input('department', 'department', this.department, (value) => (this.department = value), { autocomplete: 'organization-title' })}
              ${this.#input('phone', 'phone', this.phone, (value) => (this.phone = value), { type: 'tel', autocomplete: 'tel' })}
              ${this.#input('email', 'email', this.email, (value) => (this.email = value), { type: 'email', autocomplete: 'email' })}
              <div class="field">
                <label for="f-callbackHow">${this.#t('callbackHow')} <span class="optional">${this.#t('optional')}</span></label>
                <select id="f-callbackHow" @change=${(event: Event) => (this.callbackHow = (event.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${!this.callbackHow}>${this.#t('callbackNone')}</option>
                  ${callbacks.map((value) => html`<option value=${value} ?selected=${this.callbackHow === value}>${this.#t(`callback.${value}`)}</option>`)}
                </select>
              </div>
              ${this.#input('callbackWhen', 'callbackWhen', this.callbackWhen, (value) => (this.callbackWhen = value))}`}
        </details>
      </fieldset>
      <div class="actions">
        <button part="submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${sending ? this.#t('sending') : this.#t(this.#canSubmit ? 'submit' : 'submitMail')}
        </button>
        ${this.description && !sending && !this.confirmingDiscard
          ? html`<button id="f-discard" class="secondary" type="button" @click=${this.#discard}>${this.#t('discard')}</button>`
          : nothing}
      </div>
      ${this.confirmingDiscard
        ? html`<div class="confirm" role="group" aria-labelledby="f-discard-question">
            <p id="f-discard-question">${this.#t('discardConfirm')}</p>
            <button class="secondary" id="f-discard-no" type="button" @click=${() => this.#confirmDiscard(false)}>${this.#t('discardNo')}</button>
            <button type="button" @click=${() => this.#confirmDiscard(true)}>${this.#t('discardYes')}</button>
          </div>`
        : nothing}
    </form>`;
  }

  #renderStatus(state: StatusState) {
    return html`<signaal-status
      .texts=${this.#texts}
      .state=${state}
      .receipt=${this.receipt}
      .kept=${this.receiptKept}
      .code=${this.errorCode}
      .mail=${this.mail}
      .mailbox=${this.resolved?.mailbox}
      .officer=${this.#officerName}
      @signaal-status-action=${this.#onStatusAction}
    ></signaal-status>`;
  }

  #renderMine() {
    if (!this.#canSubmit) return nothing;
    const view = this.mineView;
    return html`<details class="mine" part="mine" id="f-mine" .open=${this.mineOpen} @toggle=${this.#onMineToggle}>
      <summary>${this.#t('mineTitle')}</summary>
      <p>${this.#t('mineIntro', { officer: this.#officerName })}</p>
      ${view === 'ready'
        ? html`<signaal-my-signals
            .texts=${this.#texts}
            .client=${this.#client}
            .keepReceipts=${Boolean(this.resolved?.keepReceipts)}
            .showStats=${Boolean(this.resolved?.showStats)}
          ></signaal-my-signals>`
        : view === 'failed'
          ? html`<p class="error">${this.#t('mineLoadFailed')}</p>
              <button class="secondary" type="button" @click=${() => void this.#loadMine()}>${this.#t('retry')}</button>`
          : view === 'loading'
            ? html`<p class="hint">${this.#t('mineOpening')}</p>`
            : nothing}
    </details>`;
  }

  override render() {
    if (!this.textsLocale) {
      // The first render waits for the asked language's texts; the button's texts are always here.
      const locale = this.#locale;
      const line = this.textsFailed ? 'loadFailed' : 'loading';
      return html`<div class="stack" lang=${locale}>
        <p role="status">${this.messages?.[locale]?.[line] ?? (locale === 'en' ? buttonEn : buttonNl)[line]}</p>
      </div>`;
    }
    const config = this.configState === 'ready' ? this.resolved : undefined;
    const phase = this.phase;
    const editing = phase === 'edit' || phase === 'sending';
    return html`<div class="stack" lang=${this.#shown} @signaal-announce=${this.#onAnnounce}>
      ${this.hideTitle ? nothing : html`<h2>${this.#t('title')}</h2>`}
      <p class="emergency" part="emergency"><strong>${this.#t('emergency')}</strong></p>
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${this.configState === 'invalid'
        ? this.#renderStatus('config-error')
        : this.configState === 'loading'
          ? html`<p>${this.#t('configLoading')}</p>`
          : nothing}
      ${config
        ? html`<p class="intro">${this.#t('intro', { officer: this.#officerName })}</p>
            ${config.officer ? html`<signaal-officer .texts=${this.#texts} .officer=${config.officer}></signaal-officer>` : nothing} ${editing ? this.#renderForm(config) : this.#renderStatus(phase)} ${this.#renderMine()}`
        : nothing}
      <signaal-info .texts=${this.#texts} .config=${config} .openRoutes=${this.configState === 'invalid'}></signaal-info>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-form': SignaalForm;
  }
}
