// Requests per second and latency of POST /signals on loopback at a fixed concurrency: every
// request a new signal with its own Idempotency-Key, stored durably (WAL, synchronous=FULL),
// on the disk this runs on. Also a replay run (the same key again: the stored receipt).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Keyring, buildServer } from '../../packages/receiver/dist/index.js';

const connections = 16;
const duration = 5;

const signal = (id) =>
  JSON.stringify({ id, kind: 'signal', description: 'Vier mensen slapen in de kantine van het bedrijf waar zij werken.', indicators: [] });

function run(url, setupRequest) {
  return autocannon({ url, connections, duration, requests: [{ method: 'POST', path: '/signals', setupRequest }] });
}

export default async function measure() {
  const dataDir = mkdtempSync(join(tmpdir(), 'signaal-bench-'));
  const app = await buildServer({ dataDir, keyring: Keyring.fromKeys([randomBytes(32)]), widgetConfig: {}, rateLimit: false, logLevel: 'warn' });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${app.server.address().port}`;

    const fresh = await run(url, (request) => {
      const id = randomUUID();
      return { ...request, headers: { 'content-type': 'application/json', 'idempotency-key': id }, body: signal(id) };
    });
    const stored = (await app.signaal.store.counts(new Date(0), new Date(Date.now() + 60_000))).total;
    report('new signals (201)', fresh, stored);

    const id = randomUUID();
    const replay = await run(url, (request) => ({ ...request, headers: { 'content-type': 'application/json', 'idempotency-key': id }, body: signal(id) }));
    report('repeats of one key (200)', replay);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(what, result, stored) {
  const errors = result.errors + result.timeouts + (result.non2xx ?? 0);
  console.log(
    `receiver POST /signals, ${what}, ${connections} connections, ${duration} s: ` +
      `${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
      `, ${result.requests.total} requests, ${errors} errors or non-2xx` +
      (stored === undefined ? '' : `, ${stored} rows stored (with those in flight when the run stopped)`),
  );
}
