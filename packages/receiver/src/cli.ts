import { buildServer, type ReceiverHooks } from './server.js';
import { SettingsError, loadSettings, resolveOptions, settingsHelp } from './config.js';

const usage = [
  'Usage: signaal-receiver --config <widget-config.json> [--port 8080] [--data-dir ./data] [options]',
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

async function main(): Promise<number> {
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
