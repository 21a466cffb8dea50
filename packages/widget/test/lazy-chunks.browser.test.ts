// The chunks loaded on demand (each language's texts, the HTTP client, "good to know", "my
// signals"), on a host page in a frame of its own, so each test starts with an empty module map:
// the script-tag entry only, as on a municipality's intranet. The page can fail chosen chunks,
// each held in its loading state until the test lets it fail (see fixtures/lazy.html).
import { expect, waitUntil } from '@open-wc/testing';
import type { SignaalForm } from '../src/signaal-form.js';
import { backendState, expectNoAxeViolations, fill, openMySignals, part, text } from './helpers.js';

type LazyWindow = Window &
  typeof globalThis & {
    signaalRenders: string[];
    signaalPageErrors: string[];
    signaalConsoleErrors: string[];
    signaalAskedChunks: string[];
    signaalReleaseChunks(): void;
  };

const frames: HTMLIFrameElement[] = [];

/** Opens the host page in a frame; `broken` names the chunks its server fails (see fixtures/lazy.html). */
async function loadPage(lang: string, broken = '', extra = ''): Promise<{ win: LazyWindow; form: SignaalForm; run: string }> {
  const frame = document.createElement('iframe');
  const run = crypto.randomUUID();
  frame.style.inlineSize = '800px';
  frame.style.blockSize = '900px';
  frame.src = `/packages/widget/test/fixtures/lazy.html?lang=${lang}&run=${run}&broken=${broken}${extra}`;
  document.body.append(frame);
  frames.push(frame);
  // Not the load event: Firefox holds it until pending dynamic imports settle, past the loading states.
  const rendered = () => frame.contentDocument?.querySelector('signaal-form')?.shadowRoot?.querySelector('.stack');
  await waitUntil(rendered, 'the form did not render', { timeout: 10_000 });
  return { win: frame.contentWindow as LazyWindow, form: frame.contentDocument!.querySelector('signaal-form')!, run };
}

const requested = (win: Window, path: string) =>
  win.performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.includes(path));
const englishModule = '/src/messages/en.';
const mySignalsModule = '/src/signaal-my-signals.';
const deliveryModule = '/src/delivery.';
const infoModule = '/src/messages/info.';
const status = (form: SignaalForm) => text(part(form, '[role="status"]'));

/** What the flaky backend stored for a page's run. */
const stored = async (run: string): Promise<Record<string, number>> => (await backendState(run)).stored;

/** Types a description and presses send, as the employee would. */
function send(form: SignaalForm, description: string): void {
  fill(form, '#f-description', description);
  part<HTMLButtonElement>(form, '[part="submit"]')!.click();
}

/** Opens the first section of "good to know". */
function openInfo(form: SignaalForm): HTMLDetailsElement {
  const section = part<HTMLDetailsElement>(form, '.info details')!;
  section.querySelector('summary')!.click();
  return section;
}

// Words only the Dutch texts have: none of them may show on an English page.
const dutch = /Signaal doorgeven|Acuut gevaar|Instellingen laden|Goed om te weten|Het formulier wordt geladen/;

describe('chunks loaded on demand', () => {
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  it('shows an English page in English from its first render, once the English texts have loaded', async () => {
    const { win, form } = await loadPage('en');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    expect(requested(win, englishModule), 'the English texts were fetched').to.equal(true);
    expect(win.signaalRenders.length).to.be.greaterThan(0);
    for (const render of win.signaalRenders) expect(render).not.to.match(dutch);
    expect(win.signaalRenders[0], 'the first render').to.match(/^(Loading the form…|Pass on a signal)/);
    expect(text(part(form, '.emergency'))).to.equal('Acute danger? Call 112.');
    expect(part(form, '.stack')!.lang).to.equal('en');
    await expectNoAxeViolations(form);
  });

  it('does not fetch the English texts on a Dutch page', async () => {
    const { win, form } = await loadPage('nl');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    expect(text(part(form, '.emergency'))).to.equal('Acuut gevaar? Bel 112.');
    expect(requested(win, '/src/signaal-form.'), 'the resource entries see module requests').to.equal(true);
    expect(requested(win, '/src/messages/nl.'), 'the Dutch texts are their own module').to.equal(true);
    expect(requested(win, englishModule)).to.equal(false);
  });

  it('switches to English when the lang attribute changes, without a half-translated render', async () => {
    const { win, form } = await loadPage('nl');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    const before = win.signaalRenders.length;
    form.setAttribute('lang', 'en');
    await waitUntil(() => text(part(form, '.emergency')) === 'Acute danger? Call 112.', 'the form did not switch to English', {
      timeout: 10_000,
    });
    expect(text(part(form, '[part="submit"]'))).to.equal('Send');
    for (const render of win.signaalRenders.slice(before)) {
      expect(render.includes('Acuut gevaar') && /Pass on a signal|Good to know/.test(render), 'Dutch and English at once').to.equal(false);
    }
    form.setAttribute('lang', 'nl');
    await waitUntil(() => text(part(form, '.emergency')) === 'Acuut gevaar? Bel 112.', 'the form did not switch back to Dutch');
  });

  it('loads my signals only when the section is first opened, and it works after loading', async () => {
    const { win, form } = await loadPage('nl');
    await waitUntil(() => part(form, '#f-mine'), 'no my signals section', { timeout: 10_000 });
    expect(requested(win, mySignalsModule), 'not before opening').to.equal(false);
    await openMySignals(form);
    await waitUntil(() => part(form, '#f-lookupReference'), 'the my signals view did not load', { timeout: 10_000 });
    expect(requested(win, mySignalsModule)).to.equal(true);
    await expectNoAxeViolations(form);

    fill(form, '#f-lookupToken', 'te kort');
    const field = part<HTMLInputElement>(form, '#f-lookupToken')!;
    part<HTMLButtonElement>(form, '.lookup button[type="submit"]')!.click();
    await waitUntil(() => part(form, '#f-lookup-summary'), 'no error summary');
    expect(text(part(form, '#f-lookup-summary'))).to.contain('Vul de code in zoals je die kreeg.');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
  });
});

describe('chunks loaded on demand: sending and "good to know"', () => {
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  it('fetches the HTTP client when the form with an endpoint opens, to ask GET /config once, and then delivers', async () => {
    const { win, form, run } = await loadPage('nl');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    await waitUntil(async () => (await backendState(run)).configRequests === 1, 'the form did not ask GET /config', { timeout: 10_000 });
    expect(requested(win, deliveryModule), 'on opening, for GET /config').to.equal(true);
    expect((await backendState(run)).requests, 'nothing else on opening').to.equal(0);
    send(form, 'Een klant lijkt bang voor de man die meekwam.');
    await waitUntil(() => part(form, '.panel.success'), 'no receipt', { timeout: 10_000 });
    expect(requested(win, deliveryModule)).to.equal(true);
    expect(text(part(form, '.reference'))).to.match(/^SG-/);
    expect(Object.values(await stored(run))).to.deep.equal([1]);
    expect((await backendState(run)).configRequests, 'GET /config still once').to.equal(1);
    await expectNoAxeViolations(form);
  });

  it('fetches the bodies of "good to know" when a section is first opened', async () => {
    const { win, form } = await loadPage('nl');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    expect(requested(win, infoModule), 'not on opening').to.equal(false);
    expect(text(part(form, '.info'))).to.contain('Wat mag ik delen?');
    const section = openInfo(form);
    await waitUntil(() => text(section).includes('Gegevens die je voor je werk hebt'), 'the text did not arrive', { timeout: 10_000 });
    expect(requested(win, infoModule)).to.equal(true);
    expect(text(section)).not.to.contain('Even laden');
    await expectNoAxeViolations(form);
  });

  it('shows "good to know" in English on an English page', async () => {
    const { form } = await loadPage('en');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    const section = openInfo(form);
    await waitUntil(
      () => text(section).includes('What may I share?') && !text(section).includes('Loading…'),
      'the English text did not arrive',
      { timeout: 10_000 },
    );
    expect(text(section)).not.to.match(dutch);
  });
});

describe('chunks that fail to load', () => {
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  it('shows an English page in Dutch when the English texts cannot be loaded, without breaking the page', async () => {
    const { win, form } = await loadPage('en', 'en,my-signals');
    expect(text(part(form, '.stack')), 'the loading state is in English').to.equal('Loading the form…');
    await expectNoAxeViolations(form);
    expect(text(part(form, '.stack')), 'axe checked the loading state').to.equal('Loading the form…');
    win.signaalReleaseChunks();

    await waitUntil(() => part(form, '#f-description'), 'the form did not fall back to Dutch', { timeout: 10_000 });
    expect(win.signaalAskedChunks, 'the failing chunk was really asked for').to.include('en');
    expect(text(part(form, '.emergency'))).to.equal('Acuut gevaar? Bel 112.');
    expect(part(form, '.stack')!.lang).to.equal('nl');
    expect(win.signaalConsoleErrors.join('\n')).to.contain('The en texts could not be loaded');
    expect(win.signaalPageErrors).to.deep.equal([]);
    expect(win.document.querySelector('h1')!.textContent).to.equal('Zaakoverzicht');
    await expectNoAxeViolations(form);
  });

  it('says so inside my signals when its code cannot be loaded, and the form keeps working', async () => {
    const { win, form } = await loadPage('nl', 'en,my-signals');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    const mine = await openMySignals(form);
    await waitUntil(() => status(form) === 'Mijn meldingen laden…', 'the loading was not announced');
    expect(text(mine)).to.contain('Mijn meldingen laden…');
    await expectNoAxeViolations(form);
    expect(status(form), 'axe checked the loading state').to.equal('Mijn meldingen laden…');
    win.signaalReleaseChunks();

    const failed = 'Mijn meldingen konden niet worden geladen. Je kunt het opnieuw proberen; het formulier werkt gewoon.';
    await waitUntil(() => status(form) === failed, 'the failure was not announced', { timeout: 10_000 });
    expect(win.signaalAskedChunks, 'the failing chunk was really asked for').to.include('my-signals');
    expect(text(mine.querySelector('.error'))).to.equal(failed);
    expect(part(form, '#f-lookupReference')).to.equal(null);
    await expectNoAxeViolations(form);
    expect(win.signaalPageErrors).to.deep.equal([]);

    // Trying again asks again and announces the outcome again (a browser may keep the failed module).
    const region = part(form, '[role="status"]')!;
    const announcements: string[] = [];
    new win.MutationObserver(() => announcements.push(text(region))).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    [...mine.querySelectorAll('button')].find((button) => text(button) === 'Opnieuw proberen')!.click();
    await waitUntil(
      () => announcements.includes('Mijn meldingen laden…') && announcements.at(-1) === failed,
      'trying again was not announced',
      { timeout: 10_000 },
    );

    send(form, 'Het formulier werkt zonder mijn meldingen.');
    await waitUntil(() => part(form, '.panel.success'), 'no receipt', { timeout: 10_000 });
    expect(text(part(form, '.reference'))).to.match(/^SG-/);
  });

  it('keeps the draft and offers e-mail and copy when the HTTP client cannot be loaded at sending', async () => {
    const { win, form, run } = await loadPage('nl', 'delivery,info', '&mailbox=signalen@gemeente.example');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    const errors: Array<{ code: string; retryable: boolean }> = [];
    form.addEventListener('signaal-error', (event) => errors.push({ code: event.code, retryable: event.retryable }));
    send(form, 'Signaal dat niet weg mag raken.');
    await waitUntil(() => status(form) === 'Je signaal wordt verstuurd…', 'sending was not announced');
    win.signaalReleaseChunks();
    await waitUntil(() => part(form, '.panel.failure'), 'no failure panel', { timeout: 15_000 });
    expect(win.signaalAskedChunks, 'the failing chunk was really asked for').to.include('delivery');
    const failure = part(form, '.panel.failure')!;
    expect(text(failure.querySelector('.reason'))).to.equal('Er is nu geen verbinding met de server.');
    const mail = failure.querySelector<HTMLAnchorElement>('a[href^="mailto:"]')!;
    expect(decodeURIComponent(mail.href)).to.contain('Signaal dat niet weg mag raken.');
    expect([...failure.querySelectorAll('button')].map((button) => text(button))).to.include.members([
      'Opnieuw proberen',
      'Tekst kopiëren',
    ]);
    expect(Object.keys(await stored(run))).to.deep.equal([]);
    expect(errors, 'the host hears of a failure it may retry').to.deep.equal([{ code: 'network', retryable: true }]);
    expect(win.signaalPageErrors).to.deep.equal([]);
    await expectNoAxeViolations(form);

    [...failure.querySelectorAll('button')].find((button) => text(button) === 'Terug naar het formulier')!.click();
    await waitUntil(
      () => part<HTMLTextAreaElement>(form, '#f-description')?.value === 'Signaal dat niet weg mag raken.',
      'the draft was lost',
    );
  });

  it('says so inside "good to know" when its texts cannot be loaded, and the rest keeps working', async () => {
    const { win, form } = await loadPage('nl', 'delivery,info');
    await waitUntil(() => part(form, '#f-description'), 'the form did not become ready', { timeout: 10_000 });
    const section = openInfo(form);
    expect(text(section)).to.contain('Even laden…');
    win.signaalReleaseChunks();
    const failed = 'Dit kon niet worden geladen. Sluit het en open het opnieuw om het nog eens te proberen.';
    await waitUntil(() => status(form) === failed, 'the failure was not announced', { timeout: 15_000 });
    expect(text(section.querySelector('.error'))).to.equal(failed);
    expect(win.signaalPageErrors).to.deep.equal([]);
    await expectNoAxeViolations(form);
    expect(text(part(form, '.emergency'))).to.equal('Acuut gevaar? Bel 112.');
  });

  it('shows an English page in Dutch when only the Dutch texts arrive, and says the form could not load when neither does', async () => {
    const { win, form } = await loadPage('en', 'nl,en');
    expect(text(part(form, '.stack')), 'the loading state is in English').to.equal('Loading the form…');
    win.signaalReleaseChunks();
    const failed = 'The form could not be loaded. Please try again later. Acute danger? Call 112.';
    await waitUntil(() => status(form) === failed, 'the failure was not shown', { timeout: 15_000 });
    expect(win.signaalAskedChunks, 'English, then Dutch').to.deep.equal(['en', 'nl']);
    expect(win.signaalConsoleErrors.join('\n')).to.contain('The texts of the form could not be loaded');
    expect(win.signaalPageErrors).to.deep.equal([]);
    expect(win.document.querySelector('h1')!.textContent).to.equal('Zaakoverzicht');
    await expectNoAxeViolations(form);
  });
});
