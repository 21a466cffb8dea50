/**
 * The README's demo, end to end in headless Chromium: the repository's own examples, served by
 * the demo server, deliver to the real receiver. What a newcomer does after `npm start`.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { startDemo, type Demo } from '../src/demo-server.js';
import { expectNoAxeViolations, freePort, launchChromium, reportInWidget } from './browser-harness.js';
import { newDataDir, storedSignals, testKeyring } from './receiver-harness.js';

/** The officer's card in `scope`: the demo officer's name, and a photo that loaded (a broken or blocked image rejects `decode()`). */
async function expectOfficerWithPhoto(scope: Locator): Promise<void> {
  const card = scope.locator('[part="officer"]');
  await card.getByText('Sanne de Vries').waitFor();
  const photo = card.locator('img');
  assert.equal(await photo.getAttribute('alt'), 'Foto van Sanne de Vries');
  assert.ok(await photo.evaluate(async (image: HTMLImageElement) => (await image.decode(), image.naturalWidth > 0)), 'the photo loaded');
}

describe('the demo with the repository examples', () => {
  let browser: Browser;
  let demo: Demo;
  let page: Page;
  let dataDir: string;
  const problems: string[] = [];

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser.close());

  beforeEach(async () => {
    dataDir = newDataDir();
    problems.length = 0;
    demo = await startDemo({
      port: await freePort(),
      dataDir,
      keyring: testKeyring,
      onMail: () => {
        // The mail is not what these tests read.
      },
    });
    page = await browser.newPage();
    // A page error, a failed load (also of the favicon) or a CSP violation shows in the console.
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterEach(async () => {
    await page.close();
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('GET /config names the officer with a photo that the demo serves itself', async () => {
    const config = (await (await fetch(`${demo.url}/api/config`)).json()) as { officer?: { name: string; role?: string; photo?: string } };
    assert.equal(config.officer?.name, 'Sanne de Vries');
    assert.equal(config.officer?.role, 'Aandachtsfunctionaris mensenhandel');
    assert.equal(config.officer?.photo, `${demo.url}/demo/officer.svg`);
    const photo = await fetch(config.officer?.photo ?? '');
    assert.equal(photo.status, 200);
    assert.match(photo.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(await photo.text(), /^<svg /);
  });

  test('the index page links the examples a browser can open as they are, and not the ones that need Vite', async () => {
    await page.goto(demo.url);
    for (const name of ['script-tag', 'case-system']) {
      const href = await page.locator(`a[href$="/examples/${name}/"]`).first().getAttribute('href');
      assert.ok(href, `the index links examples/${name}/`);
    }
    for (const name of ['react', 'vue'])
      assert.equal(await page.locator(`a[href$="/examples/${name}/"]`).count(), 0, `no link to examples/${name}/`);
    assert.match((await page.locator('main').textContent()) ?? '', /docs\/frameworks\.md/);
    assert.deepEqual(problems, []);
  });

  test('script-tag example: a newcomer clicks the button, sends a signal and sees its reference', async () => {
    await page.goto(`${demo.url}/examples/script-tag/`);
    // The page has the button twice: in a news item and floating in the corner.
    await page.getByRole('region', { name: 'Nieuws' }).getByRole('button', { name: 'Signaal doorgeven' }).click();
    await page.getByRole('dialog').waitFor();
    // The page sets only `endpoint`: the officer's card, with the demo's photo, comes from GET /config.
    await expectOfficerWithPhoto(page.getByRole('dialog'));
    const reference = await reportInWidget(page, 'Drie jongens staan elke ochtend om vijf uur te wachten op een busje.');
    assert.match(reference, /^SG-/);
    const stored = storedSignals(dataDir);
    assert.equal(stored.length, 1);
    assert.match(stored[0]?.content ?? '', /busje/);
    await expectNoAxeViolations(page);
    assert.deepEqual(problems, []);
  });

  test('case-system example: the inline form carries the employee and the case into the signal', async () => {
    await page.goto(`${demo.url}/examples/case-system/`);
    const panel = page.getByRole('complementary', { name: 'Signaal doorgeven' });
    await expectOfficerWithPhoto(panel);
    await panel
      .getByLabel(/Wat heb je gezien of gehoord/)
      .fill('Elf mensen ingeschreven op één adres; een man deed het woord voor iedereen.');
    await panel.getByRole('button', { name: 'Versturen' }).click();
    await panel.getByRole('heading', { name: 'Dank je wel. Je signaal is ontvangen.' }).waitFor();
    assert.match((await panel.locator('.reference').first().textContent()) ?? '', /SG-/);
    const stored = storedSignals(dataDir);
    assert.equal(stored.length, 1);
    assert.match(stored[0]?.content ?? '', /Z-2024-01873/, 'the case reference from the case screen');
    assert.match(stored[0]?.content ?? '', /Anouk Jansen/, 'the employee from the case screen');
    await expectNoAxeViolations(page);
    assert.deepEqual(problems, []);
  });
});
