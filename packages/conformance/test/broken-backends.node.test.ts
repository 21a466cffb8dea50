// The kit against small backends that each break one rule of the contract: each must fail on the
// case that checks that rule, and a backend that breaks none must pass every case.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatReport, runConformance } from '../src/index.js';
import { breaks, startSmallBackend, type Break } from './small-backend.js';

const origin = 'https://intranet.voorbeeld.nl';

/** The cases each broken rule must fail, and no others. */
const expectedFailures: Record<Break, string[]> = {
  'replay-answers-201': ['replay', 'replay-same-value'],
  'replay-token-does-not-work': ['replay'],
  'key-order-matters': ['replay-same-value'],
  'reused-key-accepted': ['key-reused'],
  'key-optional': ['key-missing'],
  'key-not-compared-with-id': ['key-mismatch'],
  'quoted-key-refused': ['key-quoted'],
  'blank-description-accepted': ['invalid-bodies'],
  'problems-as-plain-json': [
    'key-reused',
    'key-missing',
    'key-mismatch',
    'invalid-bodies',
    'content-types',
    'status-refused',
    'stats',
    'limits',
  ],
  'any-content-type': ['content-types'],
  'status-without-token': ['status-refused'],
  'wrong-token-told-apart': ['status-refused'],
  'bearer-case-sensitive': ['status'],
  'no-status-token-header': ['status'],
  'cors-without-idempotency-key': ['cors'],
  'cors-hides-retry-after': ['cors'],
  'cors-any-origin': ['cors'],
  'config-officer-without-name': ['config'],
  'stats-counts-as-text': ['stats'],
  'stats-any-time': ['stats'],
  'body-limit-too-small': ['limits'],
  'no-body-limit': ['limits'],
};

async function run(rule?: Break) {
  const backend = await startSmallBackend({ allowedOrigin: origin, ...(rule ? { breaks: rule } : {}) });
  try {
    return await runConformance({ baseUrl: backend.url, origin });
  } finally {
    await backend.close();
  }
}

describe('signaal-conformance against small backends', () => {
  test('passes a small backend that keeps every rule', async () => {
    const report = await run();
    assert.ok(report.passed, formatReport(report));
    assert.deepEqual(
      report.results.filter((result) => result.outcome !== 'pass').map((result) => result.id),
      [],
    );
  });

  for (const rule of breaks) {
    test(`fails ${expectedFailures[rule].join(', ')} on a backend where ${rule}`, async () => {
      const report = await run(rule);
      const failed = report.results.filter((result) => result.outcome === 'fail').map((result) => result.id);
      assert.deepEqual(failed, expectedFailures[rule], formatReport(report));
      assert.equal(report.passed, false);
      const text = formatReport(report);
      for (const id of failed) assert.match(text, new RegExp(`^FAIL {2}${id}: `, 'm'));
    });
  }
});
