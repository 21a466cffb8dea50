// The widget's weight and speed: gzipped bytes of the CDN entry (what a page loads before the
// first click), of everything loaded once the form is open (on a Dutch page, on an English page,
// and after opening "my signals"), counted from the scripts the page really requested, and the
// time from a click on the button to a focused first field in headless Chromium (cold: first
// open; warm: reopening).
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { handleFlaky } from '../../packages/sdk/test/fixtures/flaky-server.mjs';

const dist = fileURLToPath(new URL('../../packages/widget/dist/', import.meta.url));
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const runs = 7;

const page = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/widget/cdn/signaal.js"></script></head>
<body><signaal-button endpoint="/flaky/bench/none/0"></signaal-button></body></html>`;

function serve() {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.startsWith('/flaky/')) return void (await handleFlaky(req, res));
    if (url.pathname === '/' || url.pathname === '/en') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.pathname === '/en' ? 'en' : 'nl'));
    if (!url.pathname.startsWith('/widget/')) return void res.writeHead(404).end();
    const file = normalize(join(dist, url.pathname.slice('/widget/'.length)));
    if (!file.startsWith(dist)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Clicks the trigger and resolves with the ms until the description field has focus. */
function clickToFocus() {
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
      else if (elapsed > 10_000) reject(new Error('the first field did not get focus'));
      else channel.port2.postMessage(0);
    };
    button.shadowRoot.querySelector('.trigger').click();
    channel.port2.postMessage(0);
  });
}

/** Opens "my signals" in the open dialog and resolves once its view has loaded. */
function openMySignals() {
  const form = document.querySelector('signaal-button').shadowRoot.querySelector('signaal-form');
  form.shadowRoot.querySelector('#f-mine > summary').click();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const check = () => {
      if (form.shadowRoot.querySelector('#f-lookupReference')) resolve();
      else if (performance.now() - started > 10_000) reject(new Error('my signals did not load'));
      else requestAnimationFrame(check);
    };
    check();
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function measure() {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const cold = [];
  const warm = [];
  let before = [];
  let after = [];
  let english = [];
  let mine = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const scripts = [];
      if (process.env.BENCH_DEBUG) tab.on('console', (message) => console.log('page:', message.text()));
      if (process.env.BENCH_DEBUG) tab.on('pageerror', (error) => console.log('page error:', error.message));
      tab.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
      await tab.goto(origin, { waitUntil: 'load' });
      await tab.evaluate(() => customElements.whenDefined('signaal-button'));
      before = [...scripts];
      cold.push(await tab.evaluate(clickToFocus));
      after = [...scripts];
      await tab.keyboard.press('Escape');
      warm.push(await tab.evaluate(clickToFocus));
      if (run === 0) {
        await tab.evaluate(openMySignals);
        mine = [...scripts];
        scripts.length = 0;
        await tab.goto(`${origin}/en`, { waitUntil: 'load' });
        await tab.evaluate(() => customElements.whenDefined('signaal-button'));
        await tab.evaluate(clickToFocus);
        english = [...scripts];
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const sizes = async (paths) => {
    let raw = 0;
    let gz = 0;
    for (const path of new Set(paths)) {
      const bytes = await readFile(join(dist, path.slice('/widget/'.length)));
      raw += bytes.length;
      gz += gzipped(bytes);
    }
    return { raw, gz };
  };
  const entry = await sizes(before);
  const all = await sizes(after);
  const files = (paths) => [...new Set(paths)].map((path) => path.slice('/widget/cdn/'.length)).join(', ');
  console.log(`widget CDN entry (before first click, ${before.length} file): ${entry.raw} bytes minified, ${entry.gz} bytes gzipped (${kb(entry.gz)}; target 10 KB)`);
  console.log(`widget after opening, Dutch page (${after.length} files: ${files(after)}): ${all.raw} bytes minified, ${all.gz} bytes gzipped (${kb(all.gz)}; target 25 KB)`);
  console.log(`  of which the form chunk (SDK, zod/mini, ky, Dutch texts): ${all.gz - entry.gz} bytes gzipped`);
  const en = await sizes(english);
  console.log(`widget after opening, English page (${english.length} files: ${files(english)}): ${en.raw} bytes minified, ${en.gz} bytes gzipped (${kb(en.gz)}; target 25 KB)`);
  const withMine = await sizes(mine);
  console.log(`widget after opening "my signals", Dutch page (${mine.length} files: ${files(mine)}): ${withMine.raw} bytes minified, ${withMine.gz} bytes gzipped (${kb(withMine.gz)})`);
  console.log(`click to focused first field, headless Chromium, loopback, median of ${runs}: cold ${median(cold).toFixed(1)} ms, warm ${median(warm).toFixed(1)} ms (cold runs: ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms)`);
}
