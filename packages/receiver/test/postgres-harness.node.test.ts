import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startPostgres, type TestPostgres } from './postgres-harness.js';

let postgres: TestPostgres;

before(async () => {
  postgres = await startPostgres();
});

after(async () => {
  await postgres?.stop();
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const tableExists = (url: string, table: string) =>
  withClient(url, async (client) => {
    const result = await client.query<{ name: string | null }>('SELECT to_regclass($1) AS name', [table]);
    return result.rows[0]?.name != null;
  });

test('each newDatabase() is a separate, empty database', async () => {
  const first = await postgres.newDatabase();
  const second = await postgres.newDatabase();
  assert.notEqual(first, second);
  assert.match(first, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+$/);

  await withClient(first, (client) => client.query('CREATE TABLE signals (id integer PRIMARY KEY)'));
  assert.equal(await tableExists(first, 'signals'), true);
  assert.equal(await tableExists(second, 'signals'), false);

  const userTables = await withClient(second, (client) =>
    client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"),
  );
  assert.equal(userTables.rows[0]?.n, 0);
});

test('pause() makes the database unreachable; start() brings it back with its data', async () => {
  const url = await postgres.newDatabase();
  await withClient(url, async (client) => {
    await client.query('CREATE TABLE signals (id integer PRIMARY KEY)');
    await client.query('INSERT INTO signals VALUES (1), (2)');
  });

  await postgres.pause();
  await assert.rejects(
    withClient(url, (client) => client.query('SELECT 1')),
    (error: NodeJS.ErrnoException) => {
      assert.equal(error.code, 'ECONNREFUSED');
      return true;
    },
  );

  await postgres.start();
  const rows = await withClient(url, (client) => client.query<{ id: number }>('SELECT id FROM signals ORDER BY id'));
  assert.deepEqual(
    rows.rows.map((row) => row.id),
    [1, 2],
  );
});

test('stop() shuts the server down and removes its folder; a second stop() is harmless', async () => {
  const cluster = await startPostgres();
  const url = await cluster.newDatabase();
  const folder = await withClient(cluster.adminUrl, async (client) => {
    const result = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    // The cluster's data folder sits in the harness's temporary folder.
    return dirname(result.rows[0]!.dir);
  });
  assert.equal(existsSync(folder), true);

  await cluster.stop();
  assert.equal(existsSync(folder), false);
  await assert.rejects(
    withClient(url, (client) => client.query('SELECT 1')),
    { code: 'ECONNREFUSED' },
  );
  await cluster.stop();
  await assert.rejects(cluster.start(), /was stopped/);
});
