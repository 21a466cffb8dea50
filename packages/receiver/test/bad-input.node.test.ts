import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { problemSchema } from '@signaal/sdk';
import { changeState, inboxGet, officerPassword, originOf, sendCanary, signIn, testOfficers, type SignedIn } from './inbox-harness.js';
import { countSignals, newSignal, postSignal, startReceiver, type RunningReceiver } from './receiver-harness.js';

const nested = (depth: number, open: string, close: string, inner: string) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** A raw request: body text, content type and extra headers, with a fresh Idempotency-Key unless given. */
interface BadRequest {
  name: string;
  status: number;
  code: string;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

function signalText(overrides: Record<string, unknown>, id = randomUUID()): { id: string; text: string } {
  return { id, text: JSON.stringify(newSignal({ id, ...overrides })) };
}

const cases: BadRequest[] = [
  { name: 'an oversize body', status: 413, code: 'body-too-large', body: signalText({ description: 'a'.repeat(70_000) }).text },
  {
    name: 'a description nested 10,000 arrays deep',
    status: 400,
    code: 'invalid-signal',
    body: signalText({}).text.replace(/"description":"[^"]*"/, `"description":${nested(10_000, '[', ']', '"x"')}`),
  },
  { name: 'a body nested 5,000 objects deep', status: 400, code: 'invalid-signal', body: nested(5_000, '{"a":', '}', '1') },
  { name: 'a number as description', status: 400, code: 'invalid-signal', body: signalText({ description: 42 }).text },
  { name: 'an unknown kind', status: 400, code: 'invalid-signal', body: signalText({ kind: 'complaint' }).text },
  { name: 'indicators as a string', status: 400, code: 'invalid-signal', body: signalText({ indicators: 'passport-withheld' }).text },
  { name: 'a reporter as an array', status: 400, code: 'invalid-signal', body: signalText({ reporter: [] }).text },
  {
    name: 'a description over 10,000 characters',
    status: 400,
    code: 'invalid-signal',
    body: signalText({ description: 'b'.repeat(10_001) }).text,
  },
  { name: 'an unknown top-level field', status: 400, code: 'invalid-signal', body: signalText({ bsn: '123456782' }).text },
  {
    name: 'an unknown field inside the reporter',
    status: 400,
    code: 'invalid-signal',
    body: signalText({ reporter: { name: 'A', salary: 1 } }).text,
  },
  {
    name: 'a sparring request with citizen data',
    status: 400,
    code: 'invalid-signal',
    body: signalText({ kind: 'sparring', place: 'Dorpsstraat 1' }).text,
  },
  {
    name: 'an anonymous signal with reporter details',
    status: 400,
    code: 'invalid-signal',
    body: signalText({ confidentiality: 'anonymous', reporter: { name: 'A' } }).text,
  },
  { name: 'a JSON array', status: 400, code: 'invalid-signal', body: '[]' },
  { name: 'JSON null', status: 400, code: 'invalid-signal', body: 'null' },
  { name: 'a JSON string', status: 400, code: 'invalid-signal', body: '"signal"' },
  { name: 'truncated JSON', status: 400, code: 'invalid-json', body: '{"kind":"signal","description":"ab' },
  { name: 'an empty body', status: 400, code: 'invalid-json', body: '' },
  { name: 'a __proto__ key', status: 400, code: 'invalid-json', body: signalText({}).text.replace(/^\{/, '{"__proto__":{"admin":true},') },
  {
    name: 'a forged cross-site form post',
    status: 403,
    code: 'cross-site-request',
    body: 'description=x',
    contentType: 'application/x-www-form-urlencoded',
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  },
  {
    name: 'a forged cross-site text/plain post carrying JSON',
    status: 403,
    code: 'cross-site-request',
    body: signalText({}).text,
    contentType: 'text/plain',
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  },
  {
    name: 'a cross-site JSON post that claims to come from a sandboxed page',
    status: 403,
    code: 'cross-site-request',
    body: signalText({}).text,
    headers: { origin: 'null', 'sec-fetch-site': 'cross-site' },
  },
  {
    name: 'a cross-site post without Origin',
    status: 403,
    code: 'cross-site-request',
    body: signalText({}).text,
    headers: { 'sec-fetch-site': 'cross-site' },
  },
  {
    name: 'a same-origin form post',
    status: 415,
    code: 'unsupported-media-type',
    body: 'description=x',
    contentType: 'application/x-www-form-urlencoded',
  },
];

describe('bad input is refused with the right status and nothing is written', () => {
  let receiver: RunningReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(() => receiver.close());

  for (const { name, status, code, body, contentType, headers } of cases) {
    test(`refuses ${name} with ${status}`, async () => {
      const id = /"id":"([^"]+)"/.exec(body)?.[1] ?? randomUUID();
      const response = await fetch(`${receiver.url}/signals`, {
        method: 'POST',
        headers: { 'content-type': contentType ?? 'application/json', 'idempotency-key': id, ...headers },
        body,
      });
      assert.equal(response.status, status);
      const problem = problemSchema.parse(await response.json());
      assert.equal(problem.code, code);
      assert.equal(countSignals(receiver.dataDir), 0);
    });
  }

  test('left no idempotency claims behind', () => {
    const db = new Database(join(receiver.dataDir, 'signaal.db'), { readonly: true });
    try {
      assert.deepEqual(db.prepare('SELECT COUNT(*) AS count FROM idempotency').get(), { count: 0 });
    } finally {
      db.close();
    }
  });

  test('still accepts a good signal afterwards', async () => {
    const signal = newSignal();
    const response = await fetch(`${receiver.url}/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': signal.id },
      body: JSON.stringify(signal),
    });
    assert.equal(response.status, 201);
    assert.equal(countSignals(receiver.dataDir), 1);
  });
});

/** Every problem and field code is kebab-case, as the contract's are: never zod's own (`unrecognized_keys`). */
const kebabCase = /^[a-z]+(-[a-z]+)*$/;

async function problemOf(response: Response) {
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const problem = problemSchema.parse(await response.json());
  assert.match(problem.code ?? '(no code)', kebabCase);
  for (const error of problem.errors ?? []) assert.match(error.code, kebabCase, `${error.path}: ${error.code}`);
  return problem;
}

describe("each route's declared schema refuses a bad body, query string or parameter with problem details", () => {
  let receiver: RunningReceiver;
  let session: SignedIn;
  let reference: string;
  let statusToken: string;
  before(async () => {
    receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    session = await signIn(receiver.url);
    ({ reference, statusToken } = await sendCanary(receiver.url, 'schema-canary'));
  });
  after(() => receiver.close());

  test('API body: the fields that break the contract are named with kebab-case codes', async () => {
    const signal = newSignal({ bsn: '123456782', description: 42, locale: 'fr' });
    const problem = await problemOf(await postSignal(receiver.url, signal));
    assert.equal(problem.status, 400);
    assert.equal(problem.code, 'invalid-signal');
    assert.deepEqual(problem.errors?.map(({ path, code }) => `${path} ${code}`).sort(), [
      'bsn not-allowed',
      'description required',
      'locale invalid-value',
    ]);
  });

  test('API body: the Idempotency-Key is checked before the body, whatever the body holds', async () => {
    const response = await fetch(`${receiver.url}/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"kind":"complaint"}',
    });
    assert.equal(response.status, 400);
    assert.equal((await problemOf(response)).code, 'idempotency-key-missing');
  });

  test('API query string: a parameter /stats does not know, or one given twice, is 400 invalid-query', async () => {
    for (const query of ['?from=2026-01-01&day=2026-01-02', '?from=2026-01-01&from=2026-01-02', '?to=2026-02-30']) {
      const response = await fetch(`${receiver.url}/stats${query}`);
      assert.equal(response.status, 400, query);
      assert.equal((await problemOf(response)).code, 'invalid-query', query);
    }
    assert.equal((await fetch(`${receiver.url}/stats?from=2026-01-01&to=2026-01-02`)).status, 200);
  });

  test('API parameter: a malformed reference is 404 like an unknown one, and without a token 401 comes first', async () => {
    const withToken = await fetch(`${receiver.url}/signals/${encodeURIComponent('SG-<1>')}/status`, {
      headers: { authorization: `Bearer ${statusToken}` },
    });
    assert.equal(withToken.status, 404);
    assert.equal((await problemOf(withToken)).code, 'not-found');
    const withoutToken = await fetch(`${receiver.url}/signals/nonsense/status`);
    assert.equal(withoutToken.status, 401);
    assert.equal((await problemOf(withoutToken)).code, 'unauthorized');
    assert.equal(
      (await fetch(`${receiver.url}/signals/${reference}/status`, { headers: { authorization: `Bearer ${statusToken}` } })).status,
      200,
    );
  });

  test('inbox query strings: an unknown parameter is refused, not ignored; so is a bad value', async () => {
    for (const path of [
      '/api/signals?colour=red',
      '/api/signals?state=lost',
      '/api/export?unit=week',
      '/api/export?format=xml&unit=month',
      '/api/export?from=2026-13',
      '/api/audit?reference=SG-1',
      '/api/audit?who=sanne',
    ]) {
      const response = await inboxGet(receiver.url, path, session);
      assert.equal(response.status, 400, path);
      assert.equal((await problemOf(response)).code, 'invalid-query', path);
    }
    assert.equal((await inboxGet(receiver.url, '/api/signals?state=received&page=1', session)).status, 200);
    assert.equal((await inboxGet(receiver.url, `/api/audit?reference=${reference}`, session)).status, 200);
  });

  test('inbox parameters: a malformed reference is 404, on the API and on the page', async () => {
    for (const path of ['/api/signals/SG-0000-0000', '/signals/not-a-reference']) {
      const response = await inboxGet(receiver.url, path, session);
      assert.equal(response.status, 404, path);
      assert.equal((await problemOf(response)).code, 'not-found', path);
    }
  });

  test('inbox change body: the bad fields are named with kebab-case codes, and nothing changes', async () => {
    const response = await changeState(receiver.url, reference, { state: 'closed', message: 5, urgent: true }, session);
    assert.equal(response.status, 400);
    const problem = await problemOf(response);
    assert.equal(problem.code, 'invalid-change');
    assert.deepEqual(problem.errors?.map(({ path, code }) => `${path} ${code}`).sort(), ['message required', 'urgent not-allowed']);
    const forwarded = await problemOf(await changeState(receiver.url, reference, { state: 'forwarded' }, session));
    assert.deepEqual(forwarded.errors, [{ path: 'forwardedTo', code: 'required' }]);
    const detail = (await (await inboxGet(receiver.url, `/api/signals/${reference}`, session)).json()) as { state: string };
    assert.equal(detail.state, 'received');
  });

  test('inbox sign-in body: an unknown field or a number for a name is 400 bad-request, and no session starts', async () => {
    for (const body of [{ username: 'sanne', password: officerPassword, remember: true }, { username: 5, password: officerPassword }, {}]) {
      const response = await fetch(`${receiver.url}/inbox/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: originOf(receiver.url) },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((await problemOf(response)).code, 'bad-request');
      assert.equal(response.headers.get('set-cookie'), null);
    }
  });
});
