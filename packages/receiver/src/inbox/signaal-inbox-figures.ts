import { LitElement, css, html, nothing } from 'lit';
import { states } from '@signaal/sdk';
import { forwardTargets as targets } from '../forward-targets.js';
import { emptyPeriodCounts } from '../period-counts.js';
import { property, state } from 'lit/decorators.js';
import type { FigureUnit, Figures, InboxApi, PeriodFigures } from './inbox-api.js';
import { format, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';
import { TaskStatus, inboxTask } from './inbox-task.js';
import { WideTableController } from './wide-table-controller.js';

const receivedColumns = ['total', 'signal', 'sparring', 'acknowledgedWithin7Days', 'fedBackWithin3Months'] as const;
const stateColumns = states;
const units: readonly FigureUnit[] = ['month', 'quarter'];
type CountColumn = (typeof receivedColumns)[number] | (typeof stateColumns)[number];

/** Every period from `from` up to `to` (UTC), so a month without signals shows as 0, not as missing. */
export function periodsBetween(unit: FigureUnit, from: string, to: string): string[] {
  const first = new Date(from);
  const last = new Date(Date.parse(to) - 1);
  const periods: string[] = [];
  for (
    let index = first.getUTCFullYear() * 12 + first.getUTCMonth();
    index <= last.getUTCFullYear() * 12 + last.getUTCMonth();
    index += 1
  ) {
    const year = Math.floor(index / 12);
    const month = index % 12;
    const period = unit === 'quarter' ? `${year}-Q${Math.floor(month / 3) + 1}` : `${year}-${String(month + 1).padStart(2, '0')}`;
    if (periods.at(-1) !== period) periods.push(period);
  }
  return periods;
}

/**
 * The figures for management and for officers: counts per month or per quarter of this calendar
 * year, by kind, current state, benchmark and where forwarded signals went, with a CSV download.
 * No content and no references, ever. For management the receiver hides counts from 1 to 4
 * (`null`); they read "<5" on screen, "minder dan 5" to a screen reader, with a note saying why.
 * The choice of month or quarter is kept in the page's address.
 *
 * @summary Counts per period, without content.
 */
export class SignaalInboxFigures extends LitElement {
  static override styles = [
    inboxStyles,
    css`
      .units {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.5em;
      }
      th[scope='row'] {
        white-space: nowrap;
      }
      td {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      thead th:not(:first-child) {
        text-align: end;
      }
      .note {
        padding: 0.5em 0.75em;
        border-inline-start: 4px solid var(--_signaal-accent);
        background: var(--_signaal-surface);
      }
    `,
  ];

  @property({ attribute: false }) api!: InboxApi;
  @property({ attribute: false }) t!: InboxMessages;
  @property({ attribute: false }) locale: 'nl' | 'en' = 'nl';
  @property() base = '/inbox';

  @state() private unit: FigureUnit = new URLSearchParams(location.search).get('unit') === 'quarter' ? 'quarter' : 'month';

  private readonly wideTable = new WideTableController(this);
  /** The figures per `unit`, asked again when the officer picks the other unit. */
  private readonly figures = inboxTask(
    this,
    () => [this.unit] as const,
    ([unit], signal) => this.api.figures(unit, signal),
  );

  private chooseUnit(event: Event): void {
    const unit = (event.target as HTMLInputElement).value === 'quarter' ? 'quarter' : 'month';
    if (unit === this.unit) return;
    this.unit = unit;
    // Only the choice goes in the address.
    window.history.replaceState(null, '', `${location.pathname}${unit === 'quarter' ? '?unit=quarter' : ''}`);
  }

  private periodName(period: string): string {
    const [year, part] = period.split('-') as [string, string];
    if (part.startsWith('Q')) return format(this.t.quarterName, { quarter: part.slice(1), year });
    return new Intl.DateTimeFormat(this.locale === 'en' ? 'en-GB' : 'nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      Date.UTC(Number(year), Number(part) - 1, 1),
    );
  }

  private count(value: number | null, below: number) {
    if (value !== null) return value.toLocaleString(this.locale === 'en' ? 'en-GB' : 'nl-NL');
    return html`<span aria-hidden="true">&lt;${below}</span
      ><span class="visually-hidden">${format(this.t.fewerThan, { count: below })}</span>`;
  }

  /** One table of counts, in a region that scrolls sideways on its own, labelled by its heading. */
  private renderTable(
    id: string,
    title: string,
    columns: ReadonlyArray<{ heading: string; count: (row: PeriodFigures) => number | null }>,
    rows: PeriodFigures[],
    below: number,
  ) {
    return html`
      <section aria-labelledby=${id}>
        <h2 id=${id}>${title}</h2>
        <div
          class="table-wrap"
          tabindex="0"
          role="region"
          aria-labelledby=${id}
          aria-busy=${this.figures.status === TaskStatus.PENDING ? 'true' : 'false'}
        >
          <table aria-labelledby=${id}>
            <thead>
              <tr>
                <th scope="col">${this.t.columnPeriod}</th>
                ${columns.map((column) => html`<th scope="col">${column.heading}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) =>
                  html`<tr>
                    <th scope="row">${this.periodName(row.period)}</th>
                    ${columns.map((column) => html`<td>${this.count(column.count(row), below)}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }

  private renderTables(figures: Figures) {
    const t = this.t;
    const byPeriod = new Map(figures.periods.map((row) => [row.period, row]));
    const rows = periodsBetween(figures.unit, figures.from, figures.to).map((period) => byPeriod.get(period) ?? emptyPeriodCounts(period));
    const below = figures.suppressedBelow;
    const headings: Record<CountColumn, string> = {
      total: t.columnTotal,
      signal: t.kindPlural.signal,
      sparring: t.kindPlural.sparring,
      received: t.state.received,
      'in-progress': t.state['in-progress'],
      forwarded: t.state.forwarded,
      closed: t.state.closed,
      acknowledgedWithin7Days: t.columnAcknowledged,
      fedBackWithin3Months: t.columnFedBack,
    };
    const counts = (columns: readonly CountColumn[]) =>
      columns.map((column) => ({ heading: headings[column], count: (row: PeriodFigures) => row[column] }));
    return html`
      ${this.wideTable.wide ? html`<p class="scroll-hint">${t.tableScrollHint}</p>` : nothing}
      ${this.renderTable('received-title', format(t.figuresReceived, { year: figures.from.slice(0, 4) }), counts(receivedColumns), rows, below)}
      ${this.renderTable('states-title', t.figuresStates, counts(stateColumns), rows, below)}
      ${this.renderTable(
        'forwarded-title',
        t.figuresForwarded,
        targets.map((target) => ({ heading: t.target[target], count: (row: PeriodFigures) => row.forwardedTo[target] })),
        rows,
        below,
      )}
    `;
  }

  override render() {
    const t = this.t;
    const figures = this.figures.value;
    const failed = this.figures.status === TaskStatus.ERROR;
    const status = failed
      ? ''
      : this.figures.status !== TaskStatus.COMPLETE || !figures
        ? t.loading
        : figures.unit === 'quarter'
          ? t.figuresShownQuarter
          : t.figuresShownMonth;
    return html`
      <div class="stack">
        <h1>${t.figuresTitle}</h1>
        <p>${t.figuresIntro}</p>
        <fieldset class="units">
          <legend>${t.figuresUnit}</legend>
          ${units.map((unit) => {
            const input = html`<input type="radio" name="unit" value=${unit} .checked=${this.unit === unit} @change=${this.chooseUnit} />`;
            return html`<label class="choice">${input}${unit === 'quarter' ? t.unitQuarter : t.unitMonth}</label>`;
          })}
        </fieldset>
        <p role="status">${status}</p>
        ${failed ? html`<p class="error" role="alert">${t.loadFailed}</p>` : nothing}
        ${
          figures && !failed
            ? html`
                <p class="note">
                  ${figures.suppressedBelow > 0 ? format(t.suppressedNote, { count: figures.suppressedBelow }) : t.exactNote}
                </p>
                ${this.renderTables(figures)}
                <p>
                  <a href=${this.api.figuresCsvUrl(figures.unit)} download
                    >${figures.unit === 'quarter' ? t.downloadCsvQuarter : t.downloadCsvMonth}</a
                  >
                </p>
              `
            : nothing
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-inbox-figures': SignaalInboxFigures;
  }
}
