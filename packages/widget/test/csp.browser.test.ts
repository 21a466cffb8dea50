import { expect, waitUntil } from '@open-wc/testing';
import type { SignaalForm } from '../src/signaal-form.js';
import { backendState, fill, part } from './helpers.js';

type CspWindow = Window & typeof globalThis & { signaalViolations: string[] };

async function loadPage(run: string): Promise<{ frame: HTMLIFrameElement; win: CspWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '800px';
  frame.style.blockSize = '900px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/packages/widget/test/fixtures/csp.html?run=${run}`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as CspWindow;
  await waitUntil(
    () => win.customElements.get('signaal-button') && win.customElements.get('signaal-form'),
    'the elements were not defined',
    { timeout: 10_000 },
  );
  return { frame, win, doc: frame.contentDocument! };
}

describe('a page with a strict Content-Security-Policy and Trusted Types', () => {
  it('runs the full flow without a single violation', async () => {
    const run = crypto.randomUUID();
    const { frame, win, doc } = await loadPage(run);
    try {
      const button = doc.querySelector('signaal-button')!;
      await button.updateComplete;
      button.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!.click();
      await waitUntil(
        () => button.shadowRoot!.querySelector('signaal-form')?.shadowRoot?.querySelector('#f-description'),
        'the form did not open',
        { timeout: 10_000 },
      );
      const form = button.shadowRoot!.querySelector('signaal-form')!;
      expect(button.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
      fill(form, '#f-description', 'Onder strikte CSP doorgegeven.');
      part<HTMLButtonElement>(form, '[part="submit"]')!.click();
      await waitUntil(() => part(form, '.panel.success'), 'no receipt', { timeout: 10_000 });
      expect(part(form, '.reference')!.textContent).to.match(/^SG-/);

      // "My signals" loads its code with a dynamic import, under the same policy.
      part<HTMLElement>(form, '#f-mine > summary')!.click();
      await waitUntil(() => part(form, '#f-lookupReference'), 'my signals did not load', { timeout: 10_000 });

      // The inline form renders under the same policy too.
      const inline = doc.querySelector<SignaalForm>('body > main > signaal-form')!;
      await waitUntil(() => part(inline, '#f-description'));
      // Styles are adopted stylesheets, not injected <style> elements.
      expect(form.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
      expect(form.shadowRoot!.querySelector('style')).to.equal(null);
      expect(win.signaalViolations).to.deep.equal([]);

      expect(Object.values((await backendState(run)).stored)).to.deep.equal([1]);

      // The policy is really enforced: a string assigned as HTML is refused and reported.
      if ('trustedTypes' in win) {
        let refused: unknown;
        try {
          doc.createElement('div').innerHTML = '<b>x</b>';
        } catch (error) {
          refused = error;
        }
        expect((refused as Error | undefined)?.name).to.equal('TypeError');
        await waitUntil(() => win.signaalViolations.length > 0, 'the violation listener saw nothing');
        expect(win.signaalViolations[0]).to.contain('require-trusted-types-for');
      } else {
        console.warn('This browser has no Trusted Types; only the CSP part was checked.');
      }
    } finally {
      frame.remove();
    }
  });
});
