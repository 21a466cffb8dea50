// <signaal-form> is made of parts (the status panel, the officer card, "good to know", "my
// signals"), each an element of its own. What the page and the employee see must not show the
// seams: the documented CSS parts stay stylable, and the parts' news to the form stays inside.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SignaalForm } from '../src/signaal-form.js';
import { deepActive, fill, flaky, panel, part, ready, submit, text } from './helpers.js';

/** The names of every event that reached the page's document while `during` ran. */
async function eventsOnThePage(during: () => Promise<void>): Promise<string[]> {
  const names = ['signaal-announce', 'signaal-status-action', 'signaal-submit', 'signaal-submitted', 'signaal-error'];
  const seen: string[] = [];
  const listener = (event: Event) => seen.push(event.type);
  for (const name of names) document.addEventListener(name, listener);
  try {
    await during();
  } finally {
    for (const name of names) document.removeEventListener(name, listener);
  }
  return seen;
}

describe('the parts of <signaal-form>', () => {
  it('keeps the status panel stylable through ::part(status) from the page', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <style>
        .themed signaal-form::part(status) {
          outline: 3px solid rgb(1, 2, 3);
        }
      </style>
      <div class="themed"><signaal-form></signaal-form></div>
    </div>`);
    const form = page.querySelector('signaal-form') as SignaalForm;
    await panel(form, '.failure');
    expect(getComputedStyle(part(form, '[part="status"]')!).outlineColor).to.equal('rgb(1, 2, 3)');
  });

  it('hears what the employee chose in the status panel, and the page hears only the documented events', async () => {
    const form = await fixture<SignaalForm>(html`<signaal-form endpoint=${flaky('500', 99).endpoint} .clientOptions=${{ retry: false }}></signaal-form>`);
    await ready(form);
    const seen = await eventsOnThePage(async () => {
      fill(form, '#f-description', 'Twee mannen wachten elke ochtend op het busje.');
      await submit(form);
      const failure = await panel(form, '.failure');
      await waitUntil(() => deepActive()?.classList.contains('panel-heading'), 'focus did not move to the panel heading');
      [...failure.querySelectorAll('button')].find((button) => text(button) === 'Terug naar het formulier')!.click();
      await waitUntil(() => deepActive()?.id === 'f-description', 'focus did not return to the description');
    });
    expect(part<HTMLTextAreaElement>(form, '#f-description')!.value).to.equal('Twee mannen wachten elke ochtend op het busje.');
    expect(seen).to.deep.equal(['signaal-submit', 'signaal-error']);
  });

  it('shows the officer the configuration names, follows a new one, and shows no card without one', async () => {
    const officer = { name: 'Sanne de Vries', role: 'Aandachtsfunctionaris', phone: '030 - 286 00 00', email: 'sanne@gemeente.example' };
    const form = await fixture<SignaalForm>(html`<signaal-form .config=${{ mailbox: 'signalen@gemeente.example', officer }}></signaal-form>`);
    await ready(form);
    const card = part(form, '[part="officer"]')!;
    expect(text(card.querySelector('.officer-name'))).to.equal('Sanne de Vries');
    expect(text(card)).to.contain('Aandachtsfunctionaris');
    expect(card.querySelector('a[href^="tel:"]')!.getAttribute('href')).to.equal('tel:0302860000');
    expect(card.querySelector('a[href^="mailto:"]')!.getAttribute('href')).to.equal('mailto:sanne@gemeente.example');
    expect(text(part(form, '.intro'))).to.contain('Sanne de Vries');
    await expect(form).to.be.accessible();

    form.config = { mailbox: 'signalen@gemeente.example', officer: { name: 'Piet Bakker' } };
    await waitUntil(() => text(part(form, '.officer-name')) === 'Piet Bakker', 'the new officer was not shown');
    expect(part(form, '[part="officer"] a'), 'no phone or e-mail configured').to.equal(null);

    form.config = { mailbox: 'signalen@gemeente.example' };
    await waitUntil(() => !part(form, '[part="officer"]'), 'the card stayed without an officer');
    expect(text(part(form, '.intro'))).to.contain('de aandachtsfunctionaris');
  });
});
