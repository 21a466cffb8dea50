import { LitElement, css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { errorSummary, textField, type ErrorSummaryItem } from '@signaal/widget/fields';
import { InboxApiError, type InboxApi } from './inbox-api.js';
import { format, type InboxMessages } from './inbox-messages.js';
import { inboxStyles } from './inbox.styles.js';

/**
 * The sign-in page: where the municipality signs officers in through its identity provider, one
 * link to it; otherwise the form with username and password. An empty field, or a refusal, is said
 * in an error summary that takes focus; an empty field's line links to it.
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

  @state() private username = '';
  @state() private password = '';
  /** What went wrong with the last try: a field left empty (linked to it), or the receiver's refusal. */
  @state() private errors: ErrorSummaryItem[] = [];
  @state() private busy = false;
  /** How this receiver signs officers in (`GET /api/auth`); the form waits for it. */
  @state() private method: 'password' | 'oidc' | undefined;

  @query('#username') private usernameField!: HTMLInputElement | null;
  @query('#organisation') private organisation!: HTMLAnchorElement | null;
  @query('#sign-in-errors') private summary!: HTMLElement | null;

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
    (this.organisation ?? this.usernameField)?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const t = this.t;
    this.errors = [
      ...(this.username.trim() ? [] : [{ text: t.usernameMissing, field: 'username' }]),
      ...(this.password ? [] : [{ text: t.passwordMissing, field: 'password' }]),
    ];
    if (this.errors.length === 0) this.errors = await this.signIn();
    if (this.errors.length === 0) return;
    await this.updateComplete;
    this.summary?.focus();
  }

  /** Signs in and leaves for the inbox; otherwise says why not, and clears the password. */
  private async signIn(): Promise<ErrorSummaryItem[]> {
    const t = this.t;
    this.busy = true;
    try {
      await this.api.signIn(this.username, this.password);
      location.assign(`${this.base}/`);
      return [];
    } catch (error) {
      this.password = '';
      this.busy = false;
      if (!(error instanceof InboxApiError)) return [{ text: t.signInError }];
      if (error.status === 401 || error.status === 400) return [{ text: t.signInFailed }];
      if (error.status === 429)
        return [{ text: format(t.signInLimited, { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) }) }];
      if (error.status === 404) return [{ text: t.signInSso }];
      return [{ text: t.signInError }];
    }
  }

  private fieldError(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.text;
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
        ${errorSummary({ id: 'sign-in-errors', title: t.errorSummaryTitle, items: this.errors, level: 2 })}
        <form @submit=${this.submit} novalidate>
          ${textField({
            id: 'username',
            name: 'username',
            label: t.username,
            autocomplete: 'username',
            autocapitalize: 'none',
            spellcheck: false,
            required: true,
            error: this.fieldError('username'),
            value: this.username,
            input: (value) => (this.username = value),
          })}
          ${textField({
            id: 'password',
            name: 'password',
            type: 'password',
            label: t.password,
            autocomplete: 'current-password',
            required: true,
            error: this.fieldError('password'),
            value: this.password,
            input: (value) => (this.password = value),
          })}
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
