// `endpoint` alone brings the backend's configuration: on first open the form asks
// `<endpoint>/config` once per page, shows itself at once with its attributes, and adds the
// officer's card when the answer arrives. A failed answer changes nothing the employee sees.
// The backend is the flaky test server (packages/sdk/test/fixtures/flaky-server.mjs): its
// GET /config names the officer with a photo; `config-<fault>` fails only that request.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SignaalErrorEvent } from '../src/events.js';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import {
  captureConsole,
  deepActive,
  dialog,
  expectNoAxeViolations,
  fill,
  flaky,
  holdAnswers,
  open,
  panel,
  part,
  ready,
  submit,
  text,
  trigger,
} from './helpers.js';

type Backend = ReturnType<typeof flaky>;

/** How often the backend was asked for its configuration, and for anything else. */
async function asked(backend: Backend): Promise<{ config: number; other: number }> {
  const state = await backend.state();
  return { config: state.configRequests, other: state.requests };
}

const officerName = (form: SignaalForm) => text(part(form, '.officer-name'));
const photo = (form: SignaalForm) => part<HTMLImageElement>(form, '[part="officer"] img');

/** Sends a signal and waits for its receipt. */
async function deliver(form: SignaalForm, description = 'Vier mensen slapen in de kantine.'): Promise<void> {
  fill(form, '#f-description', description);
  await submit(form);
  await panel(form, '.success');
}

describe('endpoint alone: the backend configuration on first open', () => {
  it('asks nothing before the form opens; on first open asks <endpoint>/config once and shows the officer with name and photo', async () => {
    const backend = flaky();
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
    // Pointing at or focusing the trigger loads the form's code, not the backend's configuration.
    trigger(el).focus();
    trigger(el).dispatchEvent(new PointerEvent('pointerenter'));
    await waitUntil(() => customElements.get('signaal-form'), 'the form code did not preload');
    expect(await asked(backend)).to.deep.equal({ config: 0, other: 0 });

    const form = await open(el);
    await waitUntil(() => officerName(form) === 'Sanne de Vries', 'the officer from GET /config was not shown', { timeout: 10_000 });
    const image = photo(form)!;
    expect(new URL(image.src).pathname).to.equal('/flaky/officer.svg');
    expect(image.alt).to.contain('Sanne de Vries');
    await waitUntil(() => image.complete && image.naturalWidth > 0, 'the photo did not load');
    expect(text(part(form, '[part="officer"]'))).to.contain('Aandachtsfunctionaris mensenhandel');
    expect(text(part(form, '.intro'))).to.contain('Geef het door aan Sanne de Vries.');
    expect(await asked(backend), 'one GET /config and nothing else').to.deep.equal({ config: 1, other: 0 });
    await expectNoAxeViolations(el);
  });

  it('asks once per page: reopening and a second form with the same endpoint read the kept answer', async () => {
    const backend = flaky();
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
    let form = await open(el);
    await waitUntil(() => officerName(form) === 'Sanne de Vries', 'the officer was not shown', { timeout: 10_000 });
    el.hide();
    form = await open(el);
    expect(officerName(form)).to.equal('Sanne de Vries');

    const inline = await fixture<SignaalForm>(html`<signaal-form endpoint=${backend.endpoint}></signaal-form>`);
    await ready(inline);
    await waitUntil(() => officerName(inline) === 'Sanne de Vries', 'the second form did not show the officer');
    await deliver(inline);
    expect(await asked(backend), 'one GET /config for the page, then the delivery').to.deep.equal({ config: 1, other: 1 });
  });

  it('asks nothing when the host passes config, and uses what it passes', async () => {
    const backend = flaky();
    const config = { endpoint: backend.endpoint, officer: { name: 'Mila Bakker', role: 'Aandachtsfunctionaris' } };
    const form = await fixture<SignaalForm>(html`<signaal-form endpoint=${backend.endpoint} .config=${config}></signaal-form>`);
    await ready(form);
    expect(officerName(form)).to.equal('Mila Bakker');
    await deliver(form);
    expect(await asked(backend)).to.deep.equal({ config: 0, other: 1 });
  });

  it('lets the attributes win over the backend configuration', async () => {
    const backend = flaky();
    // A transport that fails, so the failure panel offers the e-mail: to the attribute's mailbox, not the backend's.
    const clientOptions = { transport: () => Promise.reject(new Error('down')) };
    const form = await fixture<SignaalForm>(
      html`<signaal-form endpoint=${backend.endpoint} mailbox="meldpunt@gemeente.example" .clientOptions=${clientOptions}></signaal-form>`,
    );
    await waitUntil(() => officerName(form) === 'Sanne de Vries', 'the officer was not shown', { timeout: 10_000 });
    fill(form, '#f-description', 'Iemand werkt zonder loon.');
    await submit(form);
    await panel(form, '.failure');
    expect(part<HTMLAnchorElement>(form, '.failure a.button-link')!.href).to.match(/^mailto:meldpunt@gemeente\.example\?/);
  });

  it('keeps what the employee typed, and the focus, when the configuration arrives while typing', async () => {
    const backend = flaky();
    const original = globalThis.fetch;
    // The backend answers GET /config at once; the answer is held back until the employee has typed.
    const held = holdAnswers(1, '/config');
    globalThis.fetch = held.fetch;
    try {
      const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
      const form = await open(el);
      await waitUntil(() => held.held() === 1, 'GET /config was not asked');
      expect(part(form, '[part="officer"]'), 'the form does not wait for the configuration').to.equal(null);
      await sendKeys({ type: 'Hij slaapt in ' });
      held.release();
      await waitUntil(() => officerName(form) === 'Sanne de Vries', 'the officer was not shown', { timeout: 10_000 });
      await sendKeys({ type: 'de loods.' });
      const description = part<HTMLTextAreaElement>(form, '#f-description')!;
      expect(description.value).to.equal('Hij slaapt in de loods.');
      expect(deepActive()).to.equal(description);
      expect(dialog(el).open).to.equal(true);
    } finally {
      globalThis.fetch = original;
    }
  });

  for (const [fault, what] of [
    ['config-404', 'a 404'],
    ['config-500', 'a 500 (also when retried)'],
    ['config-malformed', 'a body that is not JSON'],
    ['config-wrong-shape', 'JSON that is not a configuration'],
    ['config-drop', 'a dropped connection'],
  ] as const) {
    it(`after ${what} from GET /config, the form sends with its attributes and shows no error`, async () => {
      const backend = flaky(fault, 99);
      const warnings = captureConsole('warn');
      const errors = captureConsole('error');
      const events: string[] = [];
      const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
      el.addEventListener('signaal-error', (event: SignaalErrorEvent) => events.push(event.code));
      const form = await open(el);
      await waitUntil(() => warnings.length > 0, 'the failed GET /config was not noted', { timeout: 15_000 });
      expect(part(form, '.panel'), 'no panel before sending').to.equal(null);
      expect(part(form, '[part="officer"]')).to.equal(null);
      expect(text(part(form, '.intro'))).to.contain('Geef het door aan de aandachtsfunctionaris.');
      const submitted = oneEvent(el, 'signaal-submitted');
      await deliver(form);
      await submitted;
      expect(Object.values((await backend.state()).stored), 'the signal is stored once').to.deep.equal([1]);
      expect(events, 'no signaal-error').to.deep.equal([]);
      expect(errors, 'no console.error').to.deep.equal([]);
      expect(warnings, 'one warning').to.have.length(1);
      expect(String(warnings[0]), 'the warning carries no URL or data').not.to.contain(backend.endpoint.split('/')[4]);
      await expectNoAxeViolations(el);
    });
  }
});
