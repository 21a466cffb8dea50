import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Kind, Signal, State } from '@signaal/sdk';
import { emptyPeriodCounts, type PeriodCounts } from '../period-counts.js';
import type { Sealer } from './sealing.js';
import type { ForwardTarget, Tables } from './tables.js';

/** What the inbox audit log records. Never content: only who, what, when and which reference. */
export type AuditAction =
  | 'sign-in'
  | 'sign-in-refused'
  | 'sign-in-throttled'
  | 'sign-out'
  | 'access-refused'
  | 'csrf-refused'
  | 'origin-refused'
  | 'list'
  | 'view'
  | 'change'
  | 'export'
  | 'erase'
  | 'audit-read';

export interface AuditEntry {
  id: number;
  at: string;
  officer: string;
  action: AuditAction;
  reference: string | undefined;
  /** Categories only, e.g. `state=forwarded forwardedTo=police message=written`. */
  detail: string | undefined;
  /** The request it came from, as in the server's log. */
  requestId: string | undefined;
}

/** Who is signed in, and what they may do: officers handle signals, management sees figures only. */
export interface InboxUser {
  username: string;
  name: string;
  role: 'officer' | 'management';
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
  /** The officer who first handled the signal. */
  handledBy: string | undefined;
  /** The officer who changed the signal last. */
  changedBy: string | undefined;
  /** The first 120 characters of the description; absent once the content was removed. */
  summary: string | undefined;
  contentRemoved: boolean;
}

export interface InboxSignal extends Omit<InboxListItem, 'summary'> {
  /** The signal as it arrived; absent once the content was removed. */
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

export type { PeriodCounts } from '../period-counts.js';

export interface SessionRow extends InboxUser {
  method: 'password' | 'sso' | 'oidc';
  createdAt: number;
  lastSeenAt: number;
}

/** What the list may be narrowed to; pages are 1-based. */
export interface ListFilter {
  state?: State | undefined;
  kind?: Kind | undefined;
  /** A whole reference (`SG-7K3M-Q9XP`) or its start. */
  reference?: string | undefined;
  page?: number;
  pageSize?: number;
}

export interface ListPage {
  signals: InboxListItem[];
  page: number;
  pageSize: number;
  total: number;
}

type SignalRow = Selectable<Tables['signals']>;

const dayMs = 86_400_000;
const addMonths = (iso: string, months: number) => {
  const date = new Date(iso);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date;
};

/** The session id is a bearer secret: only its hash is stored. */
export const sessionIdHash = (id: string): Buffer => createHash('sha256').update(id).digest();

/**
 * The inbox's part of the database: the officer's view of signals, state changes, sessions,
 * sign-in throttling and the audit log. Everything lives in the database, so several instances
 * serve one inbox.
 */
export class InboxStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly sealer: Sealer,
  ) {}

  /** Signals and sparring requests, newest first, a page at a time. */
  async list(filter: ListFilter, now: Date): Promise<ListPage> {
    const pageSize = filter.pageSize ?? 50;
    const page = filter.page ?? 1;
    let query = this.db.selectFrom('signals');
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.reference) query = query.where('reference', 'like', `${filter.reference.replace(/[%_\\]/g, '')}%`);
    const counted = await query.select((select) => select.fn.countAll<number>().as('total')).executeTakeFirst();
    const rows = await query
      .selectAll()
      .orderBy('received_at', 'desc')
      .orderBy('reference')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const signals = rows.map((row) => {
      const { signal, message: _message, contentRemovedAt: _removedAt, ...item } = this.toSignal(row, now);
      const description = signal?.description;
      return {
        ...item,
        summary: description === undefined ? undefined : description.length > 120 ? `${description.slice(0, 119)}…` : description,
      };
    });
    return { signals, page, pageSize, total: Number(counted?.total ?? 0) };
  }

  /** One signal in full, or `undefined` for an unknown reference. */
  async signal(reference: string, now: Date): Promise<InboxSignal | undefined> {
    const row = await this.db.selectFrom('signals').selectAll().where('reference', '=', reference).executeTakeFirst();
    return row ? this.toSignal(row, now) : undefined;
  }

  /** Changes the state (and where it went, and the message); returns the signal as it is now. */
  async change(reference: string, change: StateChange, now: Date, by: string): Promise<InboxSignal | undefined> {
    const at = now.toISOString();
    const changed = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('signals')
        .select(['reference', 'data_key', 'key_id', 'acknowledged_at', 'handled_by'])
        .where('reference', '=', reference)
        .executeTakeFirst();
      if (!row) return false;
      let message: { message_sealed: Buffer | null } | Record<string, never> = {};
      if (change.message !== undefined) {
        const dataKey = this.sealer.dataKey(row);
        if (!dataKey && change.message !== '') return false;
        message = { message_sealed: dataKey ? this.sealer.sealMessage(dataKey, reference, change.message) : null };
      }
      await trx
        .updateTable('signals')
        .set({
          state: change.state,
          ...(change.forwardedTo !== undefined ? { forwarded_to: change.forwardedTo } : {}),
          ...message,
          updated_at: at,
          acknowledged_at: row.acknowledged_at ?? at,
          handled_by: row.handled_by ?? by,
          changed_by: by,
        })
        .where('reference', '=', reference)
        .execute();
      await trx
        .updateTable('signals')
        .set({ fed_back_at: at })
        .where('reference', '=', reference)
        .where('fed_back_at', 'is', null)
        .where('state', 'in', ['forwarded', 'closed'])
        .where('message_sealed', 'is not', null)
        .execute();
      return true;
    });
    return changed ? this.signal(reference, now) : undefined;
  }

  /** Writes one line to the audit log. `detail` holds categories only, never content. */
  async audit(officer: string, action: AuditAction, now: Date, reference?: string, detail?: string, requestId?: string): Promise<void> {
    await this.db
      .insertInto('audit')
      .values({
        at: now.toISOString(),
        officer,
        action,
        reference: reference ?? null,
        detail: detail ?? null,
        request_id: requestId ?? null,
      })
      .execute();
  }

  /** The audit log, newest first, optionally for one reference. */
  async auditLog(options: { reference?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit').selectAll();
    if (options.reference) query = query.where('reference', '=', options.reference);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(options.limit ?? 1_000)
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at,
      officer: row.officer,
      action: row.action as AuditAction,
      reference: row.reference ?? undefined,
      detail: row.detail ?? undefined,
      requestId: row.request_id ?? undefined,
    }));
  }

  /** Counts per month or quarter (UTC) for signals received in `[from, to)`, computed the same way on both engines. */
  async periods(unit: 'month' | 'quarter', from: Date, to: Date): Promise<PeriodCounts[]> {
    const rows = await this.db
      .selectFrom('signals')
      .select(['received_at', 'kind', 'state', 'forwarded_to', 'acknowledged_at', 'fed_back_at'])
      .where('received_at', '>=', from.toISOString())
      .where('received_at', '<', to.toISOString())
      .orderBy('received_at')
      .execute();
    const periods = new Map<string, PeriodCounts>();
    for (const row of rows) {
      const month = Number(row.received_at.slice(5, 7));
      const period = unit === 'quarter' ? `${row.received_at.slice(0, 4)}-Q${Math.ceil(month / 3)}` : row.received_at.slice(0, 7);
      let counts = periods.get(period);
      if (!counts) {
        counts = emptyPeriodCounts(period);
        periods.set(period, counts);
      }
      counts.total += 1;
      counts[row.kind] += 1;
      counts[row.state] += 1;
      if (row.forwarded_to) counts.forwardedTo[row.forwarded_to] += 1;
      if (row.acknowledged_at && Date.parse(row.acknowledged_at) - Date.parse(row.received_at) <= 7 * dayMs)
        counts.acknowledgedWithin7Days += 1;
      if (row.fed_back_at && Date.parse(row.fed_back_at) <= addMonths(row.received_at, 3).getTime()) counts.fedBackWithin3Months += 1;
    }
    return [...periods.values()];
  }

  async createSession(idHash: Buffer, user: InboxUser, method: SessionRow['method'], now: number): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id_hash: idHash, username: user.username, name: user.name, role: user.role, method, created_at: now, last_seen_at: now })
      .execute();
  }

  async session(idHash: Buffer): Promise<SessionRow | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    if (!row) return undefined;
    return {
      username: row.username,
      name: row.name ?? row.username,
      role: row.role,
      method: row.method,
      createdAt: Number(row.created_at),
      lastSeenAt: Number(row.last_seen_at),
    };
  }

  async touchSession(idHash: Buffer, now: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }

  async deleteSession(idHash: Buffer): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Removes sessions older than `maxAge` or idle longer than `idle` (ms), and sign-in counts whose window ended. */
  async expireSessions(now: number, maxAge: number, idle: number): Promise<void> {
    await this.db.deleteFrom('throttle').where('reset_at', '<=', now).execute();
    await this.db
      .deleteFrom('sessions')
      .where((where) => where.or([where('created_at', '<', now - maxAge), where('last_seen_at', '<', now - idle)]))
      .execute();
  }

  /**
   * Counts a sign-in attempt against each key in turn before the password is checked, so that
   * parallel guesses count as they arrive. Returns the seconds to wait when a key is past its
   * ceiling (the attempt is then refused unchecked, and later keys are not counted: an address
   * already refused cannot use up an officer's own allowance), or 0. A window starts at its key's
   * first attempt.
   */
  async reserveAttempt(keys: ReadonlyArray<{ key: string; max: number }>, windowMs: number, now: number): Promise<number> {
    for (const { key, max } of keys) {
      const row = await this.db
        .insertInto('throttle')
        .values({ key, count: 1, reset_at: now + windowMs })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet((update) => ({
            count: update
              .case()
              .when('throttle.reset_at', '<=', now)
              .then(1)
              .else(update.eb('throttle.count', '+', 1))
              .end(),
            reset_at: update
              .case()
              .when('throttle.reset_at', '<=', now)
              .then(now + windowMs)
              .else(update.ref('throttle.reset_at'))
              .end(),
          })),
        )
        .returning(['count', 'reset_at'])
        .executeTakeFirstOrThrow();
      if (Number(row.count) > max) return Math.max(1, Math.ceil((Number(row.reset_at) - now) / 1000));
    }
    return 0;
  }

  /** Gives back the attempts of a sign-in that succeeded: only failures count against a key. */
  async releaseAttempt(keys: readonly string[]): Promise<void> {
    await this.db
      .updateTable('throttle')
      .set((set) => ({ count: set('count', '-', 1) }))
      .where('key', 'in', [...keys])
      .where('count', '>', 0)
      .execute();
  }

  private toSignal(row: SignalRow, now: Date): InboxSignal {
    const acknowledgeBy = new Date(Date.parse(row.received_at) + 7 * dayMs);
    const feedBackBy = addMonths(row.received_at, 3);
    const { signal, message } = this.sealer.open(row);
    return {
      reference: row.reference,
      kind: row.kind,
      state: row.state,
      receivedAt: row.received_at,
      updatedAt: row.updated_at,
      forwardedTo: row.forwarded_to ?? undefined,
      handledBy: row.handled_by ?? undefined,
      changedBy: row.changed_by ?? undefined,
      contentRemoved: row.purged_at !== null,
      contentRemovedAt: row.purged_at ?? undefined,
      signal,
      message,
      acknowledgeBy: acknowledgeBy.toISOString(),
      feedBackBy: feedBackBy.toISOString(),
      acknowledgedAt: row.acknowledged_at ?? undefined,
      fedBackAt: row.fed_back_at ?? undefined,
      acknowledgeOverdue: row.acknowledged_at === null && now > acknowledgeBy,
      feedBackOverdue: row.fed_back_at === null && now > feedBackBy,
    };
  }
}
export { forwardTargets, type ForwardTarget } from './tables.js';
