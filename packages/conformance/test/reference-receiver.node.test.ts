// The reference receiver holds to its own contract: every case passes, the CORS preflight too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReceiver, storedSignals, type RunningReceiver } from '../../receiver/test/receiver-harness.js';
import { formatReport, main, runConformance, testMarker } from '../src/index.js';

describe('signaal-conformance against the reference receiver', () => {
  let receiver: RunningReceiver;
  const origin = 'https://intranet.voorbeeld.nl';

  before(async () => {
    receiver = await startReceiver({ allowedOrigins: [origin], prefix: '/api' });
  });
  after(() => receiver.close());

  test('passes every case, with the CORS preflight from an allowed origin', async () => {
    const report = await runConformance({ baseUrl: receiver.url, origin });
    assert.ok(report.passed, formatReport(report));
    assert.deepEqual(
      report.results.filter((result) => result.outcome !== 'pass').map((result) => result.id),
      [],
    );
    assert.ok(report.results.length >= 15);
  });

  test('marks every signal it stored as a test signal', () => {
    const stored = storedSignals(receiver.dataDir);
    assert.ok(stored.length >= 3);
    for (const { content } of stored)
      assert.ok((JSON.parse(content) as { description: string }).description.startsWith(testMarker), content.slice(0, 80));
  });

  test('the command prints the report and exits 0; a CORS preflight from an origin not allowed fails that case', async () => {
    let printed = '';
    assert.equal(await main([receiver.url, '--origin', origin, '--header', 'X-Gateway-Key: test'], (text) => (printed += text)), 0);
    assert.match(printed, /0 failed/);
    printed = '';
    assert.equal(await main([receiver.url, '--origin', 'https://elders.example', '--only', 'cors'], (text) => (printed += text)), 1);
    assert.match(printed, /FAIL {2}cors:/);
    assert.match(printed, /Failed: cors/);
  });

  test('the command refuses a bad use with exit code 2', async () => {
    let printed = '';
    assert.equal(await main(['not-a-url'], (text) => (printed += text)), 2);
    assert.match(printed, /Usage: signaal-conformance <base-url>/);
    printed = '';
    assert.equal(await main([receiver.url, '--header', 'no colon'], (text) => (printed += text)), 2);
    assert.match(printed, /--header 'no colon' is not 'Name: value'/);
  });
});
