/**
 * `npm start`: the receiver, the examples and the widget on one local port, with a local mail
 * catcher, so a newcomer can send a signal and see its receipt. `PORT` picks the port (8080).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SettingsError } from './config.js';
import { demoKeyring, demoOfficer, startDemo } from './demo-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new SettingsError(`PORT must be a port number from 1 to 65535; got "${process.env.PORT}".`);
  const dataDir = process.env.SIGNAAL_DATA_DIR ?? join(root, '.data/demo');
  const keyFile = join(root, '.data/demo-key/content.key');
  const { keyring, made } = demoKeyring(keyFile);
  if (made) console.log(`Made a demo content key in ${keyFile}; a real receiver takes one with --content-key-file (see docs/receiver.md).`);
  const demo = await startDemo({
    port,
    dataDir,
    keyring,
    ...(process.env.SIGNAAL_LOG_LEVEL ? { logLevel: process.env.SIGNAAL_LOG_LEVEL } : {}),
  });
  console.log(
    [
      `Signaal demo on ${demo.url}/`,
      `  API        ${demo.url}/api`,
      ...demo.examples.map(({ name }) => `  example    ${demo.url}/examples/${name}/`),
      `  inbox      ${demo.inboxUrl}  (demo officer: username "${demoOfficer.username}", password "${demoOfficer.password}")`,
      `  mail       caught on ${demo.smtpUrl}; shown here without content`,
      `  data       ${dataDir}  (content encrypted under the demo key in ${keyFile})`,
      'Stop with Ctrl+C.',
    ].join('\n'),
  );

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof SettingsError) console.error(`signaal demo: ${error.message}`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    console.error('signaal demo: the port is taken; start with PORT=8081 npm start');
  else console.error('signaal demo: could not start:', error);
  process.exitCode = 1;
});
