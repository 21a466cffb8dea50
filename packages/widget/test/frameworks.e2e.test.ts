/**
 * The React and Vue examples (examples/react, examples/vue), built with Vite into a temporary
 * folder and driven in headless Chromium against a real receiver, under the README's strict CSP:
 * the employee types while the case screen re-renders, sends, and the app shows the reference the
 * receiver stored; the button mounts and unmounts without errors or duplicate listeners (issue 11).
 * Reads the widget's dist (`npm run build`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type Plugin, type PreviewServer } from 'vite';
import { expectNoAxeViolations, focused, freePort, launchChromium } from '../../receiver/test/browser-harness.js';
import { startReceiver, storedSignals, type RunningReceiver } from '../../receiver/test/receiver-harness.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** The policy the widget's README gives, as a header. */
const readmeCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html";
/** The same with Vue's own Trusted Types policy allowed, as docs/frameworks.md says a Vue app needs. */
const vueCsp = `${readmeCsp} vue`;

// Browsers ask for it on every page; an empty answer keeps the console free of a 404.
const noFavicon: Plugin = {
  name: 'no-favicon',
  configurePreviewServer(server) {
    server.middlewares.use('/favicon.ico', (_request, response) => {
      response.statusCode = 204;
      response.end();
    });
  },
};

/** The references the receiver stored, oldest first. */
function storedReferences(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'signaal.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT reference FROM signals ORDER BY received_at').all() as Array<{ reference: string }>).map(
      (row) => row.reference,
    );
  } finally {
    db.close();
  }
}

/** A page that records every console error, uncaught error and dispatched `signaal-submitted`. */
async function newPage(browser: Browser) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.addInitScript(() => {
    const counted = window as unknown as { submittedEvents: number };
    counted.submittedEvents = 0;
    document.addEventListener('signaal-submitted', () => (counted.submittedEvents += 1), true);
  });
  return { page, errors };
}

const clock = (page: Page) => page.locator('#clock').textContent();
/** Waits until the app's clock shows another second than `shown`: the screen has rendered again. */
const nextTick = (page: Page, shown: string | null) =>
  page.waitForFunction((shown) => document.querySelector('#clock')?.textContent !== shown, shown);

const description = (page: Page) => page.getByLabel(/Wat heb je gezien of gehoord/);
const references = (page: Page) => page.locator('#references li').allTextContents();
const submittedEvents = (page: Page) => page.evaluate(() => (window as unknown as { submittedEvents: number }).submittedEvents);

async function openForm(page: Page) {
  await page.getByRole('button', { name: 'Signaal doorgeven' }).click();
  await page.getByRole('dialog').waitFor();
}

/** Sends the open form; returns the reference the widget's receipt shows, once the app lists it too. */
async function send(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Versturen' }).click();
  await page.getByRole('heading', { name: 'Dank je wel. Je signaal is ontvangen.' }).waitFor();
  const reference = (await page.locator('.reference').first().textContent())?.trim() ?? '';
  assert.match(reference, /^SG-/);
  await page.locator('#references li', { hasText: reference }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  return reference;
}

const frameworks = [
  { name: 'React 19', folder: 'react', csp: readmeCsp, system: 'Zaaksysteem (React)' },
  { name: 'Vue 3.5', folder: 'vue', csp: vueCsp, system: 'Zaaksysteem (Vue)' },
] as const;

describe('the framework examples in Chromium', () => {
  let browser: Browser;
  let receiver: RunningReceiver;
  const built = new Map<string, string>();
  const servers: PreviewServer[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'signaal-frameworks-test-'));

  /** Serves a built example with `vite preview` (its own config: `/api` goes to the receiver) under `csp`. */
  async function serve(folder: string, csp: string): Promise<string> {
    const port = await freePort();
    const server = await preview({
      root: join(examples, folder),
      configFile: join(examples, folder, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir: built.get(folder)! },
      preview: { host: '127.0.0.1', port, strictPort: true, headers: { 'content-security-policy': csp } },
      plugins: [noFavicon],
    });
    servers.push(server);
    return `http://127.0.0.1:${port}/`;
  }

  before(async () => {
    receiver = await startReceiver({ prefix: '/api' });
    process.env.SIGNAAL_API = new URL(receiver.url).origin;
    for (const { folder } of frameworks) {
      const outDir = join(scratch, folder);
      await build({
        root: join(examples, folder),
        configFile: join(examples, folder, 'vite.config.ts'),
        logLevel: 'error',
        build: { outDir, emptyOutDir: true },
      });
      built.set(folder, outDir);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
    await receiver?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const { name, folder, csp, system } of frameworks) {
    test(`${name}: the employee types while the screen re-renders, sends, and the app shows the stored reference`, async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(await serve(folder, csp));
      await openForm(page);
      await description(page).click();

      // Each wait for the clock is a render of the screen that hands the button new inline objects.
      const parts = ['Drie mannen ', 'slapen in een busje ', 'achter de autowasstraat.'];
      for (const [index, part] of parts.entries()) {
        const shown = await clock(page);
        await page.keyboard.type(part);
        if (index < parts.length - 1) await nextTick(page, shown);
      }
      const typed = parts.join('');
      const field = await focused(page);
      assert.equal(field?.tag, 'textarea', 'the description keeps the focus');
      assert.equal(field?.value, typed, 'nothing typed is lost');
      assert.equal(await page.getByLabel('Naam').inputValue(), 'Anouk Jansen', 'the inline reporter prefills the name');

      const before = storedReferences(receiver.dataDir);
      const reference = await send(page);
      const stored = storedReferences(receiver.dataDir);
      assert.deepEqual(stored, [...before, reference], 'the app shows the reference the receiver stored');
      const content = storedSignals(receiver.dataDir).at(-1)?.content ?? '';
      assert.ok(content.includes(typed), 'the receiver has the full text');
      assert.ok(content.includes('Z-2024-01873') && content.includes(system), 'the inline context went along');
      assert.deepEqual(await references(page), [reference]);
      assert.equal(await submittedEvents(page), 1);
      await expectNoAxeViolations(page, `the ${name} case screen listing the reference`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    test(`${name}: the button mounts and unmounts twice without errors, and one send is one event`, async () => {
      const { page, errors } = await newPage(browser);
      await page.goto(await serve(folder, csp));
      const toggle = page.getByRole('button', { name: 'Signaalknop tonen' });
      await openForm(page);
      await page.keyboard.press('Escape');
      for (let round = 0; round < 2; round++) {
        await toggle.click();
        assert.equal(await page.locator('signaal-button').count(), 0, 'unmounted');
        assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
        await nextTick(page, await clock(page));
        await toggle.click();
        assert.equal(await page.locator('signaal-button').count(), 1, 'mounted again');
      }
      await openForm(page);
      await description(page).fill('Een klant werkt zeven dagen per week zonder loon.');
      const reference = await send(page);
      assert.equal(storedReferences(receiver.dataDir).at(-1), reference);
      assert.deepEqual(await references(page), [reference], 'the app heard the send once');
      assert.equal(await submittedEvents(page), 1, 'the widget dispatched one event');
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  test("Vue under the README's CSP without `vue` in trusted-types: the browser refuses Vue's policy and the case screen breaks off", async () => {
    const { page } = await newPage(browser);
    const refused = page.waitForEvent('console', { predicate: (message) => message.text().includes("TrustedTypePolicy named 'vue'") });
    const failed = page.waitForEvent('pageerror');
    await page.goto(await serve('vue', readmeCsp));
    await refused;
    assert.match(String(await failed), /TrustedHTML/, 'mounting fails where Vue writes its static markup');
    assert.equal(await page.getByRole('heading', { name: 'Zaak Z-2024-01873' }).count(), 0, 'the case is not on screen');
    assert.equal(await page.locator('signaal-button').count(), 0, 'nor is the button');
    await page.close();
  });
});
