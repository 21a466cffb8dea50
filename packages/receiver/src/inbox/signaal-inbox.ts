import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { InboxApi, signInAgain, type SessionInfo } from './inbox-api.js';
import { en, nl, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';

/**
 * The officer's inbox page: a header with who is signed in and in which role, the menu, sign-out
 * and the language switch, and one view (sign-in, the list, one signal, or the figures). The
 * server renders only this element; all content comes from the inbox API with the session cookie.
 * Management sees only the figures: the menu offers nothing else, and any other view sends them
 * there (the server refuses the rest anyway).
 *
 * @summary The officer's inbox application shell.
 */
export class SignaalInbox extends LitElement {
  static override styles = [
    inboxStyles,
    css`
      :host {
        min-block-size: 100vh;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1.5em;
        align-items: center;
        justify-content: space-between;
        padding: 0.75em var(--_signaal-space);
        border-block-end: 4px solid var(--_signaal-accent);
      }
      .brand {
        font-weight: 700;
        font-size: 1.125em;
      }
      .account,
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1em;
        align-items: center;
      }
      nav ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      nav a {
        display: inline-block;
        padding-block: 0.25em;
        font-weight: 600;
      }
      nav a[aria-current='page'] {
        text-decoration-thickness: 3px;
      }
      main {
        box-sizing: border-box;
        max-inline-size: 72em;
        margin-inline: auto;
        padding: var(--_signaal-space);
      }
    `,
  ];

  /** Where the inbox is served, e.g. `/inbox`. */
  @property() base = '/inbox';
  /** Which page this is. */
  @property() view: 'sign-in' | 'list' | 'detail' | 'figures' = 'list';
  /** The signal's reference on the detail page. */
  @property() reference = '';

  @state() private session: SessionInfo | undefined;
  @state() private failed = false;

  private api!: InboxApi;
  private readonly locale: 'nl' | 'en' = document.documentElement.lang === 'en' ? 'en' : 'nl';

  private get t(): InboxMessages {
    return this.locale === 'en' ? en : nl;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.api = new InboxApi(this.base);
    if (this.view !== 'sign-in') void this.loadSession();
  }

  private async loadSession(): Promise<void> {
    try {
      const session = await this.api.session();
      if (session.role === 'management' && this.view !== 'figures') {
        location.replace(`${this.base}/figures`);
        return;
      }
      this.session = session;
    } catch (error) {
      if (signInAgain(error, this.base)) return;
      this.failed = true;
    }
  }

  private async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } finally {
      location.assign(`${this.base}/sign-in`);
    }
  }

  private renderView() {
    if (this.view === 'sign-in')
      return html`<signaal-inbox-sign-in .api=${this.api} .t=${this.t} base=${this.base}></signaal-inbox-sign-in>`;
    if (this.failed) return html`<p class="error" role="alert">${this.t.loadFailed}</p>`;
    if (!this.session) return html`<p role="status">${this.t.loading}</p>`;
    if (this.view === 'figures') {
      return html`<signaal-inbox-figures .api=${this.api} .t=${this.t} .locale=${this.locale} base=${this.base}></signaal-inbox-figures>`;
    }
    if (this.view === 'detail') {
      return html`<signaal-inbox-detail
        .api=${this.api}
        .t=${this.t}
        .locale=${this.locale}
        base=${this.base}
        reference=${this.reference}
      ></signaal-inbox-detail>`;
    }
    return html`<signaal-inbox-list .api=${this.api} .t=${this.t} .locale=${this.locale} base=${this.base}></signaal-inbox-list>`;
  }

  private renderMenu(session: SessionInfo) {
    const t = this.t;
    const link = (href: string, current: boolean, text: string) =>
      html`<li><a href=${href} aria-current=${current ? 'page' : 'false'}>${text}</a></li>`;
    return html`<nav aria-label=${t.mainNav}>
      <ul>
        ${session.role === 'officer' ? link(`${this.base}/`, this.view === 'list', t.navSignals) : nothing}
        ${link(`${this.base}/figures`, this.view === 'figures', t.navFigures)}
      </ul>
    </nav>`;
  }

  override render() {
    const t = this.t;
    const session = this.session;
    return html`
      <header>
        <span class="brand">${t.appName}</span>
        ${session ? this.renderMenu(session) : nothing}
        <div class="account">
          ${
            session
              ? html`<span>${t.signedInAs} <strong>${session.officer.name}</strong> (${t.role[session.role]})</span>
                  ${session.sso ? nothing : html`<button type="button" class="secondary" @click=${this.signOut}>${t.signOut}</button>`}`
              : nothing
          }
          <a href="?lang=${t.switchLanguageLang}" lang=${t.switchLanguageLang} hreflang=${t.switchLanguageLang}>${t.switchLanguage}</a>
        </div>
      </header>
      <main>${this.renderView()}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-inbox': SignaalInbox;
  }
}
