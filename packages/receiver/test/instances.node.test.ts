/**
 * Several receivers on one PostgreSQL database, as a shared service would run them behind a
 * load balancer: real processes, a hard kill in the middle of a burst, and a database that goes
 * away and comes back.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { problemSchema, receiptSchema, statsSchema, statusSchema, type Receipt } from '@signaal/sdk';
import { MailCatcher } from '../src/mail-catcher.js';
import { startCli, type ChildReceiver } from './cli-harness.js';
import { startPostgres, type TestPostgres } from './postgres-harness.js';
import { newDataDir, newKeyFile, newSignal, postSignal, readStatus, startReceiver } from './receiver-harness.js';

let cluster: TestPostgres;
before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  await cluster?.stop();
});

/**
 * Sends until the receiver answers 200 or 201 (409 means the same key is being handled
 * elsewhere), at most `tries` times, `pause` ms apart, as the SDK's retries would.
 */
async function deliver(
  url: string,
  signal: ReturnType<typeof newSignal>,
  tries = 20,
  pause = 20,
): Promise<{ status: number; receipt?: Receipt }> {
  let status = 0;
  for (let attempt = 0; attempt < tries; attempt += 1) {
    let response: Response;
    try {
      response = await postSignal(url, signal);
    } catch {
      return { status: 0 };
    }
    status = response.status;
    if (status === 200 || status === 201) return { status, receipt: receiptSchema.parse(await response.json()) };
    await response.body?.cancel();
    if (status !== 409) return { status };
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return { status };
}

describe('two receiver processes on one PostgreSQL database', () => {
  test('duplicates sent to both at once store one signal each, and a hard kill loses nothing acknowledged', async () => {
    const databaseUrl = await cluster.newDatabase();
    const keyFile = newKeyFile();
    const folders = [newDataDir(), newDataDir()];
    const instances: ChildReceiver[] = [];
    try {
      for (const folder of folders) instances.push(await startCli({ dataDir: folder, keyFile, flags: ['--database', databaseUrl] }));
      const [a, b] = instances as [ChildReceiver, ChildReceiver];

      // Every signal goes to both instances at the same moment, as a client retrying through a load balancer would.
      const burst = Array.from({ length: 60 }, (_, index) => newSignal({ description: `Signaal ${index} in de burst` }));
      const results = await Promise.all(burst.map((signal) => Promise.all([deliver(a.url, signal), deliver(b.url, signal)])));
      for (const [fromA, fromB] of results) {
        assert.deepEqual([fromA.status, fromB.status].sort(), [200, 201], 'one stored, the other answered the replay');
        assert.deepEqual(fromA.receipt, fromB.receipt, 'both give the same receipt and token');
      }

      // A second burst, with instance A killed hard halfway.
      const second = Array.from({ length: 60 }, (_, index) => newSignal({ description: `Tweede burst ${index}` }));
      const acknowledged: Receipt[] = [];
      const sending = second.map(async (signal, index) => {
        const result = await deliver(index % 2 === 0 ? a.url : b.url, signal);
        if (result.receipt) acknowledged.push(result.receipt);
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      a.child.kill('SIGKILL');
      await a.exited;
      await Promise.all(sending);
      assert.ok(acknowledged.length > 0, 'some signals were acknowledged');
      for (const receipt of [...acknowledged, ...results.map(([first]) => first.receipt!)]) {
        const status = await readStatus(b.url, receipt);
        assert.equal(status.status, 200, `${receipt.reference} acknowledged before the kill is readable through the other instance`);
        assert.equal(statusSchema.parse(await status.json()).state, 'received');
      }
      // What the killed instance had not acknowledged, the survivor stores on retry (a claim the
      // killed one left lapses after ten seconds): nothing doubles.
      for (const signal of second) {
        const result = await deliver(b.url, signal, 150, 100);
        assert.ok(result.status === 200 || result.status === 201, `retry of ${signal.id} answered ${result.status}`);
      }
      const stats = statsSchema.parse(await (await fetch(`${b.url}/stats`)).json());
      assert.equal(stats.total, burst.length + second.length, 'exactly one row per signal');
    } finally {
      for (const instance of instances) await instance.stop();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the outbox shared by two instances', () => {
  test('sends each notification exactly once to a real SMTP server, whichever instance stored it', async () => {
    const catcher = new MailCatcher();
    const smtpUrl = await catcher.listen();
    const databaseUrl = await cluster.newDatabase();
    const mail = { smtpUrl, from: 'signaal@voorbeeld.nl', to: 'af@voorbeeld.nl', retry: { baseDelay: 20, maxDelay: 100, maxAttempts: 5 } };
    const a = await startReceiver({ databaseUrl, mail });
    const b = await startReceiver({ databaseUrl, mail });
    const references: string[] = [];
    try {
      const arrived = new Promise<void>((resolve) => {
        catcher.on('mail', () => {
          if (catcher.messages.length >= 40) resolve();
        });
      });
      await Promise.all(
        Array.from({ length: 40 }, async (_, index) => {
          const result = await deliver(index % 2 === 0 ? a.url : b.url, newSignal());
          references.push(result.receipt!.reference);
          // Both senders drain after every signal, so they compete for the same items.
          a.app.signaal.notifier?.kick();
          b.app.signaal.notifier?.kick();
        }),
      );
      await arrived;
    } finally {
      // Closing waits for a send in progress; nothing can be sent after this.
      await a.close();
      await b.close();
      await catcher.close();
    }
    const mailed = catcher.messages.map((message) => /Subject: .* (SG-[0-9A-Z-]+)/.exec(message.raw)?.[1]);
    assert.equal(mailed.length, 40, 'forty mails, no more');
    assert.deepEqual([...new Set(mailed)].sort(), [...references].sort(), 'one mail per signal');
  });
});

describe('a database that goes away', () => {
  test('answers 503 problem+json with Retry-After, loses nothing acknowledged, and recovers when it returns', async () => {
    const receiver = await startReceiver({ databaseUrl: await cluster.newDatabase() });
    try {
      const before = await deliver(receiver.url, newSignal());
      assert.equal(before.status, 201);

      await cluster.pause();
      const signal = newSignal();
      const down = await postSignal(receiver.url, signal);
      assert.equal(down.status, 503);
      assert.match(down.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.ok(Number(down.headers.get('retry-after')) > 0);
      assert.equal(problemSchema.parse(await down.json()).code, 'storage-unavailable');
      const status = await readStatus(receiver.url, before.receipt!);
      assert.equal(status.status, 503, 'reads answer 503 too, not an error page');
      await status.body?.cancel();

      await cluster.start();
      const after = await deliver(receiver.url, signal, 100);
      assert.equal(after.status, 201, 'the same signal is stored once the database is back');
      assert.equal(
        (await readStatus(receiver.url, before.receipt!)).status,
        200,
        'the signal acknowledged before the outage is still there',
      );
      assert.ok(!receiver.logs.join('').includes(signal.description), 'no content in the logs');
    } finally {
      await receiver.close();
    }
  });

  test('at start, the CLI says the database cannot be reached and exits', async () => {
    const dataDir = newDataDir();
    try {
      await assert.rejects(
        startCli({ dataDir, keyFile: newKeyFile(), flags: ['--database', 'postgres://postgres@127.0.0.1:1/none'] }),
        /exited with 1 before listening: signaal-receiver: the database cannot be reached \(ECONNREFUSED\)/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
