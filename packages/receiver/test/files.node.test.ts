/**
 * The data folder's files, backups and restores, as an operator meets them: the real
 * `signaal-receiver` command in child processes, looking at modes and bytes on disk.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { statsSchema, type Receipt } from '@signaal/sdk';
import { loadKeyring } from '../src/keyring.js';
import { refusal, runCli, startCli } from './cli-harness.js';
import {
  countSignals,
  folder,
  folderBytes,
  newKeyFile,
  newSignal,
  post,
  postSignal,
  startReceiver,
  statusState,
  storedSignals,
  testKeyring,
} from './receiver-harness.js';

const keyFile = newKeyFile();
const keyring = loadKeyring(keyFile);

const mode = (path: string) => statSync(path).mode & 0o777;
const octal = (value: number) => value.toString(8).padStart(4, '0');
const canaryText = () => `kanarie-${Math.random().toString(36).slice(2, 12)}`;
/** The whole period, so two answers of /stats compare as they are. */
const allTime = 'from=2000-01-01&to=2100-01-01';

async function stats(url: string) {
  const response = await fetch(`${url}/stats?${allTime}`);
  assert.equal(response.status, 200);
  return statsSchema.parse(await response.json());
}

describe('private files', () => {
  test('an existing 0755 folder with a stray 0644 file, started under umask 000: the folder 0700, every file 0600', async () => {
    const dataDir = folder('data');
    chmodSync(dataDir, 0o755);
    const stray = join(dataDir, 'notes.txt');
    writeFileSync(stray, 'left here by someone', { mode: 0o644 });
    chmodSync(stray, 0o644);
    assert.equal(mode(dataDir), 0o755);
    assert.equal(mode(stray), 0o644);

    const receiver = await startCli({ dataDir, keyFile, openUmask: true });
    try {
      await post(receiver.url, newSignal());
      assert.equal(octal(mode(dataDir)), '0700', 'the data folder');
      for (const name of ['signaal.db', 'signaal.db-wal', 'signaal.db-shm', 'notes.txt']) {
        const path = join(dataDir, name);
        assert.ok(existsSync(path), `${name} exists while the receiver runs`);
        assert.equal(octal(mode(path)), '0600', name);
      }
      assert.deepEqual(await receiver.stop(), [0, null]);
    } finally {
      await receiver.kill();
    }
    assert.equal(octal(mode(join(dataDir, 'signaal.db'))), '0600', 'after a clean stop as well');
  });
});

describe('backup and restore', () => {
  test('an online backup holds no content in the clear, and a restore gives back the signals, tokens and counts', async () => {
    const dataDir = folder('data', false);
    const backups = folder('backups');
    const backupFile = join(backups, 'signaal-backup.db');
    const canary = canaryText();
    const signals = [
      newSignal({ description: `Eerste melding ${canary}`, reporter: { name: `Melder ${canary}` } }),
      newSignal({ kind: 'sparring', description: `Een vraag ${canary}` }),
      newSignal({ description: 'Derde melding zonder kanarie' }),
    ];

    const receiver = await startCli({ dataDir, keyFile });
    const receipts: Receipt[] = [];
    let before;
    try {
      for (const signal of signals) receipts.push(await post(receiver.url, signal));
      before = await stats(receiver.url);
      assert.equal(countSignals(dataDir), 3);

      // While it runs, under a careless umask.
      const made = await runCli(['backup', backupFile, '--data-dir', dataDir], { openUmask: true });
      assert.equal(made.code, 0, made.stderr);
      assert.ok(made.stdout.includes(backupFile), made.stdout);
      assert.equal(octal(mode(backupFile)), '0600', 'the backup is private');
      assert.equal(readFileSync(backupFile).includes(canary), false, 'no content in the clear in the backup');
      assert.equal(readFileSync(backupFile).includes(readFileSync(keyFile).subarray(0, 40)), false, 'nor the content key');

      // A backup never overwrites.
      const sizeBefore = statSync(backupFile).size;
      const again = await runCli(['backup', backupFile, '--data-dir', dataDir]);
      assert.equal(again.code, 2);
      const message = refusal(again);
      assert.ok(message.includes(backupFile), message);
      assert.match(message, /exists already/);
      assert.equal(statSync(backupFile).size, sizeBefore);

      // The receiver went on working during the backup.
      assert.equal(await statusState(receiver.url, receipts[0]!), 'received');
      assert.deepEqual(await receiver.stop(), [0, null]);
    } finally {
      await receiver.kill();
    }

    // The folder is lost (moved away here); the backup is restored in its place.
    const movedAway = `${dataDir}-moved-away`;
    renameSync(dataDir, movedAway);
    const restored = await runCli(['restore', backupFile, '--data-dir', dataDir], { openUmask: true });
    assert.equal(restored.code, 0, restored.stderr);
    assert.ok(restored.stdout.includes(backupFile), restored.stdout);
    assert.equal(octal(mode(dataDir)), '0700');
    assert.equal(octal(mode(join(dataDir, 'signaal.db'))), '0600');
    assert.equal(existsSync(join(dataDir, 'signaal.db.restoring')), false, 'nothing half-restored is left behind');

    // With the content key, the restored folder reads; this is also the positive control for the byte search above.
    const contents = storedSignals(dataDir, keyring).map((row) => row.content);
    assert.equal(contents.length, 3);
    assert.ok(contents[0]?.includes(`Eerste melding ${canary}`) && contents[0].includes(`Melder ${canary}`));
    assert.ok(contents[1]?.includes(`Een vraag ${canary}`));

    const again = await startCli({ dataDir, keyFile });
    try {
      for (const receipt of receipts) assert.equal(await statusState(again.url, receipt), 'received');
      assert.deepEqual(await stats(again.url), before, 'the counts match');
      // A replay of a signal from before the backup is recognised, not stored twice.
      assert.equal((await postSignal(again.url, signals[2])).status, 200);
      assert.equal(countSignals(dataDir), 3);
      assert.deepEqual(await again.stop(), [0, null]);
    } finally {
      await again.kill();
    }

    // Restoring over a database is refused, and leaves the database as it was.
    const current = readFileSync(join(dataDir, 'signaal.db'));
    const over = await runCli(['restore', backupFile, '--data-dir', dataDir]);
    assert.equal(over.code, 2);
    const message = refusal(over);
    assert.match(message, /move it away/);
    assert.ok(message.includes(join(dataDir, 'signaal.db')), message);
    assert.ok(readFileSync(join(dataDir, 'signaal.db')).equals(current));
  });

  test('restore refuses a file that is not a Signaal database, and a missing file; backup refuses a folder without a database', async () => {
    const notADatabase = join(folder('backups'), 'notes.db');
    writeFileSync(notADatabase, 'Dit is geen database, alleen wat tekst.\n'.repeat(200));
    const emptySqlite = join(folder('backups'), 'other.db');
    const other = new Database(emptySqlite);
    other.exec('CREATE TABLE things (name TEXT)');
    other.close();

    for (const source of [notADatabase, emptySqlite]) {
      const target = folder('restore-target', false);
      const result = await runCli(['restore', source, '--data-dir', target]);
      assert.equal(result.code, 2, `${source}: ${result.stderr}`);
      const message = refusal(result);
      assert.ok(message.includes(source), message);
      assert.match(message, /not an intact Signaal database/);
      assert.equal(existsSync(join(target, 'signaal.db')), false, 'no database is put in place');
    }

    const missing = await runCli(['restore', join(folder('backups'), 'no-such-backup.db'), '--data-dir', folder('restore-target', false)]);
    assert.equal(missing.code, 2);
    refusal(missing);

    const noPath = await runCli(['restore', '--data-dir', folder('restore-target', false)]);
    assert.equal(noPath.code, 2);
    assert.match(refusal(noPath), /restore needs a file/);

    const emptyDir = folder('empty-data');
    const nothing = await runCli(['backup', join(folder('backups'), 'b.db'), '--data-dir', emptyDir]);
    assert.equal(nothing.code, 2);
    assert.match(refusal(nothing), /no database/);
  });
});

describe('restoring from where the service cannot write', () => {
  // Known bug: a backup is a WAL-mode database, and restore opens it read-only in place, which makes
  // SQLite create backup-wal and backup-shm beside it. A service user that can read the backup but
  // not write its folder (a read-only backup volume) is told "is not an intact Signaal database".
  test('restore only reads the backup: nothing is written beside it', async () => {
    const dataDir = folder('data', false);
    const receiver = await startCli({ dataDir, keyFile });
    try {
      await post(receiver.url, newSignal());
      assert.deepEqual(await receiver.stop(), [0, null]);
    } finally {
      await receiver.kill();
    }
    const backups = folder('backups');
    const backupFile = join(backups, 'signaal-backup.db');
    assert.equal((await runCli(['backup', backupFile, '--data-dir', dataDir])).code, 0);
    const restored = await runCli(['restore', backupFile, '--data-dir', folder('restored', false)]);
    assert.equal(restored.code, 0, restored.stderr);
    assert.deepEqual(readdirSync(backups), ['signaal-backup.db']);
  });
});

describe('purge and backups', () => {
  test('after retention erased a signal, neither the folder nor a backup made afterwards holds its content or its wrapped key', async () => {
    const day = 86_400_000;
    const dataDir = folder('data', false);
    const backups = folder('backups');
    const canary = canaryText();
    let clock = new Date('2026-02-02T10:00:00Z');
    const receiver = await startReceiver({ dataDir, retentionDays: 30, now: () => clock });
    let wrappedKey: Buffer | undefined;
    try {
      const old = newSignal({
        description: `Oude melding ${canary}`,
        reporter: { name: `Melder ${canary}`, department: `Afdeling ${canary}` },
      });
      await post(receiver.url, old);
      clock = new Date(clock.getTime() + 20 * day);
      await post(receiver.url, newSignal({ kind: 'sparring', description: 'Recente vraag blijft' }));

      const db = new Database(join(dataDir, 'signaal.db'), { readonly: true });
      try {
        const row = db.prepare('SELECT data_key FROM signals WHERE id = ?').get(old.id) as { data_key: Buffer | null };
        assert.ok(row.data_key && row.data_key.length > 0);
        wrappedKey = Buffer.from(row.data_key);
      } finally {
        db.close();
      }

      // Control: a backup from before the purge does hold the wrapped key, so the search below can find it.
      const beforePurge = join(backups, 'before-purge.db');
      const first = await runCli(['backup', beforePurge, '--data-dir', dataDir]);
      assert.equal(first.code, 0, first.stderr);
      assert.ok(readFileSync(beforePurge).includes(wrappedKey), 'the wrapped key is findable as bytes');
      assert.equal(readFileSync(beforePurge).includes(canary), false, 'content is sealed even before the purge');

      clock = new Date(clock.getTime() + 15 * day);
      assert.equal(await receiver.app.signaal.purge(), 1, 'the old signal is purged');

      const afterPurge = join(backups, 'after-purge.db');
      const second = await runCli(['backup', afterPurge, '--data-dir', dataDir]);
      assert.equal(second.code, 0, second.stderr);
      const backupBytes = readFileSync(afterPurge);
      assert.equal(backupBytes.includes(canary), false, 'no canary in the backup made after the purge');
      assert.equal(backupBytes.includes(wrappedKey), false, 'no wrapped data key in the backup made after the purge');
      const running = folderBytes(dataDir);
      assert.equal(running.includes(canary), false, 'no canary in the data folder (database, WAL) while it runs');
      assert.equal(running.includes(wrappedKey), false, 'no wrapped data key in the data folder while it runs');

      // The backup after the purge still holds the other signal, readable with the content key.
      const restoredCopy = folder('backup-opened');
      copyFileSync(afterPurge, join(restoredCopy, 'signaal.db'));
      const contents = storedSignals(restoredCopy, testKeyring).map((row) => row.content);
      assert.deepEqual(contents[0], 'null', 'the purged signal has no content');
      assert.match(contents[1] ?? '', /Recente vraag blijft/);
    } finally {
      await receiver.close();
    }
    const stopped = folderBytes(dataDir);
    assert.equal(stopped.includes(canary), false, 'no canary in the data folder after a clean stop');
    assert.equal(stopped.includes(wrappedKey), false, 'no wrapped data key in the data folder after a clean stop');
    rmSync(dataDir, { recursive: true, force: true });
  });
});
