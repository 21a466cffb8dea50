// <signaal-officer>, the card of the known person behind the route: name, role, photo, phone and
// e-mail from the configuration, and the intro that names them.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { expectNoAxeViolations, open, part, ready, text } from './helpers.js';

describe('<signaal-officer>', () => {
  it('shows the officer the configuration names, follows a new one, and shows no card without one', async () => {
    const officer = { name: 'Sanne de Vries', role: 'Aandachtsfunctionaris', phone: '030 - 286 00 00', email: 'sanne@gemeente.example' };
    const form = await fixture<SignaalForm>(
      html`<signaal-form .config=${{ mailbox: 'signalen@gemeente.example', officer }}></signaal-form>`,
    );
    await ready(form);
    const card = part(form, '[part="officer"]')!;
    expect(text(card.querySelector('.officer-name'))).to.equal('Sanne de Vries');
    expect(text(card)).to.contain('Aandachtsfunctionaris');
    expect(card.querySelector('a[href^="tel:"]')!.getAttribute('href')).to.equal('tel:0302860000');
    expect(card.querySelector('a[href^="mailto:"]')!.getAttribute('href')).to.equal('mailto:sanne@gemeente.example');
    expect(text(part(form, '.intro'))).to.contain('Sanne de Vries');
    await expectNoAxeViolations(form);

    form.config = { mailbox: 'signalen@gemeente.example', officer: { name: 'Piet Bakker' } };
    await waitUntil(() => text(part(form, '.officer-name')) === 'Piet Bakker', 'the new officer was not shown');
    expect(part(form, '[part="officer"] a'), 'no phone or e-mail configured').to.equal(null);

    form.config = { mailbox: 'signalen@gemeente.example' };
    await waitUntil(() => !part(form, '[part="officer"]'), 'the card stayed without an officer');
    expect(text(part(form, '.intro'))).to.contain('de aandachtsfunctionaris');
  });

  it('shows the photo with its alt text and a phone link the phone can dial', async () => {
    const el = await fixture<SignaalButton>(
      html`<signaal-button
        .config=${{
          mailbox: 'signalen@gemeente.example',
          officer: {
            name: 'Sanne de Vries',
            role: 'Aandachtsfunctionaris mensenhandel',
            photo: 'https://gemeente.example/sanne.jpg',
            phone: '14 020',
            email: 'sanne@gemeente.example',
          },
        }}
      ></signaal-button>`,
    );
    const form = await open(el);
    const officer = part(form, '[part="officer"]')!;
    expect(text(officer)).to.contain('Sanne de Vries');
    expect(officer.querySelector('img')!.getAttribute('alt')).to.equal('Foto van Sanne de Vries');
    expect(officer.querySelector<HTMLAnchorElement>('a[href^="tel:"]')!.getAttribute('href')).to.equal('tel:14020');
  });
});
