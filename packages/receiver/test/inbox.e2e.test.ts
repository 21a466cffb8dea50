/**
 * The officer's inbox end to end in real headless Chromium, on the demo server: sign in, find the
 * signal, answer it, and the reporter's status call shows the answer. Axe on every page, and the
 * same flow by keyboard alone. Needs `npm run build` (the inbox's dist).
 *
 * The reporter's side is either two small SDK steps (`report` and `reporterSees`) or the widget
 * itself: reporting in its dialog and reading the answer in its "my signals" view.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createClient, type Receipt } from '@signaal/sdk';
import { demoOfficer, startDemo, type Demo } from '../src/demo-server.js';
import { hashPassword, type OfficerAccount } from '../src/officers.js';
import {
  brokenWords,
  expectNoAxeViolations,
  focused,
  freePort,
  launchChromium,
  openMySignals,
  openWidget,
  pageScrollsSideways,
  pressKeys,
  reportInWidget,
  tabTo,
} from './browser-harness.js';
import { newDataDir, newSignal, testKeyring } from './receiver-harness.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const canary = 'CANARY-e2e-0c41';
/** Every element that holds running text in the inbox. */
const everyText = 'h1, h2, h3, p, li, dt, dd, th, td, label, legend, a, button, strong, span';
/** Someone from management: sees the figures, never a signal. */
const manager = { username: 'manager', password: 'manager-demo-password', name: 'Joost Bakker' } as const;

describe("the officer's inbox in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let demo: Demo;
  let page: Page;
  let dataDir: string;
  let problems: string[];
  let officers: OfficerAccount[];

  before(async () => {
    browser = await launchChromium();
    officers = [
      { username: demoOfficer.username, name: demoOfficer.name, passwordHash: await hashPassword(demoOfficer.password) },
      { username: manager.username, name: manager.name, passwordHash: await hashPassword(manager.password), role: 'management' },
    ];
  });
  after(() => browser.close());

  beforeEach(async () => {
    dataDir = newDataDir();
    demo = await startDemo({
      port: await freePort(),
      dataDir,
      examplesDir: fixtures,
      keyring: testKeyring,
      onMail: () => {
        // The mail is not what these tests read.
      },
      officers,
    });
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
      reporter: {
        name: 'Pieter Jansen',
        department: 'Burgerzaken',
        phone: '06 1234 5678',
        callback: { how: 'phone', when: 'dinsdagochtend' },
      },
    });
  }

  /** What the employee sees of their signal later. */
  async function reporterSees(receipt: Receipt) {
    return createClient({ endpoint: `${demo.url}/api` }).status(receipt);
  }

  /**
   * Many employees' signals at once, each from an address of its own: the API takes 60 requests a
   * minute per address. Through the receiver's real route, injected; answers the references.
   */
  async function reportMany(count: number, kind: 'signal' | 'sparring' = 'signal'): Promise<string[]> {
    const references: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const signal = newSignal({ kind, description: `Signaal ${index + 1}: ${canary}`, reporter: { name: 'Pieter Jansen' } });
      const response = await demo.app.inject({
        method: 'POST',
        url: '/api/signals',
        headers: { 'content-type': 'application/json', 'idempotency-key': signal.id },
        payload: signal,
        remoteAddress: `192.0.2.${index + 1}`,
      });
      assert.equal(response.statusCode, 201, response.body);
      references.push(response.json<Receipt>().reference);
    }
    return references;
  }

  async function signIn(password: string = demoOfficer.password, on: Page = page, username: string = demoOfficer.username) {
    await on.goto(`${demo.url}/inbox/`);
    await on.waitForURL(/\/inbox\/sign-in$/);
    await on.getByLabel('Gebruikersnaam').fill(username);
    await on.getByLabel('Wachtwoord').fill(password);
    await on.getByRole('button', { name: 'Inloggen' }).click();
  }

  /**
   * A field with an error, as the shared field templates mark it (the widget's too): invalid, and
   * described by its error, whose text is `error`. Answers the control's id.
   */
  async function expectInvalid(label: string, error: string): Promise<string> {
    const control = page.getByLabel(label);
    assert.equal(await control.getAttribute('aria-invalid'), 'true', `${label} is marked invalid`);
    const id = (await control.getAttribute('id')) ?? '';
    const describedBy = ((await control.getAttribute('aria-describedby')) ?? '').split(' ');
    assert.ok(describedBy.includes(`${id}-error`), `${label} is described by its error`);
    assert.equal((await page.locator(`#${id}-error`).textContent())?.trim(), error);
    return id;
  }

  /** On a signal's page, the officer forwards it to the police with a message for the reporter. */
  async function forward(on: Page, message: string) {
    await on.getByLabel('Doorgestuurd', { exact: true }).check();
    await on.getByLabel('Doorgestuurd naar').selectOption('police');
    await on.getByLabel(/Bericht aan de melder/).fill(message);
    await on.getByRole('button', { name: 'Opslaan' }).click();
    await on.getByRole('status').filter({ hasText: 'Opgeslagen. De status is nu: Doorgestuurd.' }).waitFor();
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

    await forward(page, 'Doorgegeven aan de politie. Dank je wel voor je signaal.');
    const overview = (term: string) => page.locator(`dt:text-is("${term}") + dd`).textContent();
    assert.equal((await overview('Behandeld door'))?.trim(), demoOfficer.name, 'who handled it');
    assert.equal((await overview('Laatst gewijzigd door'))?.trim(), demoOfficer.name, 'who changed it last');

    const status = await reporterSees(receipt);
    assert.equal(status.state, 'forwarded');
    assert.equal(status.message, 'Doorgegeven aan de politie. Dank je wel voor je signaal.');

    await page.getByRole('link', { name: 'Alle signalen' }).click();
    const handled = page.getByRole('row', { name: new RegExp(receipt.reference) });
    await handled.waitFor();
    assert.ok(((await handled.textContent()) ?? '').includes(demoOfficer.name), 'the list says who handled it');
    assert.deepEqual(problems, [], 'no console errors and no CSP or Trusted Types violations');
  });

  test('an employee reports through the widget, the officer forwards it with a message, and the employee sees both in "my signals"', async () => {
    const widgetUrl = `${demo.url}/examples/my-signals/`;
    await openWidget(page, widgetUrl);
    const reference = await reportInWidget(page, `Een uitzendkracht slaapt op de bouwplaats. ${canary}`);
    assert.match(reference, /^SG-/);
    assert.ok(await page.getByText('Kenmerk en code zijn in deze browser bewaard.').isVisible(), 'the receipt says it is kept');
    const kept = await page.evaluate(() =>
      Object.entries(localStorage)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n'),
    );
    assert.ok(kept.includes(reference), 'the receipt is kept in this browser');
    assert.ok(!kept.includes(canary), 'and nothing of what was typed');

    // The officer works in a browser of their own.
    const officerContext = await browser.newContext({ locale: 'nl-NL' });
    try {
      const officer = await officerContext.newPage();
      await signIn(demoOfficer.password, officer);
      await officer.getByRole('link', { name: reference }).click();
      await officer.getByRole('heading', { name: `Melding ${reference}` }).waitFor();
      await forward(officer, 'Doorgegeven aan de politie. Dank je wel voor je signaal.');
    } finally {
      await officerContext.close();
    }

    // Later, on a fresh page load: the employee opens "my signals" without starting a report.
    await openWidget(page, widgetUrl);
    await openMySignals(page);
    const item = page.locator('.receipt').filter({ hasText: reference });
    assert.equal((await item.locator('.state').textContent())?.trim(), 'Doorgestuurd');
    assert.equal((await item.locator('.message').textContent())?.trim(), 'Doorgegeven aan de politie. Dank je wel voor je signaal.');
    await expectNoAxeViolations(page, 'my signals');
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
    await expectNoAxeViolations(page);
  });

  test('signing in with empty fields: an error summary takes focus, each line leads to its field, marked invalid and described by its error; axe finds nothing', async () => {
    await page.goto(`${demo.url}/inbox/sign-in`);
    await page.getByLabel('Gebruikersnaam').waitFor();
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const summary = page.getByRole('group', { name: 'Er ging iets mis' });
    await summary.waitFor();
    assert.equal((await focused(page))?.text.startsWith('Er ging iets mis'), true, 'the summary has focus');
    await expectInvalid('Gebruikersnaam', 'Vul je gebruikersnaam in.');
    await expectInvalid('Wachtwoord', 'Vul je wachtwoord in.');
    await expectNoAxeViolations(page, 'sign-in with empty fields');
    await summary.getByRole('link', { name: 'Vul je wachtwoord in.' }).click();
    assert.equal((await focused(page))?.id, 'password', 'the line moves focus to its field');
    await summary.getByRole('link', { name: 'Vul je gebruikersnaam in.' }).click();
    assert.equal((await focused(page))?.id, 'username');

    await page.getByLabel('Gebruikersnaam').fill(demoOfficer.username);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await summary.getByRole('link', { name: 'Vul je gebruikersnaam in.' }).waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Gebruikersnaam').getAttribute('aria-invalid'), null, 'a filled field is no longer invalid');
    await expectInvalid('Wachtwoord', 'Vul je wachtwoord in.');
    assert.match(page.url(), /\/inbox\/sign-in$/, 'nothing was sent');

    await page.getByLabel('Wachtwoord').fill(demoOfficer.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/inbox\/$/);
    assert.deepEqual(problems, []);
  });

  test('saving "Doorgestuurd" without a destination: the error summary takes focus and leads to the destination, marked invalid and described by its hint and error; axe finds nothing; with one it saves', async () => {
    const receipt = await report();
    await signIn();
    await page.getByRole('link', { name: receipt.reference }).click();
    await page.getByRole('button', { name: 'Opslaan' }).waitFor();
    await page.getByLabel('Doorgestuurd', { exact: true }).check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const summary = page.getByRole('group', { name: 'Er ging iets mis' });
    await summary.waitFor();
    assert.equal((await focused(page))?.text.startsWith('Er ging iets mis'), true, 'the summary has focus');
    const id = await expectInvalid('Doorgestuurd naar', 'Kies waar het signaal naartoe is doorgestuurd.');
    const describedBy = (await page.getByLabel('Doorgestuurd naar').getAttribute('aria-describedby'))?.split(' ');
    assert.deepEqual(describedBy, [`${id}-hint`, `${id}-error`], 'by its hint and its error');
    assert.equal(await page.getByLabel(/Bericht aan de melder/).getAttribute('aria-invalid'), null, 'only the destination is invalid');
    await expectNoAxeViolations(page, 'detail with a missing destination');
    await summary.getByRole('link', { name: 'Kies waar het signaal naartoe is doorgestuurd.' }).click();
    assert.equal((await focused(page))?.id, id, 'the line moves focus to the destination');
    assert.equal((await reporterSees(receipt)).state, 'received', 'nothing was saved');

    await page.getByLabel('Doorgestuurd naar').selectOption('police');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen. De status is nu: Doorgestuurd.' }).waitFor();
    assert.equal(await summary.count(), 0, 'the summary is gone');
    assert.equal(await page.getByLabel('Doorgestuurd naar').getAttribute('aria-invalid'), null);
    assert.equal((await reporterSees(receipt)).state, 'forwarded');
    assert.deepEqual(problems, []);
  });

  test('axe finds no violations on the sign-in page, the list and the detail page, in Dutch and English', async () => {
    const receipt = await report();
    await page.goto(`${demo.url}/inbox/sign-in`);
    await page.getByLabel('Gebruikersnaam').waitFor();
    await expectNoAxeViolations(page, 'sign-in');
    await signIn();
    await page.getByRole('link', { name: receipt.reference }).waitFor();
    await expectNoAxeViolations(page, 'list');
    await page.getByRole('link', { name: receipt.reference }).click();
    await page.getByRole('button', { name: 'Opslaan' }).waitFor();
    await expectNoAxeViolations(page, 'detail');

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Save' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await expectNoAxeViolations(page, 'detail, English');
    await page.getByLabel('Forwarded', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('group', { name: 'Something went wrong' }).waitFor();
    await expectNoAxeViolations(page, 'detail with an error summary');
    await page.getByRole('link', { name: 'All signals' }).click();
    await page.getByRole('heading', { name: 'Signals and sparring requests' }).waitFor();
    await expectNoAxeViolations(page, 'list, English');
    assert.deepEqual(problems, []);
  });

  test('the officer removes the content of a signal sent by mistake: asked first in a dialog, Annuleren and Escape keep it, Verwijderen removes it', async () => {
    const receipt = await report();
    await signIn();
    await page.getByRole('link', { name: receipt.reference }).click();
    await page.getByText(canary, { exact: false }).waitFor();
    const removeButton = page.getByRole('button', { name: 'Inhoud nu verwijderen' });
    const dialog = page.getByRole('dialog', { name: 'Inhoud nu verwijderen?' });

    await removeButton.click();
    await dialog.waitFor();
    const asked = (await dialog.textContent()) ?? '';
    assert.match(asked, /gegevens van de melder en je bericht aan de melder worden voorgoed verwijderd/, 'says what goes');
    assert.match(asked, /status en de datums blijven bewaard/, 'and what stays');
    assert.match(asked, /De melder ziet de status nog wel/);
    assert.equal((await focused(page))?.text, 'Annuleren', 'focus starts on Annuleren');
    await expectNoAxeViolations(page, 'the dialog');

    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await focused(page))?.text, 'Inhoud nu verwijderen', 'focus returns to the button');
    assert.ok(await page.getByText(canary, { exact: false }).isVisible(), 'Annuleren keeps the content');

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await focused(page))?.text, 'Inhoud nu verwijderen', 'Escape cancels, and focus returns to the button');
    assert.ok(await page.getByText(canary, { exact: false }).isVisible(), 'Escape keeps the content');

    await removeButton.click();
    await dialog.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'De inhoud is verwijderd. De status blijft: Ontvangen.' }).waitFor();
    const notice = page.getByText(/^De inhoud van dit signaal is op .+ verwijderd\. Status en datums blijven bewaard\.$/);
    await notice.waitFor();
    assert.match((await focused(page))?.text ?? '', /^De inhoud van dit signaal is op/, 'focus moves to the notice, as the button is gone');
    assert.equal(await page.getByText(canary, { exact: false }).count(), 0, 'the content is gone from the page');
    assert.equal(await page.getByText('Pieter Jansen').count(), 0, "and the reporter's details");
    assert.equal(await removeButton.count(), 0, 'the button is offered only while content is kept');
    assert.equal(
      await page
        .getByRole('listitem')
        .filter({ hasText: `${demoOfficer.username} inhoud verwijderd` })
        .count(),
      1,
      'the log shows who removed it',
    );
    await expectNoAxeViolations(page, 'after removal');

    const status = await reporterSees(receipt);
    assert.equal(status.state, 'received', 'the reporter still sees the state');
    assert.deepEqual(problems, [], 'no console errors and no CSP or Trusted Types violations');
  });

  /** The references listed on this page of the list, in order. */
  async function listedReferences(on: Page = page): Promise<string[]> {
    return on.locator('signaal-inbox-list tbody td.reference').allTextContents();
  }

  /** Every text and attribute value on the page, through open shadow roots. */
  function pageText(on: Page = page): Promise<string> {
    return on.evaluate(() => {
      const texts: string[] = [];
      const roots: Array<Document | ShadowRoot> = [document];
      // An array's iterator also visits what is pushed while it runs.
      for (const root of roots) {
        for (const element of root.querySelectorAll('*')) {
          for (const node of element.childNodes) if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
          for (const name of element.getAttributeNames()) texts.push(element.getAttribute(name) ?? '');
          if (element.shadowRoot) roots.push(element.shadowRoot);
        }
      }
      return texts.join('\n');
    });
  }

  test('the officer pages through 61 signals, 50 to a page: the status says where, the address keeps only filters and page, Back goes back', async () => {
    const references = await reportMany(61);
    await signIn();
    await page.waitForURL(/\/inbox\/$/);
    const status = page.locator('signaal-inbox-list p[role="status"]');
    await status.filter({ hasText: 'Pagina 1 van 2 (61 signalen)' }).waitFor();
    const first = await listedReferences();
    assert.equal(first.length, 50, '50 on the first page');
    assert.deepEqual(first, references.slice(-50).reverse(), 'newest first');
    assert.equal(await page.getByRole('link', { name: 'Vorige pagina' }).count(), 0, 'no previous page on the first');
    await expectNoAxeViolations(page, 'the first page');

    await page.getByRole('link', { name: 'Volgende pagina' }).click();
    await status.filter({ hasText: 'Pagina 2 van 2 (61 signalen)' }).waitFor();
    const second = await listedReferences();
    assert.deepEqual(second, references.slice(0, 11).reverse(), 'the second page has the other 11');
    assert.equal(new URL(page.url()).search, '?page=2', 'the address says which page, and nothing else');
    assert.match((await focused(page))?.text ?? '', /Vorige pagina$/, 'focus moves to Vorige pagina, as Volgende pagina is gone');
    await expectNoAxeViolations(page, 'the second page');

    await page.reload();
    await status.filter({ hasText: 'Pagina 2 van 2 (61 signalen)' }).waitFor();
    assert.deepEqual(await listedReferences(), second, 'a reload shows the same page');
    await page.goBack();
    await status.filter({ hasText: 'Pagina 1 van 2 (61 signalen)' }).waitFor();
    assert.deepEqual(await listedReferences(), first, 'Back shows the first page again');
    assert.equal(new URL(page.url()).search, '');
    assert.deepEqual(problems, [], 'no console errors and no CSP or Trusted Types violations');
  });

  test('the officer searches by the start of a reference, with or without SG-; a start no reference has, and one with other signs, are said plainly', async () => {
    const references = await reportMany(55);
    const wanted = references[3]!;
    await signIn();
    const status = page.locator('signaal-inbox-list p[role="status"]');
    await status.filter({ hasText: 'Pagina 1 van 2 (55 signalen)' }).waitFor();

    const search = page.getByLabel('Zoek op kenmerk');
    await search.fill(wanted.slice(3, 8).toLowerCase());
    await page.getByRole('button', { name: 'Toon' }).click();
    const start = wanted.slice(0, 8);
    await status.filter({ hasText: /^\d+ signa(al|len)$/ }).waitFor();
    const found = await listedReferences();
    assert.ok(found.includes(wanted), `${start} finds ${wanted}`);
    assert.ok(
      found.every((reference) => reference.startsWith(start)),
      'and only references that start so',
    );
    assert.equal(
      (await status.textContent())?.trim(),
      found.length === 1 ? '1 signaal' : `${found.length} signalen`,
      'the count is announced',
    );
    assert.equal(await search.inputValue(), start, 'the field shows what was searched for');
    assert.deepEqual([...new URL(page.url()).searchParams.keys()], ['reference'], 'the address holds the search and nothing else');
    assert.equal(new URL(page.url()).searchParams.get('reference'), start);
    await expectNoAxeViolations(page, 'search results');

    await search.fill('SG-1');
    await page.getByRole('button', { name: 'Toon' }).click();
    await status.filter({ hasText: 'Geen signalen met een kenmerk dat zo begint.' }).waitFor();
    assert.equal(await page.locator('signaal-inbox-list table').count(), 0);
    assert.ok(await page.getByRole('link', { name: 'Toon alle signalen' }).isVisible());

    await search.fill('SG 7K!');
    await page.getByRole('button', { name: 'Toon' }).click();
    const summary = page.getByRole('group', { name: 'Er ging iets mis' });
    await summary.waitFor();
    assert.match((await focused(page))?.text ?? '', /alleen letters, cijfers en streepjes/, 'the error summary takes focus');
    assert.equal(await search.getAttribute('aria-invalid'), 'true');
    await summary.getByRole('link', { name: /alleen letters, cijfers en streepjes/ }).click();
    assert.equal((await focused(page))?.id, 'reference', 'the summary line leads to the search field');
    await expectNoAxeViolations(page, 'a search that cannot be a reference');

    await page.getByRole('link', { name: 'Toon alle signalen' }).click();
    await status.filter({ hasText: 'Pagina 1 van 2 (55 signalen)' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('management sees only the figures: counts per month or quarter, small counts as <5 with why, a CSV download, and no signal anywhere', async () => {
    const signals = await reportMany(6, 'signal');
    const sparring = await reportMany(2, 'sparring');
    await signIn(manager.password, page, manager.username);
    await page.waitForURL(/\/inbox\/figures$/);
    const status = page.locator('signaal-inbox-figures p[role="status"]');
    await status.filter({ hasText: 'Je ziet de cijfers per maand.' }).waitFor();

    assert.match(
      (await page.locator('signaal-inbox header').textContent()) ?? '',
      /Ingelogd als\s*Joost Bakker\s*\(management\)/,
      'who is signed in, and as what',
    );
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    assert.deepEqual(await menu.getByRole('link').allTextContents(), ['Cijfers'], 'the menu offers only the figures');

    const now = new Date();
    const year = now.getUTCFullYear();
    const month = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(now);
    const received = page.getByRole('table', { name: `Binnengekomen in ${year}` });
    await received.waitFor();
    const columns = await received.locator('thead th').allTextContents();
    assert.deepEqual(columns, [
      'Periode',
      'Totaal',
      'Meldingen',
      'Sparverzoeken',
      'Binnen 7 dagen bevestigd',
      'Binnen 3 maanden teruggekoppeld',
    ]);
    assert.equal(await received.locator('tbody tr').count(), now.getUTCMonth() + 1, 'every month of this year so far');
    const row = received.getByRole('row', { name: new RegExp(`^${month}`) });
    // What is seen: the part hidden from screen readers where there is one.
    const cells = await row
      .locator('td')
      .evaluateAll((elements) => elements.map((element) => (element.querySelector('[aria-hidden="true"]') ?? element).textContent?.trim()));
    assert.deepEqual(cells.slice(0, 3), ['8', '6', '<5'], '8 in all, 6 reports, and 2 sparring requests shown as <5');
    assert.equal(await row.getByText('minder dan 5').count(), 1, 'said in words to a screen reader');
    assert.match(
      (await page.locator('signaal-inbox-figures .note').textContent()) ?? '',
      /kleiner dan 5 \(maar niet 0\), dan staat er <5\. .*raden om welk signaal/,
      'why small counts are hidden',
    );
    const csv = page.getByRole('link', { name: 'Download de cijfers per maand (CSV)' });
    assert.match((await csv.getAttribute('href')) ?? '', /\/inbox\/api\/export\?unit=month&format=csv$/);
    const download = await page.request.get(`${demo.url}${await csv.getAttribute('href')}`);
    assert.equal(download.status(), 200);
    assert.match(await download.text(), new RegExp(`^${year}-\\d{2},8,6,<5,`, 'm'), 'the CSV holds the same counts');
    await expectNoAxeViolations(page, 'figures per month');

    const text = await pageText();
    for (const reference of [...signals, ...sparring]) assert.ok(!text.includes(reference), `no reference on the page (${reference})`);
    assert.ok(!text.includes(canary) && !text.includes('Pieter Jansen'), 'no content and no reporter on the page');
    assert.equal(await page.locator('signaal-inbox-list, signaal-inbox-detail').count(), 0, 'no list and no signal');

    await page.getByLabel('Per kwartaal').check();
    await status.filter({ hasText: 'Je ziet de cijfers per kwartaal.' }).waitFor();
    assert.equal(new URL(page.url()).search, '?unit=quarter');
    const quarterRow = page
      .getByRole('table', { name: `Binnengekomen in ${year}` })
      .getByRole('row', { name: new RegExp(`^${Math.floor(now.getUTCMonth() / 3) + 1}e kwartaal ${year}`) });
    assert.equal(await quarterRow.count(), 1);
    assert.ok(await page.getByRole('link', { name: 'Download de cijfers per kwartaal (CSV)' }).isVisible());
    await expectNoAxeViolations(page, 'figures per quarter');

    await page.goto(`${demo.url}/inbox/`);
    await page.waitForURL(/\/inbox\/figures$/);
    await page.goto(`${demo.url}/inbox/signals/${signals[0]}`);
    await page.waitForURL(/\/inbox\/figures$/);
    await status.filter({ hasText: 'Je ziet de cijfers per maand.' }).waitFor();
    assert.ok(!(await pageText()).includes(canary), 'asking for a signal shows the figures instead');
    assert.deepEqual(problems, [], 'no console errors and no CSP or Trusted Types violations');
  });

  test('an officer reaches the figures from the menu and sees the exact counts', async () => {
    await reportMany(2, 'sparring');
    await signIn();
    await page.waitForURL(/\/inbox\/$/);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cijfers' }).click();
    await page.waitForURL(/\/inbox\/figures$/);
    assert.equal(await page.getByRole('link', { name: 'Cijfers', exact: true }).getAttribute('aria-current'), 'page');
    const now = new Date();
    const month = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(now);
    const row = page
      .getByRole('table', { name: `Binnengekomen in ${now.getUTCFullYear()}` })
      .getByRole('row', { name: new RegExp(`^${month}`) });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 3), ['2', '0', '2'], 'officers see small counts as they are');
    assert.match((await page.locator('signaal-inbox-figures .note').textContent()) ?? '', /Jij ziet de precieze aantallen/);
    assert.match((await page.locator('signaal-inbox header').textContent()) ?? '', /\(aandachtsfunctionaris\)/);
    await expectNoAxeViolations(page, 'figures for an officer');
    await page.getByRole('link', { name: 'Signalen', exact: true }).click();
    await page.waitForURL(/\/inbox\/$/);
    assert.deepEqual(problems, []);
  });

  test('at 320 px and at 1280 px the list reflows with no word broken inside, and the page never scrolls sideways (WCAG 1.4.10, 1.4.4)', async () => {
    const receipt = await report();
    await createClient({ endpoint: `${demo.url}/api` }).submit({
      kind: 'sparring',
      description: 'Ik twijfel over een arbeidsbemiddelingsbureau dat huisvesting regelt voor seizoenswerkers.',
      reporter: { name: 'Fatima El Amrani', department: 'Werk en Inkomen' },
    });
    await page.setViewportSize({ width: 320, height: 720 });
    await signIn();
    await page.getByRole('link', { name: receipt.reference }).waitFor();
    assert.deepEqual(await brokenWords(page), [], 'no word broken at 320 px');
    assert.deepEqual(await brokenWords(page, everyText), [], 'nor anywhere else on the page');
    assert.equal(await pageScrollsSideways(page), false, 'the page does not scroll sideways at 320 px');
    await expectNoAxeViolations(page, 'the list at 320 px');

    await page.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(await brokenWords(page), [], 'no word broken at 1280 px');
    assert.equal(await pageScrollsSideways(page), false);

    await page.setViewportSize({ width: 320, height: 720 });
    await page.getByRole('link', { name: receipt.reference }).click();
    await page.getByRole('button', { name: 'Opslaan' }).waitFor();
    assert.deepEqual(await brokenWords(page, everyText), [], 'no word broken on the detail page at 320 px');
    assert.equal(await pageScrollsSideways(page), false, 'the detail page does not scroll sideways at 320 px');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cijfers' }).click();
    await page.getByRole('table', { name: /^Binnengekomen in/ }).waitFor();
    assert.deepEqual(await brokenWords(page, everyText), [], 'no word broken in the figures at 320 px');
    assert.equal(await pageScrollsSideways(page), false, 'the figures do not scroll sideways at 320 px');
    assert.ok(await page.getByText('De tabel is breder dan je scherm.').first().isVisible(), 'a table wider than the screen says so');
    await expectNoAxeViolations(page, 'the figures at 320 px');
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
