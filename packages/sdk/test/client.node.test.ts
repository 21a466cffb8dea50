import { after, before, describe, it } from 'node:test';
import { startFlakyServer } from './fixtures/flaky-server.mjs';
import { clientCases } from './client.cases.js';

let server: { origin: string; close: () => Promise<void> };
before(async () => {
  server = await startFlakyServer();
});
after(() => server.close());

clientCases({ describe, it, origin: () => server.origin });
