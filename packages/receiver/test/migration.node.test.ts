/**
 * Issue 9: a data folder made by v0.1 migrates with nothing lost. The fixture is a real v0.1
 * folder (fixtures/v0.1, made with the v0.1 receiver at a74e4ef): content in the clear, the
 * token secret as a `secret` file. Every check is what a reporter, the officer or an operator
 * looking at the files can observe.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { KeyError, Keyring } from '../src/keyring.js';
import { signIn, testOfficers } from './inbox-harness.js';
import { folderBytes, newDataDir, postSignal, startReceiver, testKeyring, type RunningReceiver } from './receiver-harness.js';

interface FixtureSignal {
  name: string;
  reference: string;
  statusToken: string;
  receivedAt: string;
  kind: 'signal' | 'sparring';
  state: string;
  message?: string;
  contentRemoved: boolean;
  updatedAt: string;
  /** The exact JSON body v0.1 received, with `id` as its Idempotency-Key. */
  body: Record<string, unknown> & { id: string };
  /** What the officer read of it in the v0.1 inbox. */
  inbox: Record<string, unknown>;
}

interface Fixture {
  clock: string;
  officer: string;
  signals: FixtureSignal[];
}

const fixtureDir = fileURLToPath(new URL('./fixtures/v0.1/', import.meta.url));
const receiptsText = readFileSync(join(fixtureDir, 'receipts.json'), 'utf8');
const fixture = JSON.parse(receiptsText) as Fixture;
const legacySecretHex = readFileSync(join(fixtureDir, 'secret'), 'utf8').trim();
/** Every canary in the fixture's texts (descriptions, reporters, place, case reference, the officer's message). */
const canaries = [...new Set(receiptsText.match(/CANARY-V01-[A-Z-]+/g) ?? [])];
const clearCanaries = canaries.filter((canary) => !canary.startsWith('CANARY-V01-PURGED'));
/** Just after v0.1 last wrote, so retention and session times are those of the fixture, whenever the test runs. */
const clock = new Date(Date.parse(fixture.clock) + 60_000);
const now = () => clock;

const byName = (name: string): FixtureSignal => {
  const found = fixture.signals.find((signal) => signal.name === name);
  assert.ok(found, `the fixture has a signal named ${name}`);
  return found;
};

/** A fresh copy of the v0.1 folder, with the loose modes v0.1 could leave (its database was made under the umask). */
function copyFixture(): string {
  const dataDir = newDataDir();
  for (const file of ['signaal.db', 'secret']) copyFileSync(join(fixtureDir, file), join(dataDir, file));
  chmodSync(dataDir, 0o755);
  for (const file of readdirSync(dataDir)) chmodSync(join(dataDir, file), 0o644);
  return dataDir;
}

const start = async (dataDir: string, keyring: Keyring = testKeyring) =>
  startReceiver({ dataDir, keyring, inbox: { officers: await testOfficers() }, now });

const clearTextIn = (dataDir: string) => {
  const bytes = folderBytes(dataDir);
  return {
    found: canaries.filter((canary) => bytes.includes(canary)),
    secretHex: bytes.includes(legacySecretHex),
    secretBytes: bytes.includes(Buffer.from(legacySecretHex, 'hex')),
  };
};

const status = (url: string, signal: FixtureSignal) =>
  fetch(`${url}/signals/${signal.reference}/status`, { headers: { authorization: `Bearer ${signal.statusToken}` } });

let dataDir: string;
let receiver: RunningReceiver | undefined;

/** The receiver started on the migrated folder. */
function running(): RunningReceiver {
  assert.ok(receiver, 'the receiver started on the v0.1 folder');
  return receiver;
}

before(async () => {
  assert.ok(clearCanaries.length >= 6 && canaries.length > clearCanaries.length, 'the fixture lists its canaries');
  dataDir = copyFixture();
  const bytes = folderBytes(dataDir);
  for (const canary of clearCanaries) assert.ok(bytes.includes(canary), `the v0.1 fixture holds ${canary} in the clear`);
  receiver = await start(dataDir);
});

after(async () => {
  await receiver?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('every v0.1 status token still works and shows the recorded state and message', async () => {
  const { url } = running();
  for (const signal of fixture.signals) {
    const response = await status(url, signal);
    assert.equal(response.status, 200, `status of the ${signal.name} signal`);
    const body = (await response.json()) as { reference: string; state: string; updatedAt: string; message?: string };
    assert.equal(body.reference, signal.reference);
    assert.equal(body.state, signal.state, `state of the ${signal.name} signal`);
    assert.equal(body.updatedAt, signal.updatedAt);
    assert.equal(body.message, signal.message, `message of the ${signal.name} signal`);
  }
  const forwarded = (await (await status(url, byName('forwarded'))).json()) as { message?: string };
  assert.match(forwarded.message ?? '', /CANARY-V01-MESSAGE/);

  const wrongToken = await fetch(`${url}/signals/${byName('forwarded').reference}/status`, {
    headers: { authorization: `Bearer ${byName('sparring').statusToken}` },
  });
  assert.equal(wrongToken.status, 404, "one signal's token does not open another");
});

test('the officer reads the full content of every v0.1 signal, and the purged one as removed', async () => {
  const { url } = running();
  const session = await signIn(url);
  const headers = { cookie: session.cookie };

  const list = await fetch(`${url}/inbox/api/signals`, { headers });
  assert.equal(list.status, 200);
  const listed = ((await list.json()) as { signals: Array<{ reference: string }> }).signals.map((item) => item.reference).sort();
  assert.deepEqual(listed, fixture.signals.map((signal) => signal.reference).sort());

  for (const signal of fixture.signals) {
    const response = await fetch(`${url}/inbox/api/signals/${signal.reference}`, { headers });
    assert.equal(response.status, 200, `the officer opens the ${signal.name} signal`);
    const view = (await response.json()) as Record<string, unknown>;
    for (const [field, shown] of Object.entries(signal.inbox)) {
      // Since issue 10 the officer no longer sees the idempotency id: a replay with it would give the reporter's token.
      const { id: _id, ...expected } = field === 'signal' ? (shown as Record<string, unknown>) : { id: undefined, value: shown };
      assert.deepEqual(
        field === 'signal' ? view[field] : { value: view[field] },
        expected,
        `${field} of the ${signal.name} signal is as v0.1 showed it`,
      );
    }
    for (const field of ['signal', 'message', 'forwardedTo', 'acknowledgedAt', 'fedBackAt', 'contentRemovedAt']) {
      if (!(field in signal.inbox)) assert.equal(view[field], undefined, `the ${signal.name} signal has no ${field}, as in v0.1`);
    }
  }

  const forwarded = (await (await fetch(`${url}/inbox/api/signals/${byName('forwarded').reference}`, { headers })).json()) as {
    signal?: { description: string; place?: string; caseReference?: string; reporter?: { name?: string } };
    message?: string;
    audit: Array<{ officer: string; action: string; detail?: string; at: string }>;
  };
  assert.match(forwarded.signal?.description ?? '', /CANARY-V01-DESCRIPTION/);
  assert.equal(forwarded.signal?.reporter?.name, 'CANARY-V01-REPORTER');
  assert.equal(forwarded.signal?.place, 'CANARY-V01-PLACE');
  assert.equal(forwarded.signal?.caseReference, 'CANARY-V01-CASE');
  assert.match(forwarded.message ?? '', /CANARY-V01-MESSAGE/);
  assert.ok(
    forwarded.audit.some(
      (line) =>
        line.officer === fixture.officer &&
        line.action === 'change' &&
        line.detail === 'state=forwarded forwardedTo=police message=written',
    ),
    "v0.1's audit line for the change is kept",
  );

  const sparring = (await (await fetch(`${url}/inbox/api/signals/${byName('sparring').reference}`, { headers })).json()) as {
    signal?: { reporter?: { name?: string } };
  };
  assert.equal(sparring.signal?.reporter?.name, 'CANARY-V01-SPARRING-REPORTER');

  const purged = (await (await fetch(`${url}/inbox/api/signals/${byName('purged').reference}`, { headers })).json()) as Record<
    string,
    unknown
  >;
  assert.equal(purged.contentRemoved, true);
  assert.equal(purged.signal, undefined);
});

test('replaying a v0.1 body with its id as Idempotency-Key returns the stored receipt', async () => {
  const { url } = running();
  for (const signal of fixture.signals.filter((entry) => !entry.contentRemoved)) {
    const response = await postSignal(url, signal.body);
    assert.equal(response.status, 200, `replay of the ${signal.name} signal`);
    const receipt = (await response.json()) as { reference: string; statusToken: string; receivedAt: string; kind: string };
    assert.equal(receipt.reference, signal.reference);
    assert.equal(receipt.receivedAt, signal.receivedAt);
    assert.equal(receipt.kind, signal.kind);
    assert.equal(receipt.statusToken, signal.statusToken, 'the token comes from the imported v0.1 secret');
  }
  // As in v0.1: once retention removed the content, the body can no longer confirm the signal.
  assert.equal((await postSignal(url, byName('purged').body)).status, 422);

  const stats = await running().app.signaal.store.counts(new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
  assert.equal(stats.total, 4, 'no signal was added or lost');
  assert.deepEqual(stats.byKind, { signal: 3, sparring: 1 });
  assert.deepEqual(stats.byState, { received: 2, 'in-progress': 1, forwarded: 1, closed: 0 });
});

test('after the migration no canary and no token secret is in any byte of the data folder, and the secret file is gone', () => {
  assert.equal(existsSync(join(dataDir, 'secret')), false, 'the v0.1 secret file is removed');
  assert.deepEqual(clearTextIn(dataDir), { found: [], secretHex: false, secretBytes: false });
});

test('the data folder is 0700 and every file in it 0600', () => {
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  const files = readdirSync(dataDir, { withFileTypes: true }).filter((entry) => entry.isFile());
  assert.ok(files.some((entry) => entry.name === 'signaal.db'));
  for (const entry of files) assert.equal(statSync(join(dataDir, entry.name)).mode & 0o777, 0o600, `mode of ${entry.name}`);
});

test('a restart on the migrated folder works and runs each migration once', async () => {
  await running().close();
  receiver = undefined;
  assert.deepEqual(clearTextIn(dataDir), { found: [], secretHex: false, secretBytes: false }, 'nothing in the clear after a clean stop');

  const restarted = await start(dataDir);
  receiver = restarted;
  for (const signal of fixture.signals) {
    const response = await status(restarted.url, signal);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { message?: string }).message, signal.message);
  }
  const session = await signIn(restarted.url);
  const view = (await (
    await fetch(`${restarted.url}/inbox/api/signals/${byName('forwarded').reference}`, { headers: { cookie: session.cookie } })
  ).json()) as {
    signal?: { description: string };
  };
  assert.match(view.signal?.description ?? '', /CANARY-V01-DESCRIPTION/);
  await restarted.close();
  receiver = undefined;

  const db = new Database(join(dataDir, 'signaal.db'), { readonly: true, fileMustExist: true });
  try {
    const names = (db.prepare('SELECT name FROM signaal_migration ORDER BY name').all() as Array<{ name: string }>).map((row) => row.name);
    assert.deepEqual(names, ['0001-initial', '0002-sealed-content', '0003-officers-and-roles']);
  } finally {
    db.close();
  }
  assert.deepEqual(clearTextIn(dataDir), { found: [], secretHex: false, secretBytes: false });
});

test('starting the migrated folder with another content key fails with a KeyError naming the missing key id', async () => {
  const wrong = Keyring.fromKeys([randomBytes(32)]);
  await assert.rejects(start(dataDir, wrong), (error: unknown) => {
    assert.ok(error instanceof KeyError, `a KeyError, not ${String(error)}`);
    assert.match(error.message, new RegExp(`\\b${testKeyring.currentKeyId}\\b`), 'the message names the key id the data is wrapped under');
    assert.match(error.message, /not in the key file/);
    assert.doesNotMatch(error.message, new RegExp(wrong.currentKeyId));
    return true;
  });

  // The refused start changed nothing: the right key still reads every signal.
  const again = await start(dataDir);
  receiver = again;
  for (const signal of fixture.signals) assert.equal((await status(again.url, signal)).status, 200);
});
