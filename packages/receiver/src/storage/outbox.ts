import { sql, type Kysely } from 'kysely';
import type { Kind, Signal } from '@signaal/sdk';
import type { Engine } from './database.js';
import type { Sealer } from './sealing.js';
import type { Tables } from './tables.js';

/** A notification taken from the outbox, with the signal when its content is still kept. */
export interface OutboxItem {
  id: number;
  reference: string;
  kind: Kind;
  receivedAt: string;
  attempts: number;
  signal: Signal | undefined;
}

/**
 * The officer's notifications, stored with their signal. Instances take due items with a lease
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so each mail is sent by one of them; an item whose
 * sender stopped comes free when its lease runs out.
 */
export class Outbox {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly engine: Engine,
    private readonly sealer: Sealer,
  ) {}

  /** Takes up to `limit` notifications due at `now` for `leaseMs`, oldest first. */
  async take(now: number, leaseMs: number, limit = 20): Promise<OutboxItem[]> {
    const rows = await this.db.transaction().execute(async (trx) => {
      let due = trx
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .where((where) => where.or([where('locked_until', 'is', null), where('locked_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .limit(limit);
      if (this.engine === 'postgres') due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((row) => row.id);
      if (ids.length === 0) return [];
      await trx
        .updateTable('outbox')
        .set({ locked_until: now + leaseMs })
        .where('id', 'in', ids)
        .execute();
      return trx
        .selectFrom('outbox')
        .innerJoin('signals', 'signals.reference', 'outbox.reference')
        .select([
          'outbox.id',
          'outbox.reference',
          'outbox.attempts',
          'signals.kind',
          'signals.received_at',
          'signals.data_key',
          'signals.key_id',
          'signals.content_sealed',
          'signals.message_sealed',
        ])
        .where('outbox.id', 'in', ids)
        .orderBy('outbox.next_attempt_at')
        .execute();
    });
    return rows.map((row) => ({
      id: Number(row.id),
      reference: row.reference,
      kind: row.kind,
      receivedAt: row.received_at,
      attempts: row.attempts,
      signal: this.sealer.open(row).signal,
    }));
  }

  /** When the next pending notification is due (ms since the epoch), if any. */
  async nextDueAt(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('outbox')
      .select((select) => select.fn.min<number | null>(sql<number>`COALESCE(locked_until, next_attempt_at)`).as('at'))
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirst();
    return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
  }

  async markSent(id: number, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((set) => ({ sent_at: now.toISOString(), attempts: set('attempts', '+', 1), locked_until: null }))
      .where('id', '=', id)
      .execute();
  }

  /** Records a failed attempt; `errorCode` is a short code, never a server's text. */
  async markFailed(id: number, errorCode: string, retryAt: number | undefined, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((set) => ({
        attempts: set('attempts', '+', 1),
        last_error: errorCode,
        locked_until: null,
        ...(retryAt === undefined ? { failed_at: now.toISOString() } : { next_attempt_at: retryAt }),
      }))
      .where('id', '=', id)
      .execute();
  }
}
