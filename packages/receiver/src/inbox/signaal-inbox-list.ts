import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { kinds, states, type Kind, type State } from '@signaal/sdk';
import { errorSummary, selectField, textField } from '@signaal/widget/fields';
import { listSearch, type InboxApi, type InboxListItem, type ListPage, type ListQuery } from './inbox-api.js';
import { format, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';
import { TaskStatus, inboxTask, initialState } from './inbox-task.js';
import { dateTime, timeSince } from './relative-time.js';
import type { SignaalPageEvent } from './signaal-inbox-pagination.js';
import { WideTableController } from './wide-table-controller.js';

/** What the receiver accepts as a reference or its start. */
const referenceStartPattern = /^[A-Z0-9-]{1,12}$/;

/**
 * The officer's search as typed: spaces dropped, capitals, and `SG-` added to a start without it
 * (`7k3m` finds `SG-7K3M-…`). `undefined` for an empty field; `false` for what no reference has.
 */
export function referenceStart(typed: string): string | undefined | false {
  let value = typed.replace(/\s+/g, '').toUpperCase();
  if (value === '') return undefined;
  if (!'SG-'.startsWith(value) && !value.startsWith('SG-')) value = `SG-${value.startsWith('SG') ? value.slice(2) : value}`;
  return referenceStartPattern.test(value) ? value : false;
}

/** The list's query from the page's address; values the receiver would refuse are left out. */
export function readListQuery(search: string): ListQuery {
  const params = new URLSearchParams(search);
  const stateParam = params.get('state') as State | null;
  const kindParam = params.get('kind') as Kind | null;
  const reference = referenceStart(params.get('reference') ?? '');
  const page = Number(params.get('page') ?? '1');
  return {
    state: stateParam && states.includes(stateParam) ? stateParam : undefined,
    kind: kindParam && kinds.includes(kindParam) ? kindParam : undefined,
    reference: reference || undefined,
    page: Number.isInteger(page) && page >= 1 && page < 1_000_000 ? page : 1,
  };
}

/**
 * Signals and sparring requests, newest first, 50 to a page: filtered by state and kind, searched
 * by (the start of) a reference, with who handled each one, the time since arrival and overdue
 * benchmarks flagged. The filters and the page live in the page's address (only those: never
 * content), so Back, a bookmark and a reload show the same list. How many signals match, and
 * which page this is, is said in a `role="status"` region.
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
        min-inline-size: min(12em, 100%);
      }
      .filters .search {
        flex: 1 1 16em;
        max-inline-size: 28em;
      }
      .filters > * + * {
        margin-block-start: 0;
      }
      .filters .hint {
        font-size: 0.875em;
      }
      td.reference {
        white-space: nowrap;
      }
      td.summary {
        min-inline-size: 16em;
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

  @state() private query: ListQuery = readListQuery(location.search);
  @state() private searchInvalid = false;

  @query('form') private form!: HTMLFormElement;
  @query('#list-errors') private summary!: HTMLElement | null;

  private readonly wideTable = new WideTableController(this);
  /** The page of the list for `query`, asked again whenever the query is a new one. */
  private readonly page = inboxTask(
    this,
    () => [this.query] as const,
    async ([query], signal) => {
      const result = await this.api.list(query, signal);
      const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
      if (result.page <= pages) return result;
      // An old address past the last page: show the last page instead of an empty one.
      this.show({ ...query, page: pages }, 'replace');
      return initialState;
    },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
  }

  /** Shows the list for `query`, and puts its filters and page (nothing else) in the address. */
  private show(query: ListQuery, history: 'push' | 'replace'): void {
    this.query = query;
    const search = listSearch(query);
    const address = `${location.pathname}${search.size > 0 ? `?${search}` : ''}`;
    if (history === 'push') window.history.pushState(null, '', address);
    else window.history.replaceState(null, '', address);
  }

  private readonly onPopState = (): void => {
    this.query = readListQuery(location.search);
    this.searchInvalid = false;
  };

  private async filter(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(this.form);
    // The form has text fields only; a missing one reads as empty.
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const reference = referenceStart(field('reference'));
    this.searchInvalid = reference === false;
    if (reference === false) {
      await this.updateComplete;
      this.summary?.focus();
      return;
    }
    const stateValue = field('state');
    const kindValue = field('kind');
    this.show(
      {
        state: states.find((value) => value === stateValue),
        kind: kinds.find((value) => value === kindValue),
        reference,
        page: 1,
      },
      'push',
    );
  }

  private turnPage(event: SignaalPageEvent): void {
    this.show({ ...this.query, page: event.page }, 'push');
  }

  private readonly pageHref = (page: number): string => {
    const search = listSearch({ ...this.query, page });
    return `${this.base}/${search.size > 0 ? `?${search}` : ''}`;
  };

  /** What the status region says: loading, or how many signals match and which page this is. */
  private statusText(): string {
    const t = this.t;
    const result = this.page.value;
    if (this.page.status === TaskStatus.ERROR) return '';
    if (this.page.status !== TaskStatus.COMPLETE || !result) return t.loading;
    const { total, page, pageSize } = result;
    if (total === 0) return this.query.reference ? t.countNoneSearch : t.countNone;
    const count = total === 1 ? t.countOne : format(t.countMany, { count: total });
    const pages = Math.ceil(total / pageSize);
    return pages > 1 ? format(t.pageStatus, { page, pages, count }) : count;
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

  private renderTable(result: ListPage) {
    const t = this.t;
    if (result.signals.length === 0) {
      return this.query.state || this.query.kind || this.query.reference ? html`<p><a href="${this.base}/">${t.showAll}</a></p>` : nothing;
    }
    return html`
      <p class="muted" id="list-note">${t.listCaption}</p>
      ${this.wideTable.wide ? html`<p class="scroll-hint">${t.tableScrollHint}</p>` : nothing}
      <div
        class="table-wrap"
        tabindex="0"
        role="region"
        aria-label=${t.listTitle}
        aria-busy=${this.page.status === TaskStatus.PENDING ? 'true' : 'false'}
      >
        <table aria-describedby="list-note">
          <thead>
            <tr>
              <th scope="col">${t.columnReference}</th>
              <th scope="col">${t.columnKind}</th>
              <th scope="col">${t.columnState}</th>
              <th scope="col">${t.columnReceived}</th>
              <th scope="col">${t.columnHandledBy}</th>
              <th scope="col">${t.columnAttention}</th>
              <th scope="col">${t.columnSummary}</th>
            </tr>
          </thead>
          <tbody>
            ${result.signals.map(
              (item) =>
                html`<tr>
                  <td class="reference"><a href="${this.base}/signals/${item.reference}">${item.reference}</a></td>
                  <td>${t.kind[item.kind]}</td>
                  <td>${t.state[item.state]}</td>
                  <td>
                    <time datetime=${item.receivedAt} title=${dateTime(item.receivedAt, this.locale)}
                      >${timeSince(item.receivedAt, this.locale)}</time
                    >
                  </td>
                  <td>${item.handledBy ?? html`<span class="muted">${t.notHandled}</span>`}</td>
                  <td>${this.renderAttention(item)}</td>
                  <td class="summary">${item.summary ?? html`<span class="muted">${t.contentRemoved}</span>`}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <signaal-inbox-pagination
        .t=${t}
        .href=${this.pageHref}
        page=${result.page}
        pages=${Math.max(1, Math.ceil(result.total / result.pageSize))}
        @signaal-page=${this.turnPage}
      ></signaal-inbox-pagination>
    `;
  }

  private renderFilters() {
    const t = this.t;
    const query = this.query;
    return html`
      ${errorSummary({ id: 'list-errors', title: t.errorSummaryTitle, items: this.searchInvalid ? [{ text: t.searchReferenceInvalid, field: 'reference' }] : [], level: 2 })}
      <form class="filters" method="get" action="${this.base}/" aria-label=${t.filters} novalidate @submit=${this.filter}>
        <div class="search">
          ${textField({
            id: 'reference',
            name: 'reference',
            label: t.searchReference,
            hint: t.searchReferenceHint,
            error: this.searchInvalid ? t.searchReferenceInvalid : undefined,
            autocapitalize: 'characters',
            spellcheck: false,
            value: query.reference ?? '',
          })}
        </div>
        ${selectField({
          id: 'state',
          name: 'state',
          label: t.filterState,
          value: query.state ?? '',
          choices: [{ value: '', label: t.all }, ...states.map((value) => ({ value, label: t.state[value] }))],
        })}
        ${selectField({
          id: 'kind',
          name: 'kind',
          label: t.filterKind,
          value: query.kind ?? '',
          choices: [{ value: '', label: t.all }, ...kinds.map((value) => ({ value, label: t.kind[value] }))],
        })}
        <button type="submit">${t.applyFilters}</button>
      </form>
    `;
  }

  override render() {
    const t = this.t;
    return html`
      <div class="stack">
        <h1>${t.listTitle}</h1>
        ${this.renderFilters()}
        <p role="status">${this.statusText()}</p>
        ${this.page.status === TaskStatus.ERROR ? html`<p class="error" role="alert">${t.loadFailed}</p>` : nothing}
        ${this.page.value && this.page.status !== TaskStatus.ERROR ? this.renderTable(this.page.value) : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-inbox-list': SignaalInboxList;
  }
}
