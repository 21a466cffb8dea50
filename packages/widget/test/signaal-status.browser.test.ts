// <signaal-status>, the form's status panel (receipt, failed delivery, the mailbox route, a
// configuration error). It is a part of <signaal-form>, and the page must not see the seam: the
// panel stays stylable as ::part(status), and its news to the form stays inside.
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

describe('<signaal-status>', () => {
  it('stays stylable through ::part(status) from the page', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <style>
          .themed signaal-form::part(status) {
            outline: 3px solid rgb(1, 2, 3);
          }
        </style>
        <div class="themed"><signaal-form></signaal-form></div>
      </div>`,
    );
    const form = page.querySelector('signaal-form')!;
    await panel(form, '.failure');
    expect(getComputedStyle(part(form, '[part="status"]')!).outlineColor).to.equal('rgb(1, 2, 3)');
  });

  it('tells the form what the employee chose, and the page hears only the documented events', async () => {
    const form = await fixture<SignaalForm>(
      html`<signaal-form endpoint=${flaky('500', 99).endpoint} .clientOptions=${{ retry: false }}></signaal-form>`,
    );
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
});
