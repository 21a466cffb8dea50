import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Keyring } from '../keyring.js';
import type { Tables } from './tables.js';

/**
 * Runs `work` only if no other instance holds the lease `name`; returns undefined when one does.
 * The lease lapses after `ms`, so an instance that stopped mid-way does not block the others.
 */
export async function withLease<T>(
  db: Kysely<Tables>,
  name: string,
  holder: string,
  now: number,
  ms: number,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const taken = await db
    .insertInto('leases')
    .values({ name, holder, until: now + ms })
    .onConflict((conflict) =>
      conflict
        .column('name')
        .doUpdateSet({ holder, until: now + ms })
        .where('leases.until', '<=', now),
    )
    .executeTakeFirst();
  if (Number(taken.numInsertedOrUpdatedRows ?? 0) !== 1) return undefined;
  try {
    return await work();
  } finally {
    await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
  }
}

export const secretBinding = (name: string) => `secret\0${name}`;

/**
 * A secret every instance shares (the status-token secret), kept in the database wrapped under
 * the content key, so neither a copy of the database nor a dump can rebuild tokens. The first
 * instance to start makes it; the others read the same one.
 */
export async function sharedSecret(
  db: Kysely<Tables>,
  keyring: Keyring,
  name: string,
  initial: () => Buffer = () => randomBytes(32),
): Promise<Buffer> {
  const read = () => db.selectFrom('secrets').select(['wrapped', 'key_id']).where('name', '=', name).executeTakeFirst();
  let row = await read();
  if (!row) {
    const { keyId, wrapped } = keyring.wrap(initial(), secretBinding(name));
    await db
      .insertInto('secrets')
      .values({ name, wrapped, key_id: keyId })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute();
    row = await read();
  }
  if (!row) throw new Error(`The shared secret ${name} could not be stored.`);
  return keyring.unwrap(row.wrapped, row.key_id, secretBinding(name));
}

/**
 * The token secret v0.1 kept in the clear as `secret` in the data folder: imported once into
 * the database (wrapped), so receipts already given out keep working, and then removed.
 */
export function legacySecret(dataDir: string): { secret: () => Buffer; remove(): void } | undefined {
  const path = join(dataDir, 'secret');
  if (!existsSync(path)) return undefined;
  return {
    secret: () => {
      const secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
      if (secret.length !== 32) throw new Error(`${path} is not a token secret of 32 bytes as hex; move it away to start with a new one.`);
      return secret;
    },
    remove: () => rmSync(path, { force: true }),
  };
}

/**
 * Checks at start that the key file opens what is stored: one wrapped data key, if there is
 * any. A wrong key then stops the receiver at once, also when the token secret comes from
 * outside the database, instead of failing later on the first signal an officer opens.
 */
export async function checkKeyring(db: Kysely<Tables>, keyring: Keyring): Promise<void> {
  const row = await db
    .selectFrom('signals')
    .select(['reference', 'data_key', 'key_id'])
    .where('data_key', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (row?.data_key && row.key_id) keyring.unwrap(row.data_key, row.key_id, row.reference);
}
