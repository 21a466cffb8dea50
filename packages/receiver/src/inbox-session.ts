/**
 * The inbox's sessions: the cookie, the CSRF token, the single-sign-on header and who may do
 * what. Sessions live in the database (hashed ids), so any instance serves any officer.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BlockList } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { addressIn } from './addresses.js';
import type { OfficerAccount } from './officers.js';
import { ProblemError } from './problem.js';
import { sessionIdHash, type InboxStore, type InboxUser, type SessionRow } from './storage/inbox-store.js';

export const sessionCookie = 'signaal_session';
export const csrfHeader = 'x-csrf-token';

export interface InboxSession {
  id: string;
  idHash: Buffer;
  user: InboxUser;
  method: SessionRow['method'];
}

declare module 'fastify' {
  interface FastifyRequest {
    inboxSession: InboxSession | undefined;
  }
}

const sameSecret = (a: string | undefined, b: string) => {
  if (a === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export interface SessionSettings {
  officers: readonly OfficerAccount[];
  /** The SSO proxy's header naming the officer; counts only on connections from `ssoProxies`. */
  ssoHeader?: string | undefined;
  ssoProxies?: BlockList | undefined;
  idleMs: number;
  maxAgeMs: number;
}

/** Starts, finds and ends sessions; answers who is signed in and whether they may do something. */
export class InboxSessions {
  private readonly officers: Map<string, OfficerAccount>;
  private readonly ssoHeader: string | undefined;
  readonly cookieOptions;

  constructor(
    private readonly inbox: InboxStore,
    private readonly secret: Buffer,
    base: string,
    private readonly settings: SessionSettings,
    private readonly now: () => Date,
  ) {
    this.officers = new Map(settings.officers.map((officer) => [officer.username.toLowerCase(), officer]));
    this.ssoHeader = settings.ssoHeader?.toLowerCase();
    if (this.ssoHeader && !settings.ssoProxies)
      throw new TypeError('ssoHeader needs ssoProxies: the addresses the SSO proxy connects from.');
    this.cookieOptions = { path: base, httpOnly: true, secure: true, sameSite: 'strict' } as const;
  }

  get sso(): boolean {
    return this.ssoHeader !== undefined;
  }

  /** An officer from the officers file, as the inbox knows them. */
  officer(username: string): InboxUser | undefined {
    const account = this.officers.get(username.trim().toLowerCase());
    return account ? { username: account.username, name: account.name, role: account.role ?? 'officer' } : undefined;
  }

  account(username: string): OfficerAccount | undefined {
    return this.officers.get(username.trim().toLowerCase());
  }

  /** The officer the SSO proxy names, only when the connection itself comes from the proxy. */
  ssoUser(request: FastifyRequest): InboxUser | undefined {
    // The connection's own address, never a forwarded one: only the proxy itself may name an officer.
    if (!this.ssoHeader || !this.settings.ssoProxies || !addressIn(this.settings.ssoProxies, request.socket.remoteAddress))
      return undefined;
    const value = request.headers[this.ssoHeader];
    return typeof value === 'string' ? this.officer(value) : undefined;
  }

  /** The session the cookie names, if it is still valid (and, with SSO, the proxy vouches for the same officer). */
  async find(request: FastifyRequest): Promise<InboxSession | undefined> {
    const id = request.cookies[sessionCookie];
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const idHash = sessionIdHash(id);
    const row = await this.inbox.session(idHash);
    const at = this.now().getTime();
    if (!row) return undefined;
    if (row.createdAt + this.settings.maxAgeMs <= at || row.lastSeenAt + this.settings.idleMs <= at) {
      await this.inbox.deleteSession(idHash);
      return undefined;
    }
    let user: InboxUser | undefined = { username: row.username, name: row.name, role: row.role };
    // Accounts from the officers file can be removed or change role; the file decides on every request.
    if (row.method !== 'oidc') user = this.officer(row.username);
    if (!user || (row.method === 'sso' && this.ssoUser(request)?.username !== user.username)) return undefined;
    await this.inbox.touchSession(idHash, at);
    return { id, idHash, user, method: row.method };
  }

  async start(reply: FastifyReply, user: InboxUser, method: SessionRow['method'], requestId: string): Promise<InboxSession> {
    const at = this.now().getTime();
    await this.inbox.expireSessions(at, this.settings.maxAgeMs, this.settings.idleMs);
    const id = randomBytes(32).toString('base64url');
    const idHash = sessionIdHash(id);
    await this.inbox.createSession(idHash, user, method, at);
    reply.setCookie(sessionCookie, id, { ...this.cookieOptions, maxAge: Math.floor(this.settings.maxAgeMs / 1000) });
    await this.inbox.audit(user.username, 'sign-in', this.now(), undefined, `method=${method} role=${user.role}`, requestId);
    return { id, idHash, user, method };
  }

  async end(reply: FastifyReply, session: InboxSession, requestId: string): Promise<void> {
    await this.inbox.deleteSession(session.idHash);
    await this.inbox.audit(session.user.username, 'sign-out', this.now(), undefined, undefined, requestId);
    reply.clearCookie(sessionCookie, this.cookieOptions);
  }

  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.secret).update('signaal inbox csrf v1\0').update(sessionId).digest('base64url');
  }

  csrfValid(request: FastifyRequest, session: InboxSession): boolean {
    const presented = request.headers[csrfHeader];
    return typeof presented === 'string' && sameSecret(presented, this.csrfToken(session.id));
  }

  /** What `GET /api/session` answers. */
  body(session: InboxSession) {
    return {
      officer: { username: session.user.username, name: session.user.name },
      role: session.user.role,
      method: session.method,
      csrfToken: this.csrfToken(session.id),
      sso: this.sso,
    };
  }
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Passwords and session cookies travel only over https, or over http on the machine itself
 * (the demo): a `Secure` cookie over plain http to another host would be sent in the clear.
 */
export function requireSecureTransport(request: FastifyRequest): void {
  if (request.protocol === 'https') return;
  if (loopbackHosts.has(request.hostname.toLowerCase())) return;
  throw new ProblemError(403, 'insecure-transport');
}

/** Refuses, and writes an audit line, when the signed-in user lacks `role` (officers may do what management may). */
export function roleGuard(inbox: InboxStore, now: () => Date, role: 'officer' | 'management') {
  return async (request: FastifyRequest) => {
    const session = request.inboxSession;
    if (!session) throw new ProblemError(401, 'session-required');
    if (role === 'management' || session.user.role === 'officer') return;
    await inbox.audit(
      session.user.username,
      'access-refused',
      now(),
      undefined,
      `route=${request.routeOptions.url ?? '(none)'}`,
      request.id,
    );
    throw new ProblemError(403, 'forbidden');
  };
}

/**
 * Finds the session of every inbox request and puts it on `request.inboxSession`. Registered once,
 * by the inbox, after the cookies and the boundary (which has refused forged cross-site changes by then).
 */
export const inboxSession = fastifyPlugin<{ sessions: InboxSessions }>(
  (app, { sessions }, done) => {
    app.decorateRequest('inboxSession', undefined);
    app.addHook('onRequest', async (request) => {
      request.inboxSession = await sessions.find(request);
    });
    done();
  },
  { name: 'signaal-inbox-session', fastify: '5.x', dependencies: ['@fastify/cookie', 'signaal-boundary'] },
);

/** For changes: a session, and its CSRF token in the header. A refusal is audited. */
export function csrfGuard(sessions: InboxSessions, inbox: InboxStore, now: () => Date) {
  return async (request: FastifyRequest) => {
    const session = request.inboxSession;
    if (!session) throw new ProblemError(401, 'session-required');
    if (!sessions.csrfValid(request, session)) {
      await inbox.audit(
        session.user.username,
        'csrf-refused',
        now(),
        undefined,
        `route=${request.routeOptions.url ?? '(none)'}`,
        request.id,
      );
      throw new ProblemError(403, 'csrf-token-invalid');
    }
  };
}
