// The widget takes the host page's colour scheme, not the system's (or an explicit `theme`), and
// whatever accent the host sets, its text keeps 4.5:1 and its controls 3:1 in both schemes (issue 12).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { dialog, expectNoAxeViolations, open, part, ready } from './helpers.js';

const config = {
  mailbox: 'signalen@gemeente.example',
  allowAnonymous: true,
  officer: { name: 'Sanne de Vries', phone: '14 020', email: 'sanne@gemeente.example' },
};

const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;

/** Any colour the browser serialises (`rgb()`, `color(srgb …)`, `color(xyz-d65 …)`) as sRGB bytes and alpha, by painting it. */
function rgba(colour: string): number[] {
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = 'transparent';
  canvas.fillStyle = colour;
  canvas.fillRect(0, 0, 1, 1);
  return [...canvas.getImageData(0, 0, 1, 1).data];
}

/** Relative luminance (WCAG 2.1) of an opaque colour. */
function luminance(colour: string): number {
  const [r, g, b, a] = rgba(colour);
  expect(a, `${colour} is an opaque colour`).to.equal(255);
  const [lr, lg, lb] = [r!, g!, b!].map((byte) => {
    const channel = byte / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
}

function contrast(one: string, other: string): number {
  const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The first opaque background behind an element (its own left out), across shadow roots. */
function behind(element: Element): string {
  let node: Element | null = element;
  while ((node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null)) {
    const background = getComputedStyle(node).backgroundColor;
    if (rgba(background)[3] === 255) return background;
  }
  throw new Error(`nothing opaque behind ${element.localName}`);
}

const visible = (element: Element) => element.getClientRects().length > 0;

/**
 * Every text and control of the widget against what lies behind it: text 4.5:1 (WCAG 1.4.3),
 * a filled button's edge, a field's border, a radio's or checkbox's colour and the focus ring 3:1 (1.4.11).
 */
function measure(roots: ShadowRoot[]): Array<{ what: string; ratio: number; needs: number }> {
  const found: Array<{ what: string; ratio: number; needs: number }> = [];
  const elements = roots.flatMap((root) => [...root.querySelectorAll('button, a, input, textarea, select')]).filter(visible);
  for (const element of elements) {
    const style = getComputedStyle(element);
    const what = `${element.localName}${element.className ? `.${element.className}` : ''} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    const back = behind(element);
    if (element.matches('input[type="radio"], input[type="checkbox"]')) {
      found.push({ what: `${what} accent-color`, ratio: contrast(style.accentColor, back), needs: 3 });
    } else if (element.matches('input, textarea, select')) {
      found.push({ what: `${what} border`, ratio: contrast(style.borderTopColor, back), needs: 3 });
    } else {
      const filled = rgba(style.backgroundColor)[3] === 255;
      found.push({ what: `${what} text`, ratio: contrast(style.color, filled ? style.backgroundColor : back), needs: 4.5 });
      // A filled button's edge is its fill or its border, whichever stands out more.
      const border = parseFloat(style.borderTopWidth) > 0 ? contrast(style.borderTopColor, back) : 0;
      if (filled) found.push({ what: `${what} edge`, ratio: Math.max(contrast(style.backgroundColor, back), border), needs: 3 });
    }
  }
  return found;
}

function expectReadable(roots: ShadowRoot[], label: string): void {
  const found = measure(roots);
  expect(found.map(({ what }) => what).join(', '), label).to.match(/button.* text.*a .*text/);
  const failing = found
    .filter(({ ratio, needs }) => ratio < needs)
    .map(({ what, ratio, needs }) => `${what}: ${ratio.toFixed(2)} < ${needs}`);
  expect(failing, label).to.deep.equal([]);
}

/** The focus ring of the focused description field, against what lies behind it. */
function focusRing(form: SignaalForm): number {
  const field = part<HTMLTextAreaElement>(form, '#f-description')!;
  field.focus();
  expect(field.matches(':focus-visible'), 'the description field shows its focus').to.equal(true);
  const style = getComputedStyle(field);
  expect(style.outlineStyle).to.equal('solid');
  return contrast(style.outlineColor, behind(field));
}

const dark = (element: Element) =>
  luminance(getComputedStyle(element).backgroundColor) < 0.05 && luminance(getComputedStyle(element).color) > 0.5;
const light = (element: Element) =>
  luminance(getComputedStyle(element).backgroundColor) > 0.7 && luminance(getComputedStyle(element).color) < 0.1;

/**
 * A page on a dark system, in both browsers: an iframe whose element is dark makes the frame's
 * `prefers-color-scheme` dark (CSS Color Adjust), and Firefox offers the test runner no media emulation.
 */
async function pageOnDarkSystem(body: string): Promise<Document> {
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe title="host page" style="color-scheme: dark; inline-size: 48em; block-size: 30em"></iframe>`,
  );
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html lang="nl"><head><script type="module" src="${new URL('../src/form.ts', import.meta.url).href}"></script></head><body>${body}</body></html>`;
  await loaded;
  const inner = frame.contentWindow!;
  await inner.customElements.whenDefined('signaal-form');
  expect(inner.matchMedia('(prefers-color-scheme: dark)').matches, 'the system is dark inside the frame').to.equal(true);
  return frame.contentDocument!;
}

describe('colour scheme', () => {
  it('stays light in a page that declares no colour scheme, on a dark system', async () => {
    const doc = await pageOnDarkSystem('<signaal-form mailbox="signalen@gemeente.example"></signaal-form>');
    const form = doc.querySelector('signaal-form')!;
    await ready(form);
    expect(light(form), 'a light widget in a light page').to.equal(true);
    expect(light(part(form, '#f-description')!), 'a light field').to.equal(true);

    // The page says it has a dark scheme too: the widget follows it, and so the system.
    doc.documentElement.style.colorScheme = 'light dark';
    expect(dark(form), 'dark once the page allows dark').to.equal(true);
    expect(dark(part(form, '#f-description')!)).to.equal(true);

    // An explicit theme wins over the page.
    form.theme = 'light';
    await form.updateComplete;
    expect(form.getAttribute('theme')).to.equal('light');
    expect(light(form), 'theme="light" in a dark page').to.equal(true);
  });

  it('turns dark in a page that declares a dark colour scheme, and with theme="dark" in a light one', async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="color-scheme: dark"><signaal-form .config=${config}></signaal-form></div>`);
    const form = page.querySelector('signaal-form')!;
    await ready(form);
    expect(dark(form), 'a dark widget in a dark page').to.equal(true);

    page.style.colorScheme = 'light';
    expect(light(form), 'light again in a light page').to.equal(true);
    form.setAttribute('theme', 'dark');
    await form.updateComplete;
    expect(dark(form), 'theme="dark" in a light page').to.equal(true);
    expect(dark(part(form, '#f-description')!)).to.equal(true);

    // A value it does not know changes nothing: the page's scheme again.
    form.setAttribute('theme', 'sepia');
    expect(light(form), 'an unknown theme follows the page').to.equal(true);
    form.setAttribute('theme', 'auto');
    expect(light(form), 'auto follows the page').to.equal(true);
  });

  it("gives the button's theme to the dialog and the form inside it", async () => {
    const button = await fixture<SignaalButton>(html`<signaal-button theme="dark" .config=${config}></signaal-button>`);
    const form = await open(button);
    expect(dark(dialog(button)), 'a dark dialog').to.equal(true);
    expect(dark(form), 'a dark form inside it').to.equal(true);
  });
});

// The example case system's accent, a very light yellow, a very dark navy, pure red and the default.
const accents = ['#2b2d42', '#fff6b3', '#0a1433', '#ff0000', undefined];

describe('any host accent stays readable', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const accent of accents) {
      it(`keeps 4.5:1 for text and 3:1 for controls with accent ${accent ?? 'default'} in a ${scheme} page`, async () => {
        // Canvas is the page background of the declared scheme.
        const style = `color-scheme: ${scheme}; background: Canvas; padding: 1em;${accent ? ` --signaal-accent-color: ${accent};` : ''}`;
        const page = await fixture<HTMLDivElement>(html`<div style=${style}><signaal-button .config=${config}></signaal-button></div>`);
        const button = page.querySelector('signaal-button')!;
        const form = await open(button);
        expect((scheme === 'dark' ? dark : light)(form), `a ${scheme} form`).to.equal(true);
        expectReadable([button.shadowRoot!, form.shadowRoot!], `${scheme}, accent ${accent ?? 'default'}`);
        expect(focusRing(form), 'the focus ring').to.be.at.least(3);
      });
    }
  }

  it('makes a dark-scheme accent of its own (--signaal-accent-color-dark) readable too', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div style="color-scheme: dark; --signaal-accent-color-dark: #0a1433"><signaal-form .config=${config}></signaal-form></div>`,
    );
    const form = page.querySelector('signaal-form')!;
    await ready(form);
    expectReadable([form.shadowRoot!], 'dark, --signaal-accent-color-dark navy');
    // The dark accent is used in dark only: the light one stays the default blue.
    const send = part(form, '[part="submit"]')!;
    const darkFill = getComputedStyle(send).backgroundColor;
    page.style.colorScheme = 'light';
    expect(rgba(getComputedStyle(send).backgroundColor)).to.deep.equal([21, 66, 115, 255]);
    expect(rgba(darkFill)).not.to.deep.equal([21, 66, 115, 255]);
  });

  it('leaves an accent that is already readable as the host set it', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div style="--signaal-accent-color: rgb(120, 0, 90); --signaal-accent-color-dark: rgb(255, 200, 120)">
        <signaal-form .config=${config}></signaal-form>
      </div>`,
    );
    const form = page.querySelector('signaal-form')!;
    await ready(form);
    const send = part(form, '[part="submit"]')!;
    expect(rgba(getComputedStyle(send).backgroundColor)).to.deep.equal([120, 0, 90, 255]);
    form.theme = 'dark';
    await form.updateComplete;
    expect(rgba(getComputedStyle(send).backgroundColor)).to.deep.equal([255, 200, 120, 255]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`passes axe, its contrast rules included, in the open form of a themed ${scheme} page`, async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div style="color-scheme: ${scheme}; background: Canvas; --signaal-accent-color: #2b2d42">
          <signaal-button .config=${config}></signaal-button>
        </div>`,
      );
      const button = page.querySelector('signaal-button')!;
      const form = await open(button);
      for (const section of form.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details')) section.open = true;
      await waitUntil(() => (scheme === 'dark' ? dark : light)(form), `the form is not ${scheme}`);
      await expectNoAxeViolations(page, `a ${scheme} page with the case system's accent`);
    });
  }
});
