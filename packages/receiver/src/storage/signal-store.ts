import type { Kysely } from 'kysely';
import { kindSchema, stateSchema, type Kind, type Receipt, type Signal, type State } from '@signaal/sdk';
import type { Storage } from './database.js';
import type { Sealer } from './sealing.js';
import { secretBinding } from './shared-state.js';
import type { Tables } from './tables.js';

/** The stored answer to an idempotency key: the receipt without its token (only a hash is kept). */
export type StoredReceipt = Omit<Receipt, 'statusToken'>;

/** What claiming an idempotency key found. */
export type Claim =
  { outcome: 'claimed' } | { outcome: 'replay'; receipt: StoredReceipt } | { outcome: 'mismatch' } | { outcome: 'in-flight' };

/** One signal as the status route needs it. */
export interface StatusRow {
  reference: string;
  state: State;
  updatedAt: string;
  message: string | undefined;
  tokenHash: Buffer;
}

export interface Counts {
  total: number;
  byKind: Record<Kind, number>;
  byState: Record<State, number>;
}

/**
 * A claim older than this was left by an instance that stopped before storing; another may take
 * it over. Storing takes milliseconds; if a stalled one outlives the lease, the unique signal id
 * still lets only one of the two store it.
 */
const claimLeaseMs = 10_000;

/**
 * Signals as the contract needs them: claims on idempotency keys, durable storage with the
 * officer's notification queued in the same transaction, the reporter's status and counts.
 * Content is sealed before it reaches the database.
 */
export class SignalStore {
  private readonly db: Kysely<Tables>;

  constructor(
    private readonly storage: Storage,
    private readonly sealer: Sealer,
  ) {
    this.db = storage.db;
  }

  /**
   * Claims an idempotency key for a body, or says what an earlier request with that key left.
   * The insert is atomic on both engines, so of two instances that get the same key at the same
   * moment, exactly one claims it.
   */
  async claim(key: string, bodyHash: string, now: Date): Promise<Claim> {
    const inserted = await this.db
      .insertInto('idempotency')
      .values({ key, body_hash: bodyHash, state: 'in-flight', receipt: null, created_at: now.toISOString() })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { outcome: 'claimed' };
    const found = await this.db
      .selectFrom('idempotency')
      .select(['body_hash', 'state', 'receipt', 'created_at'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!found) return { outcome: 'in-flight' };
    if (found.body_hash !== bodyHash) return { outcome: 'mismatch' };
    if (found.state === 'done' && found.receipt !== null) return { outcome: 'replay', receipt: JSON.parse(found.receipt) as StoredReceipt };
    const abandoned = new Date(now.getTime() - claimLeaseMs).toISOString();
    if (found.state === 'in-flight' && found.created_at < abandoned) {
      const taken = await this.db
        .updateTable('idempotency')
        .set({ created_at: now.toISOString() })
        .where('key', '=', key)
        .where('state', '=', 'in-flight')
        .where('created_at', '=', found.created_at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) return { outcome: 'claimed' };
    }
    return { outcome: 'in-flight' };
  }

  /**
   * Drops every unfinished claim. Only for a database one process owns (SQLite): claims left by
   * a process that stopped between claiming and storing were never acknowledged. On a shared
   * database another instance may be storing right now; there, such claims lapse instead.
   */
  async forgetUnfinishedClaims(): Promise<void> {
    await this.db.deleteFrom('idempotency').where('state', '=', 'in-flight').execute();
  }

  /** Gives up a claim whose signal could not be stored, so that a retry can try again. */
  async release(key: string): Promise<void> {
    await this.db.deleteFrom('idempotency').where('key', '=', key).where('state', '=', 'in-flight').execute();
  }

  /** Whether a reference is taken. */
  async hasReference(reference: string): Promise<boolean> {
    return (await this.db.selectFrom('signals').select('reference').where('reference', '=', reference).executeTakeFirst()) !== undefined;
  }

  /**
   * Stores a claimed signal sealed under a new data key, queues the officer's notification and
   * records the receipt for repeats, in one durable transaction.
   */
  async store(key: string, signal: Signal, receipt: StoredReceipt, tokenHash: Buffer, notify: boolean): Promise<void> {
    const { reference, receivedAt } = receipt;
    const { dataKey, keyId, wrapped } = this.sealer.newKey(reference);
    const content = this.sealer.sealSignal(dataKey, reference, signal);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('signals')
        .values({
          reference,
          id: signal.id,
          kind: signal.kind,
          state: 'received',
          received_at: receivedAt,
          updated_at: receivedAt,
          token_hash: tokenHash,
          content_sealed: content,
          message_sealed: null,
          data_key: wrapped,
          key_id: keyId,
          purged_at: null,
          forwarded_to: null,
          acknowledged_at: null,
          fed_back_at: null,
          changed_by: null,
          handled_by: null,
        })
        .execute();
      if (notify)
        await trx
          .insertInto('outbox')
          .values({
            reference,
            next_attempt_at: Date.parse(receivedAt),
            sent_at: null,
            failed_at: null,
            last_error: null,
            locked_until: null,
          })
          .execute();
      const result = await trx
        .updateTable('idempotency')
        .set({ state: 'done', receipt: JSON.stringify(receipt) })
        .where('key', '=', key)
        .where('state', '=', 'in-flight')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new Error('The idempotency key was not claimed.');
    });
  }

  /** The reporter's view of one signal, with the token hash to check against. */
  async status(reference: string): Promise<StatusRow | undefined> {
    const row = await this.db
      .selectFrom('signals')
      .select(['reference', 'state', 'updated_at', 'token_hash', 'data_key', 'key_id', 'message_sealed'])
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      reference: row.reference,
      state: row.state,
      updatedAt: row.updated_at,
      message: this.sealer.openMessage(row),
      tokenHash: row.token_hash,
    };
  }

  /** Counts per kind and state for signals received in `[from, to)`. Erased signals still count. */
  async counts(from: Date, to: Date): Promise<Counts> {
    const rows = await this.db
      .selectFrom('signals')
      .select((select) => ['kind', 'state', select.fn.countAll<number>().as('count')])
      .where('received_at', '>=', from.toISOString())
      .where('received_at', '<', to.toISOString())
      .groupBy(['kind', 'state'])
      .execute();
    const byKind = Object.fromEntries(kindSchema.options.map((kind) => [kind, 0])) as Record<Kind, number>;
    const byState = Object.fromEntries(stateSchema.options.map((state) => [state, 0])) as Record<State, number>;
    let total = 0;
    for (const row of rows) {
      const count = Number(row.count);
      byKind[row.kind] += count;
      byState[row.state] += count;
      total += count;
    }
    return { total, byKind, byState };
  }

  /**
   * Erases the content of signals received before `before` (retention): the wrapped data key,
   * the sealed text and the officer's message. Kind, state and dates stay, so counts are kept.
   */
  async purge(before: Date, now: Date): Promise<number> {
    const cutoff = before.toISOString();
    const purged = await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('signals')
        .set({ content_sealed: null, message_sealed: null, data_key: null, key_id: null, purged_at: now.toISOString() })
        .where('received_at', '<', cutoff)
        .where('purged_at', 'is', null)
        .executeTakeFirst();
      await trx
        .updateTable('idempotency')
        .set({ body_hash: null })
        .where('key', 'in', trx.selectFrom('signals').select('id').where('purged_at', 'is not', null))
        .where('body_hash', 'is not', null)
        .where('created_at', '<', cutoff)
        .execute();
      await trx
        .deleteFrom('outbox')
        .where((where) => where.or([where('sent_at', 'is not', null), where('failed_at', 'is not', null)]))
        .where('reference', 'in', trx.selectFrom('signals').select('reference').where('received_at', '<', cutoff))
        .execute();
      return Number(result.numUpdatedRows);
    });
    if (purged > 0) await this.storage.compact();
    return purged;
  }

  /**
   * Erases one signal's content now (sent by mistake): as retention does, and its pending
   * notification is dropped. Returns false for an unknown or already erased signal.
   */
  async erase(reference: string, now: Date, by: string): Promise<boolean> {
    const erased = await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('signals')
        .set({
          content_sealed: null,
          message_sealed: null,
          data_key: null,
          key_id: null,
          purged_at: now.toISOString(),
          updated_at: now.toISOString(),
          changed_by: by,
        })
        .where('reference', '=', reference)
        .where('purged_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable('idempotency')
        .set({ body_hash: null })
        .where('key', '=', trx.selectFrom('signals').select('id').where('reference', '=', reference))
        .execute();
      return true;
    });
    if (erased) await this.storage.compact();
    return erased;
  }

  /**
   * Re-wraps every data key and shared secret not under the current content key. Afterwards the
   * old key is no longer needed. Returns how many were re-wrapped.
   */
  async rotate(): Promise<number> {
    let count = 0;
    const signals = await this.db
      .selectFrom('signals')
      .select(['reference', 'data_key', 'key_id'])
      .where('data_key', 'is not', null)
      .execute();
    for (const row of signals) {
      if (!row.data_key || !row.key_id || !this.sealer.needsRewrap(row.key_id)) continue;
      const { keyId, wrapped } = this.sealer.rewrap(row.data_key, row.key_id, row.reference);
      const result = await this.db
        .updateTable('signals')
        .set({ data_key: wrapped, key_id: keyId })
        .where('reference', '=', row.reference)
        .where('key_id', '=', row.key_id)
        .executeTakeFirst();
      count += Number(result.numUpdatedRows);
    }
    for (const secret of await this.db.selectFrom('secrets').selectAll().execute()) {
      if (!this.sealer.needsRewrap(secret.key_id)) continue;
      const { keyId, wrapped } = this.sealer.rewrap(secret.wrapped, secret.key_id, secretBinding(secret.name));
      await this.db.updateTable('secrets').set({ wrapped, key_id: keyId }).where('name', '=', secret.name).execute();
      count += 1;
    }
    // The old wrapped forms must not stay behind in the WAL or in freed pages.
    if (count > 0) await this.storage.compact();
    return count;
  }
}
