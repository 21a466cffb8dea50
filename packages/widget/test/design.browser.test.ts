// The accessibility and design defects found from outside (issue 12), each pinned to what a
// reader of the open form meets: error texts that fit the question, named groups, room between
// the error summary and the fields, the widget's own colour on its controls, and where the form ends.
import { expect, waitUntil } from '@open-wc/testing';
import { fixture, html } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { fill, open, part, submit, text } from './helpers.js';

/** The form in its dialog, with every optional part shown: anonymity, and both sections open. */
async function openForm(lang = 'nl'): Promise<SignaalForm> {
  const button = await fixture<SignaalButton>(html`<signaal-button lang=${lang} mailbox="signalen@gemeente.example" .config=${{ allowAnonymous: true }}></signaal-button>`);
  return open(button);
}

async function chooseSparring(form: SignaalForm): Promise<void> {
  part<HTMLInputElement>(form, 'input[name="kind"][value="sparring"]')!.click();
  await form.updateComplete;
}

describe('the open form, as a reader meets it', () => {
  for (const [lang, expected] of [
    ['nl', 'Schrijf kort op waarover je wilt overleggen.'],
    ['en', 'Briefly write down what you would like to talk about.'],
  ] as const) {
    it(`asks for the sparring question's own answer when it is left empty (${lang})`, async () => {
      const form = await openForm(lang);
      await chooseSparring(form);
      await submit(form);
      await waitUntil(() => part(form, '#f-summary'), 'no error summary');
      expect(text(part(form, '#f-description-error'))).to.equal(expected);
      expect(text(part(form, '#f-summary li'))).to.equal(expected);
      await expect(form).to.be.accessible();

      // Back to a signal: the error says what a signal asks for again.
      part<HTMLInputElement>(form, 'input[name="kind"][value="signal"]')!.click();
      await form.updateComplete;
      fill(form, '#f-description', '');
      await submit(form);
      expect(text(part(form, '#f-description-error'))).not.to.equal(expected);
      expect(text(part(form, '#f-description-error'))).to.match(lang === 'nl' ? /zag of hoorde/ : /saw or heard/);
    });
  }

  it('names every group it draws: each fieldset has a legend with words, in both modes', async () => {
    const form = await openForm();
    for (const mode of ['signal', 'sparring']) {
      if (mode === 'sparring') await chooseSparring(form);
      for (const section of form.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details.section')) section.open = true;
      await form.updateComplete;
      const fieldsets = [...form.shadowRoot!.querySelectorAll('fieldset')];
      expect(fieldsets.length, mode).to.be.above(0);
      for (const fieldset of fieldsets) {
        const legend = fieldset.firstElementChild;
        expect(legend?.localName, `${mode}: a fieldset without a legend`).to.equal('legend');
        expect(text(legend), mode).not.to.equal('');
      }
      await expect(form).to.be.accessible();
    }
  });

  it('leaves room between the error summary and the field after it', async () => {
    const form = await openForm();
    await submit(form);
    const summary = await waitUntil(() => part(form, '#f-summary'), 'no error summary').then(() => part(form, '#f-summary')!);
    const next = summary.nextElementSibling!;
    expect(next.getBoundingClientRect().top - summary.getBoundingClientRect().bottom).to.be.at.least(16);
    // The summary keeps that room itself, whatever follows it (a fieldset, say, has no margin of its own).
    expect(parseFloat(getComputedStyle(summary).marginBlockEnd)).to.be.at.least(16);
    await expect(form).to.be.accessible();
  });

  it("draws radios and checkboxes in the widget's accent, and follows the page's --signaal-accent-color", async () => {
    const form = await openForm();
    part<HTMLDetailsElement>(form, 'details.section')!.open = true;
    await form.updateComplete;
    const controls = [...form.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]')];
    expect(controls.map((control) => control.type)).to.include.members(['radio', 'checkbox']);
    for (const control of controls) expect(getComputedStyle(control).accentColor).to.equal('rgb(21, 66, 115)');
    form.style.setProperty('--signaal-accent-color', 'rgb(120, 0, 90)');
    for (const control of controls) expect(getComputedStyle(control).accentColor).to.equal('rgb(120, 0, 90)');
    await expect(form).to.be.accessible();
  });
});
