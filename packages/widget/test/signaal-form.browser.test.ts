// <signaal-form>: the draft and its flow. What the employee writes, how it is checked, how it is
// sent, what happens when sending fails, the mailbox route, and a configuration that does not work.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { SignaalSubmittedEvent, SignaalErrorEvent, SignaalSubmitEvent } from '../src/events.js';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import {
  captureConsole,
  deepActive,
  expectNoAxeViolations,
  fill,
  flaky,
  formIn,
  holdAnswers,
  open,
  panel,
  part,
  ready,
  settled,
  submit,
  text,
  trigger,
} from './helpers.js';

/** Connects a form the way a script would, leaving `configure` a moment to set properties; collects what it reports. */
async function connect(configure?: (form: SignaalForm) => void) {
  const errors = captureConsole('error');
  const events: SignaalErrorEvent[] = [];
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const form = document.createElement('signaal-form');
  form.addEventListener('signaal-error', (event) => events.push(event));
  host.append(form);
  configure?.(form);
  await ready(form);
  await form.updateComplete;
  return { form, errors, events };
}

describe('<signaal-form>', () => {
  describe('sending', () => {
    it('delivers a signal and shows the validated receipt with its reference', async () => {
      const backend = flaky();
      const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
      const form = await open(el);
      fill(form, '#f-description', 'Drie mannen wachten elke ochtend op een busje.');
      const submitted = oneEvent<SignaalSubmittedEvent>(el, 'signaal-submitted');
      await submit(form);
      const { receipt } = await submitted;
      const success = await panel(form, '.success');
      expect(text(success)).to.contain('Dank je wel. Je signaal is ontvangen.');
      expect(text(part(form, '.reference'))).to.equal(receipt.reference);
      expect(deepActive()).to.equal(part(form, '.panel-heading'));
      expect(Object.values((await backend.state()).stored)).to.deep.equal([1]);
      await expectNoAxeViolations(el);
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
      el.addEventListener(
        'signaal-submit',
        (event) => {
          if (event.draft.kind === 'signal') event.draft.caseReference = 'Z-2024-0042';
        },
        { once: true },
      );
      await submit(form);
      await panel(form, '.success');
      expect((await backend.state()).requests).to.equal(1);
    });

    it('locks the form while sending, announces it, and a second click sends nothing twice', async () => {
      // The backend's answer is held back until the clicks are done: sending lasts as long as the test needs.
      const backend = flaky();
      const held = holdAnswers();
      const el = await fixture<SignaalButton>(
        html`<signaal-button .config=${{ endpoint: backend.endpoint }} .clientOptions=${{ fetch: held.fetch }}></signaal-button>`,
      );
      const form = await open(el);
      fill(form, '#f-description', 'Een man sliep in de bedrijfsbus.');
      const send = part<HTMLButtonElement>(form, '[part="submit"]')!;
      send.click();
      send.click();
      await form.updateComplete;
      expect(send.getAttribute('aria-disabled')).to.equal('true');
      expect(
        [...form.shadowRoot!.querySelectorAll<HTMLInputElement>('.plain input, .plain textarea, .plain select')].every(
          (control) => control.disabled,
        ),
      ).to.equal(true);
      expect(text(part(form, '[role="status"]'))).to.contain('wordt verstuurd');
      await waitUntil(() => held.held() === 1, 'the delivery did not reach the backend');
      send.click();
      await form.updateComplete;
      held.release();
      await panel(form, '.success');
      const state = await backend.state();
      expect(Object.values(state.stored)).to.deep.equal([1]);
      expect(state.requests, 'three clicks, one request').to.equal(1);
    });
  });

  describe('when delivery fails', () => {
    it('keeps the draft, says why, and a retry stores the signal exactly once', async () => {
      // The backend stores every attempt, but its first three answers are held back and never
      // arrive: the SDK's own retries give up on its timeout, the employee tries again, and the
      // same idempotency key finds the stored copy. No server answers late on a timer.
      const backend = flaky();
      const held = holdAnswers(3);
      const options = { timeout: 500, retry: { limit: 2, backoffLimit: 50 }, fetch: held.fetch };
      const el = await fixture<SignaalButton>(
        html`<signaal-button
          .config=${{ endpoint: backend.endpoint, mailbox: 'signalen@gemeente.example' }}
          .clientOptions=${options}
        ></signaal-button>`,
      );
      const form = await open(el);
      fill(form, '#f-description', 'Zij had haar eigen paspoort niet bij zich.');
      const failed = oneEvent<SignaalErrorEvent>(el, 'signaal-error');
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
      await expectNoAxeViolations(el);

      const retry = [...form.shadowRoot!.querySelectorAll('.failure button')].find(
        (button) => text(button) === 'Opnieuw proberen',
      ) as HTMLButtonElement;
      retry.click();
      await panel(form, '.success');
      const state = await backend.state();
      expect(Object.values(state.stored)).to.deep.equal([1]);
      expect(state.requests).to.equal(4);
      expect(form.hasUnsentText).to.equal(false);
    });

    it('goes back to the form with the draft after a rejected delivery, and sends the corrected one', async () => {
      const backend = flaky('400', 1);
      const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
      const form = await open(el);
      fill(form, '#f-description', 'Veel mensen op een adres.');
      await submit(form);
      expect(text(await panel(form, '.failure'))).to.contain('niet aangenomen');
      const back = [...form.shadowRoot!.querySelectorAll('.failure button')].find(
        (button) => text(button) === 'Terug naar het formulier',
      ) as HTMLButtonElement;
      back.click();
      await form.updateComplete;
      expect(part<HTMLTextAreaElement>(form, '#f-description')!.value).to.equal('Veel mensen op een adres.');
      fill(form, '#f-description', 'Veel mensen op een adres, steeds andere namen.');
      await submit(form);
      await panel(form, '.success');
      expect(Object.values((await backend.state()).stored)).to.deep.equal([1]);
    });
  });

  describe('checking the draft', () => {
    it('shows an error summary that takes focus and links to the empty description', async () => {
      const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
      const form = await open(el);
      fill(form, '#f-description', '   ');
      await submit(form);
      await waitUntil(() => deepActive()?.classList.contains('error-summary'));
      const link = part<HTMLAnchorElement>(form, '.error-summary a')!;
      expect(text(link)).to.equal('Schrijf kort op wat je zag of hoorde.');
      expect(part(form, '#f-description')!.getAttribute('aria-invalid')).to.equal('true');
      await expectNoAxeViolations(el);
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
  });

  describe('in sparring mode', () => {
    it('asks no questions about citizens, and sends the question', async () => {
      const backend = flaky();
      const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
      const form = await open(el);
      part<HTMLInputElement>(form, 'input[name="kind"][value="sparring"]')!.click();
      await form.updateComplete;
      expect(text(part(form, 'label[for="f-description"]'))).to.contain('Waarover wil je overleggen?');
      expect(part(form, '#f-place')).to.equal(null);
      expect(part(form, '.chips')).to.equal(null);
      await expectNoAxeViolations(el);
      fill(form, '#f-description', 'Ik twijfel over een klant.');
      await submit(form);
      expect(text(await panel(form, '.success'))).to.contain('Je vraag is ontvangen');
    });
  });

  describe('with only a mailbox', () => {
    it('composes an e-mail and sends no request', async () => {
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
      await expectNoAxeViolations(el);
      const done = [...form.shadowRoot!.querySelectorAll('.panel button')].find(
        (button) => text(button) === 'Ik heb de e-mail verstuurd',
      ) as HTMLButtonElement;
      done.click();
      expect(text(await panel(form, '.success'))).to.contain('Dank je wel');
      expect(form.hasUnsentText).to.equal(false);
    });
  });

  describe('who reports', () => {
    it('prefills the reporter and case reference from the host', async () => {
      const backend = flaky();
      const el = await fixture<SignaalButton>(
        html`<signaal-button
          endpoint=${backend.endpoint}
          .reporter=${{ name: 'Anouk Jansen', email: 'a.jansen@gemeente.example' }}
          .context=${{ caseReference: 'Z-77', sourceSystem: 'Zaaksysteem' }}
        ></signaal-button>`,
      );
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
      const el = await fixture<SignaalButton>(
        html`<signaal-button
          .config=${{ endpoint: backend.endpoint, allowAnonymous: true }}
          .reporter=${{ name: 'Anouk Jansen' }}
        ></signaal-button>`,
      );
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
  });

  describe('its configuration', () => {
    it('shows a configuration error for an endpoint it may not use, and logs one console error', async () => {
      const errors = captureConsole('error');
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
      await expectNoAxeViolations(el);
    });

    it('opens to the configuration error, not a loading line, when given no configuration at all', async () => {
      const errors = captureConsole('error');
      const el = await fixture<SignaalButton>(html`<signaal-button></signaal-button>`);
      const failed = oneEvent<SignaalErrorEvent>(el, 'signaal-error');
      trigger(el).click();
      expect((await failed).code).to.equal('invalid-config');
      await waitUntil(() => formIn(el) && part(formIn(el)!, '.panel.failure'), 'no configuration error', { timeout: 10_000 });
      await settled(el);
      expect(text(part(formIn(el)!, '.stack'))).not.to.contain('Instellingen laden');
      expect(errors).to.have.length(1);
      await expectNoAxeViolations(el);
    });

    it('says it is not configured, once, when connected without endpoint, mailbox, config or config-src, and takes one set later', async () => {
      const { form, errors, events } = await connect();
      expect(text(part(form, '.panel.failure'))).to.contain('Dit formulier werkt nu niet');
      expect(text(part(form, '.stack'))).not.to.contain('Instellingen laden');
      expect(part(form, '#f-description')).to.equal(null);
      expect(events.map((event) => event.code)).to.deep.equal(['invalid-config']);
      expect(errors).to.have.length(1);
      expect(String(errors[0])).to.contain('endpoint, mailbox, config or config-src');
      await expectNoAxeViolations(form);
      form.config = { mailbox: 'signalen@gemeente.example' };
      await waitUntil(() => part(form, '#f-description'), 'a configuration set later was not taken');
    });

    it('takes a configuration set right after connecting, without an error', async () => {
      const { form, errors, events } = await connect((form) => (form.config = { mailbox: 'signalen@gemeente.example' }));
      expect(part(form, '#f-description')).not.to.equal(null);
      expect(part(form, '.panel.failure')).to.equal(null);
      expect(events).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });
  });

  describe('inline on a page', () => {
    it('reflows in a 320px column without horizontal scrolling', async () => {
      const column = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px">
          <signaal-form
            mailbox="signalen@gemeente.example"
            .config=${{ allowAnonymous: true, officer: { name: 'Sanne de Vries met een hele lange achternaam-zonder-spaties' } }}
          ></signaal-form>
        </div>`,
      );
      const form = column.querySelector('signaal-form')!;
      await waitUntil(() => part(form, '#f-description'));
      for (const section of form.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details')) section.open = true;
      await form.updateComplete;
      expect(form.scrollWidth).to.be.at.most(320);
      const widest = Math.max(...[...form.shadowRoot!.querySelectorAll('*')].map((node) => node.getBoundingClientRect().right));
      expect(widest).to.be.at.most(form.getBoundingClientRect().right + 1);
      expect(text(part(form, 'h2'))).to.equal('Signaal doorgeven');
      await expectNoAxeViolations(form);
    });
  });
});
