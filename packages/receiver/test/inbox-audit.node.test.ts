/**
 * The audit log records who viewed and changed what, and when, without content; the export gives
 * management counts per period without content; the design's benchmarks are flagged.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { createClient } from '@signaal/sdk';
import { bodyText, changeState, inboxGet, officerPassword, originOf, sendCanary, signIn, testOfficers } from './inbox-harness.js';
import { startReceiver, type RunningReceiver } from './receiver-harness.js';

const canary = 'CANARY-audit-51d2';
const messageCanary = 'BERICHT-CANARY-88e1';

function auditRows(dataDir: string): Array<Record<string, unknown>> {
  const db = new Database(join(dataDir, 'signaal.db'), { readonly: true });
  try {
    return db.prepare('SELECT at, officer, action, reference, detail FROM audit ORDER BY id').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

describe('the audit log', () => {
  let receiver: RunningReceiver;
  let clock = new Date('2025-05-06T08:00:00Z');

  before(async () => {
    receiver = await startReceiver({ now: () => clock, inbox: { officers: await testOfficers() } });
  });
  after(() => receiver.close());

  test('records each sign-in, list, view, change, export and sign-out with who, what, when and which reference', async () => {
    const { reference } = await sendCanary(receiver.url, canary);
    const refused = await fetch(`${receiver.url}/inbox/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: originOf(receiver.url) },
      body: JSON.stringify({ username: 'sanne', password: `${canary} typed as password` }),
    });
    assert.equal(refused.status, 401);
    const session = await signIn(receiver.url);
    assert.equal((await inboxGet(receiver.url, '/api/signals?state=received', session)).status, 200);
    clock = new Date(clock.getTime() + 60_000);
    assert.equal((await inboxGet(receiver.url, `/api/signals/${reference}`, session)).status, 200);
    const changed = await changeState(
      receiver.url,
      reference,
      { state: 'forwarded', forwardedTo: 'arbeidsinspectie', message: messageCanary },
      session,
    );
    assert.equal(changed.status, 200);
    assert.equal((await inboxGet(receiver.url, '/api/export?format=csv', session)).status, 200);
    const out = await fetch(`${receiver.url}/inbox/api/session`, {
      method: 'DELETE',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: originOf(receiver.url) },
    });
    assert.equal(out.status, 204);

    const rows = auditRows(receiver.dataDir);
    assert.deepEqual(
      rows.map((row) => [row.officer, row.action, row.reference]),
      [
        ['-', 'sign-in-refused', null],
        ['sanne', 'sign-in', null],
        ['sanne', 'list', null],
        ['sanne', 'view', reference],
        ['sanne', 'change', reference],
        ['sanne', 'export', null],
        ['sanne', 'sign-out', null],
      ],
    );
    assert.equal(rows[3]?.at, '2025-05-06T08:01:00.000Z');
    assert.equal(rows[4]?.detail, 'state=forwarded forwardedTo=arbeidsinspectie message=written');
    assert.equal(rows[2]?.detail, 'state=received kind=all search=no page=1 count=1');
  });

  test('contains no content: not the description, the reporter, the message, nor a mistyped password', () => {
    const dump = JSON.stringify(auditRows(receiver.dataDir));
    assert.ok(dump.length > 100, 'there is a log to look at');
    for (const secret of [canary, messageCanary, 'kantine', 'Melder', '06 1234 5678', officerPassword]) {
      assert.ok(!dump.includes(secret), `the audit log does not contain "${secret}"`);
    }
  });

  test('failed attempts to view or change are not recorded as views or changes', async () => {
    const { reference } = await sendCanary(receiver.url, 'second');
    const before = auditRows(receiver.dataDir).length;
    assert.equal((await inboxGet(receiver.url, `/api/signals/${reference}`)).status, 401);
    assert.equal((await changeState(receiver.url, reference, { state: 'closed' })).status, 401);
    const session = await signIn(receiver.url, 'joost');
    assert.equal((await inboxGet(receiver.url, '/api/signals/SG-2222-2222', session)).status, 404);
    const rows = auditRows(receiver.dataDir).slice(before);
    assert.deepEqual(
      rows.map((row) => row.action),
      ['sign-in'],
    );
  });

  test('the officer can read the log of one signal in the inbox, and it shows who changed it', async () => {
    const { reference } = await sendCanary(receiver.url, canary);
    const session = await signIn(receiver.url);
    await changeState(receiver.url, reference, { state: 'in-progress' }, session);
    const response = await inboxGet(receiver.url, `/api/audit?reference=${reference}`, session);
    const text = await bodyText(response);
    assert.ok(!text.includes(canary));
    const { entries } = JSON.parse(text.slice(text.indexOf('\n\n') + 2)) as { entries: Array<{ officer: string; action: string }> };
    assert.deepEqual(
      entries.map((entry) => `${entry.officer} ${entry.action}`),
      ['sanne change'],
    );
  });

  test('the server log carries no content either', () => {
    const logs = receiver.logs.join('');
    assert.ok(logs.includes('"route":"/inbox/api/signals/:reference/state"'), 'inbox requests are logged');
    for (const secret of [canary, messageCanary, officerPassword]) assert.ok(!logs.includes(secret));
  });
});

describe("the officer's answer reaches the reporter", () => {
  test('forwarded with a message: the SDK status call shows both; a removed message is gone', async () => {
    const receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    try {
      const client = createClient({ endpoint: receiver.url, retry: { limit: 0 } });
      const receipt = await client.submit({ kind: 'signal', description: `Iemand werkt 7 dagen per week. ${canary}` });
      assert.equal((await client.status(receipt)).state, 'received');
      const session = await signIn(receiver.url);
      const changed = await changeState(
        receiver.url,
        receipt.reference,
        { state: 'forwarded', forwardedTo: 'police', message: 'Doorgegeven aan de politie. Dank je wel.' },
        session,
      );
      assert.equal(changed.status, 200);
      const status = await client.status(receipt);
      assert.equal(status.state, 'forwarded');
      assert.equal(status.message, 'Doorgegeven aan de politie. Dank je wel.');

      assert.equal((await changeState(receiver.url, receipt.reference, { state: 'closed', message: '' }, session)).status, 200);
      const closed = await client.status(receipt);
      assert.equal(closed.state, 'closed');
      assert.equal(closed.message, undefined);
    } finally {
      await receiver.close();
    }
  });
});

describe('benchmarks and retention in the inbox', () => {
  test('flags a signal not acknowledged within 7 days and not fed back within 3 months', async () => {
    let clock = new Date('2025-01-10T12:00:00Z');
    const receiver = await startReceiver({ now: () => clock, inbox: { officers: await testOfficers() } });
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      const item = async () => {
        const session = await signIn(receiver.url);
        const { signals } = (await (await inboxGet(receiver.url, '/api/signals', session)).json()) as {
          signals: Array<Record<string, unknown>>;
        };
        return signals.find((signal) => signal.reference === reference)!;
      };
      let found = await item();
      assert.equal(found.acknowledgeOverdue, false);
      assert.equal(found.acknowledgeBy, '2025-01-17T12:00:00.000Z');
      assert.equal(found.feedBackBy, '2025-04-10T12:00:00.000Z');

      clock = new Date('2025-01-18T12:00:00Z');
      found = await item();
      assert.equal(found.acknowledgeOverdue, true);
      assert.equal(found.feedBackOverdue, false);
      await changeState(receiver.url, reference, { state: 'in-progress' }, await signIn(receiver.url));
      found = await item();
      assert.equal(found.acknowledgeOverdue, false, 'acknowledged, late');
      assert.equal(found.acknowledgedAt, '2025-01-18T12:00:00.000Z');

      clock = new Date('2025-04-11T12:00:00Z');
      assert.equal((await item()).feedBackOverdue, true);
      await changeState(
        receiver.url,
        reference,
        { state: 'forwarded', forwardedTo: 'riec', message: 'Doorgegeven.' },
        await signIn(receiver.url),
      );
      found = await item();
      assert.equal(found.feedBackOverdue, false);
      assert.equal(found.fedBackAt, '2025-04-11T12:00:00.000Z');
    } finally {
      await receiver.close();
    }
  });

  test('a signal whose content retention removed shows as such, keeps its state, and takes no new message', async () => {
    let clock = new Date('2024-01-10T12:00:00Z');
    const receiver = await startReceiver({ now: () => clock, retentionDays: 30, inbox: { officers: await testOfficers() } });
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      clock = new Date('2024-03-01T12:00:00Z');
      assert.equal(await receiver.app.signaal.purge(), 1);
      const session = await signIn(receiver.url);
      const list = await inboxGet(receiver.url, '/api/signals', session);
      const listText = await list.text();
      assert.ok(!listText.includes(canary));
      const [item] = (JSON.parse(listText) as { signals: Array<Record<string, unknown>> }).signals;
      assert.equal(item?.contentRemoved, true);
      assert.equal(item?.summary, undefined);
      const detail = (await (await inboxGet(receiver.url, `/api/signals/${reference}`, session)).json()) as Record<string, unknown>;
      assert.equal(detail.signal, undefined);
      assert.equal(detail.contentRemovedAt, '2024-03-01T12:00:00.000Z');
      const refused = await changeState(receiver.url, reference, { state: 'closed', message: 'Nieuw bericht' }, session);
      assert.equal(refused.status, 409);
      assert.equal((await changeState(receiver.url, reference, { state: 'closed' }, session)).status, 200);
    } finally {
      await receiver.close();
    }
  });
});

describe('the export for management', () => {
  let receiver: RunningReceiver;
  let clock = new Date('2025-01-15T10:00:00Z');

  before(async () => {
    receiver = await startReceiver({ now: () => clock, inbox: { officers: await testOfficers() } });
    const first = await sendCanary(receiver.url, canary);
    clock = new Date('2025-02-03T10:00:00Z');
    const second = await sendCanary(receiver.url, canary);
    await sendCanary(receiver.url, canary, { kind: 'sparring', indicators: undefined });
    clock = new Date('2025-04-20T10:00:00Z');
    await sendCanary(receiver.url, canary);
    clock = new Date('2025-04-21T10:00:00Z');
    const session = await signIn(receiver.url);
    assert.equal(
      (await changeState(receiver.url, first.reference, { state: 'forwarded', forwardedTo: 'comensha', message: messageCanary }, session))
        .status,
      200,
    );
    assert.equal((await changeState(receiver.url, second.reference, { state: 'forwarded', forwardedTo: 'police' }, session)).status, 200);
  });
  after(() => receiver.close());

  test('counts per month as JSON, without content', async () => {
    const session = await signIn(receiver.url);
    const response = await inboxGet(receiver.url, '/api/export?unit=month&from=2025-01&to=2025-05-01', session);
    const text = await response.text();
    assert.ok(!text.includes(canary) && !text.includes(messageCanary) && !text.includes('SG-'), 'no content, no references');
    const body = JSON.parse(text) as { periods: Array<Record<string, unknown>> };
    assert.deepEqual(
      body.periods.map((row) => [row.period, row.total, row.signal, row.sparring, row.forwarded]),
      [
        ['2025-01', 1, 1, 0, 1],
        ['2025-02', 2, 1, 1, 1],
        ['2025-04', 1, 1, 0, 0],
      ],
    );
    assert.deepEqual(body.periods[0]?.forwardedTo, { police: 0, arbeidsinspectie: 0, riec: 0, comensha: 1, other: 0 });
    assert.equal(body.periods[0]?.acknowledgedWithin7Days, 0, 'acknowledged after three months');
    assert.equal(body.periods[2]?.acknowledgedWithin7Days, 0);
  });

  test('counts per quarter as CSV, as a download', async () => {
    const session = await signIn(receiver.url);
    const response = await inboxGet(receiver.url, '/api/export?unit=quarter&format=csv&from=2025-01-01&to=2025-07-01', session);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="signaal-quarter-2025-01-01-2025-07-01\.csv"$/);
    const lines = (await response.text()).trim().split('\r\n');
    assert.equal(
      lines[0],
      'period,total,signal,sparring,received,in-progress,forwarded,closed,forwarded-to-police,forwarded-to-arbeidsinspectie,forwarded-to-riec,forwarded-to-comensha,forwarded-to-other,acknowledged-within-7-days,fed-back-within-3-months',
    );
    assert.deepEqual(lines.slice(1), ['2025-Q1,3,2,1,1,0,2,0,1,0,0,1,0,0,0', '2025-Q2,1,1,0,1,0,0,0,0,0,0,0,0,0,0']);
  });

  test('refuses a bad period, and answers nobody without a session', async () => {
    const session = await signIn(receiver.url);
    for (const query of ['unit=week', 'format=xml', 'from=2025-13', 'from=2025-05-01&to=2025-01-01']) {
      assert.equal((await inboxGet(receiver.url, `/api/export?${query}`, session)).status, 400, query);
    }
    assert.equal((await inboxGet(receiver.url, '/api/export?format=csv')).status, 401);
  });
});
