import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { findIndicator, kindSchema, stateSchema, type Kind, type State } from '@signaal/sdk';
import { sessionIdHash, type InboxSignal, type InboxStore, type StateChange } from './storage/inbox-store.js';
import { forwardTargets, type ForwardTarget } from './storage/tables.js';
import type { SignalStore } from './storage/signal-store.js';
import type { OfficerAccount } from './officers.js';
import { verifyPassword } from './officers.js';
import { ProblemError, handleError, sendProblem } from './problem.js';
import { referencePattern } from './receipt.js';

/** The officer's inbox: who may sign in, and how. */
export interface InboxOptions {
  /** The officers (from the officers file). Without a `passwordHash` an officer signs in only through SSO. */
  officers: readonly OfficerAccount[];
  /**
   * A request header set by the municipality's single-sign-on reverse proxy with the signed-in
   * officer's username, e.g. `x-remote-user`. Off by default. When set, only this header signs
   * officers in (passwords are not used), so the proxy must remove it from every client request.
   */
  ssoHeader?: string;
  /** A session ends after this many minutes without a request. Default 30. */
  sessionIdleMinutes?: number;
  /** A session ends this many hours after sign-in, however active. Default 10. */
  sessionMaxHours?: number;
  /** Failed sign-ins per address and per username before 429. Default 5 per 15 minutes. */
  signInAttempts?: { max: number; windowMs: number };
  /** The built inbox UI (`dist/inbox`). Default: beside this module. */
  assetsDir?: string;
}

export const sessionCookie = 'signaal_session';
const csrfHeader = 'x-csrf-token';

interface Session {
  id: string;
  idHash: Buffer;
  officer: OfficerAccount;
}

declare module 'fastify' {
  interface FastifyRequest {
    inboxSession: Session | undefined;
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const langCookie = 'signaal_lang';

/** `?lang=` wins (and is remembered in a cookie), then that cookie, then Accept-Language; Dutch by default. */
function pageLocale(request: FastifyRequest, reply: FastifyReply, path: string): 'nl' | 'en' {
  const asked = (request.query as Record<string, unknown> | undefined)?.['lang'];
  if (asked === 'nl' || asked === 'en') {
    reply.setCookie(langCookie, asked, { path, secure: true, sameSite: 'strict', httpOnly: true, maxAge: 31_536_000 });
    return asked;
  }
  const remembered = request.cookies[langCookie];
  if (remembered === 'nl' || remembered === 'en') return remembered;
  for (const part of (request.headers['accept-language'] ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('nl')) return 'nl';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nl';
}

const pageTitles = {
  nl: { 'sign-in': 'Inloggen', list: 'Signalen', detail: 'Signaal' },
  en: { 'sign-in': 'Sign in', list: 'Signals', detail: 'Signal' },
} as const;

/** The page shell: no content, only the element that fetches it with the session. */
function page(base: string, lang: 'nl' | 'en', view: 'sign-in' | 'list' | 'detail', reference?: string): string {
  const attributes = [`base="${escapeHtml(base)}"`, `view="${view}"`, ...(reference ? [`reference="${escapeHtml(reference)}"`] : [])].join(' ');
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>${pageTitles[lang][view]} · Signaal</title>
    <link rel="icon" href="${escapeHtml(base)}/assets/icon.svg">
    <link rel="stylesheet" href="${escapeHtml(base)}/assets/page.css">
    <script type="module" src="${escapeHtml(base)}/assets/inbox.js"></script>
  </head>
  <body>
    <signaal-inbox ${attributes}></signaal-inbox>
    <noscript>Signaal needs JavaScript. / Signaal heeft JavaScript nodig.</noscript>
  </body>
</html>
`;
}

const pageCss = `html { color-scheme: light dark; }
body { margin: 0; background: Canvas; color: CanvasText; }
`;

const icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#154273"/></svg>';

function sameOrigin(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A month (`2025-03`) or a day (`2025-03-14`), UTC. */
function parseDay(value: unknown, fallback: Date): Date {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}(-\d{2})?$/.test(value)) throw new ProblemError(400, 'invalid-query');
  const date = new Date(value.length === 7 ? `${value}-01T00:00:00Z` : `${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new ProblemError(400, 'invalid-query');
  return date;
}

const csvHeader = [
  'period', 'total', 'signal', 'sparring', 'received', 'in-progress', 'forwarded', 'closed',
  ...forwardTargets.map((target) => `forwarded-to-${target}`),
  'acknowledged-within-7-days', 'fed-back-within-3-months',
];

/** Parses a state change from the officer; every field checked, nothing echoed back. */
function readChange(body: unknown): StateChange {
  const { state, forwardedTo, message, ...rest } = (body ?? {}) as Record<string, unknown>;
  const errors: Array<{ path: string; code: string }> = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ProblemError(400, 'invalid-change');
  for (const key of Object.keys(rest)) errors.push({ path: key, code: 'unrecognized_keys' });
  if (!stateSchema.safeParse(state).success) errors.push({ path: 'state', code: 'invalid_value' });
  if (forwardedTo !== undefined && !forwardTargets.includes(forwardedTo as ForwardTarget)) errors.push({ path: 'forwardedTo', code: 'invalid_value' });
  if (state === 'forwarded' && forwardedTo === undefined) errors.push({ path: 'forwardedTo', code: 'required' });
  if (message !== undefined && (typeof message !== 'string' || message.trim().length > 2_000)) errors.push({ path: 'message', code: 'too_big' });
  if (errors.length > 0) throw new ProblemError(400, 'invalid-change', { errors });
  return {
    state: state as State,
    ...(forwardedTo !== undefined ? { forwardedTo: forwardedTo as ForwardTarget } : {}),
    ...(typeof message === 'string' ? { message: message.trim() } : {}),
  };
}

/**
 * The officer's inbox as a Fastify plugin, meant for the prefix `/inbox`: the pages, the built UI
 * under `/assets/`, and its API under `/api/`. Every answer but the sign-in page and the assets needs
 * a session; every changing request needs the session's CSRF token and a same-origin `Origin`.
 */
export const inboxRoutes: FastifyPluginAsync<{ inbox: InboxStore; signals: SignalStore; settings: InboxOptions; secret: Buffer; now?: () => Date }> = async (
  app,
  { inbox, signals, settings, secret, now: clock },
) => {
  const now = clock ?? (() => new Date());
  const base = app.prefix;
  const officers = new Map(settings.officers.map((officer) => [officer.username.toLowerCase(), officer]));
  const ssoHeader = settings.ssoHeader?.toLowerCase();
  const idleMs = (settings.sessionIdleMinutes ?? 30) * 60_000;
  const maxAgeMs = (settings.sessionMaxHours ?? 10) * 3_600_000;
  const attempts = settings.signInAttempts ?? { max: 5, windowMs: 15 * 60_000 };
  const assetsDir = settings.assetsDir ?? fileURLToPath(new URL('../dist/inbox/', import.meta.url));

  const csrfToken = (sessionId: string) => createHmac('sha256', secret).update('signaal inbox csrf v1\0').update(sessionId).digest('base64url');
  const cookieOptions = { path: base, httpOnly: true, secure: true, sameSite: 'strict' } as const;

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        requireTrustedTypesFor: ["'script'"],
        trustedTypes: ['lit-html'],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie);

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, 404, 'not-found'));

  /** The session the cookie names, if it is still valid (and, with SSO, the proxy vouches for the same officer). */
  async function findSession(request: FastifyRequest): Promise<Session | undefined> {
    const id = request.cookies[sessionCookie];
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const idHash = sessionIdHash(id);
    const row = await inbox.session(idHash);
    const at = now().getTime();
    if (!row) return undefined;
    if (row.createdAt + maxAgeMs <= at || row.lastSeenAt + idleMs <= at) {
      await inbox.deleteSession(idHash);
      return undefined;
    }
    const officer = officers.get(row.username.toLowerCase());
    if (!officer || (ssoHeader && ssoUser(request) !== officer)) return undefined;
    await inbox.touchSession(idHash, at);
    return { id, idHash, officer };
  }

  function ssoUser(request: FastifyRequest): OfficerAccount | undefined {
    if (!ssoHeader) return undefined;
    const value = request.headers[ssoHeader];
    return typeof value === 'string' ? officers.get(value.trim().toLowerCase()) : undefined;
  }

  async function startSession(reply: FastifyReply, officer: OfficerAccount): Promise<Session> {
    const at = now().getTime();
    await inbox.expireSessions(at, maxAgeMs, idleMs);
    const id = randomBytes(32).toString('base64url');
    const idHash = sessionIdHash(id);
    await inbox.createSession(idHash, officer.username, at);
    reply.setCookie(sessionCookie, id, { ...cookieOptions, maxAge: Math.floor(maxAgeMs / 1000) });
    await inbox.audit(officer.username, 'sign-in', now(), undefined, ssoHeader ? 'method=sso' : 'method=password');
    return { id, idHash, officer };
  }

  /** One signal for the officer: everything stored, indicator labels, and its audit lines. */
  const detailBody = async (found: InboxSignal) => ({
    ...found,
    indicators:
      found.signal?.kind === 'signal' ? (found.signal.indicators ?? []).map((id) => ({ id, label: findIndicator(id)?.label ?? { nl: id, en: id } })) : [],
    audit: await inbox.auditLog({ reference: found.reference, limit: 50 }),
  });

  const sessionBody = (session: Session) => ({
    officer: { username: session.officer.username, name: session.officer.name },
    csrfToken: csrfToken(session.id),
    sso: ssoHeader !== undefined,
  });

  app.decorateRequest('inboxSession', undefined);
  app.addHook('onRequest', async (request) => {
    request.inboxSession = await findSession(request);
    if (request.method === 'GET' || request.method === 'HEAD') return;
    // Forged cross-site requests: a browser names the page's origin; only this origin may change anything.
    const here = `${request.protocol}://${request.host}`;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if ((origin !== undefined && !sameOrigin(origin, here)) || (site !== undefined && site !== 'same-origin')) {
      throw new ProblemError(403, 'cross-site-request');
    }
    const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0' && mediaType !== 'application/json') {
      throw new ProblemError(415, 'unsupported-media-type');
    }
  });

  const requireSession = async (request: FastifyRequest) => {
    if (!request.inboxSession) throw new ProblemError(401, 'session-required');
  };
  const requireCsrf = async (request: FastifyRequest) => {
    await requireSession(request);
    const presented = request.headers[csrfHeader];
    const expected = csrfToken(request.inboxSession!.id);
    if (typeof presented !== 'string' || !sameOrigin(presented, expected)) throw new ProblemError(403, 'csrf-token-invalid');
  };

  // Pages: without a session, every page but sign-in sends the officer to sign in.
  const pageReply = (request: FastifyRequest, reply: FastifyReply, view: 'list' | 'detail', reference?: string) => {
    if (!request.inboxSession && !(ssoHeader && ssoUser(request))) return reply.redirect(`${base}/sign-in`, 303);
    return reply.type('text/html; charset=utf-8').send(page(base, pageLocale(request, reply, base), view, reference));
  };
  app.get('/', async (request, reply) => pageReply(request, reply, 'list'));
  app.get<{ Params: { reference: string } }>('/signals/:reference', async (request, reply) => {
    if (!referencePattern.test(request.params.reference)) throw new ProblemError(404, 'not-found');
    return pageReply(request, reply, 'detail', request.params.reference);
  });
  app.get('/sign-in', async (request, reply) => {
    if (request.inboxSession) return reply.redirect(`${base}/`, 303);
    return reply.type('text/html; charset=utf-8').send(page(base, pageLocale(request, reply, base), 'sign-in'));
  });
  app.get('/assets/icon.svg', async (_request, reply) => reply.type('image/svg+xml').send(icon));
  app.get('/assets/page.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(pageCss));
  if (existsSync(assetsDir)) {
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/assets/',
      decorateReply: false,
      allowedPath: (path) => /^\/?[\w.-]+\.js(\.map)?$/.test(path),
    });
  }

  // Who is signed in, with the CSRF token for changes. Behind SSO this also starts the session.
  app.get('/api/session', async (request, reply) => {
    let session = request.inboxSession;
    if (!session) {
      const officer = ssoUser(request);
      if (!officer) throw new ProblemError(401, 'session-required');
      session = await startSession(reply, officer);
    }
    return reply.send(sessionBody(session));
  });

  app.post('/api/session', { bodyLimit: 4_096 }, async (request, reply) => {
    if (ssoHeader) throw new ProblemError(404, 'not-found');
    const { username, password } = (request.body ?? {}) as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string' || username.length > 200 || password.length > 1_024) {
      throw new ProblemError(400, 'bad-request');
    }
    const keys = [`address:${request.ip}`, `user:${username.trim().toLowerCase()}`];
    const wait = await inbox.throttled(keys, attempts.max, now().getTime());
    if (wait > 0) throw new ProblemError(429, 'rate-limited', { headers: { 'retry-after': String(wait) } });
    const officer = officers.get(username.trim().toLowerCase());
    const valid = await verifyPassword(password, officer?.passwordHash);
    if (!valid || !officer) {
      await inbox.fail(keys, attempts.windowMs, now().getTime());
      // No username in the log: people type their password into the wrong field.
      await inbox.audit('-', 'sign-in-refused', now());
      throw new ProblemError(401, 'sign-in-failed');
    }
    if (request.inboxSession) await inbox.deleteSession(request.inboxSession.idHash);
    return reply.send(sessionBody(await startSession(reply, officer)));
  });

  app.delete('/api/session', { onRequest: requireCsrf }, async (request, reply) => {
    const session = request.inboxSession!;
    await inbox.deleteSession(session.idHash);
    await inbox.audit(session.officer.username, 'sign-out', now());
    reply.clearCookie(sessionCookie, cookieOptions);
    return reply.code(204).send();
  });

  app.get('/api/signals', { onRequest: requireSession }, async (request, reply) => {
    const { state, kind } = (request.query ?? {}) as Record<string, unknown>;
    if (state !== undefined && state !== '' && !stateSchema.safeParse(state).success) throw new ProblemError(400, 'invalid-query');
    if (kind !== undefined && kind !== '' && !kindSchema.safeParse(kind).success) throw new ProblemError(400, 'invalid-query');
    const filter = { state: (state || undefined) as State | undefined, kind: (kind || undefined) as Kind | undefined };
    const list = await inbox.list(filter, now());
    await inbox.audit(request.inboxSession!.officer.username, 'list', now(), undefined, `state=${filter.state ?? 'all'} kind=${filter.kind ?? 'all'} count=${list.length}`);
    return reply.send({ signals: list });
  });

  app.get<{ Params: { reference: string } }>('/api/signals/:reference', { onRequest: requireSession }, async (request, reply) => {
    const { reference } = request.params;
    const found = referencePattern.test(reference) ? await inbox.signal(reference, now()) : undefined;
    if (!found) throw new ProblemError(404, 'not-found');
    await inbox.audit(request.inboxSession!.officer.username, 'view', now(), reference);
    return reply.send(await detailBody(found));
  });

  app.post<{ Params: { reference: string } }>('/api/signals/:reference/state', { onRequest: requireCsrf, bodyLimit: 16_384 }, async (request, reply) => {
    const { reference } = request.params;
    const current = referencePattern.test(reference) ? await inbox.signal(reference, now()) : undefined;
    if (!current) throw new ProblemError(404, 'not-found');
    const change = readChange(request.body);
    if (current.contentRemoved && change.message) throw new ProblemError(409, 'content-removed');
    const officer = request.inboxSession!.officer.username;
    const updated = await inbox.change(reference, change, now(), officer);
    if (!updated) throw new ProblemError(404, 'not-found');
    const messageChange =
      change.message === undefined || change.message === (current.message ?? '') ? 'unchanged' : change.message === '' ? 'removed' : 'written';
    const detail = [`state=${change.state}`, ...(change.forwardedTo ? [`forwardedTo=${change.forwardedTo}`] : []), `message=${messageChange}`].join(' ');
    await inbox.audit(officer, 'change', now(), reference, detail);
    return reply.send(await detailBody(updated));
  });

  // "Remove content now", for a signal sent by mistake: its data key is destroyed, as retention does.
  app.post<{ Params: { reference: string } }>('/api/signals/:reference/erase', { onRequest: requireCsrf, bodyLimit: 1_024 }, async (request, reply) => {
    const { reference } = request.params;
    const officer = request.inboxSession!.officer.username;
    const current = referencePattern.test(reference) ? await inbox.signal(reference, now()) : undefined;
    if (!current) throw new ProblemError(404, 'not-found');
    if (current.contentRemoved) throw new ProblemError(409, 'content-removed');
    await signals.erase(reference, now(), officer);
    await inbox.audit(officer, 'erase', now(), reference);
    const erased = await inbox.signal(reference, now());
    return reply.send(await detailBody(erased!));
  });

  app.get('/api/export', { onRequest: requireSession }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const unit = query['unit'] ?? 'month';
    const format = query['format'] ?? 'json';
    if ((unit !== 'month' && unit !== 'quarter') || (format !== 'json' && format !== 'csv')) throw new ProblemError(400, 'invalid-query');
    const at = now();
    const from = parseDay(query['from'], new Date(Date.UTC(at.getUTCFullYear(), 0, 1)));
    const to = parseDay(query['to'], at);
    if (from >= to) throw new ProblemError(400, 'invalid-query');
    const periods = await inbox.periods(unit, from, to);
    await inbox.audit(request.inboxSession!.officer.username, 'export', at, undefined, `unit=${unit} format=${format}`);
    if (format === 'json') return reply.send({ unit, from: from.toISOString(), to: to.toISOString(), periods });
    const lines = periods.map((row) =>
      [
        row.period, row.total, row.signal, row.sparring, row.received, row['in-progress'], row.forwarded, row.closed,
        ...forwardTargets.map((target) => row.forwardedTo[target]),
        row.acknowledgedWithin7Days, row.fedBackWithin3Months,
      ].join(','),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="signaal-${unit}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`)
      .send(`${[csvHeader.join(','), ...lines].join('\r\n')}\r\n`);
  });

  app.get('/api/audit', { onRequest: requireSession }, async (request, reply) => {
    const { reference } = (request.query ?? {}) as Record<string, unknown>;
    if (reference !== undefined && (typeof reference !== 'string' || !referencePattern.test(reference))) throw new ProblemError(400, 'invalid-query');
    return reply.send({ entries: await inbox.auditLog(typeof reference === 'string' ? { reference } : {}) });
  });
};
