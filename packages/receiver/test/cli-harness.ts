/** The real CLI in a child process, for tests of what an operator runs. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { deferred, demoWidgetConfig } from './receiver-harness.js';

export const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
/** The same command, held after storing a signal (see fixtures/paused-cli.ts). */
const pausedCli = fileURLToPath(new URL('./fixtures/paused-cli.ts', import.meta.url));

export interface ChildReceiver {
  child: ChildProcess;
  url: string;
  /** Resolves when the receiver says it stored a signal and is holding its answer (`pauseAfterCommit`). */
  committed: Promise<void>;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** Stops it with SIGTERM and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `signaal-receiver` on a free loopback port with the demo configuration, a content key
 * and any further flags, and waits until it listens.
 */
export async function startCli(
  dataDir: string,
  keyFile: string,
  flags: readonly string[] = [],
  env: Record<string, string> = {},
  { pauseAfterCommit = false } = {},
): Promise<ChildReceiver> {
  const config = join(dataDir, 'widget-config.json');
  writeFileSync(config, JSON.stringify(demoWidgetConfig));
  const args = ['--import', 'tsx', pauseAfterCommit ? pausedCli : cli, '--port', '0', '--data-dir', dataDir, '--config', config, '--content-key-file', keyFile, '--rate-limit', '0', ...flags];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const committed = deferred();
  let stderr = '';
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line === 'signaal-test: committed') committed.resolve();
    stderr += `${line}\n`;
  });
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const address = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      if (address) resolve(address);
    });
    exited.then(([code]) => reject(new Error(`the receiver exited with ${code} before listening: ${stderr}`)), reject);
  });
  return {
    child,
    url: await listening,
    committed: committed.promise,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
