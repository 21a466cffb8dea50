// Configuration and delivery run as tasks with an AbortSignal passed to the SDK: a form taken
// out of the page cancels its requests, a new configuration cancels the one being loaded, and
// a form put back finishes what it was doing (a delivery with the same idempotency key).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { SignaalErrorEvent, SignaalSubmittedEvent } from '../src/events.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { captureConsole, fill, flaky, holdAnswers, panel, part, ready, submit, text } from './helpers.js';

/** Wraps a `fetch`, recording each request to the backend's API (not the tests' own state reads) and how it ended ('ok', or the error's name). */
function watchFetch(inner: typeof fetch = globalThis.fetch) {
  const seen: Array<{ path: string; outcome?: string }> = [];
  const original = globalThis.fetch;
  const watched: typeof fetch = async (input, init) => {
    const entry: { path: string; outcome?: string } = {
      path: new URL(input instanceof Request ? input.url : String(input), location.href).pathname,
    };
    if (!entry.path.endsWith('/__state')) seen.push(entry);
    try {
      const response = await inner(input, init);
      entry.outcome = 'ok';
      return response;
    } catch (error) {
      entry.outcome = (error as Error).name;
      throw error;
    }
  };
  return { seen, watched, original };
}

// The first answer is held back (holdAnswers) until the form has gone: no timer decides whether
// the cancelling comes before the answer.
describe('configuration and delivery as tasks with an AbortSignal', () => {
  it('cancels the delivery when the form leaves the page, and sends it once it is back, stored once', async () => {
    const backend = flaky();
    const held = holdAnswers(1);
    const { seen, watched } = watchFetch(held.fetch);
    const deliveries = () => seen.filter((entry) => entry.path.endsWith('/signals'));
    const column = await fixture<HTMLDivElement>(
      html`<div><signaal-form endpoint=${backend.endpoint} .clientOptions=${{ retry: false, fetch: watched }}></signaal-form></div>`,
    );
    const form = column.querySelector('signaal-form')!;
    await ready(form);
    fill(form, '#f-description', 'De uitzendkracht slaapt in de loods.');
    await submit(form);
    await waitUntil(() => held.held() === 1, 'the delivery did not reach the backend');

    form.remove();
    await waitUntil(() => deliveries()[0]?.outcome === 'AbortError', 'the request was not aborted');
    const submitted = oneEvent<SignaalSubmittedEvent>(form, 'signaal-submitted');
    column.append(form);
    const { receipt } = await submitted;
    expect(text((await panel(form, '.success')).querySelector('.reference'))).to.equal(receipt.reference);
    expect(deliveries().map((entry) => entry.outcome)).to.deep.equal(['AbortError', 'ok']);
    expect(Object.values((await backend.state()).stored), 'one signal, stored once').to.deep.equal([1]);
  });

  it('cancels the configuration being loaded when the form leaves the page, without an error, and loads it once back', async () => {
    const backend = flaky();
    const held = holdAnswers(1, '/config');
    const { seen, watched, original } = watchFetch(held.fetch);
    const logged = captureConsole('error');
    const codes: string[] = [];
    globalThis.fetch = watched;
    try {
      const column = await fixture<HTMLDivElement>(html`<div><signaal-form config-src="${backend.endpoint}/config"></signaal-form></div>`);
      const form = column.querySelector('signaal-form')!;
      form.addEventListener('signaal-error', (event: SignaalErrorEvent) => codes.push(event.code));
      await waitUntil(() => held.held() === 1, 'the configuration was not asked for');
      form.remove();
      await waitUntil(() => seen[0]?.outcome === 'AbortError', 'the configuration request was not aborted');
      column.append(form);
      await waitUntil(() => text(part(form, '.officer-name')) === 'Sanne de Vries', 'the configuration did not load after reconnecting', {
        timeout: 10_000,
      });
      expect(seen.map((entry) => entry.outcome)).to.deep.equal(['AbortError', 'ok']);
      expect([...codes, ...logged], 'an aborted load is no configuration error').to.deep.equal([]);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('cancels the configuration being loaded when a new source is set, and shows the new one', async () => {
    const first = flaky();
    const second = flaky();
    const held = holdAnswers(1, '/config');
    const { seen, watched, original } = watchFetch(held.fetch);
    globalThis.fetch = watched;
    try {
      const form = await fixture<SignaalForm>(html`<signaal-form config-src="${first.endpoint}/config"></signaal-form>`);
      await waitUntil(() => held.held() === 1, 'the first configuration was not asked for');
      form.configSrc = `${second.endpoint}/config`;
      await ready(form);
      expect(seen.map((entry) => [entry.path.split('/')[2], entry.outcome])).to.deep.equal([
        [first.endpoint.split('/')[4], 'AbortError'],
        [second.endpoint.split('/')[4], 'ok'],
      ]);
      expect(part(form, '#f-description')).not.to.equal(null);
    } finally {
      globalThis.fetch = original;
    }
  });
});
