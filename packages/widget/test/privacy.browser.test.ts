import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import { captureConsole, fill, flaky, open, panel, part, storageDump, submit, text } from './helpers.js';

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir'] as const;

describe('nothing typed is kept or logged', () => {
  it('leaves a canary from every field nowhere in storage, cookies, the URL or the console after a failed and a retried delivery', async () => {
    const canary = `kanarie${crypto.randomUUID().replaceAll('-', '')}`;
    const calls = captureConsole(...methods);
    const logged = () =>
      calls.map((args) =>
        args
          .map((arg) =>
            arg instanceof Error ? `${arg.name} ${arg.message} ${String(arg.cause)}` : typeof arg === 'string' ? arg : JSON.stringify(arg),
          )
          .join(' '),
      );
    const urlBefore = location.href;
    const backend = flaky('500', 1);
    const el = await fixture<SignaalButton>(
      html`<signaal-button
        .config=${{ endpoint: backend.endpoint, mailbox: 'signalen@gemeente.example' }}
        .clientOptions=${{ retry: false }}
      ></signaal-button>`,
    );
    const form = await open(el);
    for (const section of form.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details.section')) section.open = true;
    await form.updateComplete;
    fill(form, '#f-description', `Beschrijving ${canary}`);
    for (const field of ['place', 'time', 'caseReference', 'name', 'department', 'phone', 'callbackWhen']) {
      fill(form, `#f-${field}`, `${field} ${canary}`);
    }
    fill(form, '#f-email', `${canary}@gemeente.example`);
    await submit(form);
    const failure = await panel(form, '.failure');
    expect(text(failure)).to.contain('De server heeft een storing.');
    const copy = [...failure.querySelectorAll('button')].find((button) => text(button) === 'Tekst kopiëren')!;
    copy.click();
    await waitUntil(() => text(part(form, '[role="status"]')).length > 0);
    [...failure.querySelectorAll('button')].find((button) => text(button) === 'Opnieuw proberen')!.click();
    await panel(form, '.success');
    expect(Object.values((await backend.state()).stored)).to.deep.equal([1]);

    expect(storageDump(localStorage)).not.to.contain(canary);
    expect(storageDump(sessionStorage)).not.to.contain(canary);
    expect(document.cookie).not.to.contain(canary);
    expect(location.href).to.equal(urlBefore);
    expect(history.state === null || !JSON.stringify(history.state).includes(canary)).to.equal(true);
    if ('databases' in indexedDB) {
      const databases = await indexedDB.databases();
      expect(JSON.stringify(databases)).not.to.contain(canary);
      expect(databases.map((database) => database.name)).not.to.include('signaal');
    }
    expect(logged().join('\n')).not.to.contain(canary);
  });

  it('warns before the page unloads while unsent text exists, and not after delivery', async () => {
    const el = await fixture<SignaalButton>(html`<signaal-button endpoint=${flaky().endpoint}></signaal-button>`);
    const form = await open(el);
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).to.equal(false);
    fill(form, '#f-description', 'Nog niet verstuurd.');
    expect(unload()).to.equal(true);
    await submit(form);
    await panel(form, '.success');
    expect(unload()).to.equal(false);
  });
});
