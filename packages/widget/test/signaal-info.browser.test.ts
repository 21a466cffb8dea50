// <signaal-info>, "good to know": the questions that come back, where a signal goes, and the
// municipality's own resources. The bodies arrive with their own chunk, on the first opening.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import { open, part, text } from './helpers.js';

describe('<signaal-info>', () => {
  it('keeps the help reachable: the questions, where a signal goes, and the configured resources', async () => {
    const el = await fixture<SignaalButton>(
      html`<signaal-button
        .config=${{
          mailbox: 'signalen@gemeente.example',
          externalReporting: 'municipality',
          resources: [{ kind: 'e-learning', title: 'E-learning signaleren', url: 'https://gemeente.example/e-learning' }],
        }}
      ></signaal-button>`,
    );
    const form = await open(el);
    const info = part(form, '.info')!;
    // The bodies of "good to know" arrive with their own chunk, on the first opening of a section.
    expect(text(info)).to.contain('Vragen die vaak terugkomen');
    for (const summary of info.querySelectorAll<HTMLElement>('details > summary')) summary.click();
    await waitUntil(() => text(info).includes('Een signaal is geen beschuldiging'), 'the texts of "good to know" did not arrive');
    expect(text(info)).not.to.contain('Even laden');
    expect(text(info)).to.contain('meldt de gemeente het');
    expect(info.querySelector<HTMLAnchorElement>('a[target="_blank"]')!.href).to.equal('https://gemeente.example/e-learning');
  });
});
