import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SignaalButton } from '../src/signaal-button.js';
import { deepActive, dialog, expectNoAxeViolations, flaky, formIn, part, settled, text, trigger } from './helpers.js';

const press = async (key: string) => {
  if (key !== 'Shift+Tab') return sendKeys({ press: key });
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
};
const focusedText = () => text(deepActive());

describe('<signaal-button> by keyboard alone', () => {
  it('opens, validates, closes with Escape keeping the draft, asks before discarding, and delivers', async () => {
    const backend = flaky();
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${backend.endpoint}></signaal-button>`);
    trigger(el).focus();
    await press('Enter');
    await waitUntil(() => deepActive()?.id === 'f-description', 'focus did not enter the dialog', { timeout: 10_000 });
    await settled(el);
    const form = formIn(el)!;
    expect(dialog(el).open).to.equal(true);

    // Backwards: the mode choice, then the close button; forwards again to the description.
    await press('Shift+Tab');
    expect((deepActive() as HTMLInputElement).name).to.equal('kind');
    await press('Shift+Tab');
    expect(focusedText()).to.equal('Sluiten');
    await press('Tab');
    await press('Tab');
    expect(deepActive()?.id).to.equal('f-description');

    // Forwards: the two optional sections, then send.
    await press('Tab');
    expect(focusedText()).to.contain('Meer over de situatie');
    await press('Tab');
    expect(focusedText()).to.contain('Jouw gegevens');
    await press('Tab');
    expect(focusedText()).to.equal('Versturen');

    // Sending nothing: the error summary takes focus and its link leads to the field.
    await press('Enter');
    await waitUntil(() => deepActive()?.classList.contains('error-summary'), 'the error summary did not take focus');
    await press('Tab');
    expect(focusedText()).to.equal('Schrijf kort op wat je zag of hoorde.');
    await press('Enter');
    expect(deepActive()?.id).to.equal('f-description');
    await sendKeys({ type: 'Werkt elke dag tot laat' });

    // Escape hides at once; nothing is lost, so nothing is asked; focus returns to the button.
    const closed = oneEvent(el, 'signaal-close');
    await press('Escape');
    await closed;
    expect(dialog(el).open).to.equal(false);
    expect(deepActive()).to.equal(trigger(el));

    await press('Enter');
    await waitUntil(() => deepActive()?.id === 'f-description', 'focus did not return to the draft');
    await settled(el);
    expect((deepActive() as HTMLTextAreaElement).value).to.equal('Werkt elke dag tot laat');

    // Discarding would lose the draft: it asks first, and "no" keeps it.
    for (let step = 0; step < 4; step++) await press('Tab');
    expect(focusedText()).to.equal('Concept wissen');
    await press('Enter');
    await waitUntil(() => focusedText() === 'Nee, bewaren', 'discarding did not ask first');
    expect(text(part(form, '#f-discard-question'))).to.contain('Je tekst gaat dan verloren');
    await expectNoAxeViolations(el);
    await press('Enter');
    await waitUntil(() => focusedText() === 'Concept wissen');
    expect(part<HTMLTextAreaElement>(form, '#f-description')!.value).to.equal('Werkt elke dag tot laat');
    await press('Enter');
    await waitUntil(() => focusedText() === 'Nee, bewaren');
    await press('Tab');
    expect(focusedText()).to.equal('Ja, wissen');
    await press('Enter');
    await waitUntil(() => deepActive()?.id === 'f-description');
    expect((deepActive() as HTMLTextAreaElement).value).to.equal('');
    expect(text(part(form, '[role="status"]'))).to.equal('Het concept is gewist.');

    // Type again and send with the keyboard; the receipt's heading takes focus.
    await sendKeys({ type: 'Paspoort lag bij de werkgever' });
    for (let step = 0; step < 3; step++) await press('Tab');
    expect(focusedText()).to.equal('Versturen');
    await press('Enter');
    await waitUntil(() => deepActive()?.classList.contains('panel-heading'), 'the receipt did not take focus', { timeout: 10_000 });
    expect(focusedText()).to.equal('Dank je wel. Je signaal is ontvangen.');
    expect(Object.values((await backend.state()).stored)).to.deep.equal([1]);

    await press('Escape');
    await waitUntil(() => !dialog(el).open);
    expect(deepActive()).to.equal(trigger(el));
  });

  it('ticks an indicator chip and picks a setting with the keyboard', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button mailbox="signalen@gemeente.example"></signaal-button>`);
    trigger(el).focus();
    await press('Enter');
    await waitUntil(() => deepActive()?.id === 'f-description', 'focus did not enter the dialog', { timeout: 10_000 });
    await settled(el);
    const form = formIn(el)!;
    await press('Tab');
    await press('Enter');
    await waitUntil(() => part<HTMLDetailsElement>(form, 'details.section')!.open);
    await press('Tab');
    expect((deepActive() as HTMLInputElement).type).to.equal('checkbox');
    await sendKeys({ type: ' ' });
    expect((deepActive() as HTMLInputElement).checked).to.equal(true);
    await expectNoAxeViolations(el);
  });
});
