/**
 * A fresh React app, outside this repository, installs the packed `@signaal/widget` (with the
 * packed `@signaal/sdk` it depends on, as the registry would serve it) and its own framework,
 * nothing else; its own `vite build` must then succeed and the button must work (issue 11).
 * Needs the npm registry and the packages' dist (`npm run build`).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { freePort, launchChromium } from '../../receiver/test/browser-harness.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../../../', import.meta.url));
const pinned = (JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
  .devDependencies;

/** This process's environment without what `npm run` adds, so the app's npm sees no workspace of ours. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

/** Runs a command in `cwd`; on failure the assertion carries its output. */
async function sh(cwd: string, command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env: cleanEnv, maxBuffer: 32 * 1024 * 1024, timeout: 5 * 60_000 });
    return `${stdout}\n${stderr}`;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    assert.fail(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}

const appFiles = {
  'index.html': `<!doctype html>
<html lang="nl">
  <head><meta charset="utf-8" /><title>Zaaksysteem</title><link rel="icon" href="data:," /><script type="module" src="./src/main.jsx"></script></head>
  <body><div id="root"></div></body>
</html>
`,
  'vite.config.js': `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
export default defineConfig({ plugins: [react()], base: './' });
`,
  'src/main.jsx': `import '@signaal/widget';
import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')).render(
  <main>
    <h1>Zaak Z-1</h1>
    <signaal-button config={{ mailbox: 'signalen@gemeente.example', officer: { name: 'Sanne de Vries' } }} />
  </main>,
);
`,
};

describe('a fresh Vite + React app with the packed packages', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'signaal-fresh-app-test-'));
  const app = join(scratch, 'app');
  let browser: Browser | undefined;
  let server: PreviewServer | undefined;

  before(async () => {
    await sh(repository, 'npm', [
      'pack',
      '--workspace',
      '@signaal/sdk',
      '--workspace',
      '@signaal/widget',
      '--pack-destination',
      scratch,
      '--silent',
    ]);
    const tarball = (name: string) =>
      `file:../${readdirSync(scratch).find((file) => file.startsWith(`signaal-${name}-`) && file.endsWith('.tgz'))}`;
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'zaaksysteem',
        private: true,
        type: 'module',
        dependencies: {
          // The SDK's tarball stands in for the registry, which does not have this version.
          '@signaal/sdk': tarball('sdk'),
          '@signaal/widget': tarball('widget'),
          react: pinned.react,
          'react-dom': pinned['react-dom'],
        },
        devDependencies: { vite: pinned.vite, '@vitejs/plugin-react': pinned['@vitejs/plugin-react'] },
      }),
    );
    for (const [path, text] of Object.entries(appFiles)) writeFileSync(join(app, path), text);
  });
  after(async () => {
    await server?.close();
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('installs with nothing missing, builds with its own vite, and the button opens the form', async () => {
    await sh(app, 'npm', ['install', '--no-audit', '--no-fund']);
    // `npm ls` fails on a missing or unmet dependency, peers included.
    await sh(app, 'npm', ['ls', '--all']);
    const output = await sh(app, join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn']);
    assert.doesNotMatch(output, /failed to resolve|could not resolve|missing/i);

    const port = await freePort();
    server = await preview({ root: app, configFile: false, logLevel: 'error', preview: { host: '127.0.0.1', port, strictPort: true } });
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('button', { name: 'Signaal doorgeven' }).click();
    await page.getByLabel(/Wat heb je gezien of gehoord/).waitFor();
    assert.ok(await page.getByText('Sanne de Vries').first().isVisible(), 'the inline config reached the form');
    assert.deepEqual(errors, []);
  });
});
