// The accessibility and design defects found from outside (issue 12), each pinned to what a
// reader of the open form meets: error texts that fit the question, named groups, room between
// the error summary and the fields, the widget's own colour on its controls, and where the form ends.
import { expect, waitUntil } from '@open-wc/testing';
import { fixture, html } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { expectNoAxeViolations, fill, flaky, open, part, submit, text } from './helpers.js';

/** The form in its dialog, with every optional part shown: anonymity, and both sections open. */
async function openForm(lang = 'nl'): Promise<SignaalForm> {
  const button = await fixture<SignaalButton>(
    html`<signaal-button lang=${lang} mailbox="signalen@gemeente.example" .config=${{ allowAnonymous: true }}></signaal-button>`,
  );
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
      await expectNoAxeViolations(form);

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
      await expectNoAxeViolations(form);
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
    await expectNoAxeViolations(form);
  });

  it("draws radios and checkboxes in the widget's accent, and follows the page's --signaal-accent-color", async () => {
    const form = await openForm();
    part<HTMLDetailsElement>(form, 'details.section')!.open = true;
    await form.updateComplete;
    const controls = [...form.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]')];
    expect(controls.map((control) => control.type)).to.include.members(['radio', 'checkbox']);
    // The accent is made safe for its scheme (tokens.styles.ts), so it may read as color(srgb …).
    const bytes = (colour: string) =>
      (colour.match(/-?[\d.]+(?:e-?\d+)?/g) ?? [])
        .slice(0, 3)
        .map((n) => Math.round(colour.startsWith('color(') ? Number(n) * 255 : Number(n)));
    for (const control of controls) expect(bytes(getComputedStyle(control).accentColor)).to.deep.equal([21, 66, 115]);
    form.style.setProperty('--signaal-accent-color', 'rgb(120, 0, 90)');
    for (const control of controls) expect(bytes(getComputedStyle(control).accentColor)).to.deep.equal([120, 0, 90]);
    await expectNoAxeViolations(form);
  });

  it('ends the form at the send button: a line below it, and "good to know" after it as a quiet list', async () => {
    const button = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
    const form = await open(button);
    const ownForm = part(form, 'form[part="form"]')!;
    const send = part(form, '[part="submit"]')!;
    // The send button is the last thing in the form, and a visible line closes it.
    expect(ownForm.lastElementChild!.contains(send)).to.equal(true);
    const end = getComputedStyle(ownForm);
    expect(end.borderBottomStyle).to.equal('solid');
    expect(parseFloat(end.borderBottomWidth)).to.be.at.least(1);
    const after = [...form.shadowRoot!.querySelectorAll('details')].filter(
      (section) => !ownForm.contains(section) && ownForm.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(after.length, 'my signals and the good-to-know sections').to.be.at.least(6);
    for (const section of after) {
      const style = getComputedStyle(section);
      expect(
        [style.borderTopStyle, style.borderBottomStyle, style.borderLeftStyle, style.borderRightStyle],
        text(section.querySelector('summary')),
      ).to.deep.equal(['none', 'none', 'none', 'none']);
    }
    // "Goed om te weten" is a heading, in the quieter style of a secondary one.
    const heading = part(form, '[part="info"] h3')!;
    expect(text(heading)).to.equal('Goed om te weten');
    const body = getComputedStyle(part(form, '.intro')!);
    expect(getComputedStyle(heading).color).not.to.equal(body.color);
    expect(parseFloat(getComputedStyle(heading).fontSize)).to.be.at.most(parseFloat(body.fontSize));
    await expectNoAxeViolations(form);
  });
});
