/**
 * A throwaway PostgreSQL cluster for the node tests, from Debian's `postgresql` package
 * (.ci/run installs it). Each test process starts its own cluster on a free loopback port,
 * in a temporary folder that stop() removes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** postgres://… URL of a fresh, empty database on the cluster (each call creates a new one, unique name). */
  newDatabase(): Promise<string>;
  /** The cluster's base URL (database "postgres"), for admin work. */
  readonly adminUrl: string;
  /** Stops the server (fast shutdown) and removes the temporary folder. Idempotent. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data (to test "database unreachable"); start() brings it back on the same port. */
  pause(): Promise<void>;
  start(): Promise<void>;
}

const POSTGRES_ROOT = '/usr/lib/postgresql';
const STARTUP_DEADLINE_MS = 30_000;
const POLL_INTERVAL_MS = 100;
/** How long a fast shutdown may take before the server is told to quit at once. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Keep the end of the server's log for error messages, not all of it. */
const STDERR_LIMIT = 16_000;

/** The bin folder of the highest PostgreSQL version installed, e.g. /usr/lib/postgresql/15/bin. */
function findBinDir(): string {
  let versions: string[] = [];
  try {
    versions = readdirSync(POSTGRES_ROOT);
  } catch {
    // No /usr/lib/postgresql at all: handled below.
  }
  const usable = versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .filter((v) => existsSync(join(POSTGRES_ROOT, v, 'bin', 'initdb')) && existsSync(join(POSTGRES_ROOT, v, 'bin', 'postgres')))
    .sort((a, b) => compareVersions(b, a));
  const highest = usable[0];
  if (highest === undefined) {
    throw new Error('PostgreSQL is not installed: run `apt-get install postgresql` (or .ci/run does it)');
  }
  return join(POSTGRES_ROOT, highest, 'bin');
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * Who runs initdb and the server. Both refuse to run as root, so as root they run as the
 * `postgres` user that Debian's package creates.
 *
 * This uses spawn's uid/gid options rather than `runuser -u postgres --`: runuser sits between us
 * and the server, ignores SIGINT (postgres' fast shutdown) and turns SIGTERM into a SIGKILL two
 * seconds later, which would leave the server's own child processes behind. With uid/gid the
 * server is our direct child and gets our signals unchanged.
 */
interface RunAs {
  uid: number;
  gid: number;
}

function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => {
    try {
      return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      throw new Error(
        'Running as root, but there is no `postgres` user to run PostgreSQL as: run `apt-get install postgresql` (or .ci/run does it)',
      );
    }
  };
  return { uid: id('-u'), gid: id('-g') };
}

/** A loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], options: { cwd: string; runAs: RunAs | undefined }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options.runAs,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} failed (${signal ?? `exit code ${code}`}):\n${output.trim()}`));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Clusters still running in this process, so that the process never leaves one behind. */
const live = new Set<() => void>();
let exitHooksInstalled = false;

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = () => {
    for (const kill of live) kill();
  };
  process.on('exit', killAll);
  // A test process told to stop by a signal does not reach 'exit' by itself: clean up, then end the
  // way the signal would have. (Ctrl-C also reaches the server directly, it is in our process group.)
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const binDir = findBinDir();
  const runAs = postgresUser();

  const folder = mkdtempSync(join(tmpdir(), 'signaal-postgres-'));
  const dataDir = join(folder, 'data');
  if (runAs) chownSync(folder, runAs.uid, runAs.gid);
  chmodSync(folder, 0o700);

  let server: ChildProcess | undefined;
  let stderr = '';
  let stopped: Promise<void> | undefined;

  // Last resort when the process ends without stop(): immediate shutdown, and the folder goes.
  const killNow = () => {
    server?.kill('SIGQUIT');
    rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  };
  live.add(killNow);
  installExitHooks();

  try {
    await run(join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'], {
      cwd: folder,
      runAs,
    });
  } catch (error) {
    live.delete(killNow);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;

  /** Connects once; throws when the server does not accept connections. */
  async function tryConnect(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {
      // A failed connect can still emit 'error' on the client later; it must not end the process.
    });
    try {
      await client.connect();
    } finally {
      await client.end().catch(() => {
        // Ending a client that never connected may fail; there is nothing left to close.
      });
    }
  }

  async function start(): Promise<void> {
    if (stopped) throw new Error('This PostgreSQL test cluster was stopped; start a new one with startPostgres()');
    if (server) return;
    stderr = '';
    const child = spawn(
      join(binDir, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        folder,
        '-c',
        'listen_addresses=127.0.0.1',
        // Test speed only: these data are thrown away, so nothing needs to survive a power cut.
        '-c',
        'fsync=off',
      ],
      { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'], ...runAs },
    );
    server = child;
    child.stderr?.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-STDERR_LIMIT);
    });
    let exited: string | undefined;
    child.on('exit', (code, signal) => {
      exited = signal ?? `exit code ${code}`;
      if (server === child) server = undefined;
    });
    let spawnError: Error | undefined;
    child.on('error', (error) => (spawnError = error));
    // A test that forgets stop() still ends; the 'exit' hook above then stops the server.
    child.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();

    const deadline = Date.now() + STARTUP_DEADLINE_MS;
    for (;;) {
      if (spawnError) throw new Error(`PostgreSQL could not be started: ${spawnError.message}`);
      if (exited !== undefined) {
        throw new Error(`PostgreSQL exited while starting (${exited}):\n${stderr.trim()}`);
      }
      try {
        await tryConnect(adminUrl);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          child.kill('SIGQUIT');
          throw new Error(
            `PostgreSQL did not accept connections on port ${port} within ${STARTUP_DEADLINE_MS / 1000} s ` +
              `(last error: ${(error as Error).message}):\n${stderr.trim()}`,
            { cause: error },
          );
        }
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }

  /** Fast shutdown (SIGINT) and wait for the server to end; immediate shutdown if it takes too long. */
  async function shutDown(): Promise<void> {
    const child = server;
    if (child?.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      // This timer also keeps the event loop alive while we wait for the (unref'd) child.
      const timer = setTimeout(() => child.kill('SIGQUIT'), SHUTDOWN_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGINT');
    });
  }

  let databases = 0;

  const cluster: TestPostgres = {
    adminUrl,
    async newDatabase() {
      databases += 1;
      const name = `test_${databases}_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // The name is ours (letters, digits, underscores), so quoting it is enough.
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async pause() {
      if (stopped) return;
      await shutDown();
    },
    start,
    stop() {
      stopped ??= (async () => {
        try {
          await shutDown();
        } finally {
          live.delete(killNow);
          rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
        }
      })();
      return stopped;
    },
  };

  try {
    await start();
  } catch (error) {
    await cluster.stop().catch(() => {
      // The start's error is the one to report.
    });
    throw error;
  }
  return cluster;
}
