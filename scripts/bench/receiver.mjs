// Signals per second and p99 latency of POST /signals on loopback, on SQLite and on PostgreSQL with
// one and with two receiver instances on one database, and what encryption costs per signal.
//
// How it is measured:
// - Each receiver runs in its own Node process (forked from this file), as it would in production;
//   autocannon runs in this process. Two instances share one database and one content key, and one
//   autocannon run spreads its connections over both (connection i goes to instance i mod 2), so the
//   total concurrency is the same in every row and p99 is over every request of the run.
// - Every request is a new signal with its own Idempotency-Key, a fixed number of connections for a
//   fixed duration, after a warm-up run whose figures are thrown away.
// - Stored durably on the disk this runs on: SQLite in WAL with synchronous=FULL, PostgreSQL with its
//   defaults (fsync and synchronous_commit on). The PostgreSQL cluster is a throwaway one made here
//   with initdb (Debian's `postgresql` package) and removed afterwards; without it those rows are skipped.
// - After each run, once the receivers have nothing in flight, the rows stored during the run must
//   equal the 201s the receivers sent (autocannon may not have seen the last few: in flight when it stopped).
// - Encryption: the receiver's own Sealer from dist on a typical signal, per signal: a new data key,
//   wrapped under the content key and the content sealed (what storing does); and the reverse (what
//   the officer's inbox does). Median of several timed rounds.
import { execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { Keyring, buildServer, newReference } from '../../packages/receiver/dist/index.js';
import { Sealer } from '../../packages/receiver/dist/storage/sealing.js';

const connections = 16;
const duration = 5;
const warmUp = 2;
const INSTANCE = 'receiver-instance';

/** A typical signal: a few sentences, three indicators, where it was seen and who reports it. */
function typicalSignal(id) {
  return {
    id,
    kind: 'signal',
    description:
      'Vier mensen slapen in de kantine van het bedrijf waar zij werken. Ze hebben geen eigen ' +
      'identiteitsbewijs bij zich; de werkgever bewaart hun paspoorten en spreekt steeds voor hen.',
    indicators: ['no-own-id', 'someone-speaks-for-them', 'housing-via-employer'],
    setting: 'counter',
    place: 'Balie Burgerzaken, Stadskantoor',
    time: 'Vanochtend rond 10 uur',
    reporter: { name: 'A. de Vries', department: 'Burgerzaken', email: 'a.devries@gemeente.example' },
    confidentiality: 'confidential',
    locale: 'nl',
    client: '@signaal/widget@0.1.0',
  };
}

// --- one receiver instance (a forked child of this file) -------------------------------------

if (process.argv[2] === INSTANCE && process.send) serveInstance();

/**
 * Waits for its settings over IPC, listens on a free loopback port, and answers `count` with the
 * rows stored and the 201s it sent, once nothing is in flight.
 */
function serveInstance() {
  let app;
  let inFlight = 0;
  let created = 0;
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message) => {
    try {
      if (message.type === 'start') {
        app = await buildServer({
          dataDir: message.dataDir,
          databaseUrl: message.databaseUrl,
          keyring: Keyring.fromKeys([Buffer.from(message.key, 'base64')]),
          widgetConfig: {},
          rateLimit: false,
          logLevel: 'warn',
        });
        // onSend, not the socket's close: a request autocannon abandons when it stops is still
        // stored and answered 201 into the closed socket, after the socket's close.
        app.addHook('onRequest', (request, reply, done) => {
          inFlight += 1;
          done();
        });
        app.addHook('onSend', (request, reply, payload, done) => {
          inFlight -= 1;
          if (reply.statusCode === 201) created += 1;
          done(null, payload);
        });
        await app.listen({ port: 0, host: '127.0.0.1' });
        process.send({ type: 'listening', port: app.server.address().port });
      } else if (message.type === 'count') {
        for (const deadline = Date.now() + 10_000; inFlight !== 0 && Date.now() < deadline;) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const stored = (await app.signaal.store.counts(new Date(0), new Date(Date.now() + 3_600_000))).total;
        process.send({ type: 'count', stored, created, settled: inFlight === 0 });
      } else if (message.type === 'close') {
        await app?.close();
        process.disconnect();
      }
    } catch (error) {
      process.send({ type: 'error', message: error?.stack ?? String(error) });
    }
  });
}

/** Starts a receiver in its own process; resolves with a handle once it listens. */
async function startInstance(settings) {
  const child = fork(fileURLToPath(import.meta.url), [INSTANCE], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (message, replyType) =>
    new Promise((resolve, reject) => {
      const onMessage = (reply) => {
        if (reply.type !== replyType && reply.type !== 'error') return;
        cleanup();
        if (reply.type === 'error') reject(new Error(`receiver instance: ${reply.message}`));
        else resolve(reply);
      };
      const onExit = (code, signal) => {
        cleanup();
        reject(new Error(`receiver instance exited (${signal ?? `exit code ${code}`})`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(message);
    });
  const instance = {
    url: undefined,
    counts: () => ask({ type: 'count' }, 'count'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      if (child.connected) child.send({ type: 'close' });
      else child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    const { port } = await ask({ type: 'start', ...settings }, 'listening');
    instance.url = `http://127.0.0.1:${port}`;
  } catch (error) {
    await instance.stop();
    throw error;
  }
  return instance;
}

// --- load --------------------------------------------------------------------------------------

function load(url, seconds, setupRequest) {
  return autocannon({ url, connections, duration: seconds, requests: [{ method: 'POST', path: '/signals', setupRequest }] });
}

const freshSignal = (request) => {
  const id = randomUUID();
  return { ...request, headers: { 'content-type': 'application/json', 'idempotency-key': id }, body: JSON.stringify(typicalSignal(id)) };
};

/**
 * Totals over the instances, once none has a request in flight. The rows are counted again after
 * every instance has settled: one database holds them all, and an instance that settled first may
 * have counted before the other stored its last signal.
 */
async function totals(instances) {
  const counts = await Promise.all(instances.map((instance) => instance.counts()));
  const { stored } = await instances[0].counts();
  return {
    stored,
    created: counts.reduce((sum, count) => sum + count.created, 0),
    settled: counts.every((count) => count.settled),
  };
}

/** A warm-up run, then the measured run of new signals, spread over the instances; checks rows against 201s. */
async function measureNewSignals(engine, instances) {
  const urls = instances.map((instance) => instance.url);
  const url = urls.length === 1 ? urls[0] : urls;
  await load(url, warmUp, freshSignal);
  const before = await totals(instances);
  const result = await load(url, duration, freshSignal);
  const after = await totals(instances);
  const stored = after.stored - before.stored;
  const created = after.created - before.created;
  return {
    engine,
    perSecond: result.requests.average,
    p99: result.latency.p99,
    created,
    stored,
    settled: before.settled && after.settled,
    errors: result.errors + result.timeouts + (result.non2xx ?? 0),
    seen: result['2xx'],
  };
}

// --- a throwaway PostgreSQL cluster ------------------------------------------------------------

const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The bin folder of the newest PostgreSQL installed, or why there is none. */
function postgresBin() {
  const versions = existsSync(POSTGRES_ROOT) ? readdirSync(POSTGRES_ROOT) : [];
  const usable = versions
    .filter((version) => /^\d+$/.test(version) && existsSync(join(POSTGRES_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (usable.length === 0) return { reason: `no initdb under ${POSTGRES_ROOT} (install Debian's postgresql package)` };
  return { bin: join(POSTGRES_ROOT, usable[0], 'bin') };
}

/** initdb and postgres refuse to run as root: as root, they run as the `postgres` user. */
function postgresUser() {
  if (process.getuid?.() !== 0) return {};
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { runAs: { uid: id('-u'), gid: id('-g') } };
  } catch {
    return { reason: 'running as root and there is no postgres user to run PostgreSQL as' };
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function runToEnd(command, args, runAs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...runAs });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${output.trim()}`))));
  });
}

/**
 * Starts a cluster in a new temporary folder on a free loopback port; `stop()` shuts it down (fast
 * shutdown, immediate after 10 s) and removes the folder. Throws with the reason when it cannot.
 */
async function startPostgres(bin, runAs) {
  const folder = mkdtempSync(join(tmpdir(), 'signaal-bench-postgres-'));
  if (runAs) chownSync(folder, runAs.uid, runAs.gid);
  chmodSync(folder, 0o700);
  const dataDir = join(folder, 'data');
  let server;
  // Should this process end without stop(), the server and its folder go with it.
  const killNow = () => {
    server?.kill('SIGQUIT');
    rmSync(folder, { recursive: true, force: true });
  };
  process.on('exit', killNow);

  const stop = async () => {
    process.off('exit', killNow);
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      const timer = setTimeout(() => server.kill('SIGQUIT'), 10_000);
      server.kill('SIGINT');
      await exited;
      clearTimeout(timer);
    }
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await runToEnd(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'], runAs);
    const port = await freePort();
    let log = '';
    server = spawn(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...runAs,
    });
    server.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4_000)));
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    for (const deadline = Date.now() + 30_000; ;) {
      if (server.exitCode !== null || server.signalCode !== null) throw new Error(`postgres exited while starting: ${log.trim()}`);
      const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('CREATE DATABASE bench');
        await client.end();
        break;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline)
          throw new Error(`postgres did not accept connections within 30 s (${error.message}): ${log.trim()}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return { url: `postgres://postgres@127.0.0.1:${port}/bench`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// --- encryption per signal ---------------------------------------------------------------------

/** Median µs per signal over rounds of `perRound` signals, after a warm-up round. */
function microseconds(perRound, rounds, work) {
  work(perRound);
  const times = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    work(perRound);
    times.push(Number(process.hrtime.bigint() - start) / 1_000 / perRound);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

function measureEncryption() {
  const sealer = new Sealer(Keyring.fromKeys([randomBytes(32)]));
  const perRound = 20_000;
  const signals = Array.from({ length: 64 }, () => ({ reference: newReference(), signal: typicalSignal(randomUUID()) }));
  const rows = signals.map(({ reference, signal }) => {
    const { dataKey, keyId, wrapped } = sealer.newKey(reference);
    return {
      reference,
      data_key: wrapped,
      key_id: keyId,
      content_sealed: sealer.sealSignal(dataKey, reference, signal),
      message_sealed: null,
    };
  });
  let sink = 0;
  const seal = microseconds(perRound, 7, (count) => {
    for (let i = 0; i < count; i += 1) {
      const { reference, signal } = signals[i % signals.length];
      const { dataKey, wrapped } = sealer.newKey(reference);
      sink += sealer.sealSignal(dataKey, reference, signal).length + wrapped.length;
    }
  });
  const open = microseconds(perRound, 7, (count) => {
    for (let i = 0; i < count; i += 1) sink += sealer.open(rows[i % rows.length]).signal.description.length;
  });
  if (sink === 0) throw new Error('unreachable');
  return { seal, open, bytes: JSON.stringify(signals[0].signal).length };
}

// --- the measurement ---------------------------------------------------------------------------

export default async function measure() {
  const load1 = loadavg()[0];
  const key = randomBytes(32).toString('base64');
  const root = mkdtempSync(join(tmpdir(), 'signaal-bench-'));
  const folder = (name) => {
    const path = join(root, name);
    mkdirSync(path);
    return path;
  };
  const rows = [];
  const notes = [];
  let replay;
  try {
    // SQLite: one process owns the file.
    const sqlite = await startInstance({ dataDir: folder('sqlite'), key });
    try {
      rows.push(await measureNewSignals('sqlite', [sqlite]));
      const id = randomUUID();
      const body = JSON.stringify(typicalSignal(id));
      replay = await load(sqlite.url, duration, (request) => ({
        ...request,
        headers: { 'content-type': 'application/json', 'idempotency-key': id },
        body,
      }));
    } finally {
      await sqlite.stop();
    }

    // PostgreSQL: a fresh database for one instance, then two instances on another fresh cluster.
    const found = postgresBin();
    const user = found.bin ? postgresUser() : {};
    const skipped = found.reason ?? user.reason;
    if (skipped) {
      notes.push(`PostgreSQL figures skipped: ${skipped}.`);
    } else {
      for (const count of [1, 2]) {
        let cluster;
        const instances = [];
        try {
          cluster = await startPostgres(found.bin, user.runAs);
          // One after the other, so the second finds the migrations done.
          for (let i = 0; i < count; i += 1)
            instances.push(await startInstance({ dataDir: folder(`postgres-${count}-${i}`), databaseUrl: cluster.url, key }));
          rows.push(await measureNewSignals(`postgres, ${count} inst.`, instances));
        } catch (error) {
          notes.push(`PostgreSQL with ${count} instance(s) skipped: ${error.message.split('\n')[0]}`);
        } finally {
          await Promise.all(instances.map((instance) => instance.stop()));
          await cluster?.stop();
        }
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }

  const encryption = measureEncryption();

  console.log(
    `receiver POST /signals, new signals (201) each with its own Idempotency-Key, ${connections} connections, ` +
      `${duration} s after ${warmUp} s warm-up, receivers in their own processes, ${availableParallelism()} CPUs ` +
      `(load average ${load1.toFixed(1)} before the runs; other work on the machine shows in these figures):`,
  );
  const line = (...cells) =>
    console.log(
      `  ${cells[0].padEnd(20)}${cells
        .slice(1)
        .map((cell, i) => String(cell).padStart([11, 9, 9, 9, 8][i]))
        .join('')}`,
    );
  line('engine', 'signals/s', 'p99 ms', '201s', 'stored', 'errors');
  for (const row of rows) {
    line(row.engine, Math.round(row.perSecond), row.p99, row.created, row.stored, row.errors);
  }
  for (const row of rows) {
    if (row.stored !== row.created || !row.settled) {
      console.log(
        `  MISMATCH ${row.engine}: ${row.stored} rows stored, ${row.created} 201s sent${row.settled ? '' : ' (requests still in flight 10 s after the run)'}`,
      );
    }
  }
  console.log(
    '  201s: sent by the receivers during the run (autocannon saw ' +
      rows.map((row) => `${row.seen}`).join(', ') +
      ' of them before it stopped); stored: rows added during the run' +
      (rows.every((row) => row.stored === row.created && row.settled) ? ', equal in every row.' : '.'),
  );
  for (const note of notes) console.log(`  ${note}`);
  const replayErrors = replay.errors + replay.timeouts + (replay.non2xx ?? 0);
  console.log(
    `  sqlite, repeats of one key (200, the stored receipt): ${Math.round(replay.requests.average)} req/s, p99 ${replay.latency.p99} ms, ${replayErrors} errors or non-2xx`,
  );
  const sqliteRate = rows[0].perSecond;
  console.log(
    `  encryption per signal (${encryption.bytes} B of JSON, AES-256-GCM): seal+wrap ${encryption.seal.toFixed(1)} µs, open ${encryption.open.toFixed(1)} µs` +
      `; at the SQLite rate of ${Math.round(sqliteRate)} signals/s, seal+wrap takes ${((encryption.seal * sqliteRate) / 1e4).toFixed(2)} % of one core`,
  );
}
