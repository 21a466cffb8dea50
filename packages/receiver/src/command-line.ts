import { buildServer } from './server.js';
import { SettingsError, loadContentKey, loadSettings, resolveOptions } from './config.js';
import { settingsHelp } from './settings-help.js';
import { DecryptError, KeyError, generateContentKey } from './keyring.js';
import { backup, restore, rotateKey } from './maintenance.js';
import { hashPassword } from './officers.js';
import { isStorageUnavailable } from './storage/database.js';

const usage = [
  'Usage: signaal-receiver --config <widget-config.json> [--port 8080] [--data-dir ./data] [options]',
  '       signaal-receiver hash-password   (reads a password on standard input; prints a hash for the officers file)',
  '       signaal-receiver generate-key    (prints a new content key; save it to a file only the service can read)',
  '       signaal-receiver rotate-key --content-key-file <file> [--data-dir … | --database …]',
  '                                        (re-wraps every data key under the first key in the file)',
  '       signaal-receiver backup <file> [--data-dir …]   (a consistent copy of the SQLite database, while it runs)',
  '       signaal-receiver restore <file> [--data-dir …]  (puts a backup in place, with the receiver stopped)',
  '',
  'Every flag can also be set through its environment variable; a flag wins.',
  '',
  ...settingsHelp.map(([flag, variable, text]) => `  ${flag.padEnd(18)} ${variable.padEnd(26)} ${text}`),
].join('\n');

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
    // Enter ends the line; in raw mode Ctrl-C (ETX) and Ctrl-D (EOT) arrive as characters.
    // eslint-disable-next-line no-control-regex -- ETX and EOT are what is looked for
    if (/[\r\n\u0003\u0004]/.test(text)) break;
  }
  if (input.isTTY) {
    input.setRawMode(false);
    process.stderr.write('\n');
  }
  input.pause();
  if (text.includes('\u0003')) throw new SettingsError('cancelled.');
  // eslint-disable-next-line no-control-regex -- EOT ends the password as a line end does
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

/** The maintenance commands: they need only where the database is, and the key where it matters. */
async function maintenanceCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const path = command === 'backup' || command === 'restore' ? args.shift() : undefined;
  if ((command === 'backup' || command === 'restore') && (!path || path.startsWith('-')))
    throw new SettingsError(`${command} needs a file: signaal-receiver ${command} <file>`);
  const settings = loadSettings(args, env, { requireConfig: false });
  if (!settings) {
    console.log(usage);
    return 0;
  }
  const target = { dataDir: settings.dataDir, databaseUrl: settings.databaseUrl };
  if (command === 'rotate-key') {
    const keyring = loadContentKey(settings);
    const count = await rotateKey(target, keyring);
    console.log(
      `Re-wrapped ${count} key${count === 1 ? '' : 's'} under content key ${keyring.currentKeyId}; keys other than the first can now be removed from the key file.`,
    );
  } else if (command === 'backup') {
    await backup(target, path!);
    console.log(`Backed up to ${path}; it is useless without the content key, which stays elsewhere.`);
  } else {
    await restore(target, path!);
    console.log(`Restored ${path} into ${settings.dataDir}; start the receiver with the content key of the backup.`);
  }
  return 0;
}

/** The `signaal-receiver` command: returns the exit code, or -1 while the receiver runs. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'hash-password') return hashPasswordCommand();
  if (command === 'generate-key') {
    process.stdout.write(generateContentKey());
    return 0;
  }
  if (command === 'rotate-key' || command === 'backup' || command === 'restore') {
    process.umask(0o077); // a backup is private from its first byte, not only after the chmod at its end
    try {
      return await maintenanceCommand(command, rest, env);
    } catch (error) {
      if (
        !(error instanceof SettingsError) &&
        !(error instanceof TypeError) &&
        !(error instanceof KeyError) &&
        !(error instanceof DecryptError)
      )
        throw error;
      console.error(`signaal-receiver: ${error.message}`);
      return 2;
    }
  }
  // The database and any file the receiver makes are the service's own.
  process.umask(0o077);
  let settings;
  let options;
  try {
    settings = loadSettings(argv, env);
    if (!settings) {
      console.log(usage);
      return 0;
    }
    options = resolveOptions(settings, env, (message) => console.warn(`signaal-receiver: ${message}`));
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`signaal-receiver: ${error.message}`);
    return 2;
  }
  let app;
  try {
    app = await buildServer(options);
  } catch (error) {
    if (error instanceof KeyError || error instanceof DecryptError) {
      console.error(`signaal-receiver: ${error.message}`);
      return 2;
    }
    if (!isStorageUnavailable(error)) throw error;
    console.error(
      `signaal-receiver: the database cannot be reached (${(error as { code?: string }).code ?? 'no answer'}); check --database and that it runs, then start again.`,
    );
    return 1;
  }
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

/** Runs the command with this process's arguments and environment, and sets its exit code. */
export function runCommand(): void {
  main(process.argv.slice(2), process.env).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (error: unknown) => {
      console.error('signaal-receiver: could not start:', error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
