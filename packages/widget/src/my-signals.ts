/**
 * The "my signals" view inside `<signaal-form>`: kept receipts with their status, a lookup of a
 * typed reference and token, and figures. Loaded as its own chunk when the section first opens;
 * it renders into the form's shadow root through the form's own helpers, so texts, ids and focus
 * behave as in the rest of the form. Keeping a receipt after delivery stays in the form.
 */
import { isSignaalError, type SignaalClient, type Stats, type Status, type WidgetConfig } from '@signaal/sdk';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { WidgetLocale } from './locale.js';
import { mineEn, mineNl } from './messages/mine.js';
import type { MessageKey } from './messages/nl.js';
import { forgetReceipt, readReceipts, type KeptReceipt } from './receipt-store.js';

/** This view's default texts, in both languages (the form looks them up after its own). */
export const mineTexts = { nl: mineNl, en: mineEn } as const;

/** The lookup's fields, named as the form names its fields (`#f-lookupReference`). */
export type LookupField = 'lookupReference' | 'lookupToken';
/** A lookup field's error, in the form's error summary shape. */
export interface LookupError {
  field?: LookupField;
  key: MessageKey;
}

/** What the view needs from the form: its state, texts and render helpers. */
export interface MySignalsHost extends ReactiveControllerHost {
  client(): SignaalClient | undefined;
  config(): WidgetConfig | undefined;
  locale(): WidgetLocale;
  t(key: MessageKey, values?: Record<string, string>): string;
  announce(text: string): void;
  focusAfterRender(selector: string): void;
  input(field: LookupField, label: MessageKey, value: string, set: (value: string) => void, options: { type?: string; required?: boolean }): TemplateResult;
  summary(errors: readonly LookupError[], id: string): TemplateResult | typeof nothing;
}

/** A receipt the view follows: kept in this browser, or typed in (memory only). */
type Tracked = Pick<KeptReceipt, 'reference' | 'token'> & Partial<KeptReceipt>;
/** One receipt's current status, or why it could not be fetched. */
type Lookup = 'loading' | { status: Status } | { failure: string };

export class MySignals implements ReactiveController {
  /** The lookup's field errors, for the form's `aria-invalid` and inline errors. */
  errors: LookupError[] = [];
  #kept: KeptReceipt[] = [];
  #looked: Tracked | undefined;
  #lookups = new Map<string, Lookup>();
  #reference = '';
  #token = '';
  #stats: Stats | 'loading' | undefined;
  #run?: AbortController;

  constructor(private readonly host: MySignalsHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Stops fetching, e.g. when the section closes. */
  stop(): void {
    this.#run?.abort();
  }

  /** Reads the kept receipts again and fetches every status (and the figures, if configured). */
  async refresh(): Promise<void> {
    const { host } = this;
    const client = host.client();
    if (!client?.canSubmit) return;
    const run = this.#restart();
    this.#kept = host.config()?.keepReceipts ? readReceipts() : [];
    if (host.config()?.showStats) void this.#loadStats(client, run.signal);
    const tracked = this.#tracked();
    host.requestUpdate();
    if (!tracked.length) return;
    this.#lookups = new Map(tracked.map((item) => [item.reference, 'loading']));
    host.announce(host.t('mineLoading'));
    const fetched = await Promise.all(tracked.map((item) => this.#fetchStatus(client, item, run.signal)));
    if (!run.signal.aborted) host.announce(host.t(fetched.every(Boolean) ? 'mineLoaded' : 'mineSomeFailed'));
  }

  #restart(): AbortController {
    this.#run?.abort();
    return (this.#run = new AbortController());
  }

  #tracked(): Tracked[] {
    const looked = this.#looked;
    return looked && !this.#kept.some((item) => item.reference === looked.reference) ? [...this.#kept, looked] : this.#kept;
  }

  /** Fetches one status; a failure shows beside that receipt only. */
  async #fetchStatus(client: SignaalClient, item: Tracked, signal: AbortSignal): Promise<boolean> {
    const { host } = this;
    let lookup: Lookup;
    try {
      lookup = { status: await client.status({ reference: item.reference, statusToken: item.token }, { signal }) };
    } catch (error) {
      const code = isSignaalError(error) ? error.code : 'network';
      // A wrong token and an unknown reference get the same answer from the backend: 404.
      lookup = { failure: code === 'rejected' ? host.t('mineNotFound') : host.t('mineFailed', { reason: host.t(`error.${code}`) }) };
    }
    if (signal.aborted) return false;
    this.#lookups = new Map(this.#lookups).set(item.reference, lookup);
    host.requestUpdate();
    return 'status' in lookup;
  }

  async #loadStats(client: SignaalClient, signal: AbortSignal): Promise<void> {
    this.#stats = 'loading';
    let stats: Stats | undefined;
    try {
      stats = await client.stats({ signal });
    } catch {
      // Figures are a nicety: without them the view simply shows none.
    }
    if (signal.aborted) return;
    this.#stats = stats;
    this.host.requestUpdate();
  }

  #onLookup = async (event: SubmitEvent) => {
    event.preventDefault();
    const { host } = this;
    const client = host.client();
    const reference = this.#reference.trim();
    const token = this.#token.trim();
    const errors: LookupError[] = [];
    if (!reference || reference.length > 64) errors.push({ field: 'lookupReference', key: 'invalid.lookupReference' });
    if (token.length < 22 || token.length > 256) errors.push({ field: 'lookupToken', key: 'invalid.lookupToken' });
    this.errors = errors;
    host.requestUpdate();
    if (errors.length) {
      host.focusAfterRender('#f-lookup-summary');
      return;
    }
    if (!client) return;
    const run = this.#restart();
    const looked = { reference, token };
    this.#looked = looked;
    this.#lookups = new Map(this.#lookups).set(reference, 'loading');
    host.announce(host.t('mineLoading'));
    const found = await this.#fetchStatus(client, looked, run.signal);
    if (run.signal.aborted) return;
    const lookup = this.#lookups.get(reference);
    host.announce(found ? host.t('mineLoaded') : typeof lookup === 'object' && 'failure' in lookup ? lookup.failure : '');
  };

  #forget(reference: string): void {
    forgetReceipt(reference);
    this.#kept = this.#kept.filter((item) => item.reference !== reference);
    this.host.announce(this.host.t('mineForgotten', { reference }));
    this.host.focusAfterRender('#f-mine > summary');
  }

  #date(iso: string, time = true): string {
    const options: Intl.DateTimeFormatOptions = time ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
    return new Intl.DateTimeFormat(this.host.locale() === 'en' ? 'en-GB' : 'nl-NL', options).format(new Date(iso));
  }

  #renderTracked(item: Tracked) {
    const { host } = this;
    const lookup = this.#lookups.get(item.reference);
    const kept = this.#kept.includes(item as KeptReceipt);
    const status = typeof lookup === 'object' && 'status' in lookup ? lookup.status : undefined;
    return html`<li class="receipt">
      <p><strong class="reference">${item.reference}</strong>${item.kind ? html` · ${host.t(`kind.${item.kind}`)}` : nothing}</p>
      ${item.receivedAt || status
        ? html`<dl>
            ${item.receivedAt ? html`<dt>${host.t('mineSentAt')}</dt><dd>${this.#date(item.receivedAt)}</dd>` : nothing}
            ${status
              ? html`<dt>${host.t('mineState')}</dt><dd class="state">${host.t(`state.${status.state}`)}</dd>
                  <dt>${host.t('mineUpdatedAt')}</dt><dd>${this.#date(status.updatedAt)}</dd>
                  ${status.message ? html`<dt>${host.t('mineMessage')}</dt><dd class="message">${status.message}</dd>` : nothing}`
              : nothing}
          </dl>`
        : nothing}
      ${lookup === 'loading' ? html`<p class="hint">${host.t('mineLoading')}</p>` : nothing}
      ${typeof lookup === 'object' && 'failure' in lookup ? html`<p class="error">${lookup.failure}</p>` : nothing}
      ${kept
        ? html`<button class="secondary" type="button" @click=${() => this.#forget(item.reference)}>
            ${host.t('mineForget')} <span class="visually-hidden">${item.reference}</span>
          </button>`
        : nothing}
    </li>`;
  }

  /** A count as the employee reads it; a hidden small number says so instead of showing a digit. */
  #count(count: number | null | undefined, below: number | null | undefined): string {
    if (count === null) return this.host.t('statsFew', { count: String(below ?? 5) });
    return String(count ?? 0);
  }

  #renderStats() {
    const stats = this.#stats;
    if (!this.host.config()?.showStats || !stats) return nothing;
    const t = this.host.t.bind(this.host);
    if (stats === 'loading') return html`<p class="hint">${t('statsLoading')}</p>`;
    return html`<h3 class="small" id="f-stats-title">${t('statsTitle', { from: this.#date(stats.period.from, false) })}</h3>
      <dl class="stats" aria-labelledby="f-stats-title">
        <dt>${t('statsTotal')}</dt>
        <dd>${this.#count(stats.byKind.signal, stats.suppressedBelow)}</dd>
        <dt>${t('statsForwarded')}</dt>
        <dd>${this.#count(stats.byState.forwarded, stats.suppressedBelow)}</dd>
      </dl>`;
  }

  /** The section's content below its summary and introduction. */
  render(): TemplateResult {
    const { host } = this;
    const tracked = this.#tracked();
    return html`${this.#renderStats()}
      ${this.#kept.length ? html`<p class="hint">${host.t('mineKeptHint')}</p>` : nothing}
      ${tracked.length
        ? html`<ul class="receipts">
              ${tracked.map((item) => this.#renderTracked(item))}
            </ul>
            <button class="secondary" type="button" @click=${() => void this.refresh()}>${host.t('mineRefresh')}</button>`
        : nothing}
      <form class="lookup" novalidate aria-labelledby="f-lookup-title" @submit=${this.#onLookup}>
        <h3 class="small" id="f-lookup-title">${host.t('lookupTitle')}</h3>
        <p class="hint">${host.t('lookupHint')}</p>
        ${host.summary(this.errors, 'f-lookup-summary')}
        ${host.input('lookupReference', 'lookupReference', this.#reference, (value) => (this.#reference = value), { required: true })}
        ${host.input('lookupToken', 'lookupToken', this.#token, (value) => (this.#token = value), { required: true, type: 'password' })}
        <button type="submit">${host.t('lookupSubmit')}</button>
      </form>`;
  }
}
