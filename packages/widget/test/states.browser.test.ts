// Every state the widget can show, each driven as the employee (or a failing backend) would and
// then checked by axe, as GOV.UK runs axe over every example. One test per state, generated from
// the table; the test runner runs them in Chromium and in Firefox. Forced colours are checked in
// appearance.chromium.test.ts (media emulation needs Chromium).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { receiptStoreKey } from '../src/receipt-store.js';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import {
  captureConsole,
  deepActive,
  dialog,
  expectNoAxeViolations,
  fill,
  flaky,
  formIn,
  holdAnswers,
  open,
  openMySignals,
  panel,
  part,
  settled,
  submit,
  text,
  trigger,
} from './helpers.js';

/** A state: how to reach it, and what shows that it was reached; answers the element axe checks. */
interface State {
  name: string;
  drive(): Promise<Element>;
}

/** Steps to take when a state's test ends, whether it passed or not (a held answer is let go). */
const cleanups: Array<() => void> = [];

const officer = { name: 'Sanne de Vries', role: 'Aandachtsfunctionaris mensenhandel', phone: '14 020', email: 'sanne@gemeente.example' };

/** A button with a working backend, and its form opened. */
async function openButton(
  template = html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`,
): Promise<{ button: SignaalButton; form: SignaalForm }> {
  const button = await fixture<SignaalButton>(template);
  return { button, form: await open(button) };
}

const states: State[] = [
  {
    name: 'the closed button',
    async drive() {
      const button = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
      expect(text(trigger(button))).to.equal('Signaal doorgeven');
      expect(dialog(button).open).to.equal(false);
      return button;
    },
  },
  {
    name: 'the open, empty form, in Dutch',
    async drive() {
      const { button, form } = await openButton();
      expect(text(part(form, '.emergency'))).to.equal('Acuut gevaar? Bel 112.');
      return button;
    },
  },
  {
    name: 'the open, empty form, in English',
    async drive() {
      const { button, form } = await openButton(html`<signaal-button lang="en" endpoint=${flaky().endpoint}></signaal-button>`);
      expect(text(part(form, '.emergency'))).to.equal('Acute danger? Call 112.');
      return button;
    },
  },
  {
    name: 'sparring mode',
    async drive() {
      const { button, form } = await openButton();
      part<HTMLInputElement>(form, 'input[name="kind"][value="sparring"]')!.click();
      await form.updateComplete;
      expect(text(part(form, 'label[for="f-description"]'))).to.contain('Waarover wil je overleggen?');
      return button;
    },
  },
  {
    name: 'the errors after an empty submit',
    async drive() {
      const { button, form } = await openButton();
      await submit(form);
      await waitUntil(() => deepActive()?.classList.contains('error-summary'), 'the error summary did not take focus');
      expect(part(form, '#f-description')!.getAttribute('aria-invalid')).to.equal('true');
      return button;
    },
  },
  {
    name: 'sending, with the answer held back',
    async drive() {
      const backend = flaky();
      const held = holdAnswers();
      cleanups.push(held.release);
      const { button, form } = await openButton(
        html`<signaal-button .config=${{ endpoint: backend.endpoint }} .clientOptions=${{ fetch: held.fetch }}></signaal-button>`,
      );
      fill(form, '#f-description', 'Een man sliep in de bedrijfsbus.');
      await submit(form);
      await waitUntil(() => held.held() === 1, 'the delivery did not reach the backend');
      expect(text(part(form, '[role="status"]'))).to.contain('wordt verstuurd');
      expect(part(form, '[part="submit"]')!.getAttribute('aria-disabled')).to.equal('true');
      return button;
    },
  },
  {
    name: 'the receipt',
    async drive() {
      const { button, form } = await openButton();
      fill(form, '#f-description', 'Drie mannen wachten elke ochtend op een busje.');
      await submit(form);
      expect(text(await panel(form, '.success'))).to.contain('Je signaal is ontvangen');
      return button;
    },
  },
  {
    name: 'a failed delivery, with try again, e-mail and copy',
    async drive() {
      const { button, form } = await openButton(
        html`<signaal-button
          .config=${{ endpoint: flaky('500', 99).endpoint, mailbox: 'signalen@gemeente.example' }}
          .clientOptions=${{ retry: false }}
        ></signaal-button>`,
      );
      fill(form, '#f-description', 'Zij had haar eigen paspoort niet bij zich.');
      await submit(form);
      const failure = await panel(form, '.failure');
      expect([...failure.querySelectorAll('button, a')].map(text)).to.include.members(['Opnieuw proberen', 'Tekst kopiëren']);
      expect(failure.querySelector('a[href^="mailto:"]')).not.to.equal(null);
      return button;
    },
  },
  {
    name: 'the mailbox route, one step to go',
    async drive() {
      const { button, form } = await openButton(html`<signaal-button mailbox="signalen@gemeente.example"></signaal-button>`);
      fill(form, '#f-description', 'Werkt zes dagen per week, twaalf uur per dag.');
      await submit(form);
      expect(text(await panel(form, ''))).to.contain('Nog één stap');
      return button;
    },
  },
  {
    name: 'a configuration error',
    async drive() {
      const errors = captureConsole('error');
      const button = await fixture<SignaalButton>(html`<signaal-button></signaal-button>`);
      trigger(button).click();
      await waitUntil(() => formIn(button) && part(formIn(button)!, '.panel.failure'), 'no configuration error', { timeout: 10_000 });
      await settled(button);
      expect(text(part(formIn(button)!, '.panel.failure'))).to.contain('Dit formulier werkt nu niet');
      expect(errors).to.have.length(1);
      return button;
    },
  },
  {
    name: 'the officer card',
    async drive() {
      const { button, form } = await openButton(
        html`<signaal-button .config=${{ mailbox: 'signalen@gemeente.example', officer }}></signaal-button>`,
      );
      expect(text(part(form, '[part="officer"] .officer-name'))).to.equal('Sanne de Vries');
      return button;
    },
  },
  {
    name: '"good to know", every section open',
    async drive() {
      const { button, form } = await openButton(
        html`<signaal-button
          .config=${{
            mailbox: 'signalen@gemeente.example',
            externalReporting: 'municipality',
            resources: [{ kind: 'e-learning', title: 'E-learning signaleren', url: 'https://gemeente.example/e-learning' }],
          }}
        ></signaal-button>`,
      );
      const info = part(form, '.info')!;
      for (const summary of info.querySelectorAll<HTMLElement>('details > summary')) summary.click();
      await waitUntil(
        () => text(info).includes('Een signaal is geen beschuldiging') && !text(info).includes('Even laden'),
        'the texts of "good to know" did not arrive',
        { timeout: 10_000 },
      );
      return button;
    },
  },
  {
    name: '"my signals" with a kept receipt and its status',
    async drive() {
      localStorage.removeItem(receiptStoreKey);
      cleanups.push(() => localStorage.removeItem(receiptStoreKey));
      const { button, form } = await openButton(
        html`<signaal-button .config=${{ endpoint: flaky().endpoint, keepReceipts: true }}></signaal-button>`,
      );
      fill(form, '#f-description', 'Vier mensen slapen in de kantine.');
      await submit(form);
      await panel(form, '.success');
      await openMySignals(form);
      await waitUntil(() => text(part(form, '[role="status"]')) === 'De status is bijgewerkt.', 'the statuses were not fetched', {
        timeout: 10_000,
      });
      expect(text(part(form, '#f-mine .receipt .state'))).to.equal('In behandeling');
      return button;
    },
  },
];

describe('every state of the widget passes axe (WCAG 2.1 A and AA)', () => {
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  for (const state of states) {
    it(state.name, async () => {
      const root = await state.drive();
      await expectNoAxeViolations(root, state.name);
    });
  }
});

describe('the axe check', () => {
  it('fails on a field without a label, naming the rule, the element and the help', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><input type="text" /></div>`);
    let failure: Error | undefined;
    try {
      await expectNoAxeViolations(page, 'a nameless field');
    } catch (error) {
      failure = error as Error;
    }
    expect(failure?.message).to.contain('in a nameless field');
    expect(failure?.message).to.contain('- label at ["input"]: Form elements must have labels');
  });
});
