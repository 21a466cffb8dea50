import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { receiptSchema, statusSchema } from '@signaal/sdk';
import { newDataDir, newSignal, postSignal, startReceiver, storedSignals } from './receiver-harness.js';

const day = 86_400_000;

test('removes content after the retention period and keeps the counts and the status', async () => {
  const dataDir = newDataDir();
  const secret = Buffer.alloc(32, 7);
  let clock = new Date('2026-01-10T09:00:00Z');
  const receiver = await startReceiver({ dataDir, secret, retentionDays: 30, now: () => clock });
  const old = newSignal({ description: 'Oude melding met inhoud', reporter: { name: 'Piet' } });
  const oldReceipt = receiptSchema.parse(await (await postSignal(receiver.url, old)).json());
  clock = new Date(clock.getTime() + 20 * day);
  const recent = newSignal({ kind: 'sparring', description: 'Recente vraag' });
  assert.equal((await postSignal(receiver.url, recent)).status, 201);

  clock = new Date(clock.getTime() + 15 * day);
  assert.equal(await receiver.app.signaal.purge(), 1, 'only the signal older than 30 days is purged');

  const db = new Database(join(dataDir, 'signaal.db'), { readonly: true });
  const rows = db.prepare('SELECT id, content_sealed, data_key, purged_at FROM signals ORDER BY received_at').all() as Array<{
    id: string;
    content_sealed: Buffer | null;
    data_key: Buffer | null;
    purged_at: string | null;
  }>;
  db.close();
  assert.equal(rows.length, 2, 'the rows stay, so counts are kept');
  assert.equal(rows[0]?.data_key, null, 'the data key is destroyed');
  assert.equal(rows[0]?.content_sealed, null);
  assert.ok(rows[0]?.purged_at);
  assert.ok(rows[1]?.data_key && rows[1].content_sealed, 'the recent signal keeps its key and content');
  assert.match(storedSignals(dataDir)[1]?.content ?? '', /Recente vraag/);

  // Exact counts, as the officers see them (/stats hides counts under 5 from staff).
  const counts = await receiver.app.signaal.store.counts(new Date('2026-01-01T00:00:00Z'), clock);
  assert.equal(counts.total, 2);
  assert.deepEqual(counts.byKind, { signal: 1, sparring: 1 });

  const status = await fetch(`${receiver.url}/signals/${oldReceipt.reference}/status`, {
    headers: { authorization: `Bearer ${oldReceipt.statusToken}` },
  });
  assert.equal(statusSchema.parse(await status.json()).state, 'received', 'the reporter can still see the state');

  const replay = await postSignal(receiver.url, old);
  assert.equal(replay.status, 422, 'a purged signal cannot be confirmed by replaying its content');

  await receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('purges at start, so a receiver that was down still removes old content', async () => {
  const dataDir = newDataDir();
  let clock = new Date('2026-03-01T00:00:00Z');
  const first = await startReceiver({ dataDir, retentionDays: 10, now: () => clock });
  assert.equal((await postSignal(first.url, newSignal())).status, 201);
  await first.close();

  clock = new Date(clock.getTime() + 11 * day);
  const second = await startReceiver({ dataDir, retentionDays: 10, now: () => clock });
  const db = new Database(join(dataDir, 'signaal.db'), { readonly: true });
  assert.deepEqual(db.prepare('SELECT COUNT(*) AS n FROM signals WHERE data_key IS NULL AND content_sealed IS NULL').get(), { n: 1 });
  db.close();
  await second.close();
  rmSync(dataDir, { recursive: true, force: true });
});
