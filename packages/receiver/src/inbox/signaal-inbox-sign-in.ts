import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { InboxApiError, type InboxApi } from './inbox-api.js';
import { format, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';

/**
 * The sign-in page: where the municipality signs officers in through its identity provider, one
 * link to it; otherwise the form with username and password, where after a refusal an error
 * summary takes focus.
 *
 * @summary Signs the officer in to the inbox.
 */
export class SignaalInboxSignIn extends LitElement {
  static override styles = [
    inboxStyles,
    css`
      /* The shared .button-link (base styles), filled: it is the page's one action. */
      .button-link {
        background: var(--_signaal-accent);
        color: var(--_signaal-on-accent);
      }
      @media (forced-colors: active) {
        .button-link {
          border-color: LinkText;
        }
      }
    `,
  ];

  @property({ attribute: false }) api!: InboxApi;
  @property({ attribute: false }) t!: InboxMessages;
  @property() base = '/inbox';

  @state() private error: string | undefined;
  @state() private busy = false;
  /** How this receiver signs officers in (`GET /api/auth`); the form waits for it. */
  @state() private method: 'password' | 'oidc' | undefined;

  @query('#username') private username!: HTMLInputElement | null;
  @query('#password') private password!: HTMLInputElement;
  @query('#organisation') private organisation!: HTMLAnchorElement | null;
  @query('.error-summary') private summary!: HTMLElement | null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadMethod();
  }

  private async loadMethod(): Promise<void> {
    try {
      const response = await fetch(`${this.base}/api/auth`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      const body = (response.ok ? await response.json() : {}) as { method?: unknown };
      this.method = body.method === 'oidc' ? 'oidc' : 'password';
    } catch {
      this.method = 'password';
    }
    await this.updateComplete;
    // The page has one purpose; start where the officer will act.
    (this.organisation ?? this.username)?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      await this.api.signIn(this.username?.value ?? '', this.password.value);
      location.assign(`${this.base}/`);
      return;
    } catch (error) {
      const t = this.t;
      if (!(error instanceof InboxApiError)) this.error = t.signInError;
      else if (error.status === 401 || error.status === 400) this.error = t.signInFailed;
      else if (error.status === 429) this.error = format(t.signInLimited, { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) });
      else if (error.status === 404) this.error = t.signInSso;
      else this.error = t.signInError;
      this.password.value = '';
    }
    this.busy = false;
    await this.updateComplete;
    this.summary?.focus();
  }

  override render() {
    const t = this.t;
    if (this.method === undefined) return html`<p role="status">${t.loading}</p>`;
    if (this.method === 'oidc') {
      return html`
        <div class="stack">
          <h1>${t.signInTitle}</h1>
          <p class="muted">${t.signInIntro}</p>
          <p>${t.signInOrganisationHint}</p>
          <p><a id="organisation" class="button-link" href="${this.base}/auth/sign-in">${t.signInWithOrganisation}</a></p>
        </div>
      `;
    }
    return html`
      <div class="stack">
        <h1>${t.signInTitle}</h1>
        <p class="muted">${t.signInIntro}</p>
        ${this.error
          ? html`<div class="error-summary" tabindex="-1" role="group" aria-labelledby="error-title">
              <h2 id="error-title">${t.errorSummaryTitle}</h2>
              <p>${this.error}</p>
            </div>`
          : nothing}
        <form @submit=${this.submit} novalidate>
          <div class="field">
            <label for="username">${t.username}</label>
            <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required />
          </div>
          <div class="field">
            <label for="password">${t.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <div class="actions">
            <button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? t.signingIn : t.signIn}</button>
          </div>
        </form>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-inbox-sign-in': SignaalInboxSignIn;
  }
}
