/**
 * Shared steps for the end-to-end tests in headless Chromium (playwright-core, the machine's own
 * browser): launching, a free port for the demo server, axe, keyboard helpers, and the employee's
 * side in the widget.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Headless Chromium from the machine; nothing is downloaded. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Runs axe (WCAG 2.1 A and AA, into every open shadow root) on the page as it is now, and fails
 * with each violation's rule, target and help; `context` names the state in the failure. The
 * widget's browser tests check the same way (packages/widget/test/helpers.ts).
 */
export async function expectNoAxeViolations(page: Page, context?: string): Promise<void> {
  // Through the DevTools protocol, so the page's strict CSP does not block the injected script.
  await page.evaluate(axeSource);
  const lines = await page.evaluate(async () => {
    interface Violation {
      id: string;
      help: string;
      helpUrl: string;
      nodes: Array<{ target: unknown }>;
    }
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return violations.flatMap((violation) =>
      violation.nodes.map((node) => `- ${violation.id} at ${JSON.stringify(node.target)}: ${violation.help} (${violation.helpUrl})`),
    );
  });
  if (lines.length > 0) assert.fail(`axe found ${lines.length} violation(s)${context ? ` in ${context}` : ''}:\n${lines.join('\n')}`);
}

/** The focused element, through open shadow roots. */
export function focused(page: Page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return undefined;
    const input = element as HTMLInputElement;
    return {
      tag: element.tagName.toLowerCase(),
      type: input.type ?? '',
      id: element.id,
      value: input.value ?? '',
      checked: Boolean(input.checked),
      text: (element.textContent ?? '').trim(),
      label: (input.labels?.[0]?.textContent ?? '').trim(),
    };
  });
}

/** Presses Tab until `matches` holds for the focused element; fails after 40 presses. */
export async function tabTo(page: Page, matches: (element: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, what: string) {
  for (let press = 0; press < 40; press += 1) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (element && matches(element)) return element;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Types text one key press at a time. */
export async function pressKeys(page: Page, text: string) {
  for (const char of text) await page.keyboard.press(char === ' ' ? 'Space' : char);
}

/** The employee opens the widget's dialog on a page of the demo server. */
export async function openWidget(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Signaal doorgeven' }).click();
  await page.getByRole('dialog').waitFor();
}

/** The employee describes what they saw, sends it, and reads the reference from the receipt. */
export async function reportInWidget(page: Page, description: string): Promise<string> {
  await page.getByLabel(/Wat heb je gezien of gehoord/).fill(description);
  await page.getByRole('button', { name: 'Versturen' }).click();
  await page.getByRole('heading', { name: 'Dank je wel. Je signaal is ontvangen.' }).waitFor();
  return (await page.locator('.reference').first().textContent())?.trim() ?? '';
}

/** The employee opens "Mijn meldingen" and waits until every status has been fetched. */
export async function openMySignals(page: Page) {
  await page.getByText('Mijn meldingen', { exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /De status is bijgewerkt\.|Niet elke status kon worden opgehaald\./ })
    .waitFor();
}

/**
 * Words broken inside, in the elements `selector` matches (through open shadow roots): a word is
 * a run of letters and digits between spaces, hyphens and slashes, and it is broken when its
 * letters land on more than one line. Answers each as `tag: word`.
 */
export function brokenWords(page: Page, selector = 'th, td, h1, h2, h3'): Promise<string[]> {
  return page.evaluate((selector) => {
    const roots: Array<Document | ShadowRoot> = [document];
    // An array's iterator also visits what is pushed while it runs.
    for (const root of roots) {
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    const broken: string[] = [];
    for (const root of roots) {
      for (const element of root.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? '').matchAll(/[^\s\-‐–—/]+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
            if (lines.size > 1) broken.push(`${element.tagName.toLowerCase()}: ${match[0]}`);
          }
        }
      }
    }
    return broken;
  }, selector);
}

/** Whether the page itself scrolls sideways (a region inside it may). */
export const pageScrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
