import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Kind, Signal, State } from '@signaal/sdk';

/** Where the officer passed a signal on. */
export const forwardTargets = ['police', 'arbeidsinspectie', 'riec', 'comensha', 'other'] as const;
export type ForwardTarget = (typeof forwardTargets)[number];

/** What the inbox audit log records. Never content: only who, what, when and which reference. */
export type AuditAction = 'sign-in' | 'sign-in-refused' | 'sign-out' | 'list' | 'view' | 'change' | 'export';

export interface AuditEntry {
  id: number;
  at: string;
  officer: string;
  action: AuditAction;
  reference: string | undefined;
  /** Categories only, e.g. `state=forwarded forwardedTo=police message=written`. */
  detail: string | undefined;
}

/** Benchmarks from the design: acknowledge within 7 days, feed back within 3 months. */
export interface Benchmarks {
  acknowledgeBy: string;
  feedBackBy: string;
  acknowledgedAt: string | undefined;
  fedBackAt: string | undefined;
  acknowledgeOverdue: boolean;
  feedBackOverdue: boolean;
}

/** One line of the list: no more content than a short start of the description. */
export interface InboxListItem extends Benchmarks {
  reference: string;
  kind: Kind;
  state: State;
  receivedAt: string;
  updatedAt: string;
  forwardedTo: ForwardTarget | undefined;
  /** The first 120 characters of the description; absent once retention removed the content. */
  summary: string | undefined;
  contentRemoved: boolean;
}

export interface InboxSignal extends Omit<InboxListItem, 'summary'> {
  /** The signal as it arrived; absent once retention removed the content. */
  signal: Signal | undefined;
  /** The officer's message to the reporter (what `GET /signals/{reference}/status` shows). */
  message: string | undefined;
  contentRemovedAt: string | undefined;
}

export interface StateChange {
  state: State;
  forwardedTo?: ForwardTarget | undefined;
  /** Replaces the message to the reporter; an empty text removes it. Absent: unchanged. */
  message?: string | undefined;
}

/** Counts for one period of an export, no content. */
export interface PeriodCounts {
  period: string;
  total: number;
  signal: number;
  sparring: number;
  received: number;
  'in-progress': number;
  forwarded: number;
  closed: number;
  forwardedTo: Record<ForwardTarget, number>;
  acknowledgedWithin7Days: number;
  fedBackWithin3Months: number;
}

export interface SessionRow {
  username: string;
  createdAt: number;
  lastSeenAt: number;
}

const schema = `
CREATE TABLE IF NOT EXISTS sessions (
  id_hash BLOB PRIMARY KEY,
  username TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  officer TEXT NOT NULL,
  action TEXT NOT NULL,
  reference TEXT,
  detail TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS audit_reference ON audit (reference);
`;

/** Columns the inbox adds to a database made by an earlier version. */
const signalColumns = {
  forwarded_to: 'TEXT',
  acknowledged_at: 'TEXT',
  fed_back_at: 'TEXT',
} as const;

interface SignalRow {
  reference: string;
  kind: Kind;
  state: State;
  received_at: string;
  updated_at: string;
  content: string | null;
  message: string | null;
  purged_at: string | null;
  forwarded_to: ForwardTarget | null;
  acknowledged_at: string | null;
  fed_back_at: string | null;
}

const dayMs = 86_400_000;
const addMonths = (iso: string, months: number) => {
  const date = new Date(iso);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date;
};

/** The session id is a bearer secret: only its hash is stored. */
export const sessionIdHash = (id: string): Buffer => createHash('sha256').update(id).digest();

/**
 * The inbox's part of the receiver's SQLite file: the officer's view of signals, state changes,
 * sessions and the audit log.
 */
export class InboxStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(db: Database.Database) {
    this.db = db;
    db.exec(schema);
    const existing = new Set((db.prepare('PRAGMA table_info(signals)').all() as Array<{ name: string }>).map((column) => column.name));
    for (const [name, type] of Object.entries(signalColumns)) {
      if (!existing.has(name)) db.exec(`ALTER TABLE signals ADD COLUMN ${name} ${type}`);
    }
    const columns = 'reference, kind, state, received_at, updated_at, content, message, purged_at, forwarded_to, acknowledged_at, fed_back_at';
    this.statements = {
      list: db.prepare<{ state: string | null; kind: string | null; limit: number }, SignalRow>(
        `SELECT ${columns} FROM signals
         WHERE (:state IS NULL OR state = :state) AND (:kind IS NULL OR kind = :kind)
         ORDER BY received_at DESC, reference LIMIT :limit`,
      ),
      one: db.prepare<[string], SignalRow>(`SELECT ${columns} FROM signals WHERE reference = ?`),
      change: db.prepare<{ reference: string; state: State; forwardedTo: string | null; keepForward: number; message: string | null; keepMessage: number; now: string }>(
        `UPDATE signals SET
           state = :state,
           forwarded_to = CASE WHEN :keepForward THEN forwarded_to ELSE :forwardedTo END,
           message = CASE WHEN :keepMessage THEN message ELSE :message END,
           updated_at = :now,
           acknowledged_at = COALESCE(acknowledged_at, :now)
         WHERE reference = :reference`,
      ),
      fedBack: db.prepare<[string, string]>(
        `UPDATE signals SET fed_back_at = ? WHERE reference = ? AND fed_back_at IS NULL
           AND state IN ('forwarded', 'closed') AND message IS NOT NULL AND message <> ''`,
      ),
      audit: db.prepare<[string, string, string, string | null, string | null]>(
        'INSERT INTO audit (at, officer, action, reference, detail) VALUES (?, ?, ?, ?, ?)',
      ),
      auditList: db.prepare<{ reference: string | null; limit: number }, { id: number; at: string; officer: string; action: AuditAction; reference: string | null; detail: string | null }>(
        'SELECT id, at, officer, action, reference, detail FROM audit WHERE (:reference IS NULL OR reference = :reference) ORDER BY id DESC LIMIT :limit',
      ),
      insertSession: db.prepare<[Buffer, string, number, number]>(
        'INSERT INTO sessions (id_hash, username, created_at, last_seen_at) VALUES (?, ?, ?, ?)',
      ),
      session: db.prepare<[Buffer], { username: string; created_at: number; last_seen_at: number }>(
        'SELECT username, created_at, last_seen_at FROM sessions WHERE id_hash = ?',
      ),
      touchSession: db.prepare<[number, Buffer]>('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?'),
      deleteSession: db.prepare<[Buffer]>('DELETE FROM sessions WHERE id_hash = ?'),
      expireSessions: db.prepare<[number, number]>('DELETE FROM sessions WHERE created_at < ? OR last_seen_at < ?'),
      periods: db.prepare<{ unit: string; from: string; to: string }, Record<string, number | string>>(
        `SELECT
           CASE :unit WHEN 'quarter'
             THEN substr(received_at, 1, 4) || '-Q' || ((CAST(substr(received_at, 6, 2) AS INTEGER) + 2) / 3)
             ELSE substr(received_at, 1, 7) END AS period,
           COUNT(*) AS total,
           SUM(kind = 'signal') AS signal, SUM(kind = 'sparring') AS sparring,
           SUM(state = 'received') AS received, SUM(state = 'in-progress') AS "in-progress",
           SUM(state = 'forwarded') AS forwarded, SUM(state = 'closed') AS closed,
           SUM(forwarded_to = 'police') AS police, SUM(forwarded_to = 'arbeidsinspectie') AS arbeidsinspectie,
           SUM(forwarded_to = 'riec') AS riec, SUM(forwarded_to = 'comensha') AS comensha, SUM(forwarded_to = 'other') AS other,
           SUM(acknowledged_at IS NOT NULL AND julianday(acknowledged_at) - julianday(received_at) <= 7) AS acknowledged,
           SUM(fed_back_at IS NOT NULL AND julianday(fed_back_at) <= julianday(received_at, '+3 months')) AS fedBack
         FROM signals WHERE received_at >= :from AND received_at < :to
         GROUP BY period ORDER BY period`,
      ),
    };
  }

  /** Signals and sparring requests, newest first. */
  list(filter: { state?: State | undefined; kind?: Kind | undefined; limit?: number }, now: Date): InboxListItem[] {
    return this.statements.list.all({ state: filter.state ?? null, kind: filter.kind ?? null, limit: filter.limit ?? 500 }).map((row) => {
      const signal = row.content === null ? undefined : (JSON.parse(row.content) as Signal);
      const { signal: _signal, message: _message, contentRemovedAt: _removedAt, ...item } = this.toSignal(row, now);
      const description = signal?.description;
      return { ...item, summary: description === undefined ? undefined : description.length > 120 ? `${description.slice(0, 119)}…` : description };
    });
  }

  /** One signal in full, or `undefined` for an unknown reference. */
  signal(reference: string, now: Date): InboxSignal | undefined {
    const row = this.statements.one.get(reference);
    return row ? this.toSignal(row, now) : undefined;
  }

  /** Changes the state (and where it went, and the message); returns the signal as it is now. */
  change(reference: string, change: StateChange, now: Date): InboxSignal | undefined {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const result = this.statements.change.run({
        reference,
        state: change.state,
        forwardedTo: change.forwardedTo ?? null,
        keepForward: change.forwardedTo === undefined ? 1 : 0,
        message: change.message === undefined || change.message === '' ? null : change.message,
        keepMessage: change.message === undefined ? 1 : 0,
        now: at,
      });
      if (result.changes === 0) return undefined;
      this.statements.fedBack.run(at, reference);
      return this.signal(reference, now);
    }).immediate();
  }

  /** Writes one line to the audit log. `detail` holds categories only, never content. */
  audit(officer: string, action: AuditAction, now: Date, reference?: string, detail?: string): void {
    this.statements.audit.run(now.toISOString(), officer, action, reference ?? null, detail ?? null);
  }

  /** The audit log, newest first, optionally for one reference. */
  auditLog(options: { reference?: string; limit?: number } = {}): AuditEntry[] {
    return this.statements.auditList.all({ reference: options.reference ?? null, limit: options.limit ?? 1_000 }).map((row) => ({
      id: row.id,
      at: row.at,
      officer: row.officer,
      action: row.action,
      reference: row.reference ?? undefined,
      detail: row.detail ?? undefined,
    }));
  }

  /** Counts per month or quarter (UTC) for signals received in `[from, to)`. */
  periods(unit: 'month' | 'quarter', from: Date, to: Date): PeriodCounts[] {
    return this.statements.periods.all({ unit, from: from.toISOString(), to: to.toISOString() }).map((row) => {
      const n = (key: string) => Number(row[key] ?? 0);
      return {
        period: String(row['period']),
        total: n('total'),
        signal: n('signal'),
        sparring: n('sparring'),
        received: n('received'),
        'in-progress': n('in-progress'),
        forwarded: n('forwarded'),
        closed: n('closed'),
        forwardedTo: Object.fromEntries(forwardTargets.map((target) => [target, n(target)])) as Record<ForwardTarget, number>,
        acknowledgedWithin7Days: n('acknowledged'),
        fedBackWithin3Months: n('fedBack'),
      };
    });
  }

  createSession(idHash: Buffer, username: string, now: number): void {
    this.statements.insertSession.run(idHash, username, now, now);
  }

  session(idHash: Buffer): SessionRow | undefined {
    const row = this.statements.session.get(idHash);
    return row ? { username: row.username, createdAt: row.created_at, lastSeenAt: row.last_seen_at } : undefined;
  }

  touchSession(idHash: Buffer, now: number): void {
    this.statements.touchSession.run(now, idHash);
  }

  deleteSession(idHash: Buffer): void {
    this.statements.deleteSession.run(idHash);
  }

  /** Removes sessions older than `maxAge` or idle longer than `idle` (ms). */
  expireSessions(now: number, maxAge: number, idle: number): void {
    this.statements.expireSessions.run(now - maxAge, now - idle);
  }

  private toSignal(row: SignalRow, now: Date): InboxSignal {
    const acknowledgeBy = new Date(Date.parse(row.received_at) + 7 * dayMs);
    const feedBackBy = addMonths(row.received_at, 3);
    return {
      reference: row.reference,
      kind: row.kind,
      state: row.state,
      receivedAt: row.received_at,
      updatedAt: row.updated_at,
      forwardedTo: row.forwarded_to ?? undefined,
      contentRemoved: row.purged_at !== null,
      contentRemovedAt: row.purged_at ?? undefined,
      signal: row.content === null ? undefined : (JSON.parse(row.content) as Signal),
      message: row.message ?? undefined,
      acknowledgeBy: acknowledgeBy.toISOString(),
      feedBackBy: feedBackBy.toISOString(),
      acknowledgedAt: row.acknowledged_at ?? undefined,
      fedBackAt: row.fed_back_at ?? undefined,
      acknowledgeOverdue: row.acknowledged_at === null && now > acknowledgeBy,
      feedBackOverdue: row.fed_back_at === null && now > feedBackBy,
    };
  }
}
