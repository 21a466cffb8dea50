import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SignaalForm } from '../src/signaal-form.js';
import { part } from './helpers.js';

describe('<signaal-form> inline', () => {
  it('reflows in a 320px column without horizontal scrolling', async () => {
    const column = await fixture<HTMLDivElement>(html`<div style="inline-size: 320px"><signaal-form mailbox="signalen@gemeente.example" .config=${{ allowAnonymous: true, officer: { name: 'Sanne de Vries met een hele lange achternaam-zonder-spaties' } }}></signaal-form></div>`);
    const form = column.querySelector('signaal-form') as SignaalForm;
    await waitUntil(() => part(form, '#f-description'));
    for (const section of form.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details')) section.open = true;
    await form.updateComplete;
    expect(form.scrollWidth).to.be.at.most(320);
    const widest = Math.max(...[...form.shadowRoot!.querySelectorAll('*')].map((node) => node.getBoundingClientRect().right));
    expect(widest).to.be.at.most(form.getBoundingClientRect().right + 1);
    expect(text(part(form, 'h2'))).to.equal('Signaal doorgeven');
    await expect(form).to.be.accessible();
  });
});

const text = (element: Element | null) => (element?.textContent ?? '').trim();
