import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { format, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';

/** The officer asked for another page of the list. */
export class SignaalPageEvent extends Event {
  static readonly type = 'signaal-page';
  readonly page: number;
  constructor(page: number) {
    super(SignaalPageEvent.type, { bubbles: true, composed: true });
    this.page = page;
  }
}

/**
 * Previous and next links for a list in pages, with "Pagina 2 van 7" between them. The links are
 * real addresses (a new tab works); a plain click fires `signaal-page` instead of loading the
 * page again. When the link that was used is gone (the first or last page), focus moves to the
 * other one, so keyboard users keep their place.
 *
 * @summary Pages of the inbox list.
 * @event signaal-page - Another page was asked for; carries its number.
 */
export class SignaalInboxPagination extends LitElement {
  static override styles = [
    inboxStyles,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1.5em;
        align-items: center;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      a {
        display: inline-block;
        padding-block: 0.5em;
      }
    `,
  ];

  @property({ attribute: false }) t!: InboxMessages;
  @property({ type: Number }) page = 1;
  @property({ type: Number }) pages = 1;
  /** The address of a page, for the links' `href`. */
  @property({ attribute: false }) href: (page: number) => string = (page) => `?page=${page}`;

  private used: 'prev' | 'next' | undefined;

  override updated(): void {
    if (!this.used) return;
    const links = this.renderRoot.querySelectorAll<HTMLAnchorElement>('a[rel]');
    const same = this.renderRoot.querySelector<HTMLAnchorElement>(`a[rel='${this.used}']`);
    this.used = undefined;
    (same ?? links[0])?.focus();
  }

  private go(event: MouseEvent, rel: 'prev' | 'next'): void {
    // A new tab or window keeps its own page.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.used = rel;
    this.dispatchEvent(new SignaalPageEvent(this.page + (rel === 'next' ? 1 : -1)));
  }

  override render() {
    const t = this.t;
    if (this.pages <= 1) return nothing;
    return html`
      <nav aria-label=${t.pagination}>
        <ul>
          ${
            this.page > 1
              ? html`<li>
                  <a href=${this.href(this.page - 1)} rel="prev" @click=${(event: MouseEvent) => this.go(event, 'prev')}
                    ><span aria-hidden="true">←</span> ${t.previousPage}</a
                  >
                </li>`
              : nothing
          }
          <li>${format(t.pagePosition, { page: this.page, pages: this.pages })}</li>
          ${
            this.page < this.pages
              ? html`<li>
                  <a href=${this.href(this.page + 1)} rel="next" @click=${(event: MouseEvent) => this.go(event, 'next')}
                    >${t.nextPage} <span aria-hidden="true">→</span></a
                  >
                </li>`
              : nothing
          }
        </ul>
      </nav>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-inbox-pagination': SignaalInboxPagination;
  }
  interface HTMLElementEventMap {
    'signaal-page': SignaalPageEvent;
  }
}
