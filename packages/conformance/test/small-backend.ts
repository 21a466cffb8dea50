/**
 * A small in-memory backend on node:http that keeps the contract, or breaks one rule of it on
 * purpose: the kit's own tests run it to see that each broken rule fails the right case.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fieldIssues, signalSchema } from '@signaal/sdk';

/** The rules this backend can break, one at a time. */
export const breaks = [
  'replay-answers-201',
  'replay-token-does-not-work',
  'key-order-matters',
  'reused-key-accepted',
  'key-optional',
  'key-not-compared-with-id',
  'quoted-key-refused',
  'blank-description-accepted',
  'problems-as-plain-json',
  'any-content-type',
  'status-without-token',
  'wrong-token-told-apart',
  'bearer-case-sensitive',
  'no-status-token-header',
  'cors-without-idempotency-key',
  'cors-hides-retry-after',
  'cors-any-origin',
  'config-officer-without-name',
  'stats-counts-as-text',
  'stats-any-time',
  'body-limit-too-small',
  'no-body-limit',
] as const;
export type Break = (typeof breaks)[number];

export interface SmallBackend {
  url: string;
  close(): Promise<void>;
}

interface Stored {
  hash: string;
  token: string;
  receipt: { reference: string; receivedAt: string; kind: string };
}

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export async function startSmallBackend(options: { breaks?: Break; allowedOrigin?: string } = {}): Promise<SmallBackend> {
  const broken = (rule: Break) => options.breaks === rule;
  const signals = new Map<string, Stored>();
  const limit = broken('body-limit-too-small') ? 8_192 : broken('no-body-limit') ? Infinity : 65_536;

  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    type = 'application/json',
    headers: Record<string, string> = {},
  ) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    response.end(JSON.stringify(body));
  };
  const problem = (response: ServerResponse, status: number, code: string, extra: Record<string, unknown> = {}) =>
    send(
      response,
      status,
      { type: `urn:signaal:problem:${code}`, title: code, status, code, ...extra },
      broken('problems-as-plain-json') ? 'application/json' : 'application/problem+json',
    );

  async function readBody(request: IncomingMessage): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    }
    return size > limit ? undefined : Buffer.concat(chunks).toString('utf8');
  }

  async function submit(request: IncomingMessage, response: ServerResponse) {
    const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json' && !broken('any-content-type')) return problem(response, 415, 'unsupported-media-type');
    const text = await readBody(request);
    if (text === undefined) return problem(response, 413, 'body-too-large');
    let header = request.headers['idempotency-key'];
    if (!header && !broken('key-optional')) return problem(response, 400, 'idempotency-key-missing');
    if (typeof header === 'string' && /^".*"$/.test(header)) {
      if (broken('quoted-key-refused')) return problem(response, 400, 'idempotency-key-invalid');
      header = header.slice(1, -1);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return problem(response, 400, 'invalid-json');
    }
    const description = (body as { description?: unknown } | null)?.description;
    const blankAllowed = broken('blank-description-accepted') && typeof description === 'string' && description.trim() === '';
    const parsed = signalSchema.safeParse(blankAllowed ? { ...(body as object), description: 'x' } : body);
    if (!parsed.success) return problem(response, 400, 'invalid-signal', { errors: fieldIssues(parsed.error.issues) });
    const key = typeof header === 'string' ? header : parsed.data.id;
    if (key !== parsed.data.id && !broken('key-not-compared-with-id')) return problem(response, 400, 'idempotency-key-mismatch');
    const hash = broken('key-order-matters') ? text : canonical(parsed.data);
    const known = signals.get(key);
    if (known) {
      if (known.hash !== hash && !broken('reused-key-accepted')) return problem(response, 422, 'idempotency-key-reused');
      const token = broken('replay-token-does-not-work') ? randomBytes(32).toString('base64url') : known.token;
      return send(response, broken('replay-answers-201') ? 201 : 200, { ...known.receipt, statusToken: token });
    }
    const pick = () => Array.from({ length: 4 }, () => '23456789ABCDEFGHJKMNPQRSTVWXYZ'[randomInt(30)]).join('');
    const stored: Stored = {
      hash,
      token: randomBytes(32).toString('base64url'),
      receipt: { reference: `SG-${pick()}-${pick()}`, receivedAt: new Date().toISOString(), kind: parsed.data.kind },
    };
    signals.set(key, stored);
    return send(response, 201, { ...stored.receipt, statusToken: stored.token });
  }

  function status(request: IncomingMessage, response: ServerResponse, reference: string) {
    const own = request.headers['signaal-status-token'];
    const authorization = broken('bearer-case-sensitive')
      ? /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')
      : /^bearer (\S+)$/i.exec(request.headers.authorization ?? '');
    const token = typeof own === 'string' && !broken('no-status-token-header') ? own : authorization?.[1];
    const signal = [...signals.values()].find((stored) => stored.receipt.reference === reference);
    const answer = () => send(response, 200, { reference, state: 'received', updatedAt: signal!.receipt.receivedAt });
    if (!token) return broken('status-without-token') && signal ? answer() : problem(response, 401, 'unauthorized');
    if (signal?.token === token) return answer();
    if (signal && broken('wrong-token-told-apart')) return problem(response, 403, 'forbidden');
    return problem(response, 404, 'not-found');
  }

  function stats(url: URL, response: ServerResponse) {
    const day = /^\d{4}-\d{2}-\d{2}$/;
    for (const [name, value] of url.searchParams) {
      if (!['from', 'to'].includes(name) || (!day.test(value) && !broken('stats-any-time'))) return problem(response, 400, 'invalid-query');
    }
    const hidden = (count: number) => (count > 0 && count < 5 ? null : count);
    const count = (n: number | null) => (broken('stats-counts-as-text') ? String(n) : n);
    const kinds = [...signals.values()].map((stored) => stored.receipt.kind);
    const signalCount = kinds.filter((kind) => kind === 'signal').length;
    return send(response, 200, {
      period: { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
      suppressedBelow: 5,
      total: count(hidden(kinds.length)),
      byKind: { signal: count(hidden(signalCount)), sparring: count(hidden(kinds.length - signalCount)) },
      byState: { received: count(hidden(kinds.length)), 'in-progress': 0, forwarded: 0, closed: 0 },
    });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://backend');
    const origin = request.headers.origin;
    if (origin && (origin === options.allowedOrigin || broken('cors-any-origin'))) {
      response.setHeader('access-control-allow-origin', broken('cors-any-origin') ? '*' : origin);
      response.setHeader('vary', 'Origin');
      if (!broken('cors-hides-retry-after')) response.setHeader('access-control-expose-headers', 'Retry-After');
    }
    const done = (error: unknown) => {
      if (!response.headersSent) problem(response, 500, 'internal', { detail: String(error) });
    };
    if (request.method === 'OPTIONS') {
      if (origin && (origin === options.allowedOrigin || broken('cors-any-origin'))) {
        response.setHeader('access-control-allow-methods', 'GET, POST');
        response.setHeader(
          'access-control-allow-headers',
          broken('cors-without-idempotency-key')
            ? 'Content-Type, Authorization, Signaal-Status-Token'
            : 'Content-Type, Idempotency-Key, Authorization, Signaal-Status-Token',
        );
        response.setHeader('access-control-max-age', '600');
      }
      response.writeHead(204).end();
      return;
    }
    const statusPath = /^\/signals\/([^/]+)\/status$/.exec(url.pathname);
    if (request.method === 'POST' && url.pathname === '/signals') submit(request, response).catch(done);
    else if (request.method === 'GET' && statusPath) status(request, response, decodeURIComponent(statusPath[1]!));
    else if (request.method === 'GET' && url.pathname === '/config')
      send(response, 200, {
        mailbox: 'signalen@voorbeeld.nl',
        officer: broken('config-officer-without-name') ? { role: 'Aandachtsfunctionaris' } : { name: 'Sanne de Vries' },
      });
    else if (request.method === 'GET' && url.pathname === '/stats') stats(url, response);
    else problem(response, 404, 'not-found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
