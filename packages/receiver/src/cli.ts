import { buildServer, type ReceiverHooks } from './server.js';
import { SettingsError, loadSettings, resolveOptions, settingsHelp } from './config.js';
import { hashPassword } from './officers.js';

const usage = [
  'Usage: signaal-receiver --config <widget-config.json> [--port 8080] [--data-dir ./data] [options]',
  '       signaal-receiver hash-password   (reads a password on standard input; prints a hash for the officers file)',
  '',
  'Every flag can also be set through its environment variable; a flag wins.',
  '',
  ...settingsHelp.map(([flag, variable, text]) => `  ${flag.padEnd(18)} ${variable.padEnd(26)} ${text}`),
].join('\n');

/**
 * Test-only: pause after a signal is stored and before its receipt is sent, and say so on stderr,
 * so a test can kill the process in exactly that window. Needs NODE_ENV=test as well.
 */
function testHooks(env: NodeJS.ProcessEnv): ReceiverHooks | undefined {
  if (env['NODE_ENV'] !== 'test' || env['SIGNAAL_TEST_PAUSE_AFTER_COMMIT'] !== '1') return undefined;
  return {
    afterCommit: () => {
      process.stderr.write('signaal-test: committed\n');
      return new Promise<void>(() => {});
    },
  };
}

/** Reads one line from standard input; on a terminal, without echoing it. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) {
    process.stderr.write('Password (at least 12 characters): ');
    input.setRawMode(true);
  }
  let text = '';
  input.setEncoding('utf8');
  for await (const chunk of input) {
    text += chunk as string;
    if (/[\r\n\u0003\u0004]/.test(text)) break;
  }
  if (input.isTTY) {
    input.setRawMode(false);
    process.stderr.write('\n');
  }
  input.pause();
  if (text.includes('\u0003')) throw new SettingsError('cancelled.');
  return text.split(/[\r\n\u0004]/)[0] ?? '';
}

async function hashPasswordCommand(): Promise<number> {
  const password = await readPassword();
  try {
    console.log(await hashPassword(password));
    return 0;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(`signaal-receiver: ${error.message}`);
    return 2;
  }
}

async function main(): Promise<number> {
  if (process.argv[2] === 'hash-password') return hashPasswordCommand();
  let settings;
  let options;
  try {
    settings = loadSettings(process.argv.slice(2), process.env);
    if (!settings) {
      console.log(usage);
      return 0;
    }
    options = resolveOptions(settings, process.env, (message) => console.warn(`signaal-receiver: ${message}`));
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`signaal-receiver: ${error.message}`);
    return 2;
  }
  const hooks = testHooks(process.env);
  const app = await buildServer({ ...options, ...(hooks ? { hooks } : {}) });
  await app.listen({ port: settings.port, host: settings.host });

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ code: (error as { code?: string }).code ?? 'error' }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error('signaal-receiver: could not start:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
