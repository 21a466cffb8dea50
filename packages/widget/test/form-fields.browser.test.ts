// The field and error-summary templates the widget's forms share (and the inbox can use): labels,
// hints and errors tied to their control, and a summary whose links move focus, in a shadow root.
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { errorSummary, textField } from '../src/form-fields.js';
import { deepActive, expectNoAxeViolations } from './helpers.js';

/** A host with a shadow root, as the widget's elements and the inbox have. */
async function inShadow(template: unknown): Promise<ShadowRoot> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const root = host.attachShadow({ mode: 'open' });
  render(template, root);
  return root;
}

/** The input handler of a field a case only looks at. */
const notTypedIn = (): void => undefined;

describe('the shared field templates', () => {
  it('ties the label, hint and error to the control, and hands each keystroke to the caller', async () => {
    const typed: string[] = [];
    const root = await inShadow(
      html`<form novalidate>
        ${textField({ id: 'f-name', label: 'Naam', necessity: '(verplicht)', required: true, hint: 'Zoals op je pas.', error: 'Vul je naam in.', value: 'An', input: (value) => typed.push(value) })}
      </form>`,
    );
    const input = root.getElementById('f-name') as HTMLInputElement;
    expect(root.querySelector('label[for="f-name"]')!.textContent.replace(/\s+/g, ' ').trim()).to.equal('Naam (verplicht)');
    expect(input.value).to.equal('An');
    expect(input.required).to.equal(true);
    expect(input.autocomplete).to.equal('off');
    expect(input.getAttribute('aria-describedby')).to.equal('f-name-hint f-name-error');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(root.getElementById('f-name-error')!.textContent).to.equal('Vul je naam in.');
    input.value = 'Anouk';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    expect(typed).to.deep.equal(['Anouk']);
    await expectNoAxeViolations(root.host);
  });

  it('renders a textarea with rows, and leaves out what is not given', async () => {
    const root = await inShadow(textField({ id: 'f-text', label: 'Wat zag je?', value: '', rows: 5, input: notTypedIn }));
    const area = root.getElementById('f-text') as HTMLTextAreaElement;
    expect(area.localName).to.equal('textarea');
    expect(area.rows).to.equal(5);
    expect(area.hasAttribute('aria-describedby')).to.equal(false);
    expect(area.hasAttribute('aria-invalid')).to.equal(false);
    expect(root.querySelector('.field')!.classList.contains('invalid')).to.equal(false);
  });

  it('shows an error summary whose links move focus to their field in the same shadow root', async () => {
    const root = await inShadow(
      html`${errorSummary({ id: 'f-summary', title: 'Er ging iets mis', items: [{ text: 'Vul je naam in.', field: 'f-name' }, { text: 'Het versturen lukte niet.' }] })}
      ${textField({ id: 'f-name', label: 'Naam', error: 'Vul je naam in.', value: '', input: notTypedIn })}`,
    );
    const summary = root.getElementById('f-summary')!;
    expect(summary.getAttribute('role')).to.equal('group');
    expect(root.getElementById(summary.getAttribute('aria-labelledby')!)!.localName).to.equal('h3');
    const [link, ...rest] = summary.querySelectorAll('a');
    expect(rest).to.have.length(0);
    expect(summary.querySelectorAll('li')).to.have.length(2);
    link!.click();
    expect(deepActive()?.id).to.equal('f-name');
    await expectNoAxeViolations(root.host);
  });

  it('renders no summary without errors, and a level-2 heading for a page', async () => {
    const empty = await inShadow(errorSummary({ id: 's', title: 'Fout', items: [] }));
    expect(empty.querySelector('.error-summary')).to.equal(null);
    const page = await inShadow(errorSummary({ id: 's', title: 'Fout', items: [{ text: 'Kies een status.' }], level: 2 }));
    expect(page.querySelector('h2#s-title')!.textContent).to.equal('Fout');
  });
});
