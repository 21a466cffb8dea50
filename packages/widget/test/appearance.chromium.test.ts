// Light, dark, forced colours and reduced motion: the dialog follows the employee's settings and stays readable
// (axe's contrast rules included) in each. Chromium only: media emulation needs the DevTools
// protocol, which Firefox does not offer to the test runner.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import type { SignaalButton } from '../src/signaal-button.js';
import { dialog, expectNoAxeViolations, flaky, open, part } from './helpers.js';

/** Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((value) => {
    const channel = Number(value) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

async function openButton(): Promise<SignaalButton> {
  const button = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
  await open(button);
  return button;
}

describe('appearance', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await executeServerCommand('emulate-forced-colors', 'none');
  });

  it("follows the page's colour scheme, not the employee's system setting, with enough contrast in both", async () => {
    // A page that declares no colour scheme is light, also when the employee prefers dark.
    await emulateMedia({ colorScheme: 'dark' });
    const light = await openButton();
    expect(luminance(getComputedStyle(dialog(light)).backgroundColor)).to.be.greaterThan(0.7);
    await expectNoAxeViolations(light, 'light');

    // A page that offers dark too, themed with its own accent (examples/case-system's): dark on a
    // dark system, and still readable (that accent gave "Versturen" 1.29:1 when it overrode the dark defaults).
    const root = document.documentElement.style;
    root.colorScheme = 'light dark';
    root.setProperty('--signaal-accent-color', '#2b2d42');
    try {
      const dark = await openButton();
      const form = dark.shadowRoot!.querySelector('signaal-form')!;
      expect(luminance(getComputedStyle(dialog(dark)).backgroundColor)).to.be.lessThan(0.2);
      expect(luminance(getComputedStyle(part(form, '#f-description')!).color)).to.be.greaterThan(0.5);
      await expectNoAxeViolations(dark, 'dark');
    } finally {
      root.colorScheme = '';
      root.removeProperty('--signaal-accent-color');
    }
  });

  it('adds no second banner landmark to a host page that has its own header', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <header><p>Intranet gemeente</p></header>
        <main><signaal-button endpoint=${flaky().endpoint}></signaal-button></main>
      </div>`,
    );
    await open(page.querySelector<SignaalButton>('signaal-button')!);
    // The landmark rules are axe's best practices, beside WCAG.
    await expectNoAxeViolations(page, 'a host page with its own header', ['best-practice']);
  });

  it("keeps the dialog's edge and a ticked indicator visible in forced colours (Windows high contrast)", async () => {
    await executeServerCommand('emulate-forced-colors', 'active');
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const button = await openButton();
    const edge = getComputedStyle(dialog(button));
    expect([edge.borderTopStyle, edge.borderTopWidth]).to.deep.equal(['solid', '2px']);
    const form = button.shadowRoot!.querySelector('signaal-form')!;
    part<HTMLDetailsElement>(form, 'details.section')!.open = true;
    await form.updateComplete;
    const [ticked, unticked] = [...form.shadowRoot!.querySelectorAll<HTMLLabelElement>('.chip')];
    ticked!.querySelector('input')!.click();
    await form.updateComplete;
    expect(getComputedStyle(ticked!).outlineStyle).to.equal('solid');
    expect(getComputedStyle(unticked!).outlineStyle).to.equal('none');
    await expectNoAxeViolations(button, 'forced colours');
  });

  it('opens without animation when the employee prefers reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const button = await openButton();
    expect(dialog(button).getAnimations({ subtree: true })).to.have.length(0);
  });
});
