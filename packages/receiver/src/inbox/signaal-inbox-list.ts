import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Kind, State } from '@signaal/sdk';
import type { InboxApi, InboxListItem } from './inbox-api.js';
import { format, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';
import { dateTime, timeSince } from './relative-time.js';

const states: readonly State[] = ['received', 'in-progress', 'forwarded', 'closed'];
const kinds: readonly Kind[] = ['signal', 'sparring'];

/**
 * Signals and sparring requests, newest first, filtered by state and kind (a plain GET form, so
 * the filter is in the address), with the time since arrival and overdue benchmarks flagged.
 *
 * @summary The inbox list.
 */
export class SignaalInboxList extends LitElement {
  static override styles = [
    inboxStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_signaal-space);
        align-items: flex-end;
      }
      .filters .field {
        min-inline-size: 12em;
      }
      .filters > * + * {
        margin-block-start: 0;
      }
      .table-wrap {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        inline-size: 100%;
      }
      caption {
        text-align: start;
        color: var(--_signaal-muted);
        padding-block-end: 0.5em;
      }
      th,
      td {
        text-align: start;
        vertical-align: top;
        padding: 0.5em;
        border-block-end: 1px solid var(--_signaal-border);
      }
      th {
        font-weight: 600;
      }
      td.reference {
        white-space: nowrap;
      }
      .attention {
        display: flex;
        flex-direction: column;
        gap: 0.25em;
        align-items: flex-start;
      }
    `,
  ];

  @property({ attribute: false }) api!: InboxApi;
  @property({ attribute: false }) t!: InboxMessages;
  @property({ attribute: false }) locale: 'nl' | 'en' = 'nl';
  @property() base = '/inbox';

  @state() private signals: InboxListItem[] | undefined;
  @state() private failed = false;

  private readonly filter = (() => {
    const params = new URLSearchParams(location.search);
    const stateParam = params.get('state') as State | null;
    const kindParam = params.get('kind') as Kind | null;
    return {
      state: stateParam && states.includes(stateParam) ? stateParam : undefined,
      kind: kindParam && kinds.includes(kindParam) ? kindParam : undefined,
    };
  })();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.signals = await this.api.list(this.filter);
    } catch {
      this.failed = true;
    }
  }

  private renderAttention(item: InboxListItem) {
    const t = this.t;
    const flags = [
      item.acknowledgeOverdue ? html`<span class="badge overdue">${t.acknowledgeOverdue}</span>` : nothing,
      item.feedBackOverdue ? html`<span class="badge overdue">${t.feedBackOverdue}</span>` : nothing,
      item.contentRemoved ? html`<span class="badge">${t.contentRemoved}</span>` : nothing,
    ];
    const any = item.acknowledgeOverdue || item.feedBackOverdue || item.contentRemoved;
    return html`<div class="attention">${any ? flags : html`<span class="muted">${t.onTrack}</span>`}</div>`;
  }

  private renderTable(signals: InboxListItem[]) {
    const t = this.t;
    if (signals.length === 0) return html`<p>${t.countNone}</p>`;
    return html`
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t.listTitle}>
        <table>
          <caption>${t.listCaption}</caption>
          <thead>
            <tr>
              <th scope="col">${t.columnReference}</th>
              <th scope="col">${t.columnKind}</th>
              <th scope="col">${t.columnState}</th>
              <th scope="col">${t.columnReceived}</th>
              <th scope="col">${t.columnAttention}</th>
              <th scope="col">${t.columnSummary}</th>
            </tr>
          </thead>
          <tbody>
            ${signals.map(
              (item) => html`<tr>
                <td class="reference"><a href="${this.base}/signals/${item.reference}">${item.reference}</a></td>
                <td>${t.kind[item.kind]}</td>
                <td>${t.state[item.state]}</td>
                <td><time datetime=${item.receivedAt} title=${dateTime(item.receivedAt, this.locale)}>${timeSince(item.receivedAt, this.locale)}</time></td>
                <td>${this.renderAttention(item)}</td>
                <td>${item.summary ?? html`<span class="muted">${t.contentRemoved}</span>`}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  override render() {
    const t = this.t;
    const count = this.signals === undefined ? '' : this.signals.length === 1 ? t.countOne : format(t.countMany, { count: this.signals.length });
    return html`
      <div class="stack">
        <h1>${t.listTitle}</h1>
        <form class="filters" method="get" action="${this.base}/" aria-label=${t.filters}>
          <div class="field">
            <label for="state">${t.filterState}</label>
            <select id="state" name="state">
              <option value="">${t.all}</option>
              ${states.map((value) => html`<option value=${value} ?selected=${this.filter.state === value}>${t.state[value]}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="kind">${t.filterKind}</label>
            <select id="kind" name="kind">
              <option value="">${t.all}</option>
              ${kinds.map((value) => html`<option value=${value} ?selected=${this.filter.kind === value}>${t.kind[value]}</option>`)}
            </select>
          </div>
          <button type="submit">${t.applyFilters}</button>
        </form>
        <p role="status">${this.failed ? '' : this.signals === undefined ? t.loading : count}</p>
        ${this.failed ? html`<p class="error" role="alert">${t.loadFailed}</p>` : nothing}
        ${this.signals ? this.renderTable(this.signals) : nothing}
        <section aria-labelledby="export-title">
          <h2 id="export-title">${t.exportTitle}</h2>
          <p>${t.exportIntro}</p>
          <ul>
            <li><a href="${this.base}/api/export?unit=month&format=csv" download>${t.exportMonthCsv}</a></li>
            <li><a href="${this.base}/api/export?unit=quarter&format=csv" download>${t.exportQuarterCsv}</a></li>
            <li><a href="${this.base}/api/export?unit=month&format=json">${t.exportMonthJson}</a></li>
          </ul>
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-inbox-list': SignaalInboxList;
  }
}
