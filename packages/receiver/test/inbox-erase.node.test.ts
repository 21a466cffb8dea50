/**
 * "Remove content now" (issue 9): the officer destroys a signal sent by mistake's content through
 * the inbox API. The content is gone from every answer and every byte of the data folder; the
 * state, the dates and the reporter's status stay; the action is audited without content and
 * guarded like every other change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { statusSchema } from '@signaal/sdk';
import { bodyText, changeState, inboxGet, originOf, sendCanary, signIn, testOfficers, type SignedIn } from './inbox-harness.js';
import { folderBytes, startReceiver, storedSignals, type RunningReceiver } from './receiver-harness.js';

/** The erase request as the inbox page sends it: same origin, with the session cookie and CSRF token. */
function erase(base: string, reference: string, session?: SignedIn, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/inbox/api/signals/${reference}/erase`, {
    method: 'POST',
    headers: { origin: originOf(base), ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}), ...headers },
  });
}

async function problemCode(response: Response): Promise<unknown> {
  return ((await response.json()) as { code?: unknown }).code;
}

/** What the reporter's widget reads with the status token. */
async function reporterStatus(base: string, reference: string, statusToken: string) {
  const response = await fetch(`${base}/signals/${reference}/status`, { headers: { authorization: `Bearer ${statusToken}` } });
  assert.equal(response.status, 200);
  const text = await response.text();
  return { text, status: statusSchema.parse(JSON.parse(text)) };
}

async function auditFor(base: string, reference: string, session: SignedIn) {
  const response = await inboxGet(base, `/api/audit?reference=${reference}`, session);
  assert.equal(response.status, 200);
  const text = await response.text();
  return {
    text,
    entries: (JSON.parse(text) as { entries: Array<{ officer: string; action: string; reference?: string; detail?: string }> }).entries,
  };
}

describe('removing content now', () => {
  let receiver: RunningReceiver;
  let sanne: SignedIn;
  let joost: SignedIn;

  before(async () => {
    receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    sanne = await signIn(receiver.url);
    joost = await signIn(receiver.url, 'joost');
  });
  after(() => receiver.close());

  test('destroys the content for good: gone from every answer and every byte of the data folder, while state and status stay', async () => {
    const canary = 'CANARY-erase-7a3f';
    const messageCanary = 'BERICHT-CANARY-erase-2c9d';
    const { reference, statusToken } = await sendCanary(receiver.url, canary);
    const changed = await changeState(
      receiver.url,
      reference,
      { state: 'in-progress', message: `We kijken ernaar. ${messageCanary}` },
      sanne,
    );
    assert.equal(changed.status, 200);

    // The positive control: before removal the officer reads both, and the reporter the message.
    const before = await bodyText(await inboxGet(receiver.url, `/api/signals/${reference}`, sanne));
    assert.ok(before.includes(canary), 'the officer reads the content before removal');
    assert.ok(before.includes(messageCanary), "and the officer's message");
    assert.ok(
      (await reporterStatus(receiver.url, reference, statusToken)).text.includes(messageCanary),
      'the reporter reads the message before removal',
    );
    assert.ok(
      storedSignals(receiver.dataDir).some((stored) => stored.content.includes(canary)),
      'the content key opens the stored content before removal',
    );

    const answer = await erase(receiver.url, reference, joost);
    assert.equal(answer.status, 200);
    const answerText = await bodyText(answer);
    const body = JSON.parse(answerText.slice(answerText.indexOf('\n\n') + 2)) as Record<string, unknown>;
    assert.equal(body.contentRemoved, true);
    assert.equal(typeof body.contentRemovedAt, 'string');
    assert.equal(body.reference, reference);
    assert.equal(body.state, 'in-progress', 'the state stays');
    assert.equal(body.signal, undefined);
    assert.equal(body.message, undefined);
    assert.ok(!answerText.includes(canary), 'no content in the answer');
    assert.ok(!answerText.includes(messageCanary), 'no message in the answer');

    const detail = await inboxGet(receiver.url, `/api/signals/${reference}`, sanne);
    assert.equal(detail.status, 200);
    const detailText = await bodyText(detail);
    assert.ok(!detailText.includes(canary) && !detailText.includes(messageCanary), 'the detail no longer shows it');
    assert.match(detailText, /"contentRemoved":true/);

    const list = await inboxGet(receiver.url, '/api/signals', sanne);
    assert.equal(list.status, 200);
    const listText = await bodyText(list);
    assert.ok(!listText.includes(canary), 'the list no longer shows it');
    const item = (JSON.parse(listText.slice(listText.indexOf('\n\n') + 2)) as { signals: Array<Record<string, unknown>> }).signals.find(
      (signal) => signal.reference === reference,
    );
    assert.equal(item?.contentRemoved, true);
    assert.equal(item?.summary, undefined);
    assert.equal(item?.state, 'in-progress');

    const reporter = await reporterStatus(receiver.url, reference, statusToken);
    assert.equal(reporter.status.state, 'in-progress', 'the reporter still sees the state');
    assert.equal(reporter.status.message, undefined, 'but no longer the message');
    assert.ok(!reporter.text.includes(messageCanary) && !reporter.text.includes(canary));

    const audit = await auditFor(receiver.url, reference, sanne);
    const erases = audit.entries.filter((entry) => entry.action === 'erase');
    assert.equal(erases.length, 1, 'one erase line');
    assert.equal(erases[0]?.officer, 'joost', 'naming the officer who removed it');
    assert.equal(erases[0]?.reference, reference);
    assert.ok(
      !audit.text.includes(canary) && !audit.text.includes(messageCanary) && !audit.text.includes('Melder'),
      'the audit log holds no content',
    );

    assert.ok(
      storedSignals(receiver.dataDir).every((stored) => !stored.content.includes(canary)),
      'not even the content key opens it any more: its data key is destroyed',
    );
    const bytes = folderBytes(receiver.dataDir);
    assert.ok(bytes.length > 0, 'there is a data folder to look at');
    for (const secret of [canary, messageCanary]) {
      assert.equal(bytes.indexOf(secret), -1, `"${secret}" is in no byte of the data folder (database, WAL and all)`);
      assert.equal(bytes.indexOf(Buffer.from(secret, 'utf16le')), -1, `nor as UTF-16`);
    }
  });

  test('a second removal is refused with 409 content-removed and audited once', async () => {
    const { reference } = await sendCanary(receiver.url, 'CANARY-erase-twice');
    assert.equal((await erase(receiver.url, reference, sanne)).status, 200);
    const again = await erase(receiver.url, reference, sanne);
    assert.equal(again.status, 409);
    assert.equal(await problemCode(again), 'content-removed');
    const { entries } = await auditFor(receiver.url, reference, sanne);
    assert.equal(entries.filter((entry) => entry.action === 'erase').length, 1);
  });

  test('after removal a state change with a message is refused with 409 content-removed; one without a message still saves', async () => {
    const { reference, statusToken } = await sendCanary(receiver.url, 'CANARY-erase-then-write');
    assert.equal((await erase(receiver.url, reference, sanne)).status, 200);
    const written = await changeState(receiver.url, reference, { state: 'closed', message: 'Afgerond.' }, sanne);
    assert.equal(written.status, 409);
    assert.equal(await problemCode(written), 'content-removed');
    assert.equal((await reporterStatus(receiver.url, reference, statusToken)).status.state, 'received', 'nothing was saved');

    const closed = await changeState(receiver.url, reference, { state: 'closed' }, sanne);
    assert.equal(closed.status, 200);
    assert.equal((await reporterStatus(receiver.url, reference, statusToken)).status.state, 'closed');
  });

  test('without the CSRF token, or with a wrong one, answers 403 and removes nothing', async () => {
    const canary = 'CANARY-erase-csrf';
    const { reference } = await sendCanary(receiver.url, canary);
    const missing = await erase(receiver.url, reference, undefined, { cookie: sanne.cookie });
    assert.equal(missing.status, 403);
    assert.equal(await problemCode(missing), 'csrf-token-invalid');
    const wrong = await erase(receiver.url, reference, undefined, { cookie: sanne.cookie, 'x-csrf-token': joost.csrfToken });
    assert.equal(wrong.status, 403);
    assert.equal(await problemCode(wrong), 'csrf-token-invalid');

    const detail = await bodyText(await inboxGet(receiver.url, `/api/signals/${reference}`, sanne));
    assert.ok(detail.includes(canary), 'the content is still there');
    assert.match(detail, /"contentRemoved":false/);
    const { entries } = await auditFor(receiver.url, reference, sanne);
    assert.equal(entries.filter((entry) => entry.action === 'erase').length, 0, 'and nothing was audited as removed');
  });

  test('from another origin answers 403 and removes nothing', async () => {
    const canary = 'CANARY-erase-cross-site';
    const { reference } = await sendCanary(receiver.url, canary);
    const forged = await erase(receiver.url, reference, sanne, { origin: 'https://elders.example' });
    assert.equal(forged.status, 403);
    assert.equal(await problemCode(forged), 'cross-site-request');
    assert.ok((await bodyText(await inboxGet(receiver.url, `/api/signals/${reference}`, sanne))).includes(canary));
  });

  test('without a session answers 401 and removes nothing', async () => {
    const canary = 'CANARY-erase-anonymous';
    const { reference } = await sendCanary(receiver.url, canary);
    const anonymous = await erase(receiver.url, reference, undefined, { 'x-csrf-token': sanne.csrfToken });
    assert.equal(anonymous.status, 401);
    assert.equal(await problemCode(anonymous), 'session-required');
    assert.ok((await bodyText(await inboxGet(receiver.url, `/api/signals/${reference}`, sanne))).includes(canary));
  });

  test('an unknown or malformed reference answers 404', async () => {
    const unknown = await erase(receiver.url, 'SG-2222-2222', sanne);
    assert.equal(unknown.status, 404);
    assert.equal(await problemCode(unknown), 'not-found');
    const malformed = await erase(receiver.url, 'not-a-reference', sanne);
    assert.equal(malformed.status, 404);
    const { entries } = await auditFor(receiver.url, 'SG-2222-2222', sanne);
    assert.deepEqual(entries, [], 'nothing audited for a signal that does not exist');
  });
});
