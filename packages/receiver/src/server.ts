import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  type HookHandlerDoneFunction,
  type RawServerDefault,
} from 'fastify';
import { fieldIssues, remoteConfigSchema, type Locale, type SignaalClient, type Signal } from '@signaal/sdk';
import { boundary } from './boundary.js';
import { inboxRoutes, setInboxTestClock, type InboxOptions } from './inbox-routes.js';
import { addressIn, addressList } from './addresses.js';
import type { Keyring } from './keyring.js';
import { Notifier, type MailSettings } from './mail.js';
import { ProblemError, handleClientError, handleFrameworkError } from './problem.js';
import { bodyHash, hashToken, newReference, statusTokenFor, tokenMatches } from './receipt.js';
import { referenceParams, signalBody, statsQuery } from './route-schemas.js';
import { openStorage, storageLocation, type Storage } from './storage/database.js';
import { InboxStore } from './storage/inbox-store.js';
import { migrate } from './storage/migrations.js';
import { Outbox } from './storage/outbox.js';
import { Sealer } from './storage/sealing.js';
import { checkKeyring, legacySecret, sharedSecret, withLease } from './storage/shared-state.js';
import { SignalStore, type StoredReceipt } from './storage/signal-store.js';
import type { ZodTypeProvider } from './zod-validator.js';
import { publishSignalStored } from './signal-stored.js';
import { suppressGroup, suppressedBelow } from './small-counts.js';

/** Points in a submission where tests can hold the receiver, to reproduce races and crashes. Not public. */
export interface ReceiverPauses {
  /** After the idempotency key is claimed, before the signal is stored. */
  afterClaim?: (key: string) => Promise<void>;
  /** After the signal is durably stored, before the receipt is sent. */
  afterCommit?: (key: string) => Promise<void>;
}

/** What tests set through `buildReceiver`: pauses, and a clock of their own. Not public. */
export interface ReceiverTestHooks {
  pauses?: ReceiverPauses;
  now?: () => Date;
}

/** Test hooks, kept beside the receiver rather than in any option. */
const testHooksOf = new WeakMap<Receiver, ReceiverTestHooks>();

/** Everything the receiver needs; `loadSettings` builds this from flags, environment and the config file. */
export interface ReceiverOptions {
  /** Folder for the SQLite database (when `databaseUrl` is not set). Made private: 0700, its files 0600. */
  dataDir: string;
  /** A `postgres://` URL: keep signals in PostgreSQL instead, shared by every instance that names it. */
  databaseUrl?: string;
  /** The content key(s) that wrap each signal's data key (`loadKeyring`). Kept outside the data folder and its backups. */
  keyring: Keyring;
  /**
   * The secret status tokens are derived from (at least 32 bytes). Default: one made at first
   * start and kept in the database, wrapped under the content key, shared by every instance.
   */
  secret?: Buffer;
  /** What `GET /config` serves: the municipality's widget configuration, already validated. */
  widgetConfig: RemoteConfig;
  /** Origins (scheme://host[:port]) of pages that may call the API from a browser. Same-origin always may. */
  allowedOrigins?: readonly string[];
  /** Largest request body in bytes. Default 65,536. */
  bodyLimit?: number;
  /** Requests per client per window; `false` turns limiting off. Default 60 per minute. */
  rateLimit?: { max: number; timeWindow: number } | false;
  /** Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed. Default: none. */
  trustProxy?: readonly string[];
  /** Days after which a signal's content is removed; counts stay. Default 365. */
  retentionDays?: number;
  /** Notify the officer by e-mail. Without it, no mail is sent. */
  mail?: MailSettings;
  /** The officer's inbox at `/inbox` (always at the root, whatever `prefix` says). Without it, no inbox. */
  inbox?: InboxOptions;
  /** Where the routes live, e.g. `/api`. Default: the root. */
  prefix?: string;
  /** Log level; logs never carry content, tokens or addresses. Default `info`. */
  logLevel?: string;
  /** Where logs go. Default standard output. */
  logStream?: Writable;
}

/** What the receiver adds to its Fastify instance. */
export interface Receiver {
  storage: Storage;
  store: SignalStore;
  /** The inbox's tables: sessions, the audit log, the officer's view of signals. */
  inbox: InboxStore;
  outbox: Outbox;
  notifier: Notifier | undefined;
  /**
   * Removes content past the retention period now; returns the number of signals purged, or 0
   * when another instance is running retention at this moment.
   */
  purge(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    signaal: Receiver;
  }
}

/** The configuration `GET /config` serves (the SDK's `remoteConfigSchema`). */
export type RemoteConfig = Awaited<ReturnType<SignaalClient['config']>>;

const nextSteps: Record<Locale, Record<Signal['kind'], string>> = {
  nl: {
    signal: 'De aandachtsfunctionaris leest je melding en neemt contact met je op als er meer informatie nodig is.',
    sparring: 'De aandachtsfunctionaris neemt contact met je op voor een gesprek.',
  },
  en: {
    signal: 'The designated officer reads your report and contacts you when more information is needed.',
    sparring: 'The designated officer will contact you to talk it through.',
  },
};

const dayMs = 86_400_000;
const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** The IETF draft sends the key as a structured-field string (`"…"`); a bare token is accepted too. */
function readIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || header === '') throw new ProblemError(400, 'idempotency-key-missing');
  if (Array.isArray(header)) throw new ProblemError(400, 'idempotency-key-invalid');
  const key = /^"(.*)"$/.exec(header.trim())?.[1] ?? header.trim();
  if (!idempotencyKeyPattern.test(key)) throw new ProblemError(400, 'idempotency-key-invalid');
  return key;
}

/** Before the body is checked: a missing or malformed key is answered as such, whatever the body. */
function requireIdempotencyKey(request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction): void {
  try {
    readIdempotencyKey(request.headers['idempotency-key']);
  } catch (error) {
    done(error as ProblemError);
    return;
  }
  done();
}

/**
 * The reporter's status token: `Authorization: Bearer …` (the scheme in any case, RFC 9110), or
 * `Signaal-Status-Token: …` for gateways that use `Authorization` for the user's own token.
 */
function statusToken(request: FastifyRequest): string | undefined {
  const own = request.headers['signaal-status-token'];
  if (typeof own === 'string') return /^[\x21-\x7e]{1,512}$/.test(own) ? own : undefined;
  return /^bearer ([\x21-\x7e]{1,512})$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** Before the reference is checked: without a token the answer is 401, whatever the reference. */
function requireStatusToken(request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction): void {
  done(statusToken(request) ? undefined : new ProblemError(401, 'unauthorized', { headers: { 'www-authenticate': 'Bearer' } }));
}

/** A same-origin form or `text/plain` post is refused before its body is read. */
function requireJson(request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction): void {
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  done(mediaType === 'application/json' ? undefined : new ProblemError(415, 'unsupported-media-type'));
}

/** The period `GET /stats` counts; default this calendar year, today included. `from` must come before `to`. */
function statsPeriod(query: { from?: Date | undefined; to?: Date | undefined }, now: Date): { from: Date; to: Date } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const period = { from: query.from ?? new Date(Date.UTC(now.getUTCFullYear(), 0, 1)), to: query.to ?? new Date(today + dayMs) };
  if (period.from >= period.to) throw new ProblemError(400, 'invalid-query');
  return period;
}

/**
 * The receiver's routes as a Fastify plugin: `POST /signals`, `GET /signals/:reference/status`,
 * `GET /config` and `GET /stats`, with their own error handling, headers and limits.
 */
export const receiverRoutes: FastifyPluginAsync<
  { receiver: Receiver; settings: ReceiverOptions; secret: Buffer },
  RawServerDefault,
  ZodTypeProvider
> = async (app, { receiver, settings: options, secret }) => {
  const { pauses: hooks = {}, now = () => new Date() } = testHooksOf.get(receiver) ?? {};
  const { store, notifier } = receiver;
  const allowedOrigins = new Set(options.allowedOrigins ?? []);

  await app.register(boundary, {
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    allowedOrigins,
    cors: true,
    rateLimit: options.rateLimit === false ? false : (options.rateLimit ?? { max: 60, timeWindow: 60_000 }),
  });

  const signalRoute = {
    bodyLimit: options.bodyLimit ?? 65_536,
    onRequest: requireJson,
    preValidation: requireIdempotencyKey,
    schema: { body: signalBody },
  };
  app.post('/signals', signalRoute, async (request, reply) => {
    const key = readIdempotencyKey(request.headers['idempotency-key']);
    const signal = request.body;
    if (signal.id !== key) throw new ProblemError(400, 'idempotency-key-mismatch');

    const token = statusTokenFor(secret, key);
    const claim = await store.claim(key, bodyHash(signal), now());
    if (claim.outcome === 'mismatch') throw new ProblemError(422, 'idempotency-key-reused');
    if (claim.outcome === 'in-flight') throw new ProblemError(409, 'request-in-flight', { headers: { 'retry-after': '1' } });
    if (claim.outcome === 'replay') return reply.code(200).send({ ...claim.receipt, statusToken: token });

    let receipt: StoredReceipt;
    try {
      await hooks.afterClaim?.(key);
      let reference = newReference();
      while (await store.hasReference(reference)) reference = newReference();
      receipt = { reference, receivedAt: now().toISOString(), kind: signal.kind, nextSteps: nextSteps[signal.locale][signal.kind] };
      await store.store(key, signal, receipt, hashToken(token), notifier !== undefined);
    } catch (error) {
      // If the database is gone, the claim stays and lapses; a retry after that stores the signal once.
      await store.release(key).catch(() => undefined);
      throw error;
    }
    await hooks.afterCommit?.(key);
    publishSignalStored({ reference: receipt.reference, kind: signal.kind });
    notifier?.kick();
    return reply.code(201).send({ ...receipt, statusToken: token });
  });

  app.get(
    '/signals/:reference/status',
    { preValidation: requireStatusToken, schema: { params: referenceParams } },
    async (request, reply) => {
      const token = statusToken(request)!;
      const { reference } = request.params;
      const row = await store.status(reference);
      // An unknown reference and a wrong token get the same answer, so neither can be probed.
      if (!tokenMatches(token, row?.tokenHash) || !row) throw new ProblemError(404, 'not-found');
      return reply.send({
        reference: row.reference,
        state: row.state,
        updatedAt: row.updatedAt,
        ...(row.message ? { message: row.message } : {}),
      });
    },
  );

  app.get('/config', async (_request, reply) => reply.send(options.widgetConfig));

  app.get('/stats', { schema: { querystring: statsQuery } }, async (request, reply) => {
    const period = statsPeriod(request.query, now());
    const counts = await store.counts(period.from, period.to);
    const totalShown = counts.total === 0 || counts.total >= suppressedBelow;
    return reply.send({
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      suppressedBelow,
      total: totalShown ? counts.total : null,
      byKind: suppressGroup(counts.byKind, totalShown),
      byState: suppressGroup(counts.byState, totalShown),
    });
  });
};

/**
 * One line per request: method, route pattern (never the URL: it may carry a reference), status
 * and duration. No headers (tokens), addresses or bodies.
 */
class PrivateLogController extends LogController {
  override incomingRequest(): void {
    // Nothing here: requestCompleted writes the request's one line.
  }
  override routeNotFound(): void {
    // Nothing here: Fastify's line holds the URL, which may carry a reference; requestCompleted writes the 404.
  }
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(none)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error || reply.statusCode >= 500) reply.log.error(line, 'request');
    else reply.log.info(line, 'request');
  }
  override defaultErrorLog(error: Error, request: FastifyRequest): void {
    request.log.error({ code: (error as FastifyError).code ?? error.name }, 'request failed');
  }
}

/**
 * Believes X-Forwarded-For only from these addresses and CIDR ranges: never "any client" (true)
 * or a hop count, which would let anyone who reaches the receiver directly pick their address.
 */
function trustedProxies(entries: readonly string[]): (address: string) => boolean {
  const list = addressList(entries);
  return (address) => addressIn(list, address);
}

/**
 * Builds the receiver: a Fastify instance with the routes under `prefix`. Call `listen()` on it;
 * `close()` finishes in-flight requests, then closes the database.
 *
 * @example
 * const app = await buildServer({ dataDir: './data', secret, widgetConfig: { mailbox: 'signalen@gemeente.nl' } });
 * await app.listen({ port: 8080 });
 */
export function buildServer(options: ReceiverOptions): Promise<FastifyInstance> {
  return buildReceiver(options, {});
}

/** `buildServer`, with pauses and a clock for tests; not part of the package's API. */
export async function buildReceiver(options: ReceiverOptions, testHooks: ReceiverTestHooks): Promise<FastifyInstance> {
  const config = remoteConfigSchema.safeParse(options.widgetConfig);
  if (!config.success) {
    const fields = fieldIssues(config.error.issues).map((issue) => `${issue.path || '(root)'}: ${issue.code}`);
    throw new TypeError(`widgetConfig has invalid fields: ${fields.join('; ')}.`);
  }
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Request objects carry addresses and headers (tokens): log none of them.
      serializers: {
        req: () => ({}),
        res: () => ({}),
        err: (error: FastifyError) => ({ type: error.code ?? error.name, message: '', stack: '' }),
      },
    },
    logController: new PrivateLogController(),
    trustProxy: options.trustProxy ? trustedProxies(options.trustProxy) : false,
    // A request id that also names the request in the audit log; never taken from a client's header.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: options.bodyLimit ?? 65_536,
    return503OnClosing: true,
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
    forceCloseConnections: 'idle',
  });
  const now = testHooks.now ?? (() => new Date());
  const retentionDays = options.retentionDays ?? 365;
  const storage = openStorage(storageLocation(options.databaseUrl, options.dataDir));
  let secret: Buffer;
  try {
    await migrate(storage, options.keyring);
    await checkKeyring(storage.db, options.keyring);
    const legacy = storage.engine === 'sqlite' ? legacySecret(options.dataDir) : undefined;
    secret = options.secret ?? (await sharedSecret(storage.db, options.keyring, 'status-token', legacy?.secret));
    legacy?.remove();
  } catch (error) {
    await storage.close();
    throw error;
  }
  const sealer = new Sealer(options.keyring);
  const store = new SignalStore(storage, sealer);
  const inbox = new InboxStore(storage.db, sealer);
  const outbox = new Outbox(storage.db, storage.engine, sealer);
  if (storage.engine === 'sqlite') await store.forgetUnfinishedClaims();
  const notifier = options.mail ? new Notifier(outbox, options.mail, app.log, now) : undefined;
  const instance = randomUUID();
  const purge = async () => {
    const at = now();
    const purged = await withLease(storage.db, 'retention', instance, at.getTime(), 10 * 60_000, () =>
      store.purge(new Date(at.getTime() - retentionDays * dayMs), at),
    );
    if (purged) app.log.info({ purged }, 'retention: content removed');
    return purged ?? 0;
  };
  const runPurge = () => {
    purge().catch((error: unknown) => app.log.error({ code: (error as { code?: string }).code ?? 'error' }, 'retention: run failed'));
  };
  await purge();
  const purgeTimer = setInterval(runPurge, 6 * 3_600_000);
  purgeTimer.unref();
  app.decorate('signaal', { storage, store, inbox, outbox, notifier, purge });
  app.addHook('onClose', async () => {
    clearInterval(purgeTimer);
    await notifier?.close();
    await storage.close();
  });
  notifier?.kick();

  testHooksOf.set(app.signaal, testHooks);
  if (testHooks.now) setInboxTestClock(inbox, testHooks.now);
  await app.register(receiverRoutes, {
    receiver: app.signaal,
    settings: options,
    secret,
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
  if (options.inbox) {
    await app.register(inboxRoutes, { inbox, signals: store, settings: options.inbox, secret, prefix: '/inbox' });
  }
  return app;
}
