import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { receiptSchema, statusSchema } from '@signaal/sdk';
import { startCli } from './cli-harness.js';
import { countSignals, deferred, newKeyFile, newDataDir, newSignal, postSignal, readStatus, startReceiver } from './receiver-harness.js';

const keyFile = newKeyFile();

/** Change it to explore; a failing seed replays the same submissions. */
const seed = 20_261_129;

const startChild = (dataDir: string, pauseAfterCommit = false) => startCli({ dataDir, keyFile, pauseAfterCommit });

describe('faults', () => {
  test(`100 concurrent submissions with generated duplicate retries give exactly 100 rows (seed ${seed})`, async () => {
    // The copies per signal, their order and a pause between claiming a key and storing (which
    // widens the window in which duplicates meet) come from fast-check with a fixed seed, so a
    // failure replays exactly.
    const [copies, order, pauses] = fc.sample(
      fc.tuple(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 100, maxLength: 100 }),
        fc.array(fc.nat(), { minLength: 300, maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 300, maxLength: 300 }),
      ),
      { seed, numRuns: 1 },
    )[0]!;
    let pause = 0;
    const receiver = await startReceiver({
      pauses: { afterClaim: () => new Promise((resolve) => setTimeout(resolve, pauses[pause++ % pauses.length])) },
    });
    try {
      const signals = Array.from({ length: 100 }, (_, index) => newSignal({ description: `Signaal nummer ${index}` }));
      const statuses: number[] = [];
      const deliver = async (signal: ReturnType<typeof newSignal>) => {
        for (;;) {
          const response = await postSignal(receiver.url, signal);
          statuses.push(response.status);
          if (response.status !== 409) return { status: response.status, receipt: receiptSchema.parse(await response.json()) };
          assert.equal(response.headers.get('retry-after'), '1');
        }
      };
      const attempts = signals
        .flatMap((signal, index) => Array.from({ length: copies[index]! }, () => signal))
        .map((signal, index) => ({ signal, rank: order[index]! }))
        .sort((a, b) => a.rank - b.rank)
        .map(({ signal }) => signal);
      const results = await Promise.all(attempts.map(async (signal) => ({ id: signal.id, ...(await deliver(signal)) })));

      assert.equal(countSignals(receiver.dataDir), 100);
      for (const signal of signals) {
        const mine = results.filter((result) => result.id === signal.id);
        assert.equal(mine.filter((result) => result.status === 201).length, 1, 'one 201 per signal');
        assert.ok(mine.every((result) => result.status === 201 || result.status === 200));
        assert.ok(
          mine.every((result) => JSON.stringify(result.receipt) === JSON.stringify(mine[0]!.receipt)),
          'every answer has the same receipt',
        );
      }
      assert.ok(statuses.every((status) => [200, 201, 409].includes(status)));
    } finally {
      await receiver.close();
    }
  });

  test('a receiver killed between storing and answering gives the same receipt and one row after restart', async () => {
    const dataDir = newDataDir();
    try {
      const first = await startChild(dataDir, true);
      const signal = newSignal();
      const lost = postSignal(first.url, signal).then(
        () => 'answered',
        () => 'connection lost',
      );
      await first.committed;
      first.child.kill('SIGKILL');
      assert.deepEqual(await first.exited, [null, 'SIGKILL']);
      assert.equal(await lost, 'connection lost', 'the employee never saw a receipt');

      const second = await startChild(dataDir);
      try {
        const retry = await postSignal(second.url, signal);
        assert.equal(retry.status, 200, 'the retry finds the stored signal');
        const receipt = receiptSchema.parse(await retry.json());
        const again = await postSignal(second.url, signal);
        assert.deepEqual(receiptSchema.parse(await again.json()), receipt);
        assert.equal(countSignals(dataDir), 1);

        const status = await readStatus(second.url, receipt);
        assert.equal(status.status, 200, 'the replayed token works');
        assert.equal(statusSchema.parse(await status.json()).state, 'received');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('SIGTERM finishes the request in flight, then exits cleanly', async () => {
    const dataDir = newDataDir();
    try {
      const receiver = await startChild(dataDir);
      const signal = newSignal();
      const response = await postSignal(receiver.url, signal);
      assert.equal(response.status, 201);
      receiver.child.kill('SIGTERM');
      assert.deepEqual(await receiver.exited, [0, null]);
      assert.equal(countSignals(dataDir), 1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('closing the server waits for a request in flight, and the signal it acknowledged is stored', async () => {
    const hold = deferred();
    const stored = deferred();
    const receiver = await startReceiver({
      pauses: {
        afterCommit: async () => {
          stored.resolve();
          await hold.promise;
        },
      },
    });
    const dataDir = receiver.dataDir;
    const answer = postSignal(receiver.url, newSignal());
    await stored.promise;
    const closing = receiver.app.close();
    hold.resolve();
    const response = await answer;
    assert.equal(response.status, 201);
    receiptSchema.parse(await response.json());
    await closing;
    await assert.rejects(postSignal(receiver.url, newSignal()), 'a closed receiver accepts nothing new');
    assert.equal(countSignals(dataDir), 1);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a claim left by a request that failed before storing does not block the retry', async () => {
    let fail = true;
    const receiver = await startReceiver({
      pauses: {
        afterClaim: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      },
    });
    try {
      const signal = newSignal();
      const failed = await postSignal(receiver.url, signal);
      assert.equal(failed.status, 500);
      assert.equal(((await failed.json()) as { code?: unknown }).code, 'internal');
      fail = false;
      assert.equal((await postSignal(receiver.url, signal)).status, 201);
      assert.equal(countSignals(receiver.dataDir), 1);
      assert.ok(!receiver.logs.join('').includes('disk full'), 'the error text is not logged');
    } finally {
      await receiver.close();
    }
  });
});
