import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { InboxApi, InboxApiError, type SessionInfo } from './inbox-api.js';
import { en, nl, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';

/**
 * The officer's inbox page: a header with who is signed in, sign-out and the language switch,
 * and one view (sign-in, the list, or one signal). The server renders only this element; all
 * content comes from the inbox API with the session cookie.
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
      .account {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1em;
        align-items: center;
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
  @property() view: 'sign-in' | 'list' | 'detail' = 'list';
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
      this.session = await this.api.session();
    } catch (error) {
      if (error instanceof InboxApiError && error.status === 401) {
        location.assign(`${this.base}/sign-in`);
        return;
      }
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
    if (this.view === 'sign-in') return html`<signaal-inbox-sign-in .api=${this.api} .t=${this.t} base=${this.base}></signaal-inbox-sign-in>`;
    if (this.failed) return html`<p class="error" role="alert">${this.t.loadFailed}</p>`;
    if (!this.session) return html`<p role="status">${this.t.loading}</p>`;
    if (this.view === 'detail') {
      return html`<signaal-inbox-detail .api=${this.api} .t=${this.t} .locale=${this.locale} base=${this.base} reference=${this.reference}></signaal-inbox-detail>`;
    }
    return html`<signaal-inbox-list .api=${this.api} .t=${this.t} .locale=${this.locale} base=${this.base}></signaal-inbox-list>`;
  }

  override render() {
    const t = this.t;
    return html`
      <header>
        <span class="brand">${t.appName}</span>
        <div class="account">
          ${this.session
            ? html`<span>${t.signedInAs} <strong>${this.session.officer.name}</strong></span>
                ${this.session.sso ? nothing : html`<button type="button" class="secondary" @click=${this.signOut}>${t.signOut}</button>`}`
            : nothing}
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
