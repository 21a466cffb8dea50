import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { after, describe, test } from 'node:test';
import { signalStoredChannel, type SignalStoredMessage } from '../src/index.js';
import { newSignal, post, postSignal, startReceiver } from './receiver-harness.js';

describe(`the diagnostics channel ${signalStoredChannel}`, () => {
  const seen: unknown[] = [];
  const listen = (message: unknown) => seen.push(message);
  diagnostics.subscribe(signalStoredChannel, listen);
  after(() => diagnostics.unsubscribe(signalStoredChannel, listen));

  test('tells a subscriber each stored signal once, by reference and kind, with nothing of its content', async () => {
    const receiver = await startReceiver();
    try {
      seen.length = 0;
      const canary = 'KANARIE-7f3a beschrijving';
      const signal = newSignal({ description: canary, reporter: { name: 'Kanarie Naam', email: 'kanarie@gemeente.example' } });
      const receipt = await post(receiver.url, signal);
      // A replay of the same signal is not a second stored signal.
      assert.equal((await postSignal(receiver.url, signal)).status, 200);
      const sparring = await post(receiver.url, newSignal({ kind: 'sparring', description: 'Mag ik even overleggen?' }));
      assert.deepEqual(seen, [
        { reference: receipt.reference, kind: 'signal' },
        { reference: sparring.reference, kind: 'sparring' },
      ] satisfies SignalStoredMessage[]);
      assert.doesNotMatch(JSON.stringify(seen), /KANARIE|kanarie|overleggen/);
    } finally {
      await receiver.close();
    }
  });

  test('publishes nothing for a refused signal', async () => {
    const receiver = await startReceiver();
    try {
      seen.length = 0;
      assert.equal((await postSignal(receiver.url, newSignal({ description: '' }))).status, 400);
      assert.deepEqual(seen, []);
    } finally {
      await receiver.close();
    }
  });
});
