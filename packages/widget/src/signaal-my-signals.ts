import { isSignaalError, type SignaalClient, type Stats, type Status } from '@signaal/sdk';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FormPart } from './form-part.js';
import { errorSummary, textField } from './form-fields.js';
import { mineEn, mineNl } from './messages/mine.js';
import type { MessageKey } from './messages/nl.js';
import { forgetReceipt, readReceipts, type KeptReceipt } from './receipt-store.js';

/** This part's default texts, in both languages (the form adds them to its own). */
export const mineTexts = { nl: mineNl, en: mineEn } as const;

/** A lookup field's error. */
interface LookupError {
  field?: 'lookupReference' | 'lookupToken';
  key: MessageKey;
}
/** A receipt the part follows: kept in this browser, or typed in (memory only). */
type Tracked = Pick<KeptReceipt, 'reference' | 'token'> & Partial<KeptReceipt>;
/** One receipt's current status, or why it could not be fetched. */
type Lookup = 'loading' | { status: Status } | { failure: string };

/**
 * "My signals" in `<signaal-form>`, inside the form's `mine` part: kept receipts with their
 * status, a lookup of a typed reference and token, and figures. An on-demand chunk, loaded when
 * the section first opens. The form calls `refresh()` as the section opens and after a delivery,
 * `stop()` as it closes. Keeping a receipt after delivery stays in the form.
 *
 * @event signaal-announce - Statuses fetched or failed, a receipt forgotten (then focus goes back to the section).
 */
export class SignaalMySignals extends FormPart {
  /** The SDK client, for statuses and figures. */
  @property({ attribute: false }) client?: SignaalClient | undefined;
  /** Whether receipts are kept in this browser (`config.keepReceipts`), and so listed. */
  @property({ attribute: false }) keepReceipts = false;
  /** Whether figures are shown (`config.showStats`). */
  @property({ attribute: false }) showStats = false;

  @state() private kept: KeptReceipt[] = [];
  @state() private looked: Tracked | undefined;
  @state() private lookups = new Map<string, Lookup>();
  @state() private stats: Stats | 'loading' | undefined;
  @state() private errors: LookupError[] = [];
  #reference = '';
  #token = '';
  #run?: AbortController;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  /** Stops fetching, e.g. when the section closes. */
  stop(): void {
    this.#run?.abort();
  }

  /** Reads the kept receipts again and fetches every status (and the figures, if shown). */
  async refresh(): Promise<void> {
    const client = this.client;
    if (!client?.canSubmit) return;
    const run = this.#restart();
    this.kept = this.keepReceipts ? readReceipts() : [];
    if (this.showStats) void this.#loadStats(client, run.signal);
    const tracked = this.#tracked();
    if (!tracked.length) return;
    this.lookups = new Map(tracked.map((item) => [item.reference, 'loading']));
    this.announce(this.texts.t('mineLoading'));
    const fetched = await Promise.all(tracked.map((item) => this.#fetchStatus(client, item, run.signal)));
    if (!run.signal.aborted) this.announce(this.texts.t(fetched.every(Boolean) ? 'mineLoaded' : 'mineSomeFailed'));
  }

  #restart(): AbortController {
    this.#run?.abort();
    return (this.#run = new AbortController());
  }

  #tracked(): Tracked[] {
    const looked = this.looked;
    return looked && !this.kept.some((item) => item.reference === looked.reference) ? [...this.kept, looked] : this.kept;
  }

  /** Fetches one status; a failure shows beside that receipt only. */
  async #fetchStatus(client: SignaalClient, item: Tracked, signal: AbortSignal): Promise<boolean> {
    const { t } = this.texts;
    let lookup: Lookup;
    try {
      lookup = { status: await client.status({ reference: item.reference, statusToken: item.token }, { signal }) };
    } catch (error) {
      const code = isSignaalError(error) ? error.code : 'network';
      // A wrong token and an unknown reference get the same answer from the backend: 404.
      lookup = { failure: code === 'rejected' ? t('mineNotFound') : t('mineFailed', { reason: t(`error.${code}`) }) };
    }
    if (signal.aborted) return false;
    this.lookups = new Map(this.lookups).set(item.reference, lookup);
    return 'status' in lookup;
  }

  async #loadStats(client: SignaalClient, signal: AbortSignal): Promise<void> {
    this.stats = 'loading';
    let stats: Stats | undefined;
    try {
      stats = await client.stats({ signal });
    } catch {
      // Figures are a nicety: without them the part simply shows none.
    }
    if (!signal.aborted) this.stats = stats;
  }

  #onLookup = async (event: SubmitEvent) => {
    event.preventDefault();
    const client = this.client;
    const reference = this.#reference.trim();
    const token = this.#token.trim();
    const errors: LookupError[] = [];
    if (!reference || reference.length > 64) errors.push({ field: 'lookupReference', key: 'invalid.lookupReference' });
    if (token.length < 22 || token.length > 256) errors.push({ field: 'lookupToken', key: 'invalid.lookupToken' });
    this.errors = errors;
    if (errors.length) {
      await this.updateComplete;
      this.querySelector<HTMLElement>('#f-lookup-summary')?.focus();
      return;
    }
    if (!client) return;
    const run = this.#restart();
    const looked = { reference, token };
    this.looked = looked;
    this.lookups = new Map(this.lookups).set(reference, 'loading');
    this.announce(this.texts.t('mineLoading'));
    const found = await this.#fetchStatus(client, looked, run.signal);
    if (run.signal.aborted) return;
    const lookup = this.lookups.get(reference);
    this.announce(found ? this.texts.t('mineLoaded') : typeof lookup === 'object' && 'failure' in lookup ? lookup.failure : '');
  };

  #forget(reference: string): void {
    forgetReceipt(reference);
    this.kept = this.kept.filter((item) => item.reference !== reference);
    this.announce(this.texts.t('mineForgotten', { reference }), true);
  }

  #date(iso: string, time = true): string {
    const options: Intl.DateTimeFormatOptions = time ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
    return new Intl.DateTimeFormat(this.texts.locale === 'en' ? 'en-GB' : 'nl-NL', options).format(new Date(iso));
  }

  /** A count of signals as the employee reads it; a hidden small number says so instead of showing a digit. */
  #count(count: number | null | undefined, below: number | null | undefined): string {
    return count === null ? this.texts.t('statsFew', { count: below ?? 5 }) : this.texts.t('statsCount', { count: count ?? 0 });
  }

  #field(field: 'lookupReference' | 'lookupToken', value: string, set: (value: string) => void, type?: string) {
    const { t } = this.texts;
    const error = this.errors.find((item) => item.field === field);
    return textField({
      id: `f-${field}`,
      label: t(field),
      necessity: t('required'),
      required: true,
      error: error && t(error.key),
      value,
      input: set,
      type,
    });
  }

  #renderTracked(item: Tracked) {
    const { t } = this.texts;
    const lookup = this.lookups.get(item.reference);
    const kept = this.kept.includes(item as KeptReceipt);
    const status = typeof lookup === 'object' && 'status' in lookup ? lookup.status : undefined;
    return html`<li class="receipt">
      <p><strong class="reference">${item.reference}</strong>${item.kind ? html` · ${t(`kind.${item.kind}`)}` : nothing}</p>
      ${
        item.receivedAt || status
          ? html`<dl>
              ${
                item.receivedAt
                  ? html`<dt>${t('mineSentAt')}</dt>
                      <dd>${this.#date(item.receivedAt)}</dd>`
                  : nothing
              }
              ${
                status
                  ? html`<dt>${t('mineState')}</dt>
                      <dd class="state">${t(`state.${status.state}`)}</dd>
                      <dt>${t('mineUpdatedAt')}</dt>
                      <dd>${this.#date(status.updatedAt)}</dd>
                      ${
                        status.message
                          ? html`<dt>${t('mineMessage')}</dt>
                              <dd class="message">${status.message}</dd>`
                          : nothing
                      }`
                  : nothing
              }
            </dl>`
          : nothing
      }
      ${lookup === 'loading' ? html`<p class="hint">${t('mineLoading')}</p>` : nothing}
      ${typeof lookup === 'object' && 'failure' in lookup ? html`<p class="error">${lookup.failure}</p>` : nothing}
      ${
        kept
          ? html`<button class="secondary" type="button" @click=${() => this.#forget(item.reference)}>
              ${t('mineForget')} <span class="visually-hidden">${item.reference}</span>
            </button>`
          : nothing
      }
    </li>`;
  }

  #renderStats() {
    const stats = this.stats;
    const { t } = this.texts;
    if (!this.showStats || !stats) return nothing;
    if (stats === 'loading') return html`<p class="hint">${t('statsLoading')}</p>`;
    return html`<h3 class="small" id="f-stats-title">${t('statsTitle', { from: this.#date(stats.period.from, false) })}</h3>
      <dl class="stats" aria-labelledby="f-stats-title">
        <dt>${t('statsTotal')}</dt>
        <dd>${this.#count(stats.byKind.signal, stats.suppressedBelow)}</dd>
        <dt>${t('statsForwarded')}</dt>
        <dd>${this.#count(stats.byState.forwarded, stats.suppressedBelow)}</dd>
      </dl>`;
  }

  override render() {
    const { t } = this.texts;
    const tracked = this.#tracked();
    const errors = this.errors.map((item) => ({ text: t(item.key), field: item.field && `f-${item.field}` }));
    return html`${this.#renderStats()} ${this.kept.length ? html`<p class="hint">${t('mineKeptHint')}</p>` : nothing}
      ${
        tracked.length
          ? html`<ul class="receipts">
                ${tracked.map((item) => this.#renderTracked(item))}
              </ul>
              <button class="secondary" type="button" @click=${() => void this.refresh()}>${t('mineRefresh')}</button>`
          : nothing
      }
      <form class="lookup" novalidate aria-labelledby="f-lookup-title" @submit=${this.#onLookup}>
        <h3 class="small" id="f-lookup-title">${t('lookupTitle')}</h3>
        <p class="hint">${t('lookupHint')}</p>
        ${errorSummary({ id: 'f-lookup-summary', title: t('errorSummary', { count: errors.length }), items: errors })}
        ${this.#field('lookupReference', this.#reference, (value) => (this.#reference = value))}
        ${this.#field('lookupToken', this.#token, (value) => (this.#token = value), 'password')}
        <button type="submit">${t('lookupSubmit')}</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-my-signals': SignaalMySignals;
  }
}
