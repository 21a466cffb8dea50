/**
 * GET /stats for staff: whole UTC days only, and small counts hidden, so that neither a narrow
 * window nor a count of one can tell when a signal arrived or what became of it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { problemSchema, statsSchema } from '@signaal/sdk';
import { newSignal, postSignal, startReceiver } from './receiver-harness.js';

async function send(url: string, count: number, overrides: Record<string, unknown> = {}) {
  for (let index = 0; index < count; index += 1) assert.equal((await postSignal(url, newSignal(overrides))).status, 201);
}

describe('GET /stats', () => {
  test('takes whole UTC days only; anything finer is 400 with a problem body', async () => {
    const receiver = await startReceiver();
    try {
      for (const query of [
        'from=2026-01-01T00:00:00Z',
        'from=2026-01-01T09:30:00.000Z&to=2026-01-01T09:30:00.001Z',
        'to=1767225600000',
        'from=2026-02-30',
        'from=2026-03-02&to=2026-03-01',
        'from=2026-03-01&to=2026-03-01',
        'since=2026-01-01',
      ]) {
        const response = await fetch(`${receiver.url}/stats?${query}`);
        assert.equal(response.status, 400, query);
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(problemSchema.parse(await response.json()).code, 'invalid-query');
      }
      const day = await fetch(`${receiver.url}/stats?from=2026-03-01&to=2026-03-02`);
      assert.equal(day.status, 200);
      assert.deepEqual(statsSchema.parse(await day.json()).period, { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' });
    } finally {
      await receiver.close();
    }
  });

  test('hides counts from 1 to 4, and a second count where one hidden count could be worked out from the total', async () => {
    const receiver = await startReceiver();
    try {
      await send(receiver.url, 3);
      let stats = statsSchema.parse(await (await fetch(`${receiver.url}/stats`)).json());
      assert.equal(stats.suppressedBelow, 5);
      assert.deepEqual(
        [stats.total, stats.byKind, stats.byState.received, stats.byState.closed],
        [null, { signal: null, sparring: 0 }, null, 0],
      );

      await send(receiver.url, 3);
      await send(receiver.url, 1, { kind: 'sparring', description: 'Mag ik even overleggen?' });
      stats = statsSchema.parse(await (await fetch(`${receiver.url}/stats`)).json());
      assert.equal(stats.total, 7);
      assert.deepEqual(
        stats.byKind,
        { signal: null, sparring: null },
        'sparring (1) is hidden, and so is signal (6): 7 − 6 would give it away',
      );
      assert.equal(stats.byState.received, 7);

      await send(receiver.url, 5, { kind: 'sparring', description: 'Nog een vraag.' });
      stats = statsSchema.parse(await (await fetch(`${receiver.url}/stats`)).json());
      assert.deepEqual([stats.total, stats.byKind], [12, { signal: 6, sparring: 6 }], 'counts of five or more are shown');
    } finally {
      await receiver.close();
    }
  });
});
