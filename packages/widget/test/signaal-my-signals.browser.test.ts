import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Receipt } from '@signaal/sdk';
import type { SignaalSubmittedEvent } from '../src/events.js';
import { receiptStoreKey } from '../src/receipt-store.js';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { deepActive, expectNoAxeViolations, fill, flaky, open, openMySignals, panel, part, storageDump, submit, text } from './helpers.js';

const stored = (): unknown => JSON.parse(localStorage.getItem(receiptStoreKey) ?? 'null');
const status = (form: SignaalForm) => text(part(form, '[role="status"]'));

async function button(config: Record<string, unknown>): Promise<SignaalButton> {
  return fixture<SignaalButton>(html`<signaal-button .config=${config} .clientOptions=${{ retry: false }}></signaal-button>`);
}

/** Types a description and sends it; resolves with the receipt the form announced. */
async function deliver(form: SignaalForm, description = 'Vier mensen slapen in de kantine.'): Promise<Receipt> {
  fill(form, '#f-description', description);
  const submitted = oneEvent<SignaalSubmittedEvent>(form, 'signaal-submitted');
  await submit(form);
  const { receipt } = await submitted;
  await panel(form, '.success');
  return receipt;
}

/** Opens "my signals" as a click on its summary would, and waits until its view has loaded. */
async function openMine(form: SignaalForm): Promise<HTMLDetailsElement> {
  const mine = await openMySignals(form);
  await waitUntil(() => part(form, '#f-mine .lookup'), 'the my signals view did not load', { timeout: 10_000 });
  return mine;
}

const receipts = (form: SignaalForm) => [...form.shadowRoot!.querySelectorAll<HTMLLIElement>('.receipt')];

describe('<signaal-my-signals>, "my signals"', () => {
  beforeEach(() => localStorage.removeItem(receiptStoreKey));
  afterEach(() => localStorage.removeItem(receiptStoreKey));

  it('keeps only reference, token, time and kind after delivery when keepReceipts is on, and says so', async () => {
    const canary = `kanarie${crypto.randomUUID().replaceAll('-', '')}`;
    const el = await button({ endpoint: flaky().endpoint, keepReceipts: true });
    const form = await open(el);
    const receipt = await deliver(form, `Beschrijving ${canary}`);

    expect(stored()).to.deep.equal([
      { reference: receipt.reference, token: receipt.statusToken, receivedAt: receipt.receivedAt, kind: 'signal' },
    ]);
    expect(storageDump(localStorage)).not.to.contain(canary);
    expect(storageDump(sessionStorage)).not.to.contain(canary);
    const success = part(form, '.panel.success')!;
    expect(text(success)).to.contain('Kenmerk en code zijn in deze browser bewaard.');
    expect(success.querySelector('.token'), 'the token is not shown when it is kept').to.equal(null);
    await expectNoAxeViolations(el);
  });

  it('writes nothing when keepReceipts is off, and shows the token to note instead', async () => {
    const before = storageDump(localStorage);
    const el = await button({ endpoint: flaky().endpoint });
    const form = await open(el);
    const receipt = await deliver(form);

    expect(storageDump(localStorage)).to.equal(before);
    expect(stored()).to.equal(null);
    const success = part(form, '.panel.success')!;
    expect(text(success.querySelector('.token'))).to.equal(receipt.statusToken);
    expect(text(success)).to.contain('Noteer het kenmerk en de code.');
    await openMine(form);
    expect(receipts(form), 'nothing is listed without kept receipts').to.have.length(0);
    expect(part(form, '#f-lookupReference')).to.not.equal(null);
  });

  it("shows the state, the time it changed and the officer's message of a kept receipt, and forgets it at once", async () => {
    const el = await button({ endpoint: flaky().endpoint, keepReceipts: true });
    const form = await open(el);
    const receipt = await deliver(form);
    await openMine(form);
    await waitUntil(() => status(form) === 'De status is bijgewerkt.', 'the refresh was not announced', { timeout: 10_000 });

    const [item] = receipts(form);
    expect(receipts(form)).to.have.length(1);
    expect(text(item!.querySelector('.reference'))).to.equal(receipt.reference);
    expect(text(item!.querySelector('.state'))).to.equal('In behandeling');
    expect(text(item!.querySelector('.message'))).to.equal('Bedankt, ik pak het op.');
    expect(text(item)).to.contain('Gewijzigd');
    expect(text(item)).not.to.contain(receipt.statusToken);
    await expectNoAxeViolations(el);

    const forget = [...item!.querySelectorAll('button')].find((candidate) => text(candidate).startsWith('Vergeten'))!;
    expect(text(forget)).to.equal(`Vergeten ${receipt.reference}`);
    forget.click();
    await waitUntil(() => receipts(form).length === 0, 'the receipt stayed in the list');
    expect(stored()).to.equal(null);
    expect(status(form)).to.equal(`Melding ${receipt.reference} is vergeten in deze browser.`);
    expect(text(deepActive())).to.equal('Mijn meldingen');
  });

  it('shows a failed status beside its receipt without hiding the others, and skips foreign entries', async () => {
    const el = await button({ endpoint: flaky().endpoint, keepReceipts: true });
    const form = await open(el);
    const receipt = await deliver(form);
    const kept = stored() as unknown[];
    const stranger = { reference: 'SG-NIET-BEKEND', token: 'x'.repeat(32), receivedAt: '2026-03-01T09:00:00Z', kind: 'sparring' };
    localStorage.setItem(receiptStoreKey, JSON.stringify([...kept, stranger, { reference: 'SG-RAAR', description: 'geen bon' }, 42, null]));
    await openMine(form);
    await waitUntil(() => status(form) === 'Niet elke status kon worden opgehaald.', 'the partial failure was not announced', {
      timeout: 10_000,
    });

    const items = receipts(form);
    expect(items.map((item) => text(item.querySelector('.reference')))).to.deep.equal([receipt.reference, 'SG-NIET-BEKEND']);
    expect(text(items[0]!.querySelector('.state'))).to.equal('In behandeling');
    expect(text(items[1]!.querySelector('.error'))).to.equal(
      'Geen melding gevonden met dit kenmerk en deze code. Controleer ze en probeer het opnieuw.',
    );
    expect(text(items[1])).to.contain('Vraag om overleg');
    await expectNoAxeViolations(el);
  });

  it('opens with unreadable stored data, and still delivers when storage throws', async () => {
    localStorage.setItem(receiptStoreKey, '{kapot');
    const descriptor = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    const el = await button({ endpoint: flaky().endpoint, keepReceipts: true });
    const form = await open(el);
    await openMine(form);
    expect(receipts(form)).to.have.length(0);
    expect(part(form, '#f-lookupReference')).to.not.equal(null);

    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      const receipt = await deliver(form);
      const success = part(form, '.panel.success')!;
      expect(text(success.querySelector('.token')), 'not kept, so the token is shown to note').to.equal(receipt.statusToken);
    } finally {
      Object.defineProperty(window, 'localStorage', descriptor);
    }
  });

  it('looks up a typed reference and token, and says plainly when they do not match', async () => {
    const backend = flaky();
    const el = await button({ endpoint: backend.endpoint });
    const form = await open(el);
    const receipt = await deliver(form);
    const urlBefore = location.href;
    await openMine(form);
    const token = part<HTMLInputElement>(form, '#f-lookupToken')!;
    expect(token.type).to.equal('password');
    expect(token.autocomplete).to.equal('off');
    expect(text(part(form, 'label[for="f-lookupToken"]'))).to.equal('Code (verplicht)');

    fill(form, '#f-lookupReference', receipt.reference);
    fill(form, '#f-lookupToken', 'x'.repeat(22));
    part<HTMLButtonElement>(form, '.lookup button[type="submit"]')!.click();
    const notFound = 'Geen melding gevonden met dit kenmerk en deze code. Controleer ze en probeer het opnieuw.';
    await waitUntil(() => status(form) === notFound, 'the failed lookup was not announced', { timeout: 10_000 });
    expect(text(receipts(form)[0]!.querySelector('.error'))).to.equal(notFound);
    await expectNoAxeViolations(el);

    fill(form, '#f-lookupToken', ` ${receipt.statusToken} `);
    part<HTMLButtonElement>(form, '.lookup button[type="submit"]')!.click();
    await waitUntil(() => receipts(form)[0]?.querySelector('.state'), 'the status did not show', { timeout: 10_000 });
    expect(text(receipts(form)[0]!.querySelector('.state'))).to.equal('In behandeling');
    expect(text(receipts(form)[0]!.querySelector('.message'))).to.equal('Bedankt, ik pak het op.');
    expect(status(form)).to.equal('De status is bijgewerkt.');
    expect(receipts(form)[0]!.querySelector('button'), 'a looked-up receipt is not kept, so there is nothing to forget').to.equal(null);
    expect(location.href).to.equal(urlBefore);
    expect(stored()).to.equal(null);
  });

  it('validates the lookup with an error summary that takes focus and links to the fields', async () => {
    const backend = flaky();
    const el = await button({ endpoint: backend.endpoint });
    const form = await open(el);
    await openMine(form);
    fill(form, '#f-lookupToken', 'te kort');
    part<HTMLButtonElement>(form, '.lookup button[type="submit"]')!.click();
    await waitUntil(() => deepActive()?.id === 'f-lookup-summary', 'the error summary did not take focus');
    const links = [...part(form, '#f-lookup-summary')!.querySelectorAll('a')];
    expect(links.map(text)).to.deep.equal(['Vul het kenmerk in, bijvoorbeeld SG-4K7P-2QX9.', 'Vul de code in zoals je die kreeg.']);
    expect(part(form, '#f-lookupToken')!.getAttribute('aria-invalid')).to.equal('true');
    await expectNoAxeViolations(el);
    links[1]!.click();
    expect(deepActive()?.id).to.equal('f-lookupToken');
    expect((await backend.state()).requests, 'nothing was sent').to.equal(0);
  });

  it('shows figures only with showStats, fetched when my signals opens and not before', async () => {
    const backend = flaky();
    const el = await button({ endpoint: backend.endpoint, showStats: true });
    const form = await open(el);
    const opened = await backend.state();
    expect(
      [opened.configRequests, opened.requests],
      'with config given, opening the form asks nothing, not even GET /config',
    ).to.deep.equal([0, 0]);
    await deliver(form);
    await openMine(form);
    await waitUntil(() => part(form, 'dl.stats'), 'no figures', { timeout: 10_000 });
    expect(text(part(form, '#f-stats-title'))).to.equal(
      `Cijfers sinds ${new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long' }).format(new Date('2026-01-01T00:00:00Z'))}`,
    );
    expect([...part(form, 'dl.stats')!.querySelectorAll('dt, dd')].map(text)).to.deep.equal([
      'Doorgegeven',
      'minder dan 5 signalen',
      'Doorgestuurd naar een andere organisatie',
      '0 signalen',
    ]);
    await expectNoAxeViolations(el);

    const quiet = flaky();
    const without = await button({ endpoint: quiet.endpoint });
    const plain = await open(without);
    await openMine(plain);
    await plain.updateComplete;
    expect(part(plain, 'dl.stats')).to.equal(null);
    expect(text(part(plain, '#f-mine'))).not.to.contain('Cijfers');
    expect((await quiet.state()).requests, 'no /stats request without showStats').to.equal(0);
  });

  it('hides the figures quietly when /stats fails', async () => {
    const backend = flaky('500', 99);
    const el = await button({ endpoint: backend.endpoint, showStats: true });
    const form = await open(el);
    await openMine(form);
    await waitUntil(async () => (await backend.state()).requests === 1, 'no /stats request');
    await waitUntil(() => !text(part(form, '#f-mine')).includes('Cijfers laden…'), 'the figures kept loading', { timeout: 10_000 });
    expect(part(form, 'dl.stats')).to.equal(null);
    expect(form.shadowRoot!.querySelector('#f-mine .error')).to.equal(null);
  });

  it('is reachable by keyboard alone: open my signals and look up a receipt', async () => {
    const backend = flaky();
    const el = await button({ endpoint: backend.endpoint });
    const form = await open(el);
    const receipt = await deliver(form);
    part<HTMLElement>(form, '.panel-heading')!.focus();
    for (let press = 0; press < 10 && text(deepActive()) !== 'Mijn meldingen'; press++) await sendKeys({ press: 'Tab' });
    expect(text(deepActive())).to.equal('Mijn meldingen');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part<HTMLDetailsElement>(form, '#f-mine')!.open, 'Enter did not open my signals');
    await waitUntil(() => part(form, '#f-lookupReference'), 'the my signals view did not load', { timeout: 10_000 });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('f-lookupReference');
    await sendKeys({ type: receipt.reference });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('f-lookupToken');
    await sendKeys({ type: receipt.statusToken });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => receipts(form)[0]?.querySelector('.state'), 'the status did not show', { timeout: 10_000 });
    expect(text(receipts(form)[0]!.querySelector('.state'))).to.equal('In behandeling');
  });
});
