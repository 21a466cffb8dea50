// The npm entry (`@signaal/widget`) defines <signaal-button> at once and <signaal-form> on demand:
// the form's module is fetched on the button's first open, or once a <signaal-form> is in the
// document, also one a framework adds after the entry ran (issue 11). Each page is a frame of its
// own, so each starts with an empty module map, as an app's page does.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { flaky } from './helpers.js';

const entry = new URL('../src/index.ts', import.meta.url).href;

/** A page in a frame whose only script imports the npm entry, with `body` in it. */
async function appPage(body: string): Promise<Window & typeof globalThis> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe title="app page" style="inline-size: 48em; block-size: 30em"></iframe>`);
  frame.srcdoc = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>app</title></head><body>${body}</body></html>`;
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as Window & typeof globalThis;
  const script = win.document.createElement('script');
  script.type = 'module';
  script.textContent = `import ${JSON.stringify(entry)};`;
  win.document.head.append(script);
  await waitUntil(() => win.customElements.get('signaal-button'), 'the entry did not define <signaal-button>', { timeout: 10_000 });
  return win;
}

/** Whether the page fetched the form's module. */
const formFetched = (win: Window) =>
  win.performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.includes('/src/signaal-form.'));

/** Resolves once the page's first <signaal-form> shows its description field. */
const formReady = (win: Window) =>
  waitUntil(
    () => win.document.querySelector('signaal-form')?.shadowRoot?.querySelector('#f-description'),
    'the form did not become ready',
    { timeout: 10_000 },
  );

describe('the npm entry defines <signaal-form> on demand', () => {
  it('fetches nothing of the form for a page with only the button, until it opens', async () => {
    const win = await appPage(`<signaal-button endpoint="${flaky().endpoint}"></signaal-button>`);
    // Give an eager definition every chance to show: a task later, the modules it imports are in.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(win.customElements.get('signaal-form'), '<signaal-form> before the first open').to.equal(undefined);
    expect(formFetched(win), 'the form module before the first open').to.equal(false);
    const button = win.document.querySelector('signaal-button')!;
    await button.show();
    expect(win.customElements.get('signaal-form'), '<signaal-form> after opening').not.to.equal(undefined);
    await waitUntil(
      () => button.shadowRoot?.querySelector('signaal-form')?.shadowRoot?.querySelector('#f-description'),
      'the form in the dialog did not become ready',
      {
        timeout: 10_000,
      },
    );
  });

  it('defines the form a page has when the entry runs', async () => {
    const win = await appPage(`<main><signaal-form endpoint="${flaky().endpoint}"></signaal-form></main>`);
    await formReady(win);
    expect(formFetched(win)).to.equal(true);
  });

  it('defines a form added later, deep in the page, with the properties set before it was defined', async () => {
    const win = await appPage('<main></main>');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(win.customElements.get('signaal-form'), '<signaal-form> before one is added').to.equal(undefined);
    // As a framework renders it: a subtree with the form inside, its properties set before upgrade.
    const panel = win.document.createElement('section');
    const form = win.document.createElement('signaal-form') as HTMLElement & { config?: unknown };
    form.config = { endpoint: flaky().endpoint, modes: ['sparring'] };
    panel.append(form);
    win.document.querySelector('main')!.append(panel);
    await formReady(win);
    // The configuration set before the upgrade is the one in use: sparring only, so no choice of kind.
    expect(form.shadowRoot!.querySelector('input[name="kind"]'), 'a choice of kind').to.equal(null);
  });
});
