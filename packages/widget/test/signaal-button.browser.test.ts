import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalSubmittedEvent, SignaalErrorEvent, SignaalSubmitEvent } from '../src/events.js';
import { deepActive, dialog, fill, flaky, formIn, open, panel, part, settled, submit, text, trigger } from './helpers.js';

/** Four quick retries, so a failing backend fails within the test's time. */
const fastRetry = { retry: { limit: 4, backoffLimit: 50 }, timeout: 3_000 };

describe('<signaal-button>', () => {
  it('shows a neutral trigger and passes axe while closed', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
    expect(text(trigger(el))).to.equal('Signaal doorgeven');
    expect(text(trigger(el)).toLowerCase()).not.to.contain('mensenhandel');
    expect(dialog(el).open).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('uses the label attribute as the trigger text', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button label="Zorg delen" mailbox="signalen@gemeente.example"></signaal-button>`);
    expect(text(trigger(el))).to.equal('Zorg delen');
  });

  it('opens a modal dialog labelled by its heading, with focus on the description and 112 in view', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
    const opened = oneEvent(el, 'signaal-open');
    const form = await open(el);
    await opened;
    const box = dialog(el);
    expect(box.open).to.equal(true);
    expect(box.matches(':modal')).to.equal(true);
    const heading = el.shadowRoot!.getElementById(box.getAttribute('aria-labelledby')!);
    expect(text(heading)).to.equal('Signaal doorgeven');
    expect(text(part(form, '.emergency'))).to.equal('Acuut gevaar? Bel 112.');
    expect(text(part(form, 'label[for="f-description"]'))).to.contain('(verplicht)');
    await expect(el).to.be.accessible();
  });

  it('delivers a signal and shows the validated receipt with its reference', async () => {
    const backend = flaky();
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
    const form = await open(el);
    fill(form, '#f-description', 'Drie mannen wachten elke ochtend op een busje.');
    const submitted = oneEvent(el, 'signaal-submitted') as Promise<SignaalSubmittedEvent>;
    await submit(form);
    const { receipt } = await submitted;
    const success = await panel(form, '.success');
    expect(text(success)).to.contain('Dank je wel. Je signaal is ontvangen.');
    expect(text(part(form, '.reference'))).to.equal(receipt.reference);
    expect(deepActive()).to.equal(part(form, '.panel-heading'));
    expect(Object.values((await backend.state()).stored)).to.deep.equal([1]);
    await expect(el).to.be.accessible();
  });

  it('lets the host add context and stop delivery through signaal-submit', async () => {
    const backend = flaky();
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
    const form = await open(el);
    fill(form, '#f-description', 'Iemand anders voerde steeds het woord.');
    el.addEventListener('signaal-submit', (event) => event.preventDefault(), { once: true });
    await submit(form);
    await waitUntil(() => text(part(form, '[role="status"]')).includes('tegengehouden'));
    expect((await backend.state()).requests).to.equal(0);
    el.addEventListener('signaal-submit', (event) => {
      if (event.draft.kind === 'signal') event.draft.caseReference = 'Z-2024-0042';
    }, { once: true });
    await submit(form);
    await panel(form, '.success');
    expect((await backend.state()).requests).to.equal(1);
  });

  it('locks the form while sending, announces it, and a second click sends nothing twice', async () => {
    const backend = flaky('slow', 1);
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
    const form = await open(el);
    fill(form, '#f-description', 'Een man sliep in de bedrijfsbus.');
    const send = part<HTMLButtonElement>(form, '[part="submit"]')!;
    send.click();
    send.click();
    await form.updateComplete;
    expect(send.getAttribute('aria-disabled')).to.equal('true');
    expect([...form.shadowRoot!.querySelectorAll<HTMLInputElement>('.plain input, .plain textarea, .plain select')].every((control) => control.disabled)).to.equal(true);
    expect(text(part(form, '[role="status"]'))).to.contain('wordt verstuurd');
    await expect(el).to.be.accessible();
    send.click();
    await panel(form, '.success');
    const state = await backend.state();
    expect(Object.values(state.stored)).to.deep.equal([1]);
  });

  it('keeps the draft on failure, says why, and a retry stores the signal exactly once', async () => {
    // The backend stores every attempt but answers too late three times: the SDK's own retries
    // give up, the employee tries again, and the same idempotency key finds the stored copy.
    const backend = flaky('slow', 3);
    const options = { timeout: 500, retry: { limit: 2, backoffLimit: 50 } };
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint} mailbox="signalen@gemeente.example" .clientOptions=${options}></signaal-button>`);
    const form = await open(el);
    fill(form, '#f-description', 'Zij had haar eigen paspoort niet bij zich.');
    const failed = oneEvent(el, 'signaal-error') as Promise<SignaalErrorEvent>;
    await submit(form);
    const error = await failed;
    expect(error.code).to.equal('timeout');
    expect(error.retryable).to.equal(true);
    const failure = await panel(form, '.failure');
    expect(text(failure)).to.contain('Je signaal is nog niet verstuurd');
    expect(text(failure)).to.contain('De server reageerde niet op tijd.');
    expect(deepActive()).to.equal(part(form, '.panel-heading'));
    const mail = part<HTMLAnchorElement>(form, '.failure a.button-link')!;
    expect(mail.href).to.match(/^mailto:signalen@gemeente\.example\?/);
    expect(decodeURIComponent(mail.href)).to.contain('Zij had haar eigen paspoort niet bij zich.');
    expect(form.hasUnsentText).to.equal(true);
    await expect(el).to.be.accessible();

    const retry = [...form.shadowRoot!.querySelectorAll('.failure button')].find((button) => text(button) === 'Opnieuw proberen') as HTMLButtonElement;
    retry.click();
    await panel(form, '.success');
    const state = await backend.state();
    expect(Object.values(state.stored)).to.deep.equal([1]);
    expect(state.requests).to.equal(4);
    expect(form.hasUnsentText).to.equal(false);
  });

  it('keeps the draft across closing and reopening after a failure', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky('500', 99).endpoint} .clientOptions=${{ retry: false }}></signaal-button>`);
    const form = await open(el);
    fill(form, '#f-description', 'Bewaar mij.');
    await submit(form);
    expect(text(await panel(form, '.failure'))).to.contain('De server heeft een storing.');
    el.hide();
    await waitUntil(() => !dialog(el).open);
    expect(deepActive()).to.equal(trigger(el));
    trigger(el).click();
    await waitUntil(() => dialog(el).open);
    expect(text(part(form, '.failure'))).to.contain('nog niet verstuurd');
    const back = [...form.shadowRoot!.querySelectorAll('.failure button')].find((button) => text(button) === 'Terug naar het formulier') as HTMLButtonElement;
    back.click();
    await form.updateComplete;
    expect(part<HTMLTextAreaElement>(form, '#f-description')!.value).to.equal('Bewaar mij.');
  });

  it('goes back to the form with the draft after a rejected delivery', async () => {
    const backend = flaky('400', 1);
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
    const form = await open(el);
    fill(form, '#f-description', 'Veel mensen op een adres.');
    await submit(form);
    expect(text(await panel(form, '.failure'))).to.contain('niet aangenomen');
    const back = [...form.shadowRoot!.querySelectorAll('.failure button')].find((button) => text(button) === 'Terug naar het formulier') as HTMLButtonElement;
    back.click();
    await form.updateComplete;
    expect(part<HTMLTextAreaElement>(form, '#f-description')!.value).to.equal('Veel mensen op een adres.');
    fill(form, '#f-description', 'Veel mensen op een adres, steeds andere namen.');
    await submit(form);
    await panel(form, '.success');
    expect(Object.values((await backend.state()).stored)).to.deep.equal([1]);
  });

  it('shows an error summary that takes focus and links to the field', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
    const form = await open(el);
    fill(form, '#f-description', '   ');
    await submit(form);
    await waitUntil(() => deepActive()?.classList.contains('error-summary'));
    const link = part<HTMLAnchorElement>(form, '.error-summary a')!;
    expect(text(link)).to.equal('Schrijf kort op wat je zag of hoorde.');
    expect(part(form, '#f-description')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    link.click();
    expect(deepActive()).to.equal(part(form, '#f-description'));
    expect(location.hash).to.equal('');
  });

  it('opens the section with an invalid e-mail address and links to it', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
    const form = await open(el);
    fill(form, '#f-description', 'Iets gezien.');
    part<HTMLDetailsElement>(form, 'details.section:nth-of-type(2)')!.open = true;
    await form.updateComplete;
    fill(form, '#f-email', 'geen-adres');
    await submit(form);
    await waitUntil(() => part(form, '.error-summary a[href="#f-email"]'));
    part<HTMLAnchorElement>(form, '.error-summary a[href="#f-email"]')!.click();
    expect(deepActive()).to.equal(part(form, '#f-email'));
  });

  it('offers sparring without questions about citizens', async () => {
    const backend = flaky();
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
    const form = await open(el);
    part<HTMLInputElement>(form, 'input[name="kind"][value="sparring"]')!.click();
    await form.updateComplete;
    expect(text(part(form, 'label[for="f-description"]'))).to.contain('Waarover wil je overleggen?');
    expect(part(form, '#f-place')).to.equal(null);
    expect(part(form, '.chips')).to.equal(null);
    await expect(el).to.be.accessible();
    fill(form, '#f-description', 'Ik twijfel over een klant.');
    await submit(form);
    expect(text(await panel(form, '.success'))).to.contain('Je vraag is ontvangen');
  });

  it('composes an e-mail when only a mailbox is configured, and sends no request', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button mailbox="signalen@gemeente.example"></signaal-button>`);
    const form = await open(el);
    expect(text(part(form, '[part="submit"]'))).to.equal('E-mail klaarzetten');
    fill(form, '#f-description', 'Werkt zes dagen per week, twaalf uur per dag.');
    await submit(form);
    const mailed = await panel(form, '');
    expect(text(mailed)).to.contain('Nog één stap');
    const link = part<HTMLAnchorElement>(form, '.panel a.button-link')!;
    expect(link.href.startsWith('mailto:signalen@gemeente.example?subject=')).to.equal(true);
    expect(deepActive()).to.equal(part(form, '.panel-heading'));
    await expect(el).to.be.accessible();
    const done = [...form.shadowRoot!.querySelectorAll('.panel button')].find((button) => text(button) === 'Ik heb de e-mail verstuurd') as HTMLButtonElement;
    done.click();
    expect(text(await panel(form, '.success'))).to.contain('Dank je wel');
    expect(form.hasUnsentText).to.equal(false);
  });

  it('shows a configuration error in the widget and logs one console error', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const el = await fixture<SignaalButton>(html`<signaal-button endpoint="http://signalen.example/api"></signaal-button>`);
      trigger(el).click();
      await waitUntil(() => formIn(el) && part(formIn(el)!, '.panel.failure'), 'no configuration error', { timeout: 10_000 });
      await settled(el);
      const form = formIn(el)!;
      expect(text(part(form, '.panel.failure'))).to.contain('Dit formulier werkt nu niet');
      expect(part(form, '#f-description')).to.equal(null);
      expect(text(part(form, '.info'))).to.contain('0800 5151');
      expect(errors).to.have.length(1);
      expect(String(errors[0]![1])).to.contain('endpoint');
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('opens to the configuration error, not a loading line, when given no configuration at all', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const el = await fixture<SignaalButton>(html`<signaal-button></signaal-button>`);
      const failed = oneEvent(el, 'signaal-error') as Promise<SignaalErrorEvent>;
      trigger(el).click();
      expect((await failed).code).to.equal('invalid-config');
      await waitUntil(() => formIn(el) && part(formIn(el)!, '.panel.failure'), 'no configuration error', { timeout: 10_000 });
      await settled(el);
      expect(text(part(formIn(el)!, '.stack'))).not.to.contain('Instellingen laden');
      expect(errors).to.have.length(1);
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('speaks English from the nearest lang and Dutch by default', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-GB"><signaal-button mailbox="signalen@gemeente.example"></signaal-button></div>`);
    const el = wrapper.querySelector('signaal-button')!;
    await el.updateComplete;
    expect(text(trigger(el))).to.equal('Pass on a signal');
    const form = await open(el);
    expect(text(part(form, '.emergency'))).to.equal('Acute danger? Call 112.');
    const own = await fixture<SignaalButton>(html`<div lang="en"><signaal-button lang="nl" mailbox="a@b.nl"></signaal-button></div>`);
    expect(text(trigger(own.querySelector('signaal-button')!))).to.equal('Signaal doorgeven');
  });

  it('switches the trigger and the open form when its lang attribute changes', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button mailbox="signalen@gemeente.example"></signaal-button>`);
    const form = await open(el);
    expect(text(part(form, '.emergency'))).to.equal('Acuut gevaar? Bel 112.');
    el.setAttribute('lang', 'en');
    await waitUntil(() => text(part(form, '.emergency')) === 'Acute danger? Call 112.', 'the form did not switch to English');
    expect(text(trigger(el))).to.equal('Pass on a signal');
    expect(text(part(form, '[part="submit"]'))).to.equal('Prepare the email');
    await expect(el).to.be.accessible();
  });

  it('replaces texts through the messages property and config.messages', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button
      .messages=${{ nl: { trigger: 'Zorgen delen', emergency: 'Nood? Bel 112.' } }}
      .config=${{ mailbox: 'signalen@gemeente.example', messages: { nl: { submitMail: 'Mail maken' } } }}
    ></signaal-button>`);
    expect(text(trigger(el))).to.equal('Zorgen delen');
    const form = await open(el);
    expect(text(part(form, '.emergency'))).to.equal('Nood? Bel 112.');
    expect(text(part(form, '[part="submit"]'))).to.equal('Mail maken');
  });

  it('prefills the reporter and case reference from the host', async () => {
    const backend = flaky();
    const el = await fixture<SignaalButton>(html`<signaal-button
      endpoint=${backend.endpoint}
      .reporter=${{ name: 'Anouk Jansen', email: 'a.jansen@gemeente.example' }}
      .context=${{ caseReference: 'Z-77', sourceSystem: 'Zaaksysteem' }}
    ></signaal-button>`);
    const form = await open(el);
    expect(part<HTMLInputElement>(form, '#f-name')!.value).to.equal('Anouk Jansen');
    expect(part<HTMLInputElement>(form, '#f-caseReference')!.value).to.equal('Z-77');
    fill(form, '#f-description', 'Bij huisbezoek: matrassen in de woonkamer.');
    const submitting = oneEvent(el, 'signaal-submit') as unknown as Promise<SignaalSubmitEvent>;
    await submit(form);
    const { draft } = await submitting;
    expect(draft).to.include({ kind: 'signal', caseReference: 'Z-77', sourceSystem: 'Zaaksysteem' });
    expect(draft.reporter).to.deep.include({ name: 'Anouk Jansen' });
    await panel(form, '.success');
  });

  it('offers anonymity only where allowed, with its caveat, and then sends no details', async () => {
    const backend = flaky();
    const el = await fixture<SignaalButton>(html`<signaal-button
      .config=${{ endpoint: backend.endpoint, allowAnonymous: true }}
      .reporter=${{ name: 'Anouk Jansen' }}
    ></signaal-button>`);
    const form = await open(el);
    const anonymous = part<HTMLInputElement>(form, 'input[value="anonymous"]')!;
    expect(part<HTMLInputElement>(form, 'input[value="confidential"]')!.checked).to.equal(true);
    expect(text(part(form, '#f-anonymous-caveat'))).to.contain('kan nog weten wie er was ingelogd');
    anonymous.click();
    fill(form, '#f-description', 'Anoniem doorgegeven.');
    const submitting = oneEvent(el, 'signaal-submit') as unknown as Promise<SignaalSubmitEvent>;
    await submit(form);
    const { draft } = await submitting;
    expect(draft.confidentiality).to.equal('anonymous');
    expect(draft.reporter).to.equal(undefined);
    await panel(form, '.success');

    const strict = await fixture<SignaalButton>(html`<signaal-button mailbox="a@b.nl"></signaal-button>`);
    expect(part(await open(strict), 'input[value="anonymous"]')).to.equal(null);
  });

  it('shows the officer card and keeps the help reachable', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button .config=${{
      mailbox: 'signalen@gemeente.example',
      officer: { name: 'Sanne de Vries', role: 'Aandachtsfunctionaris mensenhandel', photo: 'https://gemeente.example/sanne.jpg', phone: '14 020', email: 'sanne@gemeente.example' },
      externalReporting: 'municipality',
      resources: [{ kind: 'e-learning', title: 'E-learning signaleren', url: 'https://gemeente.example/e-learning' }],
    }}></signaal-button>`);
    const form = await open(el);
    const officer = part(form, '[part="officer"]')!;
    expect(text(officer)).to.contain('Sanne de Vries');
    expect(officer.querySelector('img')!.getAttribute('alt')).to.equal('Foto van Sanne de Vries');
    expect(officer.querySelector<HTMLAnchorElement>('a[href^="tel:"]')!.getAttribute('href')).to.equal('tel:14020');
    const info = part(form, '.info')!;
    // The bodies of "good to know" arrive with their own chunk, on the first opening of a section.
    expect(text(info)).to.contain('Vragen die vaak terugkomen');
    for (const summary of info.querySelectorAll<HTMLElement>('details > summary')) summary.click();
    await waitUntil(() => text(info).includes('Een signaal is geen beschuldiging'), 'the texts of "good to know" did not arrive');
    expect(text(info)).not.to.contain('Even laden');
    expect(text(info)).to.contain('meldt de gemeente het');
    expect(info.querySelector<HTMLAnchorElement>('a[target="_blank"]')!.href).to.equal('https://gemeente.example/e-learning');
  });
});
