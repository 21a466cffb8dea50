/**
 * The officer's inbox end to end in real headless Chromium, on the demo server: sign in, find the
 * signal, answer it, and the reporter's status call shows the answer. Axe on every page, and the
 * same flow by keyboard alone. Needs `npm run build` (the inbox's dist).
 *
 * The reporter's side is two small steps (`report` and `reporterSees`), so the widget's
 * "my signals" view can take their place later.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createClient, type Receipt } from '@signaal/sdk';
import { demoOfficer, startDemo, type Demo } from '../src/demo-server.js';
import { newDataDir } from './receiver-harness.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const canary = 'CANARY-e2e-0c41';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs axe (WCAG 2.1 A and AA) on the page as it is now; returns the violations, described. */
async function axeViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol, so the page's strict CSP does not block the injected script.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
  return violations;
}

/** The focused element, through open shadow roots. */
function focused(page: Page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return undefined;
    const input = element as HTMLInputElement;
    return {
      tag: element.tagName.toLowerCase(),
      type: input.type ?? '',
      id: element.id,
      value: input.value ?? '',
      checked: Boolean(input.checked),
      text: (element.textContent ?? '').trim(),
      label: (input.labels?.[0]?.textContent ?? '').trim(),
    };
  });
}

/** Presses Tab until `matches` holds for the focused element; fails after 40 presses. */
async function tabTo(page: Page, matches: (element: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, what: string) {
  for (let press = 0; press < 40; press += 1) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (element && matches(element)) return element;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Types text one key press at a time. */
async function pressKeys(page: Page, text: string) {
  for (const char of text) await page.keyboard.press(char === ' ' ? 'Space' : char);
}

describe("the officer's inbox in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let demo: Demo;
  let page: Page;
  let dataDir: string;
  let problems: string[];

  before(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(() => browser.close());

  beforeEach(async () => {
    dataDir = newDataDir();
    demo = await startDemo({ port: await freePort(), dataDir, examplesDir: fixtures, secret: Buffer.alloc(32, 2), onMail: () => {} });
    context = await browser.newContext({ locale: 'nl-NL' });
    page = await context.newPage();
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterEach(async () => {
    await context.close();
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The employee's side: a signal sent through the SDK, as the widget does. */
  async function report(): Promise<Receipt> {
    const client = createClient({ endpoint: `${demo.url}/api` });
    return client.submit({
      kind: 'signal',
      description: `Vier mensen slapen in de kantine van de autowasstraat. ${canary}`,
      indicators: ['no-own-id', 'housing-via-employer'],
      setting: 'counter',
      reporter: { name: 'Pieter Jansen', department: 'Burgerzaken', phone: '06 1234 5678', callback: { how: 'phone', when: 'dinsdagochtend' } },
    });
  }

  /** What the employee sees of their signal later. */
  async function reporterSees(receipt: Receipt) {
    return createClient({ endpoint: `${demo.url}/api` }).status(receipt);
  }

  async function signIn(password: string = demoOfficer.password) {
    await page.goto(`${demo.url}/inbox/`);
    await page.waitForURL(/\/inbox\/sign-in$/);
    await page.getByLabel('Gebruikersnaam').fill(demoOfficer.username);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }

  test('the officer signs in, sees the signal, forwards it with a message, and the reporter sees both', async () => {
    const receipt = await report();
    await signIn();
    await page.waitForURL(/\/inbox\/$/);
    await page.getByText('Ingelogd als').waitFor();
    const row = page.getByRole('row', { name: new RegExp(receipt.reference) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Melding.*Ontvangen/s);
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /1 signaal/);

    await page.getByRole('link', { name: receipt.reference }).click();
    await page.getByRole('heading', { name: `Melding ${receipt.reference}` }).waitFor();
    await page.getByText(canary, { exact: false }).waitFor();
    assert.ok(await page.getByText('Heeft eigen identiteitsbewijs niet in bezit').isVisible(), 'indicator labels, not ids');
    assert.ok(await page.getByText('Woont bij of via de werkgever').isVisible());
    assert.ok(await page.getByRole('link', { name: '06 1234 5678' }).isVisible(), "the reporter's phone");
    assert.ok(await page.getByText('dinsdagochtend').isVisible(), 'callback wishes');

    await page.getByLabel('Doorgestuurd', { exact: true }).check();
    await page.getByLabel('Doorgestuurd naar').selectOption('police');
    await page.getByLabel(/Bericht aan de melder/).fill('Doorgegeven aan de politie. Dank je wel voor je signaal.');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen. De status is nu: Doorgestuurd.' }).waitFor();

    const status = await reporterSees(receipt);
    assert.equal(status.state, 'forwarded');
    assert.equal(status.message, 'Doorgegeven aan de politie. Dank je wel voor je signaal.');
    assert.deepEqual(problems, [], 'no console errors and no CSP or Trusted Types violations');
  });

  test('the session cookie is Secure, HttpOnly and SameSite=Strict, kept on http://localhost, and unreadable by script', async () => {
    await signIn();
    await page.waitForURL(/\/inbox\/$/);
    const [cookie] = (await context.cookies()).filter((entry) => entry.name === 'signaal_session');
    assert.ok(cookie, 'Chromium kept the Secure cookie on localhost');
    assert.equal(cookie.secure, true);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/inbox');
    assert.ok(!(await page.evaluate(() => document.cookie)).includes('signaal_session'));

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/inbox\/sign-in$/);
    await page.goto(`${demo.url}/inbox/`);
    await page.waitForURL(/\/inbox\/sign-in$/, { timeout: 5_000 });
  });

  test('a wrong password shows an error summary that takes focus, and no content', async () => {
    const receipt = await report();
    await signIn('not the right password');
    const summary = page.getByRole('group', { name: 'Er ging iets mis' });
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /Gebruikersnaam of wachtwoord klopt niet/);
    assert.equal((await focused(page))?.text.startsWith('Er ging iets mis'), true, 'the summary has focus');
    assert.ok(!(await page.content()).includes(receipt.reference));
    assert.deepEqual(await axeViolations(page), []);
  });

  test('axe finds no violations on the sign-in page, the list and the detail page, in Dutch and English', async () => {
    const receipt = await report();
    await page.goto(`${demo.url}/inbox/sign-in`);
    await page.getByLabel('Gebruikersnaam').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'sign-in');
    await signIn();
    await page.getByRole('link', { name: receipt.reference }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'list');
    await page.getByRole('link', { name: receipt.reference }).click();
    await page.getByRole('button', { name: 'Opslaan' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'detail');

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(await axeViolations(page), [], 'detail, English');
    await page.getByLabel('Forwarded', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('group', { name: 'Something went wrong' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'detail with an error summary');
    await page.getByRole('link', { name: 'All signals' }).click();
    await page.getByRole('heading', { name: 'Signals and sparring requests' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'list, English');
    assert.deepEqual(problems, []);
  });

  test('by keyboard alone: sign in, open the signal, set it in progress; a missing destination is refused first', async () => {
    const receipt = await report();
    await page.goto(`${demo.url}/inbox/sign-in`);
    await page.getByLabel('Gebruikersnaam').waitFor();
    assert.equal((await focused(page))?.id, 'username', 'the sign-in page starts in the username field');
    await pressKeys(page, demoOfficer.username);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.id, 'password');
    await pressKeys(page, demoOfficer.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox\/$/);
    await page.getByRole('link', { name: receipt.reference }).waitFor();

    await tabTo(page, (element) => element.tag === 'a' && element.text === receipt.reference, 'the signal link');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Opslaan' }).waitFor();

    const radio = await tabTo(page, (element) => element.type === 'radio', 'the state radios');
    assert.equal(radio.label, 'Ontvangen', 'Tab lands on the current state');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page))?.label, 'Doorgestuurd');
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Opslaan', 'the save button');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Er ging iets mis' }).waitFor();
    assert.match((await focused(page))?.text ?? '', /Kies waar het signaal naartoe is doorgestuurd/, 'the error summary takes focus');
    assert.equal((await reporterSees(receipt)).state, 'received', 'nothing was saved');

    await page.keyboard.press('Shift+Tab');
    const back = await tabTo(page, (element) => element.type === 'radio', 'the state radios again');
    assert.equal(back.label, 'Doorgestuurd');
    await page.keyboard.press('ArrowUp');
    assert.equal((await focused(page))?.label, 'In behandeling');
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Opslaan', 'the save button');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Opgeslagen. De status is nu: In behandeling.' }).waitFor();
    assert.equal((await reporterSees(receipt)).state, 'in-progress');
  });
});
