/**
 * The same storage behaviour on both engines: SQLite in a data folder and PostgreSQL on a
 * throwaway cluster. Everything is observed through the receiver's HTTP answers, the inbox, or
 * what an operator finds in the database and its dump.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { receiptSchema, statsSchema, statusSchema } from '@signaal/sdk';
import { Outbox } from '../src/storage/outbox.js';
import { Sealer } from '../src/storage/sealing.js';
import { withLease } from '../src/storage/shared-state.js';
import { changeState, inboxGet, originOf, sendCanary, signIn, testOfficers } from './inbox-harness.js';
import { startPostgres, type TestPostgres } from './postgres-harness.js';
import { deferred, folderBytes, newSignal, postSignal, startReceiver, testKeyring, type RunningReceiver } from './receiver-harness.js';

let cluster: TestPostgres;
before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  await cluster?.stop();
});

interface Engine {
  name: 'sqlite' | 'postgres';
  /** Starts a receiver on a fresh database of this engine; `shared` puts a second one on the same database. */
  start(options?: Parameters<typeof startReceiver>[0]): Promise<RunningReceiver>;
  /** Every byte an operator could copy: the SQLite folder, or a plain `pg_dump`. */
  dump(receiver: RunningReceiver): Buffer;
  /** A plain query, as an operator would run it. */
  query<T>(receiver: RunningReceiver, text: string): Promise<T[]>;
}

const databases = new WeakMap<RunningReceiver, string>();

const engines: Engine[] = [
  {
    name: 'sqlite',
    start: (options = {}) => startReceiver(options),
    dump: (receiver) => folderBytes(receiver.dataDir),
    async query<T>(receiver: RunningReceiver, text: string) {
      const { sql } = await import('kysely');
      return (await sql.raw<T>(text).execute(receiver.app.signaal.storage.db)).rows;
    },
  },
  {
    name: 'postgres',
    async start(options = {}) {
      const databaseUrl = options.databaseUrl ?? (await cluster.newDatabase());
      const receiver = await startReceiver({ ...options, databaseUrl });
      databases.set(receiver, databaseUrl);
      return receiver;
    },
    dump: (receiver) => execFileSync(pgDump(), ['--no-owner', databases.get(receiver)!], { maxBuffer: 64 * 1024 * 1024 }),
    async query<T>(receiver: RunningReceiver, text: string) {
      const client = new pg.Client({ connectionString: databases.get(receiver)! });
      await client.connect();
      try {
        return (await client.query(text)).rows as T[];
      } finally {
        await client.end();
      }
    },
  },
];

function pgDump(): string {
  const versions = execFileSync('ls', ['/usr/lib/postgresql'])
    .toString()
    .trim()
    .split('\n')
    .sort((a, b) => Number(b) - Number(a));
  return `/usr/lib/postgresql/${versions[0]}/bin/pg_dump`;
}

const canary = 'CANARY-7d41-engines';

for (const engine of engines) {
  describe(`storage on ${engine.name}`, () => {
    test('stores a signal once per key, replays its receipt, refuses another body, and counts it', async () => {
      const receiver = await engine.start();
      try {
        const signal = newSignal();
        const first = await postSignal(receiver.url, signal);
        assert.equal(first.status, 201);
        const receipt = receiptSchema.parse(await first.json());
        const replay = await postSignal(receiver.url, signal);
        assert.equal(replay.status, 200);
        assert.deepEqual(receiptSchema.parse(await replay.json()), receipt, 'the same receipt, with a working token');
        const other = await postSignal(receiver.url, { ...signal, description: 'Iets anders.' });
        assert.equal(other.status, 422);
        const status = await fetch(`${receiver.url}/signals/${receipt.reference}/status`, {
          headers: { authorization: `Bearer ${receipt.statusToken}` },
        });
        assert.equal(statusSchema.parse(await status.json()).state, 'received');
        const counts = await receiver.app.signaal.store.counts(new Date(0), new Date(Date.now() + 60_000));
        assert.deepEqual([counts.total, counts.byKind.signal, counts.byState.received], [1, 1, 1]);
        const stats = statsSchema.parse(await (await fetch(`${receiver.url}/stats`)).json());
        assert.deepEqual(
          [stats.total, stats.byKind.signal, stats.byState.received],
          [null, null, null],
          'staff see that there is a handful, not how many',
        );
      } finally {
        await receiver.close();
      }
    });

    test('keeps content sealed: a canary in every field is in no byte of the database, and the officer still reads it', async () => {
      const receiver = await engine.start({ inbox: { officers: await testOfficers() } });
      try {
        const sent = await sendCanary(receiver.url, canary, {
          place: `Straat ${canary}`,
          caseReference: `Z-${canary}`,
          reporter: { name: `Melder ${canary}`, department: `Afdeling ${canary}`, phone: '06 1234 5678', email: 'melder@gemeente.example' },
        });
        const session = await signIn(receiver.url);
        const message = `Bericht ${canary}`;
        assert.equal(
          (await changeState(receiver.url, sent.reference, { state: 'forwarded', forwardedTo: 'police', message }, session)).status,
          200,
        );

        const detail = await (await inboxGet(receiver.url, `/api/signals/${sent.reference}`, session)).text();
        assert.ok(
          detail.includes(`Straat ${canary}`) && detail.includes(`Afdeling ${canary}`) && detail.includes(message),
          'the officer reads every field (positive control)',
        );
        const status = statusSchema.parse(
          await (
            await fetch(`${receiver.url}/signals/${sent.reference}/status`, { headers: { authorization: `Bearer ${sent.statusToken}` } })
          ).json(),
        );
        assert.equal(status.message, message, "the reporter reads the officer's message");

        const bytes = engine.dump(receiver);
        assert.ok(bytes.includes(sent.reference), 'the dump is real: it holds the reference');
        assert.ok(!bytes.includes(canary), 'no canary in the stored bytes');
        assert.ok(!bytes.includes(sent.statusToken), 'no status token either');
      } finally {
        await receiver.close();
      }
    });

    test('a sealed row copied onto another signal does not open', async () => {
      const receiver = await engine.start({ inbox: { officers: await testOfficers() } });
      try {
        const a = await sendCanary(receiver.url, `${canary}-a`);
        const b = await sendCanary(receiver.url, `${canary}-b`);
        await engine.query(
          receiver,
          `UPDATE signals SET content_sealed = (SELECT content_sealed FROM signals WHERE reference = '${a.reference}'),
             data_key = (SELECT data_key FROM signals WHERE reference = '${a.reference}') WHERE reference = '${b.reference}'`,
        );
        const session = await signIn(receiver.url);
        const answer = await inboxGet(receiver.url, `/api/signals/${b.reference}`, session);
        assert.equal(answer.status, 500, 'the copy fails authentication instead of showing the other signal');
        assert.ok(!(await answer.text()).includes(`${canary}-a`));
        assert.ok(
          (await (await inboxGet(receiver.url, `/api/signals/${a.reference}`, session)).text()).includes(`${canary}-a`),
          'the original still opens',
        );
      } finally {
        await receiver.close();
      }
    });

    test('retention destroys the data key: the content cannot be recovered from the database or a dump', async () => {
      let clock = new Date('2026-01-01T09:00:00Z');
      const receiver = await engine.start({ inbox: { officers: await testOfficers() }, retentionDays: 30, now: () => clock });
      try {
        const old = await sendCanary(receiver.url, `${canary}-old`);
        const [before] = await engine.query<{ data_key: Buffer }>(
          receiver,
          `SELECT data_key FROM signals WHERE reference = '${old.reference}'`,
        );
        assert.ok(before?.data_key && before.data_key.length > 32);
        clock = new Date(clock.getTime() + 40 * 86_400_000);
        const recent = await sendCanary(receiver.url, `${canary}-recent`);
        assert.equal(await receiver.app.signaal.purge(), 1);

        const rows = await engine.query<{ reference: string; data_key: Buffer | null; content_sealed: Buffer | null }>(
          receiver,
          'SELECT reference, data_key, content_sealed FROM signals ORDER BY received_at',
        );
        assert.deepEqual(
          rows.map((row) => [row.reference, row.data_key === null, row.content_sealed === null]),
          [
            [old.reference, true, true],
            [recent.reference, false, false],
          ],
        );
        const bytes = engine.dump(receiver);
        assert.ok(!bytes.includes(before.data_key), 'the wrapped data key is gone from every byte');
        const status = statusSchema.parse(
          await (
            await fetch(`${receiver.url}/signals/${old.reference}/status`, { headers: { authorization: `Bearer ${old.statusToken}` } })
          ).json(),
        );
        assert.equal(status.state, 'received', 'the reporter still sees the state');
        const session = await signIn(receiver.url);
        const detail = (await (await inboxGet(receiver.url, `/api/signals/${old.reference}`, session)).json()) as {
          contentRemoved: boolean;
          signal?: unknown;
        };
        assert.equal(detail.contentRemoved, true);
        assert.equal(detail.signal, undefined);
      } finally {
        await receiver.close();
      }
    });

    test('two instances on one database share sessions and sign-in throttling, and one key stores one signal', async () => {
      const officers = await testOfficers();
      const a = await engine.start({ inbox: { officers, signInAttempts: { perAddress: 3, windowMs: 60_000 } } });
      const b = await engine.start({
        inbox: { officers, signInAttempts: { perAddress: 3, windowMs: 60_000 } },
        ...(engine.name === 'sqlite' ? { dataDir: a.dataDir } : { databaseUrl: databases.get(a)! }),
      });
      try {
        const session = await signIn(a.url);
        assert.equal((await inboxGet(b.url, '/api/signals', session)).status, 200, 'a session made by one instance works on the other');

        const signal = newSignal();
        const answers = await Promise.all([
          postSignal(a.url, signal),
          postSignal(b.url, signal),
          postSignal(a.url, signal),
          postSignal(b.url, signal),
        ]);
        const statuses = answers.map((answer) => answer.status).sort();
        assert.equal(statuses.filter((status) => status === 201).length, 1, `one 201 among ${statuses.join(',')}`);
        assert.ok(statuses.every((status) => [200, 201, 409].includes(status)));
        const [{ count }] = (await engine.query<{ count: number | string }>(
          a,
          `SELECT COUNT(*) AS count FROM signals WHERE id = '${signal.id}'`,
        )) as [{ count: number | string }];
        assert.equal(Number(count), 1);

        const wrong = (base: string) =>
          fetch(`${base}/inbox/api/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: originOf(base) },
            body: JSON.stringify({ username: 'joost', password: 'not the password at all' }),
          });
        assert.equal((await wrong(a.url)).status, 401);
        assert.equal((await wrong(b.url)).status, 401);
        assert.equal((await wrong(a.url)).status, 401);
        const throttled = await wrong(b.url);
        assert.equal(throttled.status, 429, 'failures on both instances add up');
        assert.ok(Number(throttled.headers.get('retry-after')) > 0);
      } finally {
        await b.close();
        await a.close();
      }
    });

    test('two senders on one outbox never take the same notification', async () => {
      const receiver = await engine.start();
      try {
        const { storage } = receiver.app.signaal;
        for (let index = 0; index < 30; index += 1) {
          assert.equal((await postSignal(receiver.url, newSignal())).status, 201);
        }
        // The receiver has no mail settings, so nothing was queued; queue one notification per signal as mail would.
        await engine.query(receiver, `INSERT INTO outbox (reference, next_attempt_at) SELECT reference, 0 FROM signals`);
        const sealer = new Sealer(testKeyring);
        const first = new Outbox(storage.db, storage.engine, sealer);
        const second = new Outbox(storage.db, storage.engine, sealer);
        const now = Date.now();
        const [one, two] = await Promise.all([first.take(now, 60_000, 20), second.take(now, 60_000, 20)]);
        const ids = [...one, ...two].map((item) => item.id);
        assert.equal(new Set(ids).size, ids.length, 'no notification taken twice');
        assert.equal(ids.length, 30, 'between them they took every due notification');
        assert.deepEqual(await first.take(now, 60_000), [], 'while the lease holds, nothing is due again');
        const later = await first.take(now + 61_000, 60_000, 50);
        assert.equal(later.length, 30, 'a lease that ran out frees its items (a sender that stopped)');
        await first.markSent(later[0]!.id, new Date(now));
        assert.equal(
          (await second.take(now + 200_000, 60_000, 50)).some((item) => item.id === later[0]!.id),
          false,
          'a sent item is never taken again',
        );
      } finally {
        await receiver.close();
      }
    });

    test('one retention run at a time across instances', async () => {
      const receiver = await engine.start();
      try {
        const { db } = receiver.app.signaal.storage;
        const held = deferred();
        const now = Date.now();
        const running = withLease(db, 'retention-test', 'first', now, 60_000, () => held.promise.then(() => 'first ran'));
        assert.equal(
          await withLease(db, 'retention-test', 'second', now, 60_000, () => Promise.resolve('second ran')),
          undefined,
          'the second instance waits its turn',
        );
        held.resolve();
        assert.equal(await running, 'first ran');
        assert.equal(
          await withLease(db, 'retention-test', 'second', now, 60_000, () => Promise.resolve('second ran')),
          'second ran',
          'after the first, the next may run',
        );
        const stale = withLease(db, 'retention-stale', 'stopped', now, 1_000, () => new Promise(() => undefined));
        void stale;
        assert.equal(
          await withLease(db, 'retention-stale', 'other', now + 2_000, 1_000, () => Promise.resolve('took over')),
          'took over',
          'a lapsed lease is taken over',
        );
      } finally {
        await receiver.close();
      }
    });
  });
}
