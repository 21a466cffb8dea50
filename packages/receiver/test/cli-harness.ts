/** The real CLI in a child process, for tests of what an operator runs. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { deferred, demoWidgetConfig, folder } from './receiver-harness.js';

export const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
/** The same command, held after storing a signal (see fixtures/paused-cli.ts). */
const pausedCli = fileURLToPath(new URL('./fixtures/paused-cli.ts', import.meta.url));

/** The demo widget configuration as a file, for `--config`. */
export const configFile = join(folder('config'), 'widget-config.json');
writeFileSync(configFile, JSON.stringify(demoWidgetConfig));

type Exit = [number | null, NodeJS.Signals | null];

export interface CliOptions {
  /** The child's whole environment; `cleanEnv()` unless given. */
  env?: NodeJS.ProcessEnv;
  /** Under umask 000, as a careless service manager might start it. */
  openUmask?: boolean;
}

/** The environment of the test run without any SIGNAAL_ setting, plus `extra`, so only what a test passes counts. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SIGNAAL_'))), ...extra };
}

/** Spawns `script` (the CLI by default) under tsx with these arguments. */
function spawnCli(args: readonly string[], { env = cleanEnv(), openUmask = false }: CliOptions, script = cli): ChildProcess {
  const command = [process.execPath, '--import', 'tsx', script, ...args];
  const options = { env, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  return openUmask ? spawn('sh', ['-c', 'umask 000; exec "$0" "$@"', ...command], options) : spawn(command[0]!, command.slice(1), options);
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs one CLI command to its end (killed after 60 s). */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<Finished> {
  const child = spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    const [code, signal] = (await once(child, 'close')) as Exit;
    return { code, signal, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** The one message the CLI gives when it refuses: one line on stderr, nothing on stdout. */
export function refusal(result: Finished): string {
  assert.equal(result.stdout, '', 'nothing on standard output');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on standard error, got:\n${result.stderr}`);
  return lines[0]!;
}

export interface StartOptions extends CliOptions {
  dataDir: string;
  /** `--content-key-file`; left out when not given (the key may come from `env`). */
  keyFile?: string;
  /** Further flags. */
  flags?: readonly string[];
  /** Runs fixtures/paused-cli.ts, which holds after storing a signal (see `committed`). */
  pauseAfterCommit?: boolean;
}

export interface ChildReceiver {
  child: ChildProcess;
  url: string;
  /** Resolves when the receiver says it stored a signal and is holding its answer (`pauseAfterCommit`). */
  committed: Promise<void>;
  exited: Promise<Exit>;
  /** SIGTERM if it still runs, and the exit it gave. */
  stop(): Promise<Exit>;
  /** SIGKILL if it still runs; for `finally`. */
  kill(): Promise<void>;
}

/** Starts `signaal-receiver` on a free loopback port with the demo configuration and waits until it listens. */
export async function startCli({
  dataDir,
  keyFile,
  flags = [],
  pauseAfterCommit = false,
  ...options
}: StartOptions): Promise<ChildReceiver> {
  const key = keyFile === undefined ? [] : ['--content-key-file', keyFile];
  const args = ['--port', '0', '--data-dir', dataDir, '--config', configFile, '--rate-limit', '0', ...key, ...flags];
  const child = spawnCli(args, options, pauseAfterCommit ? pausedCli : cli);
  const exited = once(child, 'exit') as Promise<Exit>;
  const running = () => child.exitCode === null && child.signalCode === null;
  const end = (signal: NodeJS.Signals) => {
    if (running()) child.kill(signal);
    return exited;
  };
  const kill = async () => void (await end('SIGKILL'));
  const committed = deferred();
  let stderr = '';
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line === 'signaal-test: committed') committed.resolve();
    stderr += `${line}\n`;
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const address = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
        if (address) resolve(address);
      });
      once(child, 'close').then(
        ([code, signal]) => reject(new Error(`the receiver exited with ${code ?? signal} before listening: ${stderr}`)),
        reject,
      );
      setTimeout(() => reject(new Error(`the receiver did not listen within 60 s: ${stderr}`)), 60_000).unref();
    });
    return { child, url, committed: committed.promise, exited, stop: () => end('SIGTERM'), kill };
  } catch (error) {
    await kill();
    throw error;
  }
}
