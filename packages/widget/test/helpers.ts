// Shared steps for the widget's browser tests: reach into shadow roots, wait for states, and
// read the flaky test backend's state.
import { waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';

/** A fresh run on the flaky backend: its endpoint and a reader for what it stored. */
export function flaky(fault = 'none', times = 0) {
  const run = crypto.randomUUID();
  return {
    endpoint: `${location.origin}/flaky/${run}/${fault}/${times}`,
    async state(): Promise<{ requests: number; stored: Record<string, number>; headers: Record<string, string | undefined>[] }> {
      return (await fetch(`/flaky/${run}/__state`)).json();
    },
  };
}

export const formIn = (button: SignaalButton): SignaalForm | null =>
  button.shadowRoot!.querySelector('signaal-form');

export const trigger = (button: SignaalButton) => button.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!;
export const dialog = (button: SignaalButton) => button.shadowRoot!.querySelector('dialog')!;

/** One element inside the form's shadow root. */
export const part = <T extends Element = HTMLElement>(form: SignaalForm, selector: string): T | null =>
  form.shadowRoot!.querySelector<T>(selector as string) as T | null;

/** The focused element, through every shadow root. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Opens the dialog with a click, and waits until the form's description field has focus. */
export async function open(button: SignaalButton): Promise<SignaalForm> {
  trigger(button).click();
  await waitUntil(() => formIn(button) && part(formIn(button)!, '#f-description') && deepActive()?.id === 'f-description', 'the form did not open with focus on its first field', { timeout: 10_000 });
  await settled(button);
  return formIn(button)!;
}

/** Waits for the dialog's opening animation, so colours are measured at full opacity. */
export async function settled(button: SignaalButton): Promise<void> {
  await Promise.all(dialog(button).getAnimations({ subtree: true }).map((animation) => animation.finished));
}

/** Waits until the form is ready (configuration resolved). */
export async function ready(form: SignaalForm): Promise<void> {
  await waitUntil(() => part(form, '#f-description') || part(form, '.panel.failure'), 'the form did not become ready', { timeout: 10_000 });
}

/** Sets a field's value as typing would, firing `input`. */
export function fill(form: SignaalForm, selector: string, value: string): void {
  const field = part<HTMLInputElement | HTMLTextAreaElement>(form, selector)!;
  field.value = value;
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
