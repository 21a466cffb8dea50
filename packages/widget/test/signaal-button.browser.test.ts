// <signaal-button>: the trigger and the dialog it opens. The form inside has tests of its own
// (signaal-form.browser.test.ts); here is what the button adds: its text, its language, the modal
// dialog, focus into it and back to the trigger.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import { deepActive, dialog, expectNoAxeViolations, fill, flaky, open, panel, part, submit, text, trigger } from './helpers.js';

describe('<signaal-button>', () => {
  it('shows a neutral trigger, with its dialog closed', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
    expect(text(trigger(el))).to.equal('Signaal doorgeven');
    expect(text(trigger(el)).toLowerCase()).not.to.contain('mensenhandel');
    expect(dialog(el).open).to.equal(false);
    await expectNoAxeViolations(el);
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
    await expectNoAxeViolations(el);
  });

  it('keeps the draft across closing and reopening after a failure, with focus back on the trigger', async () => {
    const el = await fixture<SignaalButton>(
      html`<signaal-button endpoint=${flaky('500', 99).endpoint} .clientOptions=${{ retry: false }}></signaal-button>`,
    );
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
    const back = [...form.shadowRoot!.querySelectorAll('.failure button')].find(
      (button) => text(button) === 'Terug naar het formulier',
    ) as HTMLButtonElement;
    back.click();
    await form.updateComplete;
    expect(part<HTMLTextAreaElement>(form, '#f-description')!.value).to.equal('Bewaar mij.');
  });

  it('speaks English from the nearest lang and Dutch by default', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en-GB"><signaal-button mailbox="signalen@gemeente.example"></signaal-button></div>`,
    );
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
    await expectNoAxeViolations(el);
  });

  it('replaces texts through the messages property and config.messages', async () => {
    const el = await fixture<SignaalButton>(
      html`<signaal-button
        .messages=${{ nl: { trigger: 'Zorgen delen', emergency: 'Nood? Bel 112.' } }}
        .config=${{ mailbox: 'signalen@gemeente.example', messages: { nl: { submitMail: 'Mail maken' } } }}
      ></signaal-button>`,
    );
    expect(text(trigger(el))).to.equal('Zorgen delen');
    const form = await open(el);
    expect(text(part(form, '.emergency'))).to.equal('Nood? Bel 112.');
    expect(text(part(form, '[part="submit"]'))).to.equal('Mail maken');
  });
});
