import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Tables } from './tables.js';

export type Engine = 'sqlite' | 'postgres';

/** Where signals are kept: a SQLite file in the data folder (the default) or a PostgreSQL database. */
export type StorageLocation = { engine: 'sqlite'; dataDir: string } | { engine: 'postgres'; url: string };

/** An open database with what differs between the engines kept here, out of the stores. */
export interface Storage {
  readonly engine: Engine;
  readonly db: Kysely<Tables>;
  /** The SQLite file, for backups; undefined on PostgreSQL. */
  readonly file: string | undefined;
  /**
   * After content was removed: on SQLite, move the WAL into the file and rebuild it, so the removed
   * bytes are in neither (with `secure_delete` they are overwritten as well). PostgreSQL's own
   * VACUUM reclaims the pages; the content was encrypted under a key that is gone either way.
   */
  compact(): Promise<void>;
  /** A consistent copy of the SQLite database while it is in use (better-sqlite3's online backup). */
  backup(path: string): Promise<void>;
  close(): Promise<void>;
}

/** The data folder and everything in it are the service's own: 0700 and 0600, whatever the umask. */
export function makePrivate(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dataDir, entry.name), 0o600);
  }
}

/** Creates a file with mode 0600 if it is missing, so SQLite (which copies its mode to -wal and -shm) never makes it 0644. */
function touchPrivate(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
}

/** Reads a storage location from `--database` / `SIGNAAL_DATABASE_URL`; without one, SQLite in the data folder. */
export function storageLocation(databaseUrl: string | undefined, dataDir: string): StorageLocation {
  if (databaseUrl === undefined || databaseUrl === '') return { engine: 'sqlite', dataDir };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { engine: 'postgres', url: databaseUrl };
  throw new TypeError('--database must be a postgres:// URL; leave it out to use SQLite in the data folder.');
}

function openSqlite(dataDir: string): Storage {
  makePrivate(dataDir);
  const file = join(dataDir, 'signaal.db');
  touchPrivate(file);
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Freed pages are overwritten with zeros, so removed content does not linger in the file.
  database.pragma('secure_delete = ON');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  return {
    engine: 'sqlite',
    db,
    file,
    async compact() {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
      await sql`VACUUM`.execute(db);
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },
    async backup(path: string) {
      await database.backup(path);
      chmodSync(path, 0o600);
      // A copy in rollback-journal mode is one self-contained file: opening it later (restore,
      // read-only media) needs no -wal or -shm beside it.
      const copy = new Database(path);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

function openPostgres(url: string): Storage {
  // COUNT(*) and BIGINT columns arrive as strings by default; every number here fits in a double.
  const getTypeParser: typeof pg.types.getTypeParser = (oid, format) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format) as (value: string) => unknown);
  const types = { getTypeParser };
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, types });
  pool.on('error', () => {
    // A connection the server drops while idle must not take the process down; the next query reconnects.
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    file: undefined,
    async compact() {
      // Nothing to do: PostgreSQL's own VACUUM reclaims the pages (see the interface).
    },
    backup() {
      return Promise.reject(new TypeError('On PostgreSQL, back up with pg_dump (see docs/receiver.md).'));
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Opens the database; run `migrate` before using it. */
export function openStorage(location: StorageLocation): Storage {
  return location.engine === 'sqlite' ? openSqlite(location.dataDir) : openPostgres(location.url);
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
]);

/**
 * Whether an error means the database cannot be reached just now (answer 503 and try again),
 * rather than a bug: connection errors, PostgreSQL's class 08 and 57P0x, SQLite busy or I/O.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (unavailableCodes.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code.startsWith('SQLITE_IOERR'))
  )
    return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(message)
  );
}
