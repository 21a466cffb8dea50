import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SignaalErrorEvent } from '../src/events.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { part, ready } from './helpers.js';

/** Connects a form the way a script would, leaving `configure` a moment to set properties; collects what it reports. */
async function connect(configure: (form: SignaalForm) => void = () => {}) {
  const errors: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  const events: SignaalErrorEvent[] = [];
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const form = document.createElement('signaal-form');
  form.addEventListener('signaal-error', (event) => events.push(event));
  try {
    host.append(form);
    configure(form);
    await ready(form);
    await form.updateComplete;
  } finally {
    console.error = original;
  }
  return { form, errors, events };
}

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

  it('says it is not configured, once, when connected without endpoint, mailbox, config or config-src, and takes one set later', async () => {
    const { form, errors, events } = await connect();
    expect(text(part(form, '.panel.failure'))).to.contain('Dit formulier werkt nu niet');
    expect(text(part(form, '.stack'))).not.to.contain('Instellingen laden');
    expect(part(form, '#f-description')).to.equal(null);
    expect(events.map((event) => event.code)).to.deep.equal(['invalid-config']);
    expect(errors).to.have.length(1);
    expect(String(errors[0])).to.contain('endpoint, mailbox, config or config-src');
    await expect(form).to.be.accessible();
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

const text = (element: Element | null) => (element?.textContent ?? '').trim();
