import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { kinds, states } from '@signaal/sdk';
import { seal, type Keyring } from '../keyring.js';
import type { Engine, Storage } from './database.js';

/**
 * A migration sees the database as it was when the migration was written, not as `Tables` says
 * today, so it is untyped, as Kysely's migration guide has it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type UntypedDatabase = Kysely<any>;

/** Column types that differ between the engines. */
const typesFor = (engine: Engine) =>
  engine === 'postgres'
    ? ({ blob: 'bytea', id: 'bigserial', ms: 'bigint' } as const)
    : ({ blob: 'blob', id: 'integer', ms: 'integer' } as const);

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} IN (${sql.join(values.map((value) => sql.lit(value)))})`;

/** Content bound to its signal: a sealed field of one signal does not open on another. */
export const contentBinding = (reference: string, field: 'content' | 'message') => `${reference}\0${field}`;

/**
 * The schema of v0.1 (which made its tables with CREATE TABLE IF NOT EXISTS and no migration
 * table): on a v0.1 file every statement finds its table and does nothing.
 */
function initial(engine: Engine): Migration {
  const type = typesFor(engine);
  return {
    async up(db: UntypedDatabase) {
      await db.schema
        .createTable('idempotency')
        .ifNotExists()
        .addColumn('key', 'text', (column) => column.primaryKey())
        .addColumn('body_hash', 'text')
        .addColumn('state', 'text', (column) => column.notNull().check(oneOf('state', ['in-flight', 'done'])))
        .addColumn('receipt', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('signals')
        .ifNotExists()
        .addColumn('reference', 'text', (column) => column.primaryKey())
        .addColumn('id', 'text', (column) => column.notNull().unique())
        .addColumn('kind', 'text', (column) => column.notNull().check(oneOf('kind', kinds)))
        .addColumn('state', 'text', (column) => column.notNull().defaultTo('received').check(oneOf('state', states)))
        .addColumn('received_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addColumn('token_hash', type.blob, (column) => column.notNull())
        .addColumn('content', 'text')
        .addColumn('message', 'text')
        .addColumn('purged_at', 'text')
        .addColumn('forwarded_to', 'text')
        .addColumn('acknowledged_at', 'text')
        .addColumn('fed_back_at', 'text')
        .execute();
      await db.schema.createIndex('signals_received_at').ifNotExists().on('signals').column('received_at').execute();
      await db.schema
        .createTable('outbox')
        .ifNotExists()
        .addColumn('id', type.id, (column) => (engine === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement()))
        .addColumn('reference', 'text', (column) => column.notNull().references('signals.reference'))
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('next_attempt_at', type.ms, (column) => column.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('failed_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await sql`CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL`.execute(db);
      await db.schema
        .createTable('sessions')
        .ifNotExists()
        .addColumn('id_hash', type.blob, (column) => column.primaryKey())
        .addColumn('username', 'text', (column) => column.notNull())
        .addColumn('created_at', type.ms, (column) => column.notNull())
        .addColumn('last_seen_at', type.ms, (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('audit')
        .ifNotExists()
        .addColumn('id', type.id, (column) => (engine === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (column) => column.notNull())
        .addColumn('officer', 'text', (column) => column.notNull())
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('reference', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_reference').ifNotExists().on('audit').column('reference').execute();
    },
  };
}

/**
 * Content encrypted at rest, and what several instances share moved into the database: the
 * outbox lease, sign-in throttling, work leases and the wrapped token secret. Content stored in
 * the clear by v0.1 is sealed under a new data key per signal, and the clear columns are dropped.
 */
function sealedContent(engine: Engine, keyring: Keyring): Migration {
  const type = typesFor(engine);
  return {
    async up(db: UntypedDatabase) {
      const run = async (work: (db: UntypedDatabase) => Promise<void>) => (engine === 'sqlite' ? db.transaction().execute(work) : work(db));
      await run(async (db) => {
        await db.schema.alterTable('signals').addColumn('content_sealed', type.blob).execute();
        await db.schema.alterTable('signals').addColumn('message_sealed', type.blob).execute();
        await db.schema.alterTable('signals').addColumn('data_key', type.blob).execute();
        await db.schema.alterTable('signals').addColumn('key_id', 'text').execute();
        await db.schema.alterTable('signals').addColumn('changed_by', 'text').execute();
        const rows = await db
          .selectFrom('signals')
          .select(['reference', 'content', 'message'])
          .where((where) => where.or([where('content', 'is not', null), where('message', 'is not', null)]))
          .execute();
        for (const row of rows as Array<{ reference: string; content: string | null; message: string | null }>) {
          const dataKey = keyring.newDataKey();
          const { keyId, wrapped } = keyring.wrap(dataKey, row.reference);
          await db
            .updateTable('signals')
            .set({
              data_key: wrapped,
              key_id: keyId,
              content_sealed: row.content === null ? null : seal(dataKey, row.content, contentBinding(row.reference, 'content')),
              message_sealed:
                row.message === null || row.message === '' ? null : seal(dataKey, row.message, contentBinding(row.reference, 'message')),
            })
            .where('reference', '=', row.reference)
            .execute();
        }
        await db.schema.alterTable('signals').dropColumn('content').execute();
        await db.schema.alterTable('signals').dropColumn('message').execute();
        await db.schema.alterTable('outbox').addColumn('locked_until', type.ms).execute();
        await db.schema
          .createTable('throttle')
          .addColumn('key', 'text', (column) => column.primaryKey())
          .addColumn('count', 'integer', (column) => column.notNull())
          .addColumn('reset_at', type.ms, (column) => column.notNull())
          .execute();
        await db.schema
          .createTable('leases')
          .addColumn('name', 'text', (column) => column.primaryKey())
          .addColumn('holder', 'text', (column) => column.notNull())
          .addColumn('until', type.ms, (column) => column.notNull())
          .execute();
        await db.schema
          .createTable('secrets')
          .addColumn('name', 'text', (column) => column.primaryKey())
          .addColumn('wrapped', type.blob, (column) => column.notNull())
          .addColumn('key_id', 'text', (column) => column.notNull())
          .execute();
        await db.schema.createIndex('sessions_last_seen').on('sessions').column('last_seen_at').execute();
      });
    },
  };
}

/**
 * Several officers and roles: a session carries the officer's name, role and how they signed in
 * (the identity provider's claims are not in any file); a signal records who handled it first;
 * audit lines carry the request id.
 */
const officersAndRoles: Migration = {
  async up(db: UntypedDatabase) {
    await db.schema.alterTable('sessions').addColumn('name', 'text').execute();
    await db.schema
      .alterTable('sessions')
      .addColumn('role', 'text', (column) => column.notNull().defaultTo('officer'))
      .execute();
    await db.schema
      .alterTable('sessions')
      .addColumn('method', 'text', (column) => column.notNull().defaultTo('password'))
      .execute();
    await db.schema.alterTable('signals').addColumn('handled_by', 'text').execute();
    await db.schema.alterTable('audit').addColumn('request_id', 'text').execute();
  },
};

/** Every migration, in order. Forward only: there is no `down`. */
const migrationsFor = (engine: Engine, keyring: Keyring): Record<string, Migration> => ({
  '0001-initial': initial(engine),
  '0002-sealed-content': sealedContent(engine, keyring),
  '0003-officers-and-roles': officersAndRoles,
});

/**
 * Brings the database to the current schema. Runs at start; several instances may start at
 * once (Kysely takes a lock on PostgreSQL). Returns the names of the migrations it applied.
 * After a migration that sealed clear content, SQLite's file is rebuilt so none of it remains.
 */
export async function migrate(storage: Storage, keyring: Keyring): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrationsFor(storage.engine, keyring)) };
  const migrator = new Migrator({
    db: storage.db,
    provider,
    migrationTableName: 'signaal_migration',
    migrationLockTableName: 'signaal_migration_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('A migration failed.', { cause: error });
  const applied = results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
  if (applied.includes('0002-sealed-content')) await storage.compact();
  return applied;
}
