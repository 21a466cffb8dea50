/**
 * The contract's cases (docs/contract.md), each run against a live backend. Every signal the kit
 * stores says what it is in its first words, so an officer can recognise and remove it.
 */
import { randomUUID } from 'node:crypto';
import { parseReceipt, parseRemoteConfig, parseStats, parseStatus, problemSchema, type Receipt } from '@signaal/sdk';
import type { Answer, Backend } from './backend.js';

/** The first words of every test signal's description. */
export const testMarker = '[signaal-conformance] test signal, ignore';

/** Ends a case as skipped, with the reason. */
export class Skip extends Error {
  override name = 'Skip';
}

/** What a case gets: the backend, what earlier cases stored, and a place for what went wrong. */
export interface CaseContext {
  backend: Backend;
  /** The first stored test signal and its receipt (from `create`). */
  stored?: { signal: TestSignal; receipt: Receipt };
  /** Records a broken rule; the case goes on, and fails at the end. */
  expect(condition: boolean, problem: string): void;
  /** Adds a line to the case's report that is no failure. */
  note(text: string): void;
}

export interface ConformanceCase {
  /** A stable, short name, e.g. `replay`. */
  id: string;
  /** What holds when the case passes. */
  title: string;
  run(context: CaseContext): Promise<void>;
}

type TestSignal = { id: string; kind: 'signal' | 'sparring'; description: string } & Record<string, unknown>;

/** A new test signal: marked in its description and its source system. */
export function testSignal(overrides: Record<string, unknown> = {}): TestSignal {
  return {
    id: randomUUID(),
    kind: 'signal',
    description: `${testMarker}. Sent by signaal-conformance to check this backend against the Signaal contract.`,
    sourceSystem: 'signaal-conformance',
    client: '@signaal/conformance',
    ...overrides,
  };
}

const post = (backend: Backend, body: unknown, key: string | undefined, headers: Record<string, string> = {}) =>
  backend.request('/signals', { body, headers: { 'idempotency-key': key ?? '', ...headers } });

const keyOf = (body: unknown) => String((body as { id?: unknown }).id);

const statusOf = (backend: Backend, reference: string, headers: Record<string, string>) =>
  backend.request(`/signals/${encodeURIComponent(reference)}/status`, { headers });

const describeAnswer = (answer: Answer) => `${answer.status} ${answer.mediaType || '(no content type)'}`;

/** A success answer: this status, JSON, and a body the SDK's parser accepts. */
function expectJson<T>(context: CaseContext, answer: Answer, status: number, parse: (value: unknown) => T, what: string): T | undefined {
  context.expect(answer.status === status, `${what}: expected ${status}, got ${describeAnswer(answer)}`);
  if (answer.status !== status) return undefined;
  context.expect(
    answer.mediaType === 'application/json',
    `${what}: expected application/json, got ${answer.mediaType || 'no content type'}`,
  );
  try {
    return parse(answer.json);
  } catch (error) {
    context.expect(false, `${what}: ${(error as Error).message}`);
    return undefined;
  }
}

/** A refusal: one of these statuses, as problem details (`application/problem+json`, RFC 9457). */
function expectProblem(context: CaseContext, answer: Answer, statuses: readonly number[], code: string | undefined, what: string): void {
  const expected = statuses.join(' or ');
  context.expect(statuses.includes(answer.status), `${what}: expected ${expected}, got ${describeAnswer(answer)}`);
  if (!statuses.includes(answer.status)) return;
  context.expect(
    answer.mediaType === 'application/problem+json',
    `${what}: expected application/problem+json, got ${answer.mediaType || 'no content type'}`,
  );
  const problem = problemSchema.safeParse(answer.json);
  context.expect(problem.success, `${what}: the body is not problem details`);
  if (!problem.success) return;
  if (problem.data.status !== undefined)
    context.expect(
      problem.data.status === answer.status,
      `${what}: the problem says status ${problem.data.status}, the answer ${answer.status}`,
    );
  if (code && problem.data.code !== undefined)
    context.expect(problem.data.code === code, `${what}: expected code ${code}, got ${problem.data.code}`);
}

/** A refusal of the status call that gives nothing of the signal away. */
function expectNoContent(context: CaseContext, answer: Answer, what: string): void {
  const body = answer.json as Record<string, unknown> | undefined;
  const leaked = ['state', 'updatedAt', 'message'].filter((field) => body && typeof body === 'object' && field in body);
  context.expect(leaked.length === 0, `${what}: the refusal carries ${leaked.join(', ')}`);
}

/** The parts of a problem that say what happened (not a request id or an instance). */
const problemKind = (answer: Answer) => {
  const { type, code, title } = (answer.json ?? {}) as Record<string, unknown>;
  return JSON.stringify([answer.status, type, code, title]);
};

function needStored(context: CaseContext) {
  if (!context.stored) throw new Skip('needs the signal from `create`, which was not stored');
  return context.stored;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The cases, in the order they run. */
export const cases: readonly ConformanceCase[] = [
  {
    id: 'create',
    title: 'POST /signals stores a new signal: 201 and a receipt',
    async run(context) {
      const signal = testSignal({ indicators: ['gut-feeling'], setting: 'other', locale: 'en' });
      const answer = await post(context.backend, signal, signal.id);
      const receipt = expectJson(context, answer, 201, (value) => parseReceipt(value), 'a new signal');
      if (!receipt) return;
      context.expect(receipt.statusToken.length >= 22, 'the status token is shorter than 128 bits');
      if (receipt.kind !== undefined) context.expect(receipt.kind === 'signal', `the receipt says kind ${receipt.kind}`);
      context.stored = { signal, receipt };
      context.note(`stored ${receipt.reference}`);
    },
  },
  {
    id: 'replay',
    title: 'the same key with the same body: 200, the same receipt and a working status token',
    async run(context) {
      const { signal, receipt } = needStored(context);
      const again = expectJson(context, await post(context.backend, signal, signal.id), 200, (value) => parseReceipt(value), 'a repeat');
      if (!again) return;
      context.expect(again.reference === receipt.reference, `the repeat has another reference (${again.reference})`);
      context.expect(again.receivedAt === receipt.receivedAt, 'the repeat has another receivedAt');
      const status = await statusOf(context.backend, again.reference, bearer(again.statusToken));
      context.expect(status.status === 200, `the repeat's status token does not work: ${describeAnswer(status)}`);
    },
  },
  {
    id: 'replay-same-value',
    title: 'the same body in another key order, with defaults written out, is the same body: 200',
    async run(context) {
      const { signal, receipt } = needStored(context);
      const reordered = Object.fromEntries(Object.entries({ ...signal, confidentiality: 'confidential' }).reverse());
      const again = expectJson(
        context,
        await post(context.backend, reordered, signal.id),
        200,
        (value) => parseReceipt(value),
        'the same body reordered',
      );
      if (again) context.expect(again.reference === receipt.reference, `another reference (${again.reference})`);
    },
  },
  {
    id: 'key-reused',
    title: 'the same key with another body: 422 problem',
    async run(context) {
      const { signal } = needStored(context);
      const other = { ...signal, description: `${testMarker}. The same key with another body.` };
      expectProblem(context, await post(context.backend, other, signal.id), [422], 'idempotency-key-reused', 'the same key, another body');
    },
  },
  {
    id: 'key-missing',
    title: 'no Idempotency-Key: 400 problem',
    async run(context) {
      expectProblem(context, await post(context.backend, testSignal(), undefined), [400], 'idempotency-key-missing', 'no key');
    },
  },
  {
    id: 'key-mismatch',
    title: "an Idempotency-Key that is not the signal's id: 400 problem",
    async run(context) {
      expectProblem(
        context,
        await post(context.backend, testSignal(), randomUUID()),
        [400],
        'idempotency-key-mismatch',
        'a key that is not the id',
      );
    },
  },
  {
    id: 'key-quoted',
    title: 'the key as a structured-field string ("…"): 201',
    async run(context) {
      const signal = testSignal();
      const receipt = expectJson(
        context,
        await post(context.backend, signal, `"${signal.id}"`),
        201,
        (value) => parseReceipt(value),
        'a quoted key',
      );
      if (receipt) context.note(`stored ${receipt.reference}`);
    },
  },
  {
    id: 'invalid-bodies',
    title: 'bodies that break the contract: 400 problem each',
    async run(context) {
      const marked = testSignal();
      const bodies: Array<[string, unknown]> = [
        ['a blank description', { ...marked, description: ' \n ' }],
        ['no description', { id: marked.id, kind: 'signal' }],
        ['a description over 10,000 characters', { ...marked, description: `${testMarker} ${'x'.repeat(10_000)}` }],
        ['no kind', { id: marked.id, description: marked.description }],
        ['an unknown kind', { ...marked, kind: 'complaint' }],
        ['an id that is no UUID', { ...marked, id: 'signaal-conformance' }],
        ['an unknown field', { ...marked, bsn: '123456782' }],
        ['an unknown indicator', { ...marked, indicators: ['signaal-conformance'] }],
        ['a sparring request with a place', { ...marked, kind: 'sparring', place: 'Dorpsstraat 1' }],
        ['an anonymous sparring request', { ...marked, kind: 'sparring', confidentiality: 'anonymous' }],
        ['an anonymous signal with a name', { ...marked, confidentiality: 'anonymous', reporter: { name: 'Test' } }],
        ['a JSON array', [marked]],
      ];
      for (const [name, body] of bodies) {
        const key = typeof (body as { id?: unknown }).id === 'string' ? keyOf(body) : marked.id;
        const answer = await post(context.backend, body, key);
        // An over-long description may be refused for its size before it is read (`limits` checks the size).
        expectProblem(context, answer, name.includes('10,000') ? [400, 413] : [400], undefined, name);
        const errors = (answer.json as { errors?: unknown } | undefined)?.errors;
        if (errors !== undefined) context.expect(Array.isArray(errors), `${name}: \`errors\` is not a list`);
      }
      expectProblem(context, await post(context.backend, '{"id":', marked.id), [400], 'invalid-json', 'a body that is not JSON');
    },
  },
  {
    id: 'content-types',
    title: 'a body that is not application/json: 415 problem; answers are JSON or problem details',
    async run(context) {
      const signal = testSignal();
      const text = JSON.stringify(signal);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const answer = await post(context.backend, text, signal.id, { 'content-type': type });
        expectProblem(context, answer, [415], 'unsupported-media-type', type);
      }
    },
  },
  {
    id: 'status',
    title: 'GET /signals/{reference}/status with the token: 200 and the status, with either header',
    async run(context) {
      const { receipt } = needStored(context);
      const ways: Array<[string, Record<string, string>]> = [
        ['Authorization: Bearer', bearer(receipt.statusToken)],
        ['Authorization: bearer (lower case)', { authorization: `bearer ${receipt.statusToken}` }],
        ['Signaal-Status-Token', { 'signaal-status-token': receipt.statusToken }],
      ];
      for (const [way, headers] of ways) {
        const status = expectJson(
          context,
          await statusOf(context.backend, receipt.reference, headers),
          200,
          (value) => parseStatus(value),
          way,
        );
        if (status) context.expect(status.reference === receipt.reference, `${way}: the status is of ${status.reference}`);
      }
    },
  },
  {
    id: 'status-refused',
    title: 'the status without a token (401) or with a wrong one (404, as for an unknown reference), without content',
    async run(context) {
      const { receipt } = needStored(context);
      const missing = await statusOf(context.backend, receipt.reference, {});
      expectProblem(context, missing, [401], 'unauthorized', 'no token');
      expectNoContent(context, missing, 'no token');
      const wrong = await statusOf(context.backend, receipt.reference, bearer(`${receipt.statusToken.slice(0, -4)}AAAA`));
      expectProblem(context, wrong, [404], 'not-found', 'a wrong token');
      expectNoContent(context, wrong, 'a wrong token');
      const unknown = await statusOf(context.backend, 'SG-2222-2222', bearer(receipt.statusToken));
      expectProblem(context, unknown, [404], 'not-found', 'an unknown reference');
      context.expect(
        problemKind(wrong) === problemKind(unknown),
        'a wrong token and an unknown reference get different answers, so a token can be probed',
      );
    },
  },
  {
    id: 'cors',
    title: "a CORS preflight from the widget page's origin allows the contract's methods and headers; answers expose Retry-After",
    async run(context) {
      const { origin } = context.backend;
      if (!origin) throw new Skip('give --origin with the origin of the page the widget runs on');
      const preflights: Array<[string, string, string]> = [
        ['/signals', 'POST', 'content-type, idempotency-key'],
        ['/signals/SG-2222-2222/status', 'GET', 'authorization'],
        ['/signals/SG-2222-2222/status', 'GET', 'signaal-status-token'],
      ];
      for (const [path, method, headers] of preflights) {
        const answer = await context.backend.request(path, {
          method: 'OPTIONS',
          headers: { 'access-control-request-method': method, 'access-control-request-headers': headers },
        });
        const what = `preflight for ${method} ${path} with ${headers}`;
        context.expect(answer.status >= 200 && answer.status < 300, `${what}: ${describeAnswer(answer)}`);
        const allowOrigin = answer.headers.get('access-control-allow-origin');
        // The contract answers the allowed origins only, so `*` does not do.
        context.expect(allowOrigin === origin, `${what}: Access-Control-Allow-Origin is ${allowOrigin ?? 'absent'}, not ${origin}`);
        const methods = (answer.headers.get('access-control-allow-methods') ?? '').toLowerCase();
        context.expect(
          methods === '*' || methods.split(/\s*,\s*/).includes(method.toLowerCase()),
          `${what}: Access-Control-Allow-Methods lacks ${method}`,
        );
        const allowed = (answer.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
        for (const header of headers.split(', '))
          context.expect(allowed.includes('*') || allowed.includes(header), `${what}: Access-Control-Allow-Headers lacks ${header}`);
      }
      const answer = await context.backend.request('/config');
      context.expect(
        answer.headers.get('access-control-allow-origin') === origin,
        `GET /config from ${origin}: Access-Control-Allow-Origin is not the origin`,
      );
      const exposed = (answer.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);
      context.expect(exposed.includes('retry-after') || exposed.includes('*'), 'Access-Control-Expose-Headers lacks Retry-After');
    },
  },
  {
    id: 'config',
    title: 'GET /config: 200 and a widget configuration',
    async run(context) {
      expectJson(context, await context.backend.request('/config'), 200, (value) => parseRemoteConfig(value), 'the configuration');
    },
  },
  {
    id: 'stats',
    title: 'GET /stats: 200 and counts (or 404 where figures are not offered); 400 problem for a time finer than a day',
    async run(context) {
      const answer = await context.backend.request('/stats');
      if (answer.status === 404) {
        context.note('figures not offered (404)');
        return;
      }
      const stats = expectJson(context, answer, 200, (value) => parseStats(value), 'the figures');
      if (stats) context.expect(stats.period.from < stats.period.to, 'the period ends before it starts');
      expectProblem(
        context,
        await context.backend.request('/stats?from=2026-01-01T10:00:00Z'),
        [400],
        'invalid-query',
        'a period finer than a day',
      );
    },
  },
  {
    id: 'limits',
    title: 'the largest valid signal is stored (201); a body of 1 MiB is refused (413)',
    async run(context) {
      // 10,000 characters, most of them two bytes in UTF-8: about 20 kB on the wire.
      const signal = testSignal();
      const description = `${testMarker}. The longest description. `.padEnd(10_000, 'ë');
      const receipt = expectJson(
        context,
        await post(context.backend, { ...signal, description }, signal.id),
        201,
        (value) => parseReceipt(value),
        'a description of 10,000 characters',
      );
      if (receipt) context.note(`stored ${receipt.reference}`);
      const large = testSignal({ description: `${testMarker} ${'x'.repeat(1_048_576)}` });
      expectProblem(context, await post(context.backend, large, large.id), [413], 'body-too-large', 'a body of 1 MiB');
    },
  },
];
