/**
 * Vue's dev server and the signaal tags: without `compilerOptions.isCustomElement` Vue looks for a
 * component named `signaal-button` and warns; the example's config names the tags, as
 * docs/frameworks.md says (issue 11). A process of its own: @vitejs/plugin-vue keeps compiled
 * templates per file for the whole process, so a build of the example beforehand would hide the warning.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import type { Browser } from 'playwright-core';
import { createServer, type InlineConfig } from 'vite';
import { freePort, launchChromium } from '../../receiver/test/browser-harness.js';

const root = fileURLToPath(new URL('../../../examples/vue/', import.meta.url));

describe("Vue's dev server with the Vue example", () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser.close());

  /** Vue's warnings while the dev server shows the case screen, until its clock has ticked. */
  async function vueWarnings(config: InlineConfig): Promise<string[]> {
    const port = await freePort();
    const server = await createServer({
      root,
      logLevel: 'error',
      server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
      ...config,
    });
    await server.listen();
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('[Vue warn]')) warnings.push(message.text());
    });
    try {
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByRole('button', { name: 'Signaal doorgeven' }).waitFor();
      const shown = await page.locator('#clock').textContent();
      await page.waitForFunction((shown) => document.querySelector('#clock')?.textContent !== shown, shown);
      return warnings;
    } finally {
      await page.close();
      await server.close();
    }
  }

  test('without isCustomElement Vue warns that it cannot resolve signaal-button', async () => {
    const warnings = await vueWarnings({ configFile: false, plugins: [vue()] });
    assert.ok(
      warnings.some((warning) => warning.includes('Failed to resolve component: signaal-button')),
      `Vue's warnings: ${warnings.join('\n')}`,
    );
  });

  test("with the example's config (isCustomElement for signaal-*) Vue warns about nothing", async () => {
    assert.deepEqual(await vueWarnings({ configFile: join(root, 'vite.config.ts') }), []);
  });
});
