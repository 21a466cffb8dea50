import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { createClient, newSignalId, parseSignal, VERSION } from '../src/index.js';

describe('signal identity', () => {
  it('names the SDK version from package.json as the client of a signal', async () => {
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).to.equal(manifest.version);
    const signal = createClient({ mailbox: 'signalen@gemeente.example' }).prepare({ kind: 'sparring', description: 'Even sparren?' });
    expect(signal.client).to.equal(`@signaal/sdk@${manifest.version}`);
  });

  it('makes valid, distinct v4 UUIDs also where crypto.randomUUID is missing (plain http intranets)', () => {
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    let ids: Set<string>;
    try {
      expect(typeof crypto.randomUUID).to.equal('undefined');
      ids = new Set(Array.from({ length: 500 }, () => newSignalId()));
    } finally {
      Reflect.deleteProperty(crypto, 'randomUUID');
    }
    expect(typeof crypto.randomUUID).to.equal('function');
    expect(ids.size).to.equal(500);
    for (const id of ids) {
      expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseSignal({ id, kind: 'signal', description: 'x' }).id).to.equal(id);
    }
  });

  it('keeps the id a caller gives, so a retry reuses the idempotency key', () => {
    const client = createClient({ mailbox: 'signalen@gemeente.example' });
    const first = client.prepare({ kind: 'signal', description: 'Iets gezien' });
    expect(client.prepare(first).id).to.equal(first.id);
    expect(client.prepare({ kind: 'signal', description: 'Iets gezien' }).id).not.to.equal(first.id);
  });
});
