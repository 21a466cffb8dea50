/**
 * End to end in real headless Chromium: the widget's script-tag build on a page served by the
 * demo server, talking to the real receiver. Needs `npm run build` (the widget's dist).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../src/demo-server.js';
import { freePort, launchChromium, openWidget } from './browser-harness.js';
import { newDataDir, storedSignals as rows, testKeyring } from './receiver-harness.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('the widget against the real receiver', () => {
  let browser: Browser;
  let demo: Demo | undefined;
  let page: Page;
  let port: number;
  let dataDir: string;
  const mails: string[] = [];
  const apiRequests: string[] = [];

  const start = async () => {
    demo = await startDemo({ port, dataDir, examplesDir: fixtures, keyring: testKeyring, onMail: (line) => mails.push(line) });
  };

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser.close());

  beforeEach(async () => {
    port = await freePort();
    dataDir = newDataDir();
    mails.length = 0;
    apiRequests.length = 0;
    await start();
    page = await browser.newPage();
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
  });
  afterEach(async () => {
    await page.close();
    await demo?.close();
    demo = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const openForm = (path: string) => openWidget(page, `http://localhost:${port}/examples/${path}/`);

  test('an employee reports a signal and sees its reference; the officer gets a mail without content', async () => {
    await openForm('report');
    const mailed = demo!.catcher.next();
    await page.getByLabel(/Wat heb je gezien of gehoord/).fill('Vier mensen slapen in de kantine van de autowasstraat.');
    await page.getByRole('button', { name: 'Versturen' }).click();
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    assert.match(reference, /^SG-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);

    const stored = rows(dataDir);
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.kind, 'signal');
    assert.match(stored[0]?.content ?? '', /kantine van de autowasstraat/);
    assert.ok((await mailed).raw.includes(reference));
    assert.ok(!(await mailed).raw.includes('autowasstraat'), 'the mail carries no content');
    // The page sets `endpoint`: opening the form asks the backend's configuration once, then the signal goes.
    assert.deepEqual(apiRequests, ['GET /api/config', 'POST /api/signals']);
  });

  test('an employee asks for a sparring conversation', async () => {
    await openForm('report');
    await page.getByLabel('Eerst even overleggen (sparren)').check();
    await page.getByLabel(/Waarover wil je overleggen/).fill('Ik twijfel over een huisbezoek van vanochtend.');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByRole('heading', { name: 'Dank je wel. Je vraag is ontvangen.' }).waitFor();
    assert.match((await page.locator('.reference').textContent()) ?? '', /^\s*SG-/);
    const stored = rows(dataDir);
    assert.deepEqual(
      stored.map((row) => row.kind),
      ['sparring'],
    );
    assert.doesNotMatch(stored[0]?.content ?? '', /"indicators"|"place"|"caseReference"/, 'a sparring request carries no citizen data');
  });

  test("takes the officer's card and the endpoint from the receiver's GET /config, and delivers there", async () => {
    await openForm('remote-config');
    await page.getByText('Sanne de Vries').first().waitFor();
    await page.getByLabel(/Wat heb je gezien of gehoord/).fill('Een signaal via de configuratie van de server.');
    await page.getByRole('button', { name: 'Versturen' }).click();
    assert.match((await page.locator('.reference').textContent()) ?? '', /^\s*SG-/);
    assert.deepEqual(apiRequests, ['GET /api/config', 'POST /api/signals']);
    assert.equal(rows(dataDir).length, 1);
  });

  test('with only a mailbox, the employee gets an e-mail ready to send and nothing reaches the receiver', async () => {
    await openForm('mailbox');
    await page.getByLabel(/Wat heb je gezien of gehoord/).fill('Een klant werkt zeven dagen per week zonder loon.');
    await page.getByRole('button', { name: 'E-mail klaarzetten' }).click();
    const link = page.getByRole('link', { name: 'E-mail openen' });
    const href = (await link.getAttribute('href')) ?? '';
    assert.match(href, /^mailto:aandachtsfunctionaris@gemeente\.example\?subject=/);
    assert.ok(decodeURIComponent(href).includes('zeven dagen per week'));
    assert.deepEqual(apiRequests, []);
    assert.equal(rows(dataDir).length, 0);
  });

  test('keeps the draft while the receiver is down, and after a restart "try again" stores it exactly once', async () => {
    const text = 'Een uitzendkracht vertelde dat zijn paspoort is ingenomen.';
    await openForm('report');
    await page.getByLabel(/Wat heb je gezien of gehoord/).fill(text);
    await demo!.close();
    demo = undefined;

    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByRole('heading', { name: 'Je signaal is nog niet verstuurd' }).waitFor();
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /nog niet verstuurd/, 'the failure is announced');
    await page.getByRole('button', { name: 'Terug naar het formulier' }).click();
    assert.equal(await page.getByLabel(/Wat heb je gezien of gehoord/).inputValue(), text, 'the draft is kept');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByRole('heading', { name: 'Je signaal is nog niet verstuurd' }).waitFor();

    await start();
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    assert.match(reference, /^SG-/);
    const stored = rows(dataDir);
    assert.equal(stored.length, 1, 'stored exactly once');
    assert.equal((JSON.parse(stored[0]!.content) as { description: string }).description, text, 'the kept draft is what arrived');
  });
});
