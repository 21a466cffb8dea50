// The widget's weight and speed in headless Chromium, every figure counted from the scripts the
// page really requested (each flow in a fresh browser context, so with an empty cache). The bench
// builds what it measures from the sources, into a folder of its own under node_modules/.cache
// (the package's dist/ is left alone): the SDK's and the widget's npm builds, the script-tag
// build, and a tiny Vite app that imports `@signaal/widget` and puts a <signaal-button> on its page.
// - the CDN entry: what a page loads before the first click (target 10 KB gzipped);
// - what a click on the button loads on top of the entry, on a Dutch page and on an English
//   page (target 25 KB gzipped), and the entry and the opening together;
// - what sending a signal loads on top of opening (the description filled in, the form
//   submitted to the flaky test server, which stores it and answers 201 with a receipt), and the
//   whole flow together (entry + opening + sending; target 40 KB gzipped), file by file;
// - what opening the first "good to know" section loads on top of opening, until its text is
//   there, and what opening "my signals" loads on top of opening, until its view is there;
// - the same Dutch flow in the Vite app: what the app's scripts weigh before the first click
//   (target 12 KB gzipped, with the app's own few bytes), on opening and on sending;
// - the time from a click on the button to a focused first field (cold: first open; warm:
//   reopening). Each wait gives up after 10 s with an error that names the step.
// Bytes are summed per file, each gzipped at level 9; 1 KB = 1,024 bytes.
/* global bench -- set in every page by pageHelpers(), used by the page functions below */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { handleFlaky } from '../../packages/sdk/test/fixtures/flaky-server.mjs';
import { sdkNpm, widgetCdn, widgetNpm } from '../../rollup.config.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const runs = 7;
/** How long any one step may take (a page load, a click until focus, a delivery) before the bench gives up. */
const timeout = 10_000;
/** The description the bench sends: long enough to pass the form's validation, with no personal data. */
const description = 'Bench: in de bedrijfshal slapen vier mensen; hun paspoorten liggen bij de werkgever.';

const body = '<body><signaal-button endpoint="/flaky/bench/none/0"></signaal-button></body>';
const page = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/cdn/signaal.js"></script></head>
${body}</html>`;
/** The Vite app: its page and its one module, which imports the widget as an npm package. */
const app = {
  'index.html': `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="./main.js"></script></head>
${body}</html>`,
  'main.js': "import '@signaal/widget';\n",
};

/**
 * Builds into `work`: the SDK's npm build (sdk/), the widget's npm build (widget/), the script-tag
 * build (cdn/) and the Vite app (app/dist/, served under /vite/). `@signaal/sdk` and
 * `@signaal/widget` resolve to these builds; lit, zod and the rest from the repository's node_modules.
 */
async function buildAll(work) {
  const sdk = join(work, 'sdk');
  const toSdk = { name: 'bench-sdk', resolveId: (id) => (id === '@signaal/sdk' ? join(sdk, 'index.js') : null) };
  for (const config of [sdkNpm(sdk), widgetNpm(join(work, 'widget')), widgetCdn(join(work, 'cdn'), [toSdk])]) {
    const bundle = await rollup({ ...config, onwarn: () => undefined });
    await bundle.write(config.output);
    await bundle.close();
  }
  const appDir = join(work, 'app');
  await mkdir(appDir);
  for (const [name, text] of Object.entries(app)) await writeFile(join(appDir, name), text);
  await viteBuild({
    root: appDir,
    base: '/vite/',
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@signaal/sdk': join(sdk, 'index.js'), '@signaal/widget': join(work, 'widget', 'index.js') } },
  });
}

/** Serves the flaky backend, the CDN page (/ and /en) with the script-tag build, and the Vite app (/vite/). */
function serve(dirs) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.startsWith('/flaky/')) return void (await handleFlaky(req, res));
    if (url.pathname === '/' || url.pathname === '/en')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.pathname === '/en' ? 'en' : 'nl'));
    const file = fileOf(dirs, url.pathname === '/vite/' ? '/vite/index.html' : url.pathname);
    if (!file) return void res.writeHead(404).end();
    try {
      const body = await readFile(file);
      const type = { '.js': 'text/javascript', '.html': 'text/html' }[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The file a path names: `/<prefix>/…` in `dirs[prefix]`; undefined outside them. */
function fileOf(dirs, path) {
  const [, prefix, ...rest] = path.split('/');
  const dir = dirs[prefix];
  if (!dir) return undefined;
  const file = normalize(join(dir, ...rest));
  return file.startsWith(dir) ? file : undefined;
}

/** Clicks the trigger and resolves with the ms until the description field has focus. */
function clickToFocus(limit) {
  const deepActive = () => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };
  return new Promise((resolve, reject) => {
    const button = document.querySelector('signaal-button');
    // Poll on a message-channel loop (sub-millisecond, unlike animation frames); focus events
    // are not dispatched reliably in a page without window focus.
    const channel = new MessageChannel();
    const started = performance.now();
    channel.port1.onmessage = () => {
      const elapsed = performance.now() - started;
      if (deepActive()?.id === 'f-description') resolve(elapsed);
      else if (elapsed > limit) reject(new Error(`the first field did not get focus within ${limit / 1000} s of the click`));
      else channel.port2.postMessage(0);
    };
    button.shadowRoot.querySelector('.trigger').click();
    channel.port2.postMessage(0);
  });
}

/**
 * Helpers the page functions below share. Playwright sends each page function on its own, so
 * these go into every page first (see `visit`), as `globalThis.bench`.
 */
function pageHelpers() {
  globalThis.bench = {
    /** The open form (inside the button's shadow root); throws when there is none. */
    openForm() {
      const form = document.querySelector('signaal-button')?.shadowRoot?.querySelector('signaal-form');
      if (!form?.shadowRoot) throw new Error('no open <signaal-form> inside <signaal-button>');
      return form;
    },
    /**
     * Polls (every 5 ms, independent of animation frames) until `done()` answers something
     * truthy and resolves with it; rejects with `what` after `limit` ms, or when `done` throws.
     */
    until(done, limit, what) {
      return new Promise((resolve, reject) => {
        const started = performance.now();
        const check = () => {
          let value;
          try {
            value = done();
          } catch (error) {
            return void reject(error);
          }
          if (value) resolve(value);
          else if (performance.now() - started > limit) reject(new Error(`${what} within ${limit / 1000} s`));
          else setTimeout(check, 5);
        };
        check();
      });
    },
  };
}

/**
 * Fills in the description of the open form and presses send; resolves once the receipt panel
 * (with its reference) or the failure panel is there: `{ reference }` or `{ failed: reason }`.
 */
async function sendSignal({ text, limit }) {
  const form = bench.openForm();
  const root = form.shadowRoot;
  const field = root.querySelector('#f-description');
  if (!field) throw new Error('the open form has no description field (#f-description)');
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await form.updateComplete;
  const submit = root.querySelector('button[part="submit"]');
  if (!submit) throw new Error('the open form has no send button (button[part="submit"])');
  submit.click();
  return bench.until(
    () => {
      const reference = root.querySelector('section.panel.success .reference')?.textContent.trim();
      if (reference) return { reference };
      const failure = root.querySelector('section.panel.failure');
      if (failure) return { failed: failure.querySelector('.reason')?.textContent.trim() || failure.textContent.trim() };
      return undefined;
    },
    limit,
    'neither a receipt nor a failure was shown after pressing send',
  );
}

/** Opens the first "good to know" section of the open form; resolves once its text is there. */
function openGoodToKnow(limit) {
  const details = bench.openForm().shadowRoot.querySelector('section.info details');
  if (!details) throw new Error('the open form has no "good to know" section (section.info details)');
  details.querySelector('summary').click();
  return bench.until(
    () => {
      // Until the texts are here the section shows a loading hint; if they fail, an error.
      if (details.querySelector('p.error')) throw new Error('the "good to know" texts could not be loaded');
      return details.open && !details.querySelector('p.hint') && details.querySelector('summary ~ *')?.textContent.trim();
    },
    limit,
    'the first "good to know" section did not show its text',
  );
}

/** Opens "my signals" in the open dialog and resolves once its view has loaded. */
function openMySignals(limit) {
  const form = bench.openForm();
  const summary = form.shadowRoot.querySelector('#f-mine > summary');
  if (!summary) throw new Error('the open form has no "my signals" section (#f-mine)');
  summary.click();
  return bench.until(() => form.shadowRoot.querySelector('#f-lookupReference'), limit, 'my signals did not load');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The distinct paths of `after` that are not in `before`: what a step requested on top. */
const added = (before, after) => [...new Set(after)].filter((path) => !before.includes(path));

/** Resolves once <signaal-button> is defined; rejects after `limit` ms (the entry did not run). */
function defined(limit) {
  return Promise.race([
    customElements.whenDefined('signaal-button'),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`<signaal-button> was not defined within ${limit / 1000} s`)), limit)),
  ]);
}

/** Opens a fresh browser context (an empty cache) on `url`, with every script request recorded. */
async function visit(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(pageHelpers);
  const tab = await context.newPage();
  tab.setDefaultTimeout(timeout);
  tab.setDefaultNavigationTimeout(timeout);
  const scripts = [];
  if (process.env.BENCH_DEBUG) tab.on('console', (message) => console.log('page:', message.text()));
  if (process.env.BENCH_DEBUG) tab.on('pageerror', (error) => console.log('page error:', error.message));
  // Scripts, module preloads among them (Vite's), by what they are and by name.
  tab.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (request.resourceType() === 'script' || path.endsWith('.js')) scripts.push(path);
  });
  await tab.goto(url, { waitUntil: 'load' });
  await tab.evaluate(defined, timeout);
  return { context, tab, scripts };
}

/**
 * One flow in a fresh context: load `url`, click the button until the first field has focus,
 * then `step(tab)` if given. Resolves with the distinct scripts of each stage (each list without
 * what an earlier stage requested), the ms from click to focus, and what the step resolved with.
 */
async function flow(browser, url, step) {
  const { context, tab, scripts } = await visit(browser, url);
  try {
    const entry = [...new Set(scripts)];
    const cold = await tab.evaluate(clickToFocus, timeout);
    const opened = [...scripts];
    const result = step ? await step(tab) : undefined;
    return { entry, opening: added(entry, opened), step: added(opened, scripts), cold, result };
  } finally {
    await context.close();
  }
}

export default async function measure() {
  // Inside the repository, so the builds resolve lit, zod and the rest from its node_modules.
  await mkdir(join(root, 'node_modules/.cache'), { recursive: true });
  const work = await mkdtemp(join(root, 'node_modules/.cache/signaal-bench-'));
  try {
    await buildAll(work);
    await measureBuilt({ cdn: join(work, 'cdn'), vite: join(work, 'app/dist') });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function measureBuilt(dirs) {
  const server = await serve(dirs);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const cold = [];
  const warm = [];
  let dutch;
  let english;
  let sent;
  let info;
  let mine;
  let vite;
  const send = (tab) => tab.evaluate(sendSignal, { text: description, limit: timeout });
  try {
    // Reopening after Escape times the warm open.
    const reopen = async (tab) => {
      await tab.keyboard.press('Escape');
      return tab.evaluate(clickToFocus, timeout);
    };
    for (let run = 0; run < runs; run++) {
      const timed = await flow(browser, origin, reopen);
      cold.push(timed.cold);
      warm.push(timed.result);
      dutch ??= timed;
    }
    english = await flow(browser, `${origin}/en`);
    sent = await flow(browser, origin, send);
    info = await flow(browser, origin, (tab) => tab.evaluate(openGoodToKnow, timeout));
    mine = await flow(browser, origin, (tab) => tab.evaluate(openMySignals, timeout));
    vite = await flow(browser, `${origin}/vite/`, send);
  } finally {
    await browser.close();
    server.close();
  }

  /** Each distinct script's bytes, minified and gzipped, from the folder it was served from. */
  const sizes = async (paths) => {
    const files = [];
    for (const path of new Set(paths)) {
      const file = fileOf(dirs, path);
      if (!file) throw new Error(`the page requested a script outside the builds: ${path}`);
      const bytes = await readFile(file).catch(() => {
        throw new Error(`the page requested ${path}, which is not in the build`);
      });
      files.push({ name: path.replace(/^\/(cdn|vite)\/(assets\/)?/, ''), raw: bytes.length, gz: gzipped(bytes) });
    }
    return { files, raw: files.reduce((sum, file) => sum + file.raw, 0), gz: files.reduce((sum, file) => sum + file.gz, 0) };
  };
  /** "2 files: a.js 1,234 B, b.js 567 B" (with `more`: "2 more files: …"), each gzipped. */
  const list = ({ files }, more = false) =>
    `${files.length} ${more ? 'more ' : ''}${files.length === 1 ? 'file' : 'files'}${files.length ? `: ${files.map((file) => `${file.name} ${file.gz} B`).join(', ')}` : ''}`;
  const weight = ({ raw, gz }) => `${raw} bytes minified, ${gz} bytes gzipped (${kb(gz)})`;
  const verdict = (gz, target) => `target ${target} KB: ${gz <= target * 1024 ? 'met' : 'missed'}`;
  const against = ({ raw, gz }, target) => `${raw} bytes minified, ${gz} bytes gzipped (${kb(gz)}; ${verdict(gz, target)})`;

  const entry = await sizes(dutch.entry);
  console.log(`widget CDN entry (before first click, ${list(entry)}): ${against(entry, 10)}`);
  const opening = await sizes(dutch.opening);
  console.log(`loaded by opening the form, Dutch page (${list(opening)}): ${against(opening, 25)}`);
  console.log(`  entry + opening together: ${entry.gz + opening.gz} bytes gzipped (${kb(entry.gz + opening.gz)})`);

  const enEntry = await sizes(english.entry);
  const enOpening = await sizes(english.opening);
  console.log(`loaded by opening the form, English page (${list(enOpening)}): ${against(enOpening, 25)}`);
  console.log(`  entry + opening together: ${enEntry.gz + enOpening.gz} bytes gzipped (${kb(enEntry.gz + enOpening.gz)})`);

  const outcome = (result) => (result.reference ? `receipt ${result.reference}` : `delivery failed: "${result.failed}"`);
  const sending = await sizes(sent.step);
  const flowTotal = (await sizes(sent.entry)).gz + (await sizes(sent.opening)).gz + sending.gz;
  console.log(`after sending a signal, Dutch page (${outcome(sent.result)}; ${list(sending, true)}): ${weight(sending)}`);
  console.log(`  entry + opening + sending together: ${flowTotal} bytes gzipped (${kb(flowTotal)}; ${verdict(flowTotal, 40)})`);

  console.log(`after opening "good to know", Dutch page (${list(await sizes(info.step), true)}): ${weight(await sizes(info.step))}`);
  console.log(`after opening "my signals", Dutch page (${list(await sizes(mine.step), true)}): ${weight(await sizes(mine.step))}`);

  const viteEntry = await sizes(vite.entry);
  const viteOpening = await sizes(vite.opening);
  const viteSending = await sizes(vite.step);
  console.log(`Vite app importing @signaal/widget, before first click (${list(viteEntry)}): ${against(viteEntry, 12)}`);
  console.log(`  loaded by opening the form (${list(viteOpening)}): ${weight(viteOpening)}`);
  console.log(`  after sending a signal (${outcome(vite.result)}; ${list(viteSending, true)}): ${weight(viteSending)}`);
  console.log(
    `  entry + opening + sending together: ${viteEntry.gz + viteOpening.gz + viteSending.gz} bytes gzipped (${kb(viteEntry.gz + viteOpening.gz + viteSending.gz)})`,
  );
  console.log(
    `click to focused first field, headless Chromium, loopback, median of ${runs}: cold ${median(cold).toFixed(1)} ms, warm ${median(warm).toFixed(1)} ms (cold runs: ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms)`,
  );
}
