// The widget's test harness: reach into shadow roots, wait for states, read the flaky test
// backend's state, hold its answers, watch the console, and run axe. Every browser test takes its
// shared steps from here.
import { expect, waitUntil } from '@open-wc/testing';
import type { AxeResults, RunOptions } from 'axe-core';
import '../src/form.js'; // both elements defined at once: the tests create <signaal-form> directly
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';

/**
 * What the flaky backend saw in one run: `GET /config` requests (`configRequests`), all other
 * requests, the signals it stored (times each) and the other requests' headers.
 */
export interface BackendState {
  requests: number;
  configRequests: number;
  stored: Record<string, number>;
  headers: Array<Record<string, string | undefined>>;
}

/** Reads the flaky backend's state for a run. */
export const backendState = async (run: string) => (await (await fetch(`/flaky/${run}/__state`)).json()) as BackendState;

/** A fresh run on the flaky backend: its endpoint and a reader for what it stored. */
export function flaky(fault = 'none', times = 0) {
  const run = crypto.randomUUID();
  return {
    endpoint: `${location.origin}/flaky/${run}/${fault}/${times}`,
    state: () => backendState(run),
  };
}

export const formIn = (button: SignaalButton): SignaalForm | null => button.shadowRoot!.querySelector('signaal-form');

export const trigger = (button: SignaalButton) => button.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!;
export const dialog = (button: SignaalButton) => button.shadowRoot!.querySelector('dialog')!;

/** One element inside the form's shadow root (null while the form is not defined yet, as when its code is still loading). */
export const part = <T extends Element = HTMLElement>(form: SignaalForm, selector: string): T | null =>
  form.shadowRoot?.querySelector<T>(selector) ?? null;

/** The focused element, through every shadow root. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Opens the dialog with a click, and waits until the form's description field has focus. */
export async function open(button: SignaalButton): Promise<SignaalForm> {
  trigger(button).click();
  await waitUntil(
    () => formIn(button) && part(formIn(button)!, '#f-description') && deepActive()?.id === 'f-description',
    'the form did not open with focus on its first field',
    { timeout: 10_000 },
  );
  await settled(button);
  return formIn(button)!;
}

/** Waits for the dialog's opening animation, so colours are measured at full opacity. */
export async function settled(button: SignaalButton): Promise<void> {
  await Promise.all(
    dialog(button)
      .getAnimations({ subtree: true })
      .map((animation) => animation.finished),
  );
}

/** Waits until the form is ready (configuration resolved). */
export async function ready(form: SignaalForm): Promise<void> {
  await waitUntil(() => part(form, '#f-description') ?? part(form, '.panel.failure'), 'the form did not become ready', { timeout: 10_000 });
}

/** Sets a field's value as typing would, firing `input` (from the field's own window, which may be a frame's). */
export function fill(form: SignaalForm, selector: string, value: string): void {
  const field = part<HTMLInputElement | HTMLTextAreaElement>(form, selector)!;
  field.value = value;
  const { InputEvent } = field.ownerDocument.defaultView!;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

export async function submit(form: SignaalForm): Promise<void> {
  part<HTMLButtonElement>(form, '[part="submit"]')!.click();
  await form.updateComplete;
}

/** Waits for a state panel, e.g. `.success` or `.failure`. */
export async function panel(form: SignaalForm, selector: string, timeout = 15_000): Promise<HTMLElement> {
  await waitUntil(() => part(form, `.panel${selector}`), `no ${selector} panel`, { timeout });
  return part<HTMLElement>(form, `.panel${selector}`)!;
}

export const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Opens "my signals" as a click on its summary would, and waits until the section is open. */
export async function openMySignals(form: SignaalForm): Promise<HTMLDetailsElement> {
  await waitUntil(() => part(form, '#f-mine'), 'no my signals section', { timeout: 10_000 });
  const mine = part<HTMLDetailsElement>(form, '#f-mine')!;
  mine.querySelector('summary')!.click();
  await waitUntil(() => mine.open, 'my signals did not open');
  return mine;
}

/** Every key and value in a storage area, one `key=value` a line. */
export const storageDump = (area: Storage) =>
  Array.from({ length: area.length }, (_, index) => `${area.key(index)}=${area.getItem(area.key(index)!)}`).join('\n');

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'table' | 'dir';
const consoleRestores: Array<() => void> = [];
afterEach(() => {
  for (const restore of consoleRestores.splice(0)) restore();
});

/** Catches what the code under test writes to these console methods, until the test ends; answers each call's arguments. */
export function captureConsole(...methods: ConsoleMethod[]): unknown[][] {
  const calls: unknown[][] = [];
  for (const method of methods.length ? methods : (['error'] as const)) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only put back, never called here
    const original = console[method];
    consoleRestores.push(() => (console[method] = original));
    console[method] = (...args: unknown[]) => calls.push(args);
  }
  return calls;
}

/**
 * A `fetch` that goes to the real backend, and holds back the backend's first `times` answers to
 * requests whose path ends in `path` until `release()` (or until the request is aborted, as a
 * browser would): a state that lasts exactly as long as the test wants, with no timer racing the
 * server. Give it to the form as `clientOptions.fetch`, or as `globalThis.fetch`.
 */
export function holdAnswers(times = Infinity, path = '/signals') {
  const realFetch = globalThis.fetch;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let seen = 0;
  let heldNow = 0;
  const fetchHeld: typeof fetch = async (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const response = await realFetch(input, init);
    if (!url.pathname.endsWith(path) || seen++ >= times) return response;
    heldNow += 1;
    try {
      await new Promise<void>((resolve, reject) => {
        // As fetch does: the rejection is the signal's reason, whatever the caller aborted with.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        const abort = () => reject(signal!.reason ?? new DOMException('The request was aborted.', 'AbortError'));
        if (signal?.aborted) abort();
        signal?.addEventListener('abort', abort, { once: true });
        void released.then(resolve);
      });
    } finally {
      heldNow -= 1;
    }
    return response;
  };
  return {
    fetch: fetchHeld,
    release,
    /** How many answers are held back right now. */
    held: () => heldNow,
  };
}

interface Axe {
  run(context: Element | Document, options: RunOptions): Promise<AxeResults>;
}

/** axe-core in the window that owns `node`: a frame brings its own copy (axe checks its own document); here it is loaded on first use. */
async function axeFor(node: Element | Document): Promise<Axe> {
  const owner = (node.ownerDocument ?? node).defaultView as (Window & { axe?: Axe }) | null;
  if (owner?.axe) return owner.axe;
  if (owner !== window) throw new Error('This frame has not loaded axe-core (see fixtures/lazy-page.ts).');
  // axe-core's minified build has no types of its own; it sets window.axe.
  // @ts-expect-error -- no declaration file for the minified build
  await import('axe-core/axe.min.js');
  return (window as Window & { axe?: Axe }).axe!;
}

/** WCAG 2.1 A and AA: the rules the widget is held to (the same tags as the receiver's end-to-end tests). */
export const wcag21 = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe (WCAG 2.1 A and AA, into every open shadow root) on an element or a document, and fails
 * with each violation's rule, target and help. `context` names the state in the failure;
 * `alsoTags` adds rule sets such as `best-practice` where a test is about one of them.
 */
export async function expectNoAxeViolations(root: Element | Document, context?: string, alsoTags: string[] = []): Promise<void> {
  const axe = await axeFor(root);
  const { violations } = await axe.run(root, { runOnly: { type: 'tag', values: [...wcag21, ...alsoTags] }, resultTypes: ['violations'] });
  if (violations.length === 0) return;
  const lines = violations.flatMap((violation) =>
    violation.nodes.map((node) => `- ${violation.id} at ${JSON.stringify(node.target)}: ${violation.help} (${violation.helpUrl})`),
  );
  expect.fail(`axe found ${lines.length} violation(s)${context ? ` in ${context}` : ''}:\n${lines.join('\n')}`);
}
