import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { problemSchema } from '@signaal/sdk';
import { countSignals, newSignal, startReceiver, type RunningReceiver } from './receiver-harness.js';

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
  { name: 'a description nested 10,000 arrays deep', status: 400, code: 'invalid-signal', body: signalText({}).text.replace(/"description":"[^"]*"/, `"description":${nested(10_000, '[', ']', '"x"')}`) },
  { name: 'a body nested 5,000 objects deep', status: 400, code: 'invalid-signal', body: nested(5_000, '{"a":', '}', '1') },
  { name: 'a number as description', status: 400, code: 'invalid-signal', body: signalText({ description: 42 }).text },
  { name: 'an unknown kind', status: 400, code: 'invalid-signal', body: signalText({ kind: 'complaint' }).text },
  { name: 'indicators as a string', status: 400, code: 'invalid-signal', body: signalText({ indicators: 'passport-withheld' }).text },
  { name: 'a reporter as an array', status: 400, code: 'invalid-signal', body: signalText({ reporter: [] }).text },
  { name: 'a description over 10,000 characters', status: 400, code: 'invalid-signal', body: signalText({ description: 'b'.repeat(10_001) }).text },
  { name: 'an unknown top-level field', status: 400, code: 'invalid-signal', body: signalText({ bsn: '123456782' }).text },
  { name: 'an unknown field inside the reporter', status: 400, code: 'invalid-signal', body: signalText({ reporter: { name: 'A', salary: 1 } }).text },
  { name: 'a sparring request with citizen data', status: 400, code: 'invalid-signal', body: signalText({ kind: 'sparring', place: 'Dorpsstraat 1' }).text },
  { name: 'an anonymous signal with reporter details', status: 400, code: 'invalid-signal', body: signalText({ confidentiality: 'anonymous', reporter: { name: 'A' } }).text },
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
  { name: 'a cross-site post without Origin', status: 403, code: 'cross-site-request', body: signalText({}).text, headers: { 'sec-fetch-site': 'cross-site' } },
  { name: 'a same-origin form post', status: 415, code: 'unsupported-media-type', body: 'description=x', contentType: 'application/x-www-form-urlencoded' },
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
