import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { receiptSchema } from '@signaal/sdk';
import { MailCatcher } from '../src/mail-catcher.js';
import type { MailSettings } from '../src/mail.js';
import { countSignals, newDataDir, newSignal, postSignal, startReceiver, type RunningReceiver } from './receiver-harness.js';

const description = 'Een klant vertelde dat haar werkgever haar paspoort bewaart.';
const reporter = { name: 'Fatima Bakker', phone: '06-12345678' };

function mailSettings(smtpUrl: string, extra: Partial<MailSettings> = {}): MailSettings {
  return {
    smtpUrl,
    from: 'signaal@voorbeeld.nl',
    to: 'aandachtsfunctionaris@voorbeeld.nl',
    inboxUrl: 'https://signaal.voorbeeld.nl/inbox',
    retry: { baseDelay: 20, maxDelay: 100, maxAttempts: 5 },
    ...extra,
  };
}

/** Mail bodies may be quoted-printable; undo soft line breaks and =XX escapes to search them. */
const decoded = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

describe('notifying the officer by e-mail', () => {
  let catcher: MailCatcher;
  let smtpUrl: string;
  let receiver: RunningReceiver | undefined;

  beforeEach(async () => {
    catcher = new MailCatcher();
    smtpUrl = await catcher.listen();
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
    await catcher.close();
  });

  test('sends a summary without content by default', async () => {
    receiver = await startReceiver({ mail: mailSettings(smtpUrl) });
    const arrived = catcher.next();
    const response = await postSignal(receiver.url, newSignal({ description, reporter }));
    assert.equal(response.status, 201);
    const receipt = receiptSchema.parse(await response.json());
    const mail = await arrived;
    const text = decoded(mail.raw);
    assert.deepEqual(mail.to, ['aandachtsfunctionaris@voorbeeld.nl']);
    assert.match(text, new RegExp(`Subject: Signaal: nieuwe melding ${receipt.reference}`));
    assert.ok(text.includes(`https://signaal.voorbeeld.nl/inbox/signals/${receipt.reference}`), 'links to the inbox');
    for (const content of [description, reporter.name, reporter.phone, receipt.statusToken]) {
      assert.ok(!text.includes(content), `the mail does not contain ${content}`);
    }
  });

  test('includes the content only when configured', async () => {
    receiver = await startReceiver({ mail: mailSettings(smtpUrl, { includeContent: true }) });
    const arrived = catcher.next();
    const response = await postSignal(receiver.url, newSignal({ description, reporter }));
    const receipt = receiptSchema.parse(await response.json());
    const text = decoded((await arrived).raw);
    assert.ok(text.includes(description));
    assert.ok(text.includes(reporter.name));
    assert.ok(!text.includes(receipt.statusToken), 'the status token is never mailed');
  });

  test('says a sparring request is one, in the subject', async () => {
    receiver = await startReceiver({ mail: mailSettings(smtpUrl) });
    const arrived = catcher.next();
    await postSignal(receiver.url, newSignal({ kind: 'sparring', description: 'Graag even sparren.' }));
    assert.match((await arrived).raw, /Subject: Signaal: verzoek om te sparren SG-/);
  });

  test('stores and acknowledges the signal when the mail server refuses, and retries until it is accepted', async () => {
    receiver = await startReceiver({ mail: mailSettings(smtpUrl) });
    catcher.refuseNext(2);
    const failures: number[] = [];
    receiver.app.signaal.notifier?.on('failed', ({ attempts }: { attempts: number }) => failures.push(attempts));
    const arrived = catcher.next();
    const response = await postSignal(receiver.url, newSignal());
    assert.equal(response.status, 201);
    const receipt = receiptSchema.parse(await response.json());
    const mail = await arrived;
    assert.ok(mail.raw.includes(receipt.reference));
    assert.deepEqual(failures, [1, 2]);
    assert.equal(catcher.messages.length, 1, 'one mail, not one per attempt');
  });

  test('keeps the notification in the outbox while no mail server listens, and sends it after a restart', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const first = await startReceiver({ mail: mailSettings(`smtp://127.0.0.1:${port}`), dataDir: newDataDir() });
    const failed = once(first.app.signaal.notifier!, 'failed');
    const response = await postSignal(first.url, newSignal());
    assert.equal(response.status, 201);
    const receipt = receiptSchema.parse(await response.json());
    const [{ code }] = (await failed) as [{ code: string }];
    assert.match(code, /^E/, 'a short error code is recorded');
    assert.equal(countSignals(first.dataDir), 1);
    await first.close();

    const later = new MailCatcher();
    await later.listen(port);
    try {
      const arrived = later.next();
      receiver = await startReceiver({ mail: mailSettings(`smtp://127.0.0.1:${port}`), dataDir: first.dataDir });
      assert.ok((await arrived).raw.includes(receipt.reference), 'the pending mail goes out once a server is there');
    } finally {
      await later.close();
    }
  });
});
