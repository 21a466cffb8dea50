// Browser tests in the machine's own headless Chromium and Firefox ESR: nothing is downloaded.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { handleFlaky, startFlakyServer } from './packages/sdk/test/fixtures/flaky-server.mjs';

const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

// Firefox is driven through the same puppeteer-based launcher; name it so reports say which is which.
const firefoxLauncher = chromeLauncher({ launchOptions: { browser: 'firefox', executablePath: firefox, headless: true } });
firefoxLauncher.name = 'Firefox';

const chromiumLauncher = chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs } });

let flaky;
const forcedColorSessions = new WeakMap();

export default {
  files: ['packages/*/test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [
    {
      // @web/test-runner's emulateMedia leaves out forced colours for puppeteer-driven Chromium.
      name: 'emulate-forced-colors',
      async executeCommand({ command, payload, session }) {
        if (command !== 'emulate-forced-colors') return undefined;
        if (session.browser.type !== 'puppeteer') throw new Error('Forced colours need Chromium.');
        // puppeteer's own emulateMediaFeatures refuses the feature name; the protocol takes it. The
        // protocol session stays open: emulation ends when it detaches.
        const page = session.browser.getPage(session.id);
        if (!forcedColorSessions.has(page)) forcedColorSessions.set(page, await page.createCDPSession());
        await forcedColorSessions.get(page).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload }] });
        return true;
      },
    },
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    {
      // The flaky backend on its own port, where every answer closes its connection, so request
      // counts are exact; tests ask /flaky-origin where it is.
      name: 'flaky-backend',
      async serverStart() {
        flaky = await startFlakyServer();
      },
      async serverStop() {
        await flaky?.close();
      },
      serve(context) {
        if (context.path === '/flaky-origin') return { body: JSON.stringify({ origin: flaky.origin }), type: 'json' };
      },
    },
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  middleware: [
    // The SDK's tests deliver to a backend that fails on purpose, on the same origin.
    async (ctx, next) => {
      if (!ctx.path.startsWith('/flaky/')) return next();
      ctx.respond = false;
      await handleFlaky(ctx.req, ctx.res);
    },
  ],
  browsers: [chromiumLauncher, firefoxLauncher],
  groups: [
    // Tests that need the DevTools protocol (media emulation), which Firefox does not offer.
    { name: 'chromium-only', files: 'packages/*/test/**/*.chromium.test.ts', browsers: [chromiumLauncher] },
  ],
};
