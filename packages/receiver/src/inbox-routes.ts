import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RawServerDefault } from 'fastify';
import { findIndicator } from '@signaal/sdk';
import { addressList } from './addresses.js';
import { boundary } from './boundary.js';
import { OidcSignIn, inboxOidc, type OidcOptions } from './inbox-oidc.js';
import { InboxSessions, csrfGuard, inboxSession, requireSecureTransport, roleGuard, type InboxSession } from './inbox-session.js';
import { icon, page, pageCss, pageLocale, type InboxView } from './inbox-pages.js';
import type { OfficerAccount } from './officers.js';
import { verifyPassword } from './officers.js';
import { ProblemError } from './problem.js';
import { auditQuery, changeBody, exportQuery, listQuery, referenceParams, signInBody, signInPageQuery } from './route-schemas.js';
import type { InboxSignal, InboxStore, PeriodCounts } from './storage/inbox-store.js';
import type { SignalStore } from './storage/signal-store.js';
import { forwardTargets, type ForwardTarget } from './storage/tables.js';
import type { ZodTypeProvider } from './zod-validator.js';
import { isSmallCount, suppressedBelow } from './small-counts.js';

export { sessionCookie } from './inbox-session.js';

/** The officer's inbox: who may sign in, and how. */
export interface InboxOptions {
  /** The officers (from the officers file). Without a `passwordHash` an officer signs in only through SSO. */
  officers: readonly OfficerAccount[];
  /**
   * A request header set by the municipality's single-sign-on reverse proxy with the signed-in
   * officer's username, e.g. `x-remote-user`. Off by default. When set, only this header signs
   * officers in (passwords are not used), and only on connections from `ssoProxies`.
   */
  ssoHeader?: string;
  /** Addresses or CIDR ranges the SSO proxy connects from; required with `ssoHeader`. */
  ssoProxies?: readonly string[];
  /**
   * Sign in through the municipality's identity provider (OpenID Connect) instead: roles come from
   * the ID token, officers need no entry in `officers`, and password sign-in is off. Not with `ssoHeader`.
   */
  oidc?: OidcOptions;
  /** A session ends after this many minutes without a request. Default 30. */
  sessionIdleMinutes?: number;
  /** A session ends this many hours after sign-in, however active. Default 10. */
  sessionMaxHours?: number;
  /**
   * Sign-in attempts per window before 429: per address (default 5) and per username (default
   * 20, higher, so that one stranger cannot lock an officer out). Window default 15 minutes.
   */
  signInAttempts?: { perAddress?: number; perUsername?: number; windowMs?: number };
  /** Requests per address per minute to the inbox as a whole. Default 300. */
  rateLimit?: { max: number; timeWindow: number } | false;
  /** The built inbox UI (`dist/inbox`). Default: beside this module. */
  assetsDir?: string;
}

const csvHeader = [
  'period',
  'total',
  'signal',
  'sparring',
  'received',
  'in-progress',
  'forwarded',
  'closed',
  ...forwardTargets.map((target) => `forwarded-to-${target}`),
  'acknowledged-within-7-days',
  'fed-back-within-3-months',
];

/** Clocks tests give the inbox through `buildReceiver`, kept beside its store rather than in an option. */
const testClocks = new WeakMap<InboxStore, () => Date>();

/** For `buildReceiver`'s test hooks only; not part of the package's API. */
export function setInboxTestClock(inbox: InboxStore, now: () => Date): void {
  testClocks.set(inbox, now);
}

/** A period's counts as management sees them: a small count is `null`. */
type ShownCounts = {
  [K in keyof PeriodCounts]: K extends 'period' ? string : K extends 'forwardedTo' ? Record<ForwardTarget, number | null> : number | null;
};

function suppressed(row: PeriodCounts): ShownCounts {
  const hide = (count: number) => (isSmallCount(count) ? null : count);
  return {
    ...Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? hide(value) : value])),
    forwardedTo: Object.fromEntries(Object.entries(row.forwardedTo).map(([key, value]) => [key, hide(value)])),
  } as ShownCounts;
}

/**
 * The officer's inbox as a Fastify plugin, meant for the prefix `/inbox`: the pages, the built UI
 * under `/assets/`, and its API under `/api/`. Every answer but the sign-in page and the assets needs
 * a session; every changing request needs the session's CSRF token and a same-origin `Origin`.
 * Officers handle signals; management sees only the figures.
 */
export const inboxRoutes: FastifyPluginAsync<
  { inbox: InboxStore; signals: SignalStore; settings: InboxOptions; secret: Buffer },
  RawServerDefault,
  ZodTypeProvider
> = async (app, { inbox, signals, settings, secret }) => {
  const now = testClocks.get(inbox) ?? (() => new Date());
  const base = app.prefix;
  const attempts = { perAddress: 5, perUsername: 20, windowMs: 15 * 60_000, ...settings.signInAttempts };
  const assetsDir = settings.assetsDir ?? fileURLToPath(new URL('../dist/inbox/', import.meta.url));
  const sessions = new InboxSessions(
    inbox,
    secret,
    base,
    {
      officers: settings.officers,
      ssoHeader: settings.ssoHeader,
      ssoProxies: settings.ssoProxies ? addressList(settings.ssoProxies) : undefined,
      idleMs: (settings.sessionIdleMinutes ?? 30) * 60_000,
      maxAgeMs: (settings.sessionMaxHours ?? 10) * 3_600_000,
    },
    now,
  );
  const oidc = settings.oidc ? new OidcSignIn(settings.oidc, secret, base, now) : undefined;
  const officerOnly = roleGuard(inbox, now, 'officer');
  const management = roleGuard(inbox, now, 'management');
  const requireCsrf = csrfGuard(sessions, inbox, now);

  // Cookies first: a refused cross-site change is audited under the session's officer.
  await app.register(fastifyCookie);
  await app.register(boundary, {
    contentSecurityPolicy: {
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
    // Only the inbox's own pages change anything here.
    allowedOrigins: new Set<string>(),
    cors: false,
    rateLimit: settings.rateLimit ?? { max: 300, timeWindow: 60_000 },
    onCrossSite: async (request) => {
      const session = await sessions.find(request);
      await inbox.audit(
        session?.user.username ?? '-',
        'origin-refused',
        now(),
        undefined,
        `route=${request.routeOptions.url ?? '(none)'}`,
        request.id,
      );
    },
  });
  await app.register(inboxSession, { sessions });

  const audit = (request: FastifyRequest, action: Parameters<InboxStore['audit']>[1], reference?: string, detail?: string) =>
    inbox.audit(request.inboxSession?.user.username ?? '-', action, now(), reference, detail, request.id);

  /** One signal for the officer: what was stored, without the idempotency id (a replay with it would give the reporter's token). */
  const detailBody = async (found: InboxSignal) => {
    const { signal, ...rest } = found;
    const { id: _id, ...shown } = signal ?? { id: undefined };
    return {
      ...rest,
      signal: signal ? shown : undefined,
      indicators:
        signal?.kind === 'signal'
          ? (signal.indicators ?? []).map((id) => ({ id, label: findIndicator(id)?.label ?? { nl: id, en: id } }))
          : [],
      audit: await inbox.auditLog({ reference: found.reference, limit: 50 }),
    };
  };

  // Pages: without a session, every page but sign-in sends the officer to sign in; management sees only the figures.
  const pageReply = async (request: FastifyRequest, reply: FastifyReply, view: InboxView, reference?: string) => {
    const session = request.inboxSession;
    if (!session && !sessions.ssoUser(request)) return reply.redirect(`${base}/sign-in`, 303);
    const role = session?.user.role ?? sessions.ssoUser(request)?.role;
    if (role === 'management' && view !== 'figures') return reply.redirect(`${base}/figures`, 303);
    return reply.type('text/html; charset=utf-8').send(page(base, pageLocale(request, reply, base), view, reference));
  };
  app.get('/', async (request, reply) => pageReply(request, reply, 'list'));
  app.get('/figures', async (request, reply) => pageReply(request, reply, 'figures'));
  app.get('/signals/:reference', { schema: { params: referenceParams } }, async (request, reply) =>
    pageReply(request, reply, 'detail', request.params.reference),
  );
  // A `state` that is not one value is no answer from the provider's sign-out: the page is shown as ever.
  app.get('/sign-in', { schema: { querystring: signInPageQuery }, attachValidation: true }, async (request, reply) => {
    if (request.inboxSession) return reply.redirect(`${base}/`, 303);
    // Just signed out: on to the identity provider's sign-out first, which sends the browser back here.
    const providerSignOut = await oidc?.afterSignOut(request, reply, request.validationError ? undefined : request.query.state);
    if (providerSignOut) return reply.redirect(providerSignOut, 303);
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
    let session: InboxSession | undefined = request.inboxSession;
    if (!session) {
      const user = sessions.ssoUser(request);
      if (!user) throw new ProblemError(401, 'session-required');
      requireSecureTransport(request);
      session = await sessions.start(reply, user, 'sso', request.id);
    }
    return reply.send(sessions.body(session));
  });

  // How officers sign in here, for the sign-in page: a password, the SSO proxy, or the identity provider.
  app.get('/api/auth', async (_request, reply) => reply.send({ method: oidc ? 'oidc' : sessions.sso ? 'sso' : 'password' }));

  // Before the body is checked: no password sign-in behind SSO or the identity provider, nor over plain http.
  const passwordSignIn = (request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction) => {
    if (sessions.sso || oidc) {
      done(new ProblemError(404, 'not-found'));
      return;
    }
    try {
      requireSecureTransport(request);
    } catch (error) {
      done(error as ProblemError);
      return;
    }
    done();
  };
  app.post('/api/session', { bodyLimit: 4_096, preValidation: passwordSignIn, schema: { body: signInBody } }, async (request, reply) => {
    const { username, password } = request.body;
    const userKey = `user:${username.trim().toLowerCase()}`;
    const addressKey = `address:${request.ip}`;
    // The attempt counts before the slow hash, so parallel guesses cannot all be checked.
    const wait = await inbox.reserveAttempt(
      [
        { key: addressKey, max: attempts.perAddress },
        { key: userKey, max: attempts.perUsername },
      ],
      attempts.windowMs,
      now().getTime(),
    );
    if (wait > 0) {
      await audit(request, 'sign-in-throttled');
      throw new ProblemError(429, 'rate-limited', { headers: { 'retry-after': String(wait) } });
    }
    const account = sessions.account(username);
    const valid = await verifyPassword(password, account?.passwordHash);
    const user = valid ? sessions.officer(username) : undefined;
    if (!user) {
      // No username in the log: people type their password into the wrong field.
      await audit(request, 'sign-in-refused');
      throw new ProblemError(401, 'sign-in-failed');
    }
    await inbox.releaseAttempt([addressKey, userKey]);
    if (request.inboxSession) await inbox.deleteSession(request.inboxSession.idHash);
    return reply.send(sessions.body(await sessions.start(reply, user, 'password', request.id)));
  });

  app.delete('/api/session', { onRequest: requireCsrf }, async (request, reply) => {
    await sessions.end(reply, request.inboxSession!, request.id);
    // With OpenID Connect, also the provider's sign-out, for the page to go to.
    const endSessionUrl = await oidc?.signOut(reply);
    return endSessionUrl ? reply.send({ endSessionUrl }) : reply.code(204).send();
  });

  app.get('/api/signals', { onRequest: officerOnly, schema: { querystring: listQuery } }, async (request, reply) => {
    const { state, kind, reference, page: pageNumber } = request.query;
    const filter = {
      state: state === '' ? undefined : state,
      kind: kind === '' ? undefined : kind,
      reference: reference ? reference.toUpperCase() : undefined,
      page: pageNumber ? Number(pageNumber) : 1,
    };
    const list = await inbox.list(filter, now());
    await audit(
      request,
      'list',
      undefined,
      `state=${filter.state ?? 'all'} kind=${filter.kind ?? 'all'} search=${filter.reference ? 'yes' : 'no'} page=${list.page} count=${list.signals.length}`,
    );
    return reply.send(list);
  });

  app.get('/api/signals/:reference', { onRequest: officerOnly, schema: { params: referenceParams } }, async (request, reply) => {
    const { reference } = request.params;
    const found = await inbox.signal(reference, now());
    if (!found) throw new ProblemError(404, 'not-found');
    await audit(request, 'view', reference);
    return reply.send(await detailBody(found));
  });

  const changeRoute = { onRequest: [requireCsrf, officerOnly], bodyLimit: 16_384, schema: { params: referenceParams, body: changeBody } };
  app.post('/api/signals/:reference/state', changeRoute, async (request, reply) => {
    const { reference } = request.params;
    const current = await inbox.signal(reference, now());
    if (!current) throw new ProblemError(404, 'not-found');
    const change = request.body;
    if (current.contentRemoved && change.message) throw new ProblemError(409, 'content-removed');
    const updated = await inbox.change(reference, change, now(), request.inboxSession!.user.name);
    if (!updated) throw new ProblemError(404, 'not-found');
    const messageChange =
      change.message === undefined || change.message === (current.message ?? '')
        ? 'unchanged'
        : change.message === ''
          ? 'removed'
          : 'written';
    const detail = [
      `state=${change.state}`,
      ...(change.forwardedTo ? [`forwardedTo=${change.forwardedTo}`] : []),
      `message=${messageChange}`,
    ].join(' ');
    await audit(request, 'change', reference, detail);
    return reply.send(await detailBody(updated));
  });

  // "Remove content now", for a signal sent by mistake: its data key is destroyed, as retention does.
  app.post(
    '/api/signals/:reference/erase',
    { onRequest: [requireCsrf, officerOnly], bodyLimit: 1_024, schema: { params: referenceParams } },
    async (request, reply) => {
      const { reference } = request.params;
      const current = await inbox.signal(reference, now());
      if (!current) throw new ProblemError(404, 'not-found');
      if (current.contentRemoved) throw new ProblemError(409, 'content-removed');
      await signals.erase(reference, now(), request.inboxSession!.user.name);
      await audit(request, 'erase', reference);
      const erased = await inbox.signal(reference, now());
      return reply.send(await detailBody(erased!));
    },
  );

  app.get('/api/export', { onRequest: management, schema: { querystring: exportQuery } }, async (request, reply) => {
    const { unit, format } = request.query;
    const at = now();
    const from = request.query.from instanceof Date ? request.query.from : new Date(Date.UTC(at.getUTCFullYear(), 0, 1));
    const to = request.query.to instanceof Date ? request.query.to : at;
    if (from >= to) throw new ProblemError(400, 'invalid-query');
    const counted = await inbox.periods(unit, from, to);
    // Officers see exact figures; management sees small counts suppressed.
    const officer = request.inboxSession!.user.role === 'officer';
    const periods = officer ? counted : counted.map(suppressed);
    await audit(request, 'export', undefined, `unit=${unit} format=${format}`);
    if (format === 'json')
      return reply.send({ unit, from: from.toISOString(), to: to.toISOString(), suppressedBelow: officer ? 0 : suppressedBelow, periods });
    const cell = (value: string | number | null) => (value === null ? `<${suppressedBelow}` : String(value));
    const lines = periods.map((values) => {
      return [
        values.period,
        values.total,
        values.signal,
        values.sparring,
        values.received,
        values['in-progress'],
        values.forwarded,
        values.closed,
        ...forwardTargets.map((target) => values.forwardedTo[target]),
        values.acknowledgedWithin7Days,
        values.fedBackWithin3Months,
      ]
        .map(cell)
        .join(',');
    });
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="signaal-${unit}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`,
      )
      .send(`${[csvHeader.join(','), ...lines].join('\r\n')}\r\n`);
  });

  app.get('/api/audit', { onRequest: officerOnly, schema: { querystring: auditQuery } }, async (request, reply) => {
    const { reference } = request.query;
    const entries = await inbox.auditLog(reference ? { reference } : {});
    await audit(request, 'audit-read', reference);
    return reply.send({ entries });
  });

  if (oidc) await app.register(inboxOidc, { oidc, sessions, inbox, now });
};
