/** A real receiver on 127.0.0.1 with a temporary data folder, for the node tests. */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { receiptSchema, statusSchema, type Receipt } from '@signaal/sdk';
import { Keyring, generateContentKey } from '../src/keyring.js';
import { buildReceiver, type ReceiverOptions, type ReceiverPauses } from '../src/server.js';
import { Sealer } from '../src/storage/sealing.js';

/** One content key for this test process, so a receiver restarted on the same folder reads its signals. */
export const testKeyring = Keyring.fromKeys([randomBytes(32)]);

export interface RunningReceiver {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  /** Every log line written so far. */
  logs: string[];
  close(): Promise<void>;
}

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'signaal-receiver-test-'));

let scratch: string | undefined;
let folders = 0;
/** A path for a new folder in this process's scratch folder (removed at exit); made (0700) unless `create` is false. */
export function folder(name: string, create = true): string {
  if (!scratch) {
    const made = (scratch = mkdtempSync(join(tmpdir(), 'signaal-scratch-test-')));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  const path = join(scratch, `${++folders}-${name}`);
  if (create) mkdirSync(path, { mode: 0o700 });
  return path;
}

/** A new content key file (mode 0600) in a folder of its own, outside any data folder; returns its path. */
export function newKeyFile(text: string = generateContentKey()): string {
  const path = join(mkdtempSync(join(tmpdir(), 'signaal-key-test-')), 'content.key');
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

export const demoWidgetConfig = {
  municipality: 'Gemeente Voorbeeld',
  mailbox: 'aandachtsfunctionaris@voorbeeld.nl',
  officer: { name: 'Sanne de Vries', email: 'aandachtsfunctionaris@voorbeeld.nl' },
} as const;

/**
 * A receiver with test defaults; `pauses` hold it at points of a submission (see ReceiverPauses),
 * `now` is its clock.
 */
export async function startReceiver({
  pauses = {},
  now,
  ...options
}: Partial<ReceiverOptions> & { pauses?: ReceiverPauses; now?: () => Date } = {}): Promise<RunningReceiver> {
  const dataDir = options.dataDir ?? newDataDir();
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildReceiver(
    {
      keyring: testKeyring,
      widgetConfig: demoWidgetConfig,
      rateLimit: false,
      logStream,
      ...options,
      dataDir,
    },
    { pauses, ...(now ? { now } : {}) },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}${options.prefix ?? ''}`,
    dataDir,
    logs,
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid signal with a fresh id. */
export function newSignal(overrides: Record<string, unknown> = {}) {
  return { id: randomUUID(), kind: 'signal', description: 'Vier mensen slapen in de kantine van het bedrijf.', ...overrides };
}

/** Posts a body as the widget would: JSON, with the signal's id as the Idempotency-Key. */
export function postSignal(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const id = (body as { id?: unknown } | null)?.id;
  return fetch(`${url}/signals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(typeof id === 'string' ? { 'idempotency-key': id } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Posts a signal that must be stored (201) and returns its receipt. */
export async function post(url: string, signal: ReturnType<typeof newSignal>): Promise<Receipt> {
  const response = await postSignal(url, signal);
  assert.equal(response.status, 201);
  return receiptSchema.parse(await response.json());
}

/** Asks for a signal's status with its status token, as the reporter would. */
export function readStatus(url: string, receipt: Pick<Receipt, 'reference' | 'statusToken'>): Promise<Response> {
  return fetch(`${url}/signals/${receipt.reference}/status`, { headers: { authorization: `Bearer ${receipt.statusToken}` } });
}

/** The state the status token shows; the token must work (200). */
export async function statusState(url: string, receipt: Pick<Receipt, 'reference' | 'statusToken'>): Promise<string> {
  const response = await readStatus(url, receipt);
  assert.equal(response.status, 200, `the status token for ${receipt.reference} works`);
  return statusSchema.parse(await response.json()).state;
}

/** Reads the database through a second connection, as an operator would. */
function readDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'signaal.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Rows in the signals table. */
export const countSignals = (dataDir: string): number =>
  readDatabase(dataDir, (db) => (db.prepare('SELECT COUNT(*) AS count FROM signals').get() as { count: number }).count);

/** The kind of every signal and its content as the officer reads it (opened with the content key). */
export const storedSignals = (dataDir: string, keyring: Keyring = testKeyring): Array<{ kind: string; content: string }> =>
  readDatabase(dataDir, (db) => {
    const rows = db
      .prepare('SELECT reference, kind, data_key, key_id, content_sealed, message_sealed FROM signals ORDER BY received_at')
      .all() as Array<{
      reference: string;
      kind: string;
      data_key: Buffer | null;
      key_id: string | null;
      content_sealed: Buffer | null;
      message_sealed: Buffer | null;
    }>;
    const sealer = new Sealer(keyring);
    return rows.map((row) => ({ kind: row.kind, content: JSON.stringify(sealer.open(row).signal ?? null) }));
  });

/** Every byte of the data folder's files (database, WAL, anything else), to look for text that must not be there. */
export function folderBytes(dataDir: string): Buffer {
  return Buffer.concat(
    readdirSync(dataDir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(dataDir, entry.name))),
  );
}

/** A promise with its resolve function, to hold the receiver at a hook until the test lets go. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
