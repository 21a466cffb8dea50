// The receiver answers as docs/contract/openapi.json says: every status it can give on a route is
// listed for that route, with the media type, body schema and headers the file names.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApi, contractSchemas, routeProblems } from '../../../scripts/openapi.js';
import { deferred, newSignal, postSignal, startReceiver, type RunningReceiver } from './receiver-harness.js';

const api = buildOpenApi();
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addSchema(contractSchemas());

interface DocumentedResponse {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: { $ref: string } }>;
}

/** Checks one answer against the operation's documented responses; returns the body. */
async function expectDocumented(route: string, response: Response): Promise<unknown> {
  const [method, path] = route.split(' ') as [string, keyof typeof api.paths];
  const operation = (api.paths[path] as Record<string, { responses: Record<string, DocumentedResponse> }>)[method.toLowerCase()]!;
  const documented = operation.responses[String(response.status)];
  assert.ok(documented, `${route} answered ${response.status}, which the OpenAPI file does not list`);
  const mediaType = response.headers.get('content-type')?.split(';')[0] ?? '';
  const content = documented.content?.[mediaType];
  assert.ok(
    content,
    `${route} ${response.status} answered ${mediaType}, the file says ${Object.keys(documented.content ?? {}).join(', ')}`,
  );
  const body: unknown = await response.json();
  const validate = ajv.getSchema(`${contractSchemas().$id}${content.schema.$ref.replace('#/components/schemas/', '#/$defs/')}`)!;
  assert.ok(validate(body), `${route} ${response.status}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(body)}`);
  for (const header of ['retry-after', 'www-authenticate']) {
    if (response.headers.has(header)) {
      assert.ok(
        Object.keys(documented.headers ?? {}).some((name) => name.toLowerCase() === header),
        `${route} ${response.status} sends ${header}, the file does not say so`,
      );
    }
  }
  return body;
}

describe('the receiver answers as the OpenAPI file says', () => {
  let receiver: RunningReceiver;
  let limited: RunningReceiver;
  const hold = { key: '', claimed: deferred(), release: deferred() };

  before(async () => {
    receiver = await startReceiver({
      allowedOrigins: ['https://intranet.voorbeeld.nl'],
      pauses: {
        afterClaim: async (key) => {
          if (key !== hold.key) return;
          hold.claimed.resolve();
          await hold.release.promise;
        },
      },
    });
    limited = await startReceiver({ rateLimit: { max: 1, timeWindow: 60_000 } });
  });
  after(async () => {
    await receiver.close();
    await limited.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) => postSignal(receiver.url, body, headers);
  const status = (reference: string, headers: Record<string, string>) => fetch(`${receiver.url}/signals/${reference}/status`, { headers });

  test('POST /signals: 201, 200 on a repeat, and each refusal', async () => {
    const signal = newSignal({ reporter: { name: 'Ans' }, locale: 'en' });
    const receipt = await expectDocumented('POST /signals', await post(signal));
    await expectDocumented('POST /signals', await post(signal));
    assert.ok(receipt);
    const refusals: Array<[number, Promise<Response>]> = [
      [400, post(newSignal(), { 'idempotency-key': '' })],
      [400, post(newSignal(), { 'idempotency-key': 'x'.repeat(300) })],
      [400, post(newSignal(), { 'idempotency-key': randomUUID() })],
      [400, post(newSignal({ description: '  ', confidentiality: 'anonymous', reporter: { email: 'ans' }, place: 7 }))],
      [400, post('{"id":', { 'idempotency-key': randomUUID() })],
      [403, post(newSignal(), { origin: 'https://elders.example' })],
      [413, post(newSignal({ description: 'a'.repeat(70_000) }))],
      [415, post(newSignal(), { 'content-type': 'text/plain' })],
      [422, post({ ...signal, description: 'Iets anders.' })],
    ];
    for (const [expected, answer] of refusals) {
      const response = await answer;
      assert.equal(response.status, expected);
      await expectDocumented('POST /signals', response);
    }
  });

  test('POST /signals: 409 with Retry-After while the first request with the key is in flight', async () => {
    const signal = newSignal();
    hold.key = signal.id;
    const first = post(signal);
    await hold.claimed.promise;
    const second = await post(signal);
    assert.equal(second.status, 409);
    assert.ok(second.headers.get('retry-after'));
    await expectDocumented('POST /signals', second);
    hold.release.resolve();
    assert.equal((await first).status, 201);
  });

  test('GET /signals/{reference}/status: 200 with either header, 401, 404, 414 and 400', async () => {
    const receipt = (await (await post(newSignal())).json()) as { reference: string; statusToken: string };
    const route = 'GET /signals/{reference}/status';
    await expectDocumented(route, await status(receipt.reference, { authorization: `bearer ${receipt.statusToken}` }));
    await expectDocumented(route, await status(receipt.reference, { 'signaal-status-token': receipt.statusToken }));
    const refusals: Array<[number, Promise<Response>]> = [
      [401, status(receipt.reference, {})],
      [404, status(receipt.reference, { authorization: `Bearer ${'x'.repeat(43)}` })],
      [404, status('SG-0000-0000', { authorization: `Bearer ${receipt.statusToken}` })],
      [414, status('S'.repeat(200), { authorization: `Bearer ${receipt.statusToken}` })],
      [400, status('%E0%A4%A', { authorization: `Bearer ${receipt.statusToken}` })],
    ];
    for (const [expected, answer] of refusals) {
      const response = await answer;
      assert.equal(response.status, expected);
      await expectDocumented(route, response);
    }
  });

  test('GET /config and GET /stats: 200, and 400 for a query finer than a day', async () => {
    await expectDocumented('GET /config', await fetch(`${receiver.url}/config`));
    const stats = (await expectDocumented('GET /stats', await fetch(`${receiver.url}/stats`))) as { byKind: Record<string, unknown> };
    assert.deepEqual(Object.keys(stats.byKind).sort(), ['signal', 'sparring']);
    await expectDocumented('GET /stats', await fetch(`${receiver.url}/stats?from=2026-01-01&to=2027-01-01`));
    const fine = await fetch(`${receiver.url}/stats?from=2026-01-01T10:00:00Z`);
    assert.equal(fine.status, 400);
    await expectDocumented('GET /stats', fine);
  });

  test('429 with Retry-After on every route once a client is over the limit', async () => {
    assert.equal((await fetch(`${limited.url}/config`)).status, 200, 'the one request allowed');
    for (const [route, url, init] of [
      ['GET /config', `${limited.url}/config`, {}],
      ['GET /stats', `${limited.url}/stats`, {}],
      ['GET /signals/{reference}/status', `${limited.url}/signals/SG-2222-2222/status`, {}],
      ['POST /signals', `${limited.url}/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    ] as const) {
      const response = await fetch(url, init);
      assert.equal(response.status, 429, route);
      assert.ok(response.headers.get('retry-after'));
      await expectDocumented(route, response);
    }
  });

  test('431 on a request whose headers are too large', async () => {
    const response = await fetch(`${receiver.url}/config`, { headers: { 'x-padding': 'x'.repeat(20_000) } });
    assert.equal(response.status, 431);
    await expectDocumented('GET /config', response);
  });

  test('every problem server.ts and problem.ts can send is listed for a route, with its status', async () => {
    const sources = await Promise.all(
      ['../src/server.ts', '../src/problem.ts'].map((file) => readFile(new URL(file, import.meta.url), 'utf8')),
    );
    const sent = sources
      .flatMap((source) => [
        ...source.matchAll(/(?:new ProblemError\(|sendProblem\(reply, )(\d{3}), '([a-z-]+)'/g),
        ...source.matchAll(/status(?:Code)?: (\d{3}), code: '([a-z-]+)'/g),
      ])
      .map(([, status, code]) => `${status} ${code}`);
    assert.ok(sent.length > 15);
    const documented = new Set(
      Object.values(routeProblems).flatMap((statuses) =>
        Object.entries(statuses).flatMap(([status, answers]) => answers.map(({ code }) => `${status} ${code}`)),
      ),
    );
    for (const answer of sent) assert.ok(documented.has(answer), `${answer} is not in the OpenAPI file`);
  });
});
