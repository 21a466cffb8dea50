import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Kind, Receipt, Signal, State } from '@signaal/sdk';

/** The stored answer to an idempotency key: the receipt without its token (only a hash is kept). */
export type StoredReceipt = Omit<Receipt, 'statusToken'>;

/** What claiming an idempotency key found. */
export type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; receipt: StoredReceipt }
  | { outcome: 'mismatch' }
  | { outcome: 'in-flight' };

/** One signal as the status route needs it: no content. */
export interface StatusRow {
  reference: string;
  state: State;
  updatedAt: string;
  message: string | undefined;
  tokenHash: Buffer;
}

/** A notification waiting in the outbox, with the signal when its content is still kept. */
export interface OutboxItem {
  id: number;
  reference: string;
  kind: Kind;
  receivedAt: string;
  attempts: number;
  signal: Signal | undefined;
}

export interface Counts {
  total: number;
  byKind: Record<Kind, number>;
  byState: Record<State, number>;
}

const schema = `
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY,
  body_hash TEXT,
  state TEXT NOT NULL CHECK (state IN ('in-flight', 'done')),
  receipt TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS signals (
  reference TEXT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('signal', 'sparring')),
  state TEXT NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'in-progress', 'forwarded', 'closed')),
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  token_hash BLOB NOT NULL,
  content TEXT,
  message TEXT,
  purged_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS signals_received_at ON signals (received_at);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL REFERENCES signals (reference),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at TEXT,
  failed_at TEXT,
  last_error TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
`;

const kinds: readonly Kind[] = ['signal', 'sparring'];
const states: readonly State[] = ['received', 'in-progress', 'forwarded', 'closed'];

/**
 * The receiver's SQLite storage. One process owns a data folder. Every write that a `201`
 * depends on is committed with `synchronous=FULL` in WAL mode, so it is on disk when the call
 * returns.
 */
export class SignalStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly statements;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.path = join(dataDir, 'signaal.db');
    this.db = new Database(this.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
    // Claims left by a process that stopped between claiming and storing were never acknowledged.
    this.db.prepare(`DELETE FROM idempotency WHERE state = 'in-flight'`).run();
    this.statements = {
      findKey: this.db.prepare<[string], { body_hash: string | null; state: 'in-flight' | 'done'; receipt: string | null }>(
        'SELECT body_hash, state, receipt FROM idempotency WHERE key = ?',
      ),
      claim: this.db.prepare<[string, string, string]>(
        `INSERT INTO idempotency (key, body_hash, state, created_at) VALUES (?, ?, 'in-flight', ?)`,
      ),
      release: this.db.prepare<[string]>(`DELETE FROM idempotency WHERE key = ? AND state = 'in-flight'`),
      complete: this.db.prepare<[string, string]>(`UPDATE idempotency SET state = 'done', receipt = ? WHERE key = ?`),
      referenceExists: this.db.prepare<[string], { found: number }>('SELECT 1 AS found FROM signals WHERE reference = ?'),
      insertSignal: this.db.prepare<[string, string, string, string, string, Buffer, string]>(
        `INSERT INTO signals (reference, id, kind, received_at, updated_at, token_hash, content) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      enqueue: this.db.prepare<[string, number]>('INSERT INTO outbox (reference, next_attempt_at) VALUES (?, ?)'),
      status: this.db.prepare<[string], { reference: string; state: State; updated_at: string; message: string | null; token_hash: Buffer }>(
        'SELECT reference, state, updated_at, message, token_hash FROM signals WHERE reference = ?',
      ),
      countKind: this.db.prepare<[string, string], { kind: Kind; count: number }>(
        'SELECT kind, COUNT(*) AS count FROM signals WHERE received_at >= ? AND received_at < ? GROUP BY kind',
      ),
      countState: this.db.prepare<[string, string], { state: State; count: number }>(
        'SELECT state, COUNT(*) AS count FROM signals WHERE received_at >= ? AND received_at < ? GROUP BY state',
      ),
      due: this.db.prepare<[number, number], { id: number; reference: string; kind: Kind; received_at: string; attempts: number; content: string | null }>(
        `SELECT outbox.id, outbox.reference, signals.kind, signals.received_at, outbox.attempts, signals.content
         FROM outbox JOIN signals USING (reference)
         WHERE outbox.sent_at IS NULL AND outbox.failed_at IS NULL AND outbox.next_attempt_at <= ?
         ORDER BY outbox.next_attempt_at LIMIT ?`,
      ),
      nextDue: this.db.prepare<[], { at: number | null }>(
        'SELECT MIN(next_attempt_at) AS at FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL',
      ),
      sent: this.db.prepare<[string, number]>('UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?'),
      retryLater: this.db.prepare<[number, string, number]>(
        'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
      ),
      giveUp: this.db.prepare<[string, string, number]>(
        'UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?',
      ),
      purgeSignals: this.db.prepare<[string, string]>(
        `UPDATE signals SET content = NULL, message = NULL, purged_at = ? WHERE received_at < ? AND purged_at IS NULL`,
      ),
      purgeKeys: this.db.prepare<[string]>(
        `UPDATE idempotency SET body_hash = NULL WHERE key IN (SELECT id FROM signals WHERE purged_at IS NOT NULL) AND body_hash IS NOT NULL AND created_at < ?`,
      ),
      purgeOutbox: this.db.prepare<[string]>(
        `DELETE FROM outbox WHERE (sent_at IS NOT NULL OR failed_at IS NOT NULL) AND reference IN (SELECT reference FROM signals WHERE received_at < ?)`,
      ),
    };
  }

  /**
   * Claims an idempotency key for a body, or says what an earlier request with that key left.
   * The check and the claim are one transaction, so two requests cannot both claim a key.
   */
  claim(key: string, bodyHash: string, now: Date): Claim {
    return this.db.transaction((): Claim => {
      const found = this.statements.findKey.get(key);
      if (!found) {
        this.statements.claim.run(key, bodyHash, now.toISOString());
        return { outcome: 'claimed' };
      }
      if (found.body_hash !== bodyHash) return { outcome: 'mismatch' };
      if (found.state === 'in-flight' || found.receipt === null) return { outcome: 'in-flight' };
      return { outcome: 'replay', receipt: JSON.parse(found.receipt) as StoredReceipt };
    }).immediate();
  }

  /** Gives up a claim whose signal could not be stored, so that a retry can try again. */
  release(key: string): void {
    this.statements.release.run(key);
  }

  /** Whether a reference is taken. */
  hasReference(reference: string): boolean {
    return this.statements.referenceExists.get(reference) !== undefined;
  }

  /**
   * Stores a claimed signal, queues the officer's notification and records the receipt for
   * repeats, in one durable transaction.
   */
  store(key: string, signal: Signal, receipt: StoredReceipt, tokenHash: Buffer, notify: boolean): void {
    this.db.transaction(() => {
      const receivedAt = receipt.receivedAt;
      this.statements.insertSignal.run(receipt.reference, signal.id, signal.kind, receivedAt, receivedAt, tokenHash, JSON.stringify(signal));
      if (notify) this.statements.enqueue.run(receipt.reference, Date.parse(receivedAt));
      const result = this.statements.complete.run(JSON.stringify(receipt), key);
      if (result.changes !== 1) throw new Error('The idempotency key was not claimed.');
    }).immediate();
  }

  /** The reporter's view of one signal, with the token hash to check against. */
  status(reference: string): StatusRow | undefined {
    const row = this.statements.status.get(reference);
    if (!row) return undefined;
    return { reference: row.reference, state: row.state, updatedAt: row.updated_at, message: row.message ?? undefined, tokenHash: row.token_hash };
  }

  /** Counts per kind and state for signals received in `[from, to)`. Purged signals still count. */
  counts(from: Date, to: Date): Counts {
    const range = [from.toISOString(), to.toISOString()] as const;
    const byKind = Object.fromEntries(kinds.map((kind) => [kind, 0])) as Record<Kind, number>;
    const byState = Object.fromEntries(states.map((state) => [state, 0])) as Record<State, number>;
    let total = 0;
    for (const row of this.statements.countKind.all(...range)) {
      byKind[row.kind] = row.count;
      total += row.count;
    }
    for (const row of this.statements.countState.all(...range)) byState[row.state] = row.count;
    return { total, byKind, byState };
  }

  /** Notifications due at `now`, oldest first. */
  dueNotifications(now: number, limit = 20): OutboxItem[] {
    return this.statements.due.all(now, limit).map((row) => ({
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      receivedAt: row.received_at,
      attempts: row.attempts,
      signal: row.content === null ? undefined : (JSON.parse(row.content) as Signal),
    }));
  }

  /** When the next pending notification is due (ms since the epoch), if any. */
  nextNotificationAt(): number | undefined {
    return this.statements.nextDue.get()?.at ?? undefined;
  }

  markSent(id: number, now: Date): void {
    this.statements.sent.run(now.toISOString(), id);
  }

  /** Records a failed attempt; `errorCode` is a short code, never a server's text. */
  markFailed(id: number, errorCode: string, retryAt: number | undefined, now: Date): void {
    if (retryAt === undefined) this.statements.giveUp.run(now.toISOString(), errorCode, id);
    else this.statements.retryLater.run(retryAt, errorCode, id);
  }

  /**
   * Removes the content of signals received before `before`: the text, reporter details and the
   * officer's message. Kind, state and dates stay, so counts are kept.
   */
  purge(before: Date, now: Date): number {
    return this.db.transaction(() => {
      const cutoff = before.toISOString();
      const { changes } = this.statements.purgeSignals.run(now.toISOString(), cutoff);
      this.statements.purgeKeys.run(cutoff);
      this.statements.purgeOutbox.run(cutoff);
      return changes;
    }).immediate();
  }

  /** The open database, for the inbox's tables in the same file (see `InboxStore`). */
  get database(): Database.Database {
    return this.db;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
