import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Keyring } from './keyring.js';
import { makePrivate, openStorage, storageLocation } from './storage/database.js';
import { migrate } from './storage/migrations.js';
import { Sealer } from './storage/sealing.js';
import { SignalStore } from './storage/signal-store.js';

/** Where the maintenance commands find the database. */
export interface MaintenanceTarget {
  dataDir: string;
  databaseUrl?: string | undefined;
}

/**
 * `signaal-receiver rotate-key`: re-wraps every data key (and the shared token secret) under the
 * first key of the key file. Run it after putting a new key first; once it is done, the old key
 * can be removed from the file. Safe while receivers run. Returns how many keys were re-wrapped.
 */
export async function rotateKey(target: MaintenanceTarget, keyring: Keyring): Promise<number> {
  const storage = openStorage(storageLocation(target.databaseUrl, target.dataDir));
  try {
    await migrate(storage, keyring);
    return await new SignalStore(storage, new Sealer(keyring)).rotate();
  } finally {
    await storage.close();
  }
}

const databaseFile = (dataDir: string) => join(dataDir, 'signaal.db');

/**
 * `signaal-receiver backup PATH`: a consistent copy of the SQLite database, taken online while
 * the receiver runs (SQLite's backup API). The copy holds sealed content only; it is useless
 * without the content key, which is not in the data folder.
 */
export async function backup(target: MaintenanceTarget, path: string): Promise<void> {
  if (target.databaseUrl) throw new TypeError('On PostgreSQL, back up with pg_dump --format=custom (see docs/receiver.md).');
  const file = databaseFile(target.dataDir);
  if (!existsSync(file)) throw new TypeError(`There is no database at ${file} to back up.`);
  if (existsSync(path)) throw new TypeError(`${path} exists already; name a new file.`);
  const storage = openStorage({ engine: 'sqlite', dataDir: target.dataDir });
  try {
    await storage.backup(path);
  } finally {
    await storage.close();
  }
}

/**
 * `signaal-receiver restore PATH`: puts a backup in place as the data folder's database, with the
 * receiver stopped. Refuses a folder that has a database (move it away first) and a file that is
 * not an intact Signaal database.
 */
export async function restore(target: MaintenanceTarget, path: string): Promise<void> {
  if (target.databaseUrl) throw new TypeError('On PostgreSQL, restore with pg_restore (see docs/receiver.md).');
  const file = databaseFile(target.dataDir);
  if (existsSync(file)) throw new TypeError(`${file} exists; stop the receiver and move it away before restoring.`);
  let source: Database.Database | undefined;
  try {
    source = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = source.pragma('integrity_check', { simple: true });
    const tables = source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('signals', 'idempotency')`).all();
    if (integrity !== 'ok' || tables.length !== 2) throw new Error('not intact');
  } catch {
    source?.close();
    throw new TypeError(`${path} is not an intact Signaal database.`);
  }
  makePrivate(target.dataDir);
  const incoming = `${file}.restoring`;
  try {
    await source.backup(incoming);
  } finally {
    source.close();
  }
  chmodSync(incoming, 0o600);
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(incoming, file);
}
