import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { states, type State } from '@signaal/sdk';
import { errorSummary, selectField, textField, type ErrorSummaryItem } from '@signaal/widget/fields';
import { forwardTargets as targets } from '../forward-targets.js';
import { InboxApiError, signInAgain, type ForwardTarget, type InboxApi, type SignalDetail } from './inbox-api.js';
import { format, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';
import { TaskStatus, inboxTask } from './inbox-task.js';
import type { SignaalEraseEvent } from './signaal-inbox-erase.js';
import { date, dateTime, timeSince } from './relative-time.js';

/**
 * One signal in full (every field, indicator labels, the reporter's contact and callback wishes)
 * and the form to change its state, record where it went and write the reporter a message.
 * A saved change is announced in a `role="status"` region; a refused one in an error summary
 * that takes focus. Below the form, while the content is kept, `signaal-inbox-erase` removes it
 * for a signal sent by mistake; that too is announced, and focus moves to the removal notice.
 *
 * @summary One signal, and its state change.
 */
export class SignaalInboxDetail extends LitElement {
  static override styles = [
    inboxStyles,
    css`
      .layout {
        display: grid;
        gap: var(--_signaal-space);
      }
      @media (min-width: 60em) {
        .layout {
          grid-template-columns: 3fr 2fr;
          align-items: start;
        }
      }
      .layout > * + * {
        margin-block-start: 0;
      }
      .column > * + * {
        margin-block-start: var(--_signaal-space);
      }
      ul.plain {
        margin: 0;
        padding-inline-start: 1.25em;
      }
    `,
  ];

  @property({ attribute: false }) api!: InboxApi;
  @property({ attribute: false }) t!: InboxMessages;
  @property({ attribute: false }) locale: 'nl' | 'en' = 'nl';
  @property() base = '/inbox';
  @property() reference = '';

  /** The signal as this page last saved or removed it; before that, as loaded. */
  @state() private changed: SignalDetail | undefined;
  @state() private saving = false;
  @state() private announcement = '';
  /** What the last save refused: a field's line links to its control (by id). */
  @state() private errors: ErrorSummaryItem[] = [];

  @query('form') private form!: HTMLFormElement;
  @query('#change-errors') private summary!: HTMLElement | null;
  @query('.removed-notice') private removedNotice!: HTMLElement | null;

  private readonly loaded = inboxTask(
    this,
    () => [this.reference] as const,
    ([reference], signal) => this.api.signal(reference, signal),
  );

  private get detail(): SignalDetail | undefined {
    return this.changed ?? this.loaded.value;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.saving || !this.detail) return;
    const t = this.t;
    const data = new FormData(this.form);
    const newState = data.get('state') as State;
    const target = (data.get('forwardedTo') as string) || undefined;
    const message = typeof data.get('message') === 'string' ? (data.get('message') as string) : undefined;
    const errors: ErrorSummaryItem[] = [];
    if (newState === 'forwarded' && !target) errors.push({ field: 'forwarded-to', text: t.targetRequired });
    if (message !== undefined && message.trim().length > 2_000) errors.push({ field: 'message', text: t.messageTooLong });
    this.announcement = '';
    this.errors = errors;
    if (errors.length > 0) {
      await this.updateComplete;
      this.summary?.focus();
      return;
    }
    this.saving = true;
    try {
      this.changed = await this.api.change(this.reference, {
        state: newState,
        ...(target ? { forwardedTo: target as ForwardTarget } : {}),
        ...(message !== undefined && !this.detail.contentRemoved ? { message } : {}),
      });
      this.announcement = format(t.saved, { state: t.state[this.changed.state] });
    } catch (error) {
      if (signInAgain(error, this.base)) return;
      this.errors = [{ text: t.saveFailed }];
    } finally {
      this.saving = false;
    }
    if (this.errors.length > 0) {
      await this.updateComplete;
      this.summary?.focus();
    }
  }

  private async erased(event: SignaalEraseEvent): Promise<void> {
    this.changed = event.signal;
    this.errors = [];
    this.announcement = format(this.t.erased, { state: this.t.state[event.signal.state] });
    await this.updateComplete;
    // The button that opened the dialog is gone with the content; the notice says what happened.
    this.removedNotice?.focus();
  }

  private row(label: string, value: unknown): TemplateResult | typeof nothing {
    if (value === undefined || value === null || value === '') return nothing;
    return html`<dt>${label}</dt>
      <dd>${value}</dd>`;
  }

  private renderOverview(detail: SignalDetail) {
    const t = this.t;
    const when = (iso: string | undefined) => (iso ? dateTime(iso, this.locale) : t.notYet);
    return html`
      <section aria-labelledby="overview-title">
        <h2 id="overview-title">${t.overview}</h2>
        <dl>
          <dt>${t.columnState}</dt>
          <dd>${t.state[detail.state]}</dd>
          ${this.row(t.forwardedTo, detail.forwardedTo ? t.target[detail.forwardedTo] : undefined)}
          <dt>${t.handledBy}</dt>
          <dd>${detail.handledBy ?? html`<span class="muted">${t.notHandled}</span>`}</dd>
          <dt>${t.changedBy}</dt>
          <dd>${detail.changedBy ?? html`<span class="muted">${t.notHandled}</span>`}</dd>
          <dt>${t.received}</dt>
          <dd>${dateTime(detail.receivedAt, this.locale)} (${timeSince(detail.receivedAt, this.locale)})</dd>
          <dt>${t.updated}</dt>
          <dd>${dateTime(detail.updatedAt, this.locale)}</dd>
          <dt>${t.acknowledgeBy}</dt>
          <dd>
            ${date(detail.acknowledgeBy, this.locale)}
            ${detail.acknowledgeOverdue ? html`<span class="badge overdue">${t.acknowledgeOverdue}</span>` : nothing}
          </dd>
          <dt>${t.acknowledgedAt}</dt>
          <dd>${when(detail.acknowledgedAt)}</dd>
          <dt>${t.feedBackBy}</dt>
          <dd>
            ${date(detail.feedBackBy, this.locale)}
            ${detail.feedBackOverdue ? html`<span class="badge overdue">${t.feedBackOverdue}</span>` : nothing}
          </dd>
          <dt>${t.fedBackAt}</dt>
          <dd>${when(detail.fedBackAt)}</dd>
        </dl>
      </section>
    `;
  }

  private renderContent(detail: SignalDetail) {
    const t = this.t;
    const signal = detail.signal;
    if (!signal) {
      const notice = format(t.contentRemovedNotice, { date: detail.contentRemovedAt ? date(detail.contentRemovedAt, this.locale) : '' });
      return html`<section aria-labelledby="content-title">
        <h2 id="content-title">${t.contentSection}</h2>
        <p class="removed-notice" tabindex="-1">${notice}</p>
      </section>`;
    }
    const report = signal.kind === 'signal' ? signal : undefined;
    const reporter = signal.reporter;
    const hasContact = Boolean(reporter && (reporter.name || reporter.department || reporter.phone || reporter.email || reporter.callback));
    return html`
      <section aria-labelledby="content-title">
        <h2 id="content-title">${t.contentSection}</h2>
        <h3>${t.description}</h3>
        <p class="description">${signal.description}</p>
        ${
          detail.indicators.length > 0
            ? html`<h3>${t.indicators}</h3>
                <ul class="plain">
                  ${detail.indicators.map((indicator) => html`<li>${indicator.label[this.locale]}</li>`)}
                </ul>`
            : nothing
        }
        <dl>
          ${this.row(t.setting, report?.setting ? t.settingValue[report.setting] : undefined)} ${this.row(t.place, report?.place)}
          ${this.row(t.time, signal.time)} ${this.row(t.caseReference, report?.caseReference)}
          ${this.row(t.sourceSystem, signal.sourceSystem)} ${this.row(t.confidentiality, t.confidentialityValue[signal.confidentiality])}
          ${this.row(t.language, t.localeValue[signal.locale])}
        </dl>
      </section>
      <section aria-labelledby="reporter-title">
        <h2 id="reporter-title">${t.reporterSection}</h2>
        ${
          hasContact && reporter
            ? html`<dl>
                ${this.row(t.reporterName, reporter.name)} ${this.row(t.department, reporter.department)}
                ${this.row(t.phone, reporter.phone ? html`<a href="tel:${reporter.phone.replace(/[^\d+]/g, '')}">${reporter.phone}</a>` : undefined)}
                ${this.row(t.email, reporter.email ? html`<a href="mailto:${reporter.email}">${reporter.email}</a>` : undefined)}
                ${this.row(t.callbackHow, reporter.callback?.how ? t.callbackValue[reporter.callback.how] : undefined)}
                ${this.row(t.callbackWhen, reporter.callback?.when)}
              </dl>`
            : html`<p>${t.noReporter}</p>`
        }
      </section>
    `;
  }

  private renderForm(detail: SignalDetail) {
    const t = this.t;
    const error = (field: string) => this.errors.find((item) => item.field === field)?.text;
    return html`
      <section aria-labelledby="change-title">
        <h2 id="change-title">${t.changeSection}</h2>
        ${errorSummary({ id: 'change-errors', title: t.errorSummaryTitle, items: this.errors })}
        <form @submit=${this.save} novalidate>
          <fieldset>
            <legend>${t.newState}</legend>
            ${states.map(
              (value) =>
                html`<label class="choice">
                  <input type="radio" name="state" value=${value} .checked=${detail.state === value} />${t.state[value]}
                </label>`,
            )}
          </fieldset>
          ${selectField({
            id: 'forwarded-to',
            name: 'forwardedTo',
            label: t.forwardTarget,
            hint: t.forwardTargetHint,
            error: error('forwarded-to'),
            value: detail.forwardedTo ?? '',
            choices: [{ value: '', label: t.chooseTarget }, ...targets.map((value) => ({ value, label: t.target[value] }))],
          })}
          ${textField({
            id: 'message',
            name: 'message',
            label: t.message,
            necessity: t.messageOptional,
            hint: detail.contentRemoved ? t.messageRemovedHint : t.messageHint,
            error: error('message'),
            rows: 5,
            maxlength: 2_000,
            disabled: detail.contentRemoved,
            value: detail.message ?? '',
          })}
          <div class="actions">
            <button type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>${this.saving ? t.saving : t.save}</button>
          </div>
        </form>
        <p role="status" class="status-message">${this.announcement}</p>
        ${
          detail.contentRemoved
            ? nothing
            : html`<signaal-inbox-erase
                .api=${this.api}
                .t=${this.t}
                base=${this.base}
                reference=${detail.reference}
                @signaal-erase=${this.erased}
              ></signaal-inbox-erase>`
        }
      </section>
    `;
  }

  private renderHistory(detail: SignalDetail) {
    const t = this.t;
    return html`
      <section aria-labelledby="history-title">
        <h2 id="history-title">${t.history}</h2>
        <p class="muted">${t.historyIntro}</p>
        <ul class="plain">
          ${detail.audit.map(
            (entry) =>
              html`<li>
                <time datetime=${entry.at}>${dateTime(entry.at, this.locale)}</time>: ${entry.officer}
                ${t.action[entry.action]}${
                  entry.action === 'change' && entry.detail ? html` <span class="muted">(${entry.detail})</span>` : nothing
                }
              </li>`,
          )}
        </ul>
      </section>
    `;
  }

  override render() {
    const t = this.t;
    const back = html`<p><a href="${this.base}/">← ${t.backToList}</a></p>`;
    if (this.loaded.status === TaskStatus.ERROR && !this.changed) {
      const notFound = this.loaded.error instanceof InboxApiError && this.loaded.error.status === 404;
      return html`<div class="stack">
        ${back}
        <p class="error" role="alert">${notFound ? t.notFound : t.loadFailed}</p>
      </div>`;
    }
    const detail = this.detail;
    if (!detail)
      return html`<div class="stack">
        ${back}
        <p role="status">${t.loading}</p>
      </div>`;
    return html`
      <div class="stack">
        ${back}
        <h1>${format(t.detailTitle, { kind: t.kind[detail.kind], reference: detail.reference })}</h1>
        <div class="layout">
          <div class="column">${this.renderContent(detail)}</div>
          <div class="column">${this.renderForm(detail)} ${this.renderOverview(detail)} ${this.renderHistory(detail)}</div>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-inbox-detail': SignaalInboxDetail;
  }
}
