// React, Vue and Angular hand the elements a new object on every render of the host page. An
// equal object must change nothing; a real change must keep what the employee typed, where
// they were typing (issue 11).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { flaky, open, panel, part, ready, submit, text } from './helpers.js';

// Each call is a fresh object, as an inline object in a framework's template is.
const config = () => ({ mailbox: 'signalen@gemeente.example', officer: { name: 'Sanne de Vries' }, modes: ['signal', 'sparring'] });
const reporter = () => ({ name: 'Anouk Jansen', department: 'Burgerzaken' });
const context = () => ({ caseReference: 'Z-77', sourceSystem: 'Zaaksysteem' });
const messages = () => ({ nl: { trigger: 'Zorgen delen' } });

type Host = SignaalButton | SignaalForm;

/** The form with focus in its description, inside a button's dialog or inline. */
const hosts: Record<string, () => Promise<{ host: Host; form: SignaalForm }>> = {
  '<signaal-button>': async () => {
    const host = await fixture<SignaalButton>(
      html`<signaal-button .config=${config()} .reporter=${reporter()} .context=${context()} .messages=${messages()}></signaal-button>`,
    );
    return { host, form: await open(host) };
  },
  'an inline <signaal-form>': async () => {
    const form = await fixture<SignaalForm>(
      html`<signaal-form .config=${config()} .reporter=${reporter()} .context=${context()} .messages=${messages()}></signaal-form>`,
    );
    await ready(form);
    part(form, '#f-description')!.focus();
    return { host: form, form };
  },
};

const field = <T extends HTMLInputElement | HTMLTextAreaElement = HTMLInputElement>(form: SignaalForm, id: string) =>
  part<T>(form, `#f-${id}`)!;
const description = (form: SignaalForm) => field<HTMLTextAreaElement>(form, 'description');

/** Types a description with the caret left before its last word, as an employee mid-sentence. */
async function typeDraft(form: SignaalForm): Promise<HTMLTextAreaElement> {
  await sendKeys({ type: 'Drie mannen busje' });
  const lastWord = 'busje'.length;
  for (let step = 0; step < lastWord; step++) await sendKeys({ press: 'ArrowLeft' });
  return description(form);
}

/** The draft is intact, focus is still in the same field, and typing goes on where the caret was. */
async function expectStillTyping(form: SignaalForm, typedIn: HTMLTextAreaElement): Promise<void> {
  // Booleans, not elements: a failed comparison of elements would be serialised for the report.
  expect(description(form) === typedIn, 'the description field was replaced').to.equal(true);
  expect(form.shadowRoot!.activeElement === typedIn, 'focus left the description').to.equal(true);
  expect(typedIn.selectionStart).to.equal('Drie mannen '.length);
  await sendKeys({ type: 'in een ' });
  expect(description(form).value).to.equal('Drie mannen in een busje');
}

for (const [name, make] of Object.entries(hosts)) {
  describe(`re-renders of the host page, ${name}`, () => {
    it('changes nothing when the host hands equal objects on every render', async () => {
      const { host, form } = await make();
      const typedIn = await typeDraft(form);
      for (let render = 0; render < 20; render++) {
        Object.assign(host, { config: config(), reporter: reporter(), context: context(), messages: messages() });
        await host.updateComplete;
        await form.updateComplete;
      }
      expect(text(part(form, '.stack'))).not.to.contain('Instellingen laden');
      await expectStillTyping(form, typedIn);
    });

    it('applies a real change without losing the draft, the focus or a field the employee typed', async () => {
      const { host, form } = await make();
      // The employee corrects their name; the department stays as the host prefilled it.
      field(form, 'name').closest('details')!.querySelector('summary')!.click();
      await form.updateComplete;
      field(form, 'name').focus();
      field(form, 'name').select();
      await sendKeys({ type: 'A. Jansen-de Boer' });
      description(form).focus();
      const typedIn = await typeDraft(form);

      Object.assign(host, {
        config: { ...config(), officer: { name: 'Piet Bakker' } },
        reporter: { name: 'Anouk Bakker', department: 'Vergunningen' },
        context: { caseReference: 'Z-78', sourceSystem: 'Zaaksysteem' },
        messages: { nl: { trigger: 'Zorgen delen', descriptionHint: 'In je eigen woorden.' } },
      });
      await waitUntil(() => text(part(form, '.officer-name')) === 'Piet Bakker', 'the new configuration was not applied');
      await form.updateComplete;

      expect(text(part(form, '#f-description-hint'))).to.equal('In je eigen woorden.');
      expect(field(form, 'name').value).to.equal('A. Jansen-de Boer');
      expect(field(form, 'department').value).to.equal('Vergunningen');
      expect(field(form, 'caseReference').value).to.equal('Z-78');
      await expectStillTyping(form, typedIn);
    });
  });
}

describe('re-renders of the host page, client options', () => {
  it('reads the remote configuration once and sends with the newest headers, however often the host renders', async () => {
    const backend = flaky();
    const headers = (token: string) => ({ headers: { 'X-CSRF-Token': token } });
    const form = await fixture<SignaalForm>(
      html`<signaal-form
        endpoint=${backend.endpoint}
        config-src="${backend.endpoint}/config"
        .clientOptions=${headers('one')}
      ></signaal-form>`,
    );
    await ready(form);
    for (let render = 0; render < 10; render++) {
      form.clientOptions = headers('one');
      await form.updateComplete;
    }
    form.clientOptions = headers('two');
    await form.updateComplete;
    await ready(form);
    expect((await backend.state()).configRequests, 'config-src, read once').to.equal(1);

    description(form).focus();
    await sendKeys({ type: 'Werkt elke dag tot laat' });
    const submitted = oneEvent(form, 'signaal-submitted');
    await submit(form);
    await submitted;
    await panel(form, '.success');
    const { requests, configRequests, headers: seen } = await backend.state();
    expect([configRequests, requests], 'still one GET /config, then the signal').to.deep.equal([1, 1]);
    expect(seen.at(-1)?.['x-csrf-token']).to.equal('two');
  });
});
