import { clientCases } from './client.cases.js';

// The flaky backend runs on its own port (see web-test-runner.config.mjs).
let origin = '';
before(async () => {
  origin = ((await (await fetch('/flaky-origin')).json()) as { origin: string }).origin;
});

clientCases({ describe, it, origin: () => origin });
