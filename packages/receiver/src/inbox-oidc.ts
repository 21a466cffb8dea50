/**
 * Officers sign in through the municipality's identity provider with OpenID Connect: the
 * authorization code flow with PKCE (S256), state and nonce; openid-client checks the ID token,
 * its signature included; the role comes from one of its claims. No passwords, no officers file.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import * as client from 'openid-client';
import { noticePage, pageLocale, type NoticeKind } from './inbox-pages.js';
import { requireSecureTransport, type InboxSessions } from './inbox-session.js';
import { callbackQuery } from './route-schemas.js';
import type { InboxStore, InboxUser } from './storage/inbox-store.js';
import type { ZodTypeProvider } from './zod-validator.js';

/** Signing in through the municipality's identity provider (Entra ID, ADFS, Keycloak, …). */
export interface OidcOptions {
  /** The provider's issuer, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. `http:` only on loopback. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The receiver as officers reach it; the redirect URI is `<publicUrl>/inbox/auth/callback`. */
  publicUrl: string;
  /** The ID token claim that holds the roles. Default `roles` (Entra ID app roles); `groups` or `role` elsewhere. */
  roleClaim?: string;
  /** The role that handles signals. Default `signaal-officer`. */
  officerRole?: string;
  /** The role that sees figures only. Default `signaal-management`. */
  managementRole?: string;
  /** The scopes asked for. Default `openid profile`; ADFS needs `allatclaims` to put role claims in the ID token. */
  scope?: string;
}

/** Why an issuer URL cannot be used, or `undefined` when it can: `https:`, or `http:` on this machine only. */
export function issuerProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.username || url.password || url.search || url.hash) return 'must not carry credentials, a query or a fragment';
  if (url.protocol === 'https:') return undefined;
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol === 'http:' && loopback) return undefined;
  return 'must be an https: URL (http: only on this machine, for tests)';
}

const flowCookie = 'signaal_oidc_flow';
const signedOutCookie = 'signaal_oidc_signed_out';
const flowMaxAgeMs = 10 * 60_000;
const textLimit = 200;

/** What the browser carries between the redirect to the provider and the way back, bound with an HMAC. */
interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  expires: number;
}

/** Who the ID token says signed in, and the role it gives them in Signaal (none: no access). */
export interface OidcPerson {
  username: string;
  name: string;
  role: InboxUser['role'] | undefined;
}

const clean = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const text = value
    // eslint-disable-next-line no-control-regex -- the control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, textLimit);
  return text === '' ? undefined : text;
};

/** The claim's values: an array of strings or one string; a dotted name (`realm_access.roles`) reaches into objects. */
function claimValues(claims: Record<string, unknown>, name: string): string[] {
  let value: unknown = claims[name];
  if (value === undefined && name.includes('.')) {
    value = name
      .split('.')
      .reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/**
 * The relying party: builds the redirect to the provider, checks the answer, and says who signed in
 * with which role. Discovery happens on first use and is kept; a failed one is tried again next time.
 */
export class OidcSignIn {
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  private readonly roleClaim: string;
  private readonly officerRole: string;
  private readonly managementRole: string;
  private readonly scope: string;
  private readonly flowKey: Buffer;
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly options: OidcOptions,
    secret: Buffer,
    private readonly base: string,
    private readonly now: () => Date,
  ) {
    const problem = issuerProblem(options.issuer);
    if (problem) throw new TypeError(`oidc.issuer ${problem}.`);
    if (!options.clientId || !options.clientSecret) throw new TypeError('oidc needs clientId and clientSecret.');
    const publicUrl = options.publicUrl.replace(/\/+$/, '');
    if (issuerProblem(publicUrl)) throw new TypeError('oidc.publicUrl must be an https: URL (http: only on this machine).');
    this.redirectUri = `${publicUrl}${base}/auth/callback`;
    this.postLogoutRedirectUri = `${publicUrl}${base}/sign-in`;
    this.roleClaim = options.roleClaim || 'roles';
    this.officerRole = options.officerRole || 'signaal-officer';
    this.managementRole = options.managementRole || 'signaal-management';
    this.scope = options.scope || 'openid profile';
    this.flowKey = createHmac('sha256', secret).update('signaal inbox oidc flow v1').digest();
  }

  private get cookieBase() {
    return { httpOnly: true, secure: true, sameSite: 'lax' } as const;
  }

  /** The provider's metadata and keys, through discovery; ID token signatures are checked too (not only TLS). */
  config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.options.issuer),
        this.options.clientId,
        this.options.clientSecret,
        client.ClientSecretPost(this.options.clientSecret),
        {
          execute: [client.enableNonRepudiationChecks, ...(this.options.issuer.startsWith('http:') ? [client.allowInsecureRequests] : [])],
        },
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** Starts a sign-in: keeps state, nonce and the PKCE verifier in a short-lived bound cookie; answers the provider's URL. */
  async start(reply: FastifyReply): Promise<URL> {
    const config = await this.config();
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      expires: this.now().getTime() + flowMaxAgeMs,
    };
    reply.setCookie(flowCookie, this.seal(flow), { ...this.cookieBase, path: `${this.base}/auth/callback`, maxAge: flowMaxAgeMs / 1000 });
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.scope,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
  }

  /** The flow this browser started, if its cookie is intact and fresh. The cookie is used once: it is cleared here. */
  takeFlow(request: FastifyRequest, reply: FastifyReply): Flow | undefined {
    const value = request.cookies[flowCookie];
    if (value === undefined) return undefined;
    reply.clearCookie(flowCookie, { ...this.cookieBase, path: `${this.base}/auth/callback` });
    const [payload, mac] = value.split('.');
    if (!payload || !mac) return undefined;
    const expected = createHmac('sha256', this.flowKey).update(payload).digest();
    const presented = Buffer.from(mac, 'base64url');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
    let flow: Flow;
    try {
      flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Flow;
    } catch {
      return undefined;
    }
    return typeof flow.expires === 'number' && flow.expires > this.now().getTime() ? flow : undefined;
  }

  /**
   * Checks the provider's answer (state, `iss`, code for tokens with the PKCE verifier, the ID token's
   * signature, issuer, audience, expiry and nonce) and answers the ID token's claims. Throws when any check fails.
   */
  async finish(search: string, flow: Flow): Promise<Record<string, unknown>> {
    const config = await this.config();
    const current = new URL(this.redirectUri);
    current.search = search;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new client.ClientError('no ID token');
    return claims;
  }

  /**
   * Who signed in: the username is `preferred_username` (a person reading the audit log recognises
   * it), else `sub`; the name is `name`, else the username. Access never depends on either: only
   * on the role claim in this ID token. The officer role wins over the management role.
   */
  person(claims: Record<string, unknown>): OidcPerson {
    const username = clean(claims.preferred_username) ?? clean(claims.sub) ?? '-';
    const name = clean(claims.name) ?? username;
    const roles = claimValues(claims, this.roleClaim);
    const role = roles.includes(this.officerRole) ? 'officer' : roles.includes(this.managementRole) ? 'management' : undefined;
    return { username, name, role };
  }

  /** The provider's sign-out address (RP-initiated logout), or `undefined` if it has none. */
  async endSessionUrl(state?: string): Promise<string | undefined> {
    const config = await this.config();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    // No ID token is kept, so `client_id` names the client instead of `id_token_hint`.
    return client.buildEndSessionUrl(config, {
      client_id: this.options.clientId,
      post_logout_redirect_uri: this.postLogoutRedirectUri,
      ...(state ? { state } : {}),
    }).href;
  }

  /**
   * After the inbox session ended: the provider's sign-out address, and a one-time cookie so that
   * the sign-in page the inbox goes to next sends the browser there (unless it comes back from it).
   */
  async signOut(reply: FastifyReply): Promise<string | undefined> {
    const state = client.randomState();
    const url = await this.endSessionUrl(state).catch(() => undefined);
    if (url) reply.setCookie(signedOutCookie, state, { ...this.cookieBase, path: `${this.base}/sign-in`, maxAge: flowMaxAgeMs / 1000 });
    return url;
  }

  /**
   * On the sign-in page: where to send a browser that has just signed out and not yet been to the
   * provider; `returned` is the `state` the provider's sign-out came back with.
   */
  async afterSignOut(request: FastifyRequest, reply: FastifyReply, returned: string | undefined): Promise<string | undefined> {
    const state = request.cookies[signedOutCookie];
    if (state === undefined) return undefined;
    reply.clearCookie(signedOutCookie, { ...this.cookieBase, path: `${this.base}/sign-in` });
    if (returned === state) return undefined;
    return this.endSessionUrl(state).catch(() => undefined);
  }

  private seal(flow: Flow): string {
    const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${payload}.${createHmac('sha256', this.flowKey).update(payload).digest('base64url')}`;
  }
}

/** Why a callback was refused, for the audit log and the server log: a category, never input. */
function refusalReason(error: unknown): { reason: string; unavailable: boolean } {
  if (error instanceof client.AuthorizationResponseError) return { reason: 'provider-error', unavailable: false };
  if (error instanceof client.ResponseBodyError) return { reason: 'token-refused', unavailable: false };
  if (error instanceof client.ClientError)
    return { reason: (error.code ?? 'invalid-response').toLowerCase().replace(/_/g, '-'), unavailable: false };
  return { reason: 'unavailable', unavailable: true };
}

/**
 * The inbox's OpenID Connect routes, registered by the inbox under `/inbox`: `GET /auth/sign-in`
 * sends the browser to the provider; `GET /auth/callback` checks the answer and starts a session
 * for the officer or management role, or shows "no access". Every refusal is audited.
 */
export const inboxOidc: FastifyPluginCallback<
  { oidc: OidcSignIn; sessions: InboxSessions; inbox: InboxStore; now: () => Date },
  RawServerDefault,
  ZodTypeProvider
> = (app, { oidc, sessions, inbox, now }, done) => {
  if (sessions.sso) {
    done(new TypeError('oidc and ssoHeader exclude each other: choose one way for officers to sign in.'));
    return;
  }
  const base = app.prefix;

  const notice = (request: FastifyRequest, reply: FastifyReply, status: number, kind: NoticeKind, link: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(noticePage(base, pageLocale(request, reply, base), kind, link));

  app.get('/auth/sign-in', async (request, reply) => {
    requireSecureTransport(request);
    if (request.inboxSession) return reply.redirect(`${base}/`, 303);
    let url: URL;
    try {
      url = await oidc.start(reply);
    } catch (error) {
      request.log.warn({ code: (error as { code?: string }).code ?? (error as Error).name }, 'oidc: discovery failed');
      return notice(request, reply, 503, 'sign-in-unavailable', `${base}/sign-in`);
    }
    return reply.redirect(url.href, 303);
  });

  // A bad query (a parameter given twice) is refused as openid-client refuses a bad answer: the refusal page, audited.
  app.get('/auth/callback', { schema: { querystring: callbackQuery }, attachValidation: true }, async (request, reply) => {
    requireSecureTransport(request);
    const refuse = async (reason: string, unavailable = false) => {
      await inbox.audit('-', 'sign-in-refused', now(), undefined, `method=oidc reason=${reason}`, request.id);
      request.log.warn({ reason }, 'oidc: sign-in refused');
      return notice(request, reply, unavailable ? 503 : 400, unavailable ? 'sign-in-unavailable' : 'sign-in-refused', `${base}/sign-in`);
    };
    const flow = oidc.takeFlow(request, reply);
    if (!flow) return refuse('no-flow');
    if (request.validationError) return refuse('oauth-invalid-response');
    const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    let claims: Record<string, unknown>;
    try {
      claims = await oidc.finish(search, flow);
    } catch (error) {
      const { reason, unavailable } = refusalReason(error);
      return refuse(reason, unavailable);
    }
    const person = oidc.person(claims);
    if (!person.role) {
      await inbox.audit(person.username, 'access-refused', now(), undefined, 'method=oidc role=none', request.id);
      const signOut = (await oidc.endSessionUrl().catch(() => undefined)) ?? `${base}/sign-in`;
      return notice(request, reply, 403, 'no-access', signOut);
    }
    // A new session id on every sign-in; an earlier session in this browser ends.
    if (request.inboxSession) await inbox.deleteSession(request.inboxSession.idHash);
    await sessions.start(reply, { username: person.username, name: person.name, role: person.role }, 'oidc', request.id);
    return notice(request, reply, 200, 'signed-in', `${base}/`);
  });
  done();
};
