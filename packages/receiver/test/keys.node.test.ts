/**
 * Content keys, rotation and the status-token secret, as an operator meets them: through the real
 * `signaal-receiver` command in child processes.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Receipt } from '@signaal/sdk';
import { KeyError, loadKeyring } from '../src/keyring.js';
import { statusTokenFor } from '../src/receipt.js';
import { cleanEnv, configFile, refusal, runCli, startCli } from './cli-harness.js';
import { folder, folderBytes, newSignal, post, postSignal, readStatus, statusState, storedSignals } from './receiver-harness.js';

/** Writes a key file (or any file) with exactly this mode, whatever the umask. */
function writePrivate(path: string, text: string, mode = 0o600): string {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return path;
}

/** A new key, as `signaal-receiver generate-key` prints it. */
async function generatedKey(): Promise<string> {
  const result = await runCli(['generate-key']);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

function keyFileWith(name: string, ...keys: string[]): string {
  return writePrivate(join(folder('keys'), name), keys.join(''));
}

describe('generate-key', () => {
  test('prints one key line and exits 0; two runs give different keys', async () => {
    const [first, second] = await Promise.all([runCli(['generate-key']), runCli(['generate-key'])]);
    for (const result of [first, second]) {
      assert.equal(result.code, 0);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /^signaal-content-key-v1:[A-Za-z0-9_-]{43}\n$/, 'one line: the prefix and base64url of 32 bytes');
      assert.equal(Buffer.from(result.stdout.trim().split(':')[1]!, 'base64url').length, 32);
    }
    assert.notEqual(first.stdout, second.stdout);
    // What it prints is a key file the receiver accepts as it is.
    const keyring = loadKeyring(writePrivate(join(folder('keys'), 'content.key'), first.stdout));
    assert.match(keyring.currentKeyId, /^[0-9a-f]{16}$/);
  });
});

describe('starting without a usable content key', () => {
  test('without a key the CLI refuses to start with one sentence saying how to make one', async () => {
    const dataDir = folder('data', false);
    const result = await runCli(['--config', configFile, '--data-dir', dataDir, '--port', '0']);
    assert.equal(result.code, 2);
    const message = refusal(result);
    assert.match(message, /^signaal-receiver: [^\n]*\.$/, 'one line ending in a full stop');
    assert.doesNotMatch(message.replace(/^signaal-receiver: /, ''), /[.!?]\s+[A-Z]/, 'one sentence');
    assert.match(message, /generate-key/);
    assert.match(message, /--content-key-file/);
  });

  test('SIGNAAL_CONTENT_KEY_FILE is read as well as the flag', async () => {
    const keyFile = keyFileWith('content.key', await generatedKey());
    const dataDir = folder('data', false);
    const receiver = await startCli({ dataDir, env: cleanEnv({ SIGNAAL_CONTENT_KEY_FILE: keyFile }) });
    try {
      assert.equal((await postSignal(receiver.url, newSignal())).status, 201);
      assert.deepEqual(await receiver.stop(), [0, null]);
    } finally {
      await receiver.kill();
    }
  });

  test('a key file readable by others is refused, naming the file and chmod 600', async () => {
    const keyFile = writePrivate(join(folder('keys'), 'content.key'), await generatedKey(), 0o644);
    const dataDir = folder('data', false);
    const result = await runCli(['--config', configFile, '--data-dir', dataDir, '--content-key-file', keyFile, '--port', '0']);
    assert.equal(result.code, 2);
    const message = refusal(result);
    assert.ok(message.includes(keyFile), `the message names ${keyFile}: ${message}`);
    assert.match(message, /chmod 600/);
    assert.match(message, /0644/);
    assert.ok(!message.includes(readFileSync(keyFile, 'utf8').trim().split(':')[1]!), 'the key itself is not shown');
  });

  test('a key file inside the data folder is refused: keep it elsewhere', async () => {
    const dataDir = folder('data');
    const keyFile = writePrivate(join(dataDir, 'content.key'), await generatedKey());
    const result = await runCli(['--config', configFile, '--data-dir', dataDir, '--content-key-file', keyFile, '--port', '0']);
    assert.equal(result.code, 2);
    const message = refusal(result);
    assert.ok(message.includes(keyFile), message);
    assert.match(message, /inside the data folder/);
    assert.match(message, /keep it elsewhere/);
  });

  test('a wrong key does not start and changes nothing; the right key still reads the signal', async () => {
    const keyA = await generatedKey();
    const keyB = await generatedKey();
    const fileA = keyFileWith('a.key', keyA);
    const fileB = keyFileWith('b.key', keyB);
    const idA = loadKeyring(fileA).currentKeyId;
    const idB = loadKeyring(fileB).currentKeyId;
    const dataDir = folder('data', false);
    const signal = newSignal({ description: 'Melding onder sleutel A' });

    const first = await startCli({ dataDir, keyFile: fileA });
    let receipt: Receipt;
    try {
      receipt = await post(first.url, signal);
      assert.deepEqual(await first.stop(), [0, null]);
    } finally {
      await first.kill();
    }
    const before = folderBytes(dataDir);

    const wrong = await runCli(['--config', configFile, '--data-dir', dataDir, '--content-key-file', fileB, '--port', '0']);
    assert.notEqual(wrong.code, 0, 'the receiver does not start');
    assert.equal(wrong.signal, null);
    assert.doesNotMatch(wrong.stdout, /Server listening/);
    assert.ok(
      wrong.stderr.includes(`content key with id ${idA} is not in the key file`),
      `the message names key id ${idA}: ${wrong.stderr}`,
    );
    assert.ok(!wrong.stderr.includes(idB), 'it names the missing key, not the one given');
    assert.ok(folderBytes(dataDir).equals(before), 'no byte of the data folder changed');

    const right = await startCli({ dataDir, keyFile: fileA });
    try {
      assert.equal(await statusState(right.url, receipt), 'received');
      assert.match(storedSignals(dataDir, loadKeyring(fileA))[0]?.content ?? '', /Melding onder sleutel A/);
      assert.deepEqual(await right.stop(), [0, null]);
    } finally {
      await right.kill();
    }
  });
});

describe('rotate-key', () => {
  test('a new key first and the old one second reads everything; rotate-key re-wraps; then the new key alone suffices', async () => {
    const keyA = await generatedKey();
    const keyB = await generatedKey();
    const fileA = keyFileWith('a.key', keyA);
    const fileB = keyFileWith('b.key', keyB);
    const fileBA = keyFileWith('b-then-a.key', keyB, keyA);
    const idA = loadKeyring(fileA).currentKeyId;
    const idB = loadKeyring(fileB).currentKeyId;
    const dataDir = folder('data', false);
    const canary = `kanarie-${Math.random().toString(36).slice(2)}`;
    const oldSignal = newSignal({ description: `Oude melding ${canary}`, reporter: { name: `Melder ${canary}` } });
    const newer = newSignal({ description: 'Nieuwe melding onder sleutel B' });

    // Under key A alone.
    const underA = await startCli({ dataDir, keyFile: fileA });
    let oldReceipt: Receipt;
    try {
      oldReceipt = await post(underA.url, oldSignal);
      assert.deepEqual(await underA.stop(), [0, null]);
    } finally {
      await underA.kill();
    }

    // B first, A second: the old signal still reads, a new one is wrapped under B.
    const underBA = await startCli({ dataDir, keyFile: fileBA });
    let newerReceipt: Receipt;
    let oldWrapped: Buffer;
    try {
      assert.equal(await statusState(underBA.url, oldReceipt), 'received');
      const keyringBA = loadKeyring(fileBA);
      assert.ok(storedSignals(dataDir, keyringBA)[0]?.content.includes(`Oude melding ${canary}`), 'the old content reads with B,A');
      newerReceipt = await post(underBA.url, newer);
      const db = new Database(join(dataDir, 'signaal.db'), { readonly: true });
      try {
        const rows = db.prepare('SELECT id, key_id, data_key FROM signals').all() as Array<{
          id: string;
          key_id: string;
          data_key: Buffer;
        }>;
        assert.equal(rows.find((row) => row.id === oldSignal.id)?.key_id, idA);
        assert.equal(rows.find((row) => row.id === newer.id)?.key_id, idB, 'new data keys are wrapped under the first key');
        oldWrapped = rows.find((row) => row.id === oldSignal.id)!.data_key;
      } finally {
        db.close();
      }

      // Rotation while this receiver runs: the old signal's data key and the token secret were under A.
      const rotated = await runCli(['rotate-key', '--content-key-file', fileBA, '--data-dir', dataDir]);
      assert.equal(rotated.code, 0, rotated.stderr);
      const count = Number(/Re-wrapped (\d+) keys? under content key ([0-9a-f]{16})/.exec(rotated.stdout)?.[1]);
      assert.equal(count, 2, `the signal's data key and the token secret: ${rotated.stdout}`);
      assert.ok(rotated.stdout.includes(idB), 'it names the key it wrapped under');

      // The running receiver goes on answering.
      assert.equal(await statusState(underBA.url, oldReceipt), 'received');
      assert.deepEqual(await underBA.stop(), [0, null]);
    } finally {
      await underBA.kill();
    }

    const db = new Database(join(dataDir, 'signaal.db'), { readonly: true });
    try {
      assert.deepEqual(db.prepare('SELECT DISTINCT key_id FROM signals').all(), [{ key_id: idB }]);
      assert.deepEqual(db.prepare('SELECT DISTINCT key_id FROM secrets').all(), [{ key_id: idB }]);
    } finally {
      db.close();
    }
    assert.ok(!folderBytes(dataDir).includes(oldWrapped), 'the data key wrapped under A is in no byte of the data folder');

    // A second rotation has nothing left to do.
    const again = await runCli(['rotate-key', '--content-key-file', fileBA, '--data-dir', dataDir]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Re-wrapped 0 keys/);

    // B alone: the token secret was re-wrapped too, so the reporters' tokens work.
    const underB = await startCli({ dataDir, keyFile: fileB });
    try {
      assert.equal(await statusState(underB.url, oldReceipt), 'received');
      assert.equal(await statusState(underB.url, newerReceipt), 'received');
      const contents = storedSignals(dataDir, loadKeyring(fileB)).map((row) => row.content);
      assert.ok(contents[0]?.includes(`Oude melding ${canary}`));
      assert.ok(contents[1]?.includes('Nieuwe melding onder sleutel B'));
      assert.deepEqual(await underB.stop(), [0, null]);
    } finally {
      await underB.kill();
    }

    // A alone no longer reads anything: nothing is wrapped under it.
    assert.throws(
      () => storedSignals(dataDir, loadKeyring(fileA)),
      (error: unknown) => error instanceof KeyError && error.message.includes(idB),
    );
    const underAOnly = await runCli(['--config', configFile, '--data-dir', dataDir, '--content-key-file', fileA, '--port', '0']);
    assert.notEqual(underAOnly.code, 0, 'the receiver does not start with the old key alone');
    assert.doesNotMatch(underAOnly.stdout, /Server listening/);
    assert.ok(underAOnly.stderr.includes(`content key with id ${idB} is not in the key file`), underAOnly.stderr);
  });

  test('rotate-key without a key file, or with a key that cannot unwrap, fails and re-wraps nothing', async () => {
    const fileA = keyFileWith('a.key', await generatedKey());
    const fileC = keyFileWith('c.key', await generatedKey());
    const dataDir = folder('data', false);
    const receiver = await startCli({ dataDir, keyFile: fileA });
    let receipt: Receipt;
    try {
      receipt = await post(receiver.url, newSignal());
      assert.deepEqual(await receiver.stop(), [0, null]);
    } finally {
      await receiver.kill();
    }
    const before = folderBytes(dataDir);

    const noKey = await runCli(['rotate-key', '--data-dir', dataDir]);
    assert.equal(noKey.code, 2);
    assert.match(refusal(noKey), /generate-key.*--content-key-file/);

    const wrongKey = await runCli(['rotate-key', '--content-key-file', fileC, '--data-dir', dataDir]);
    assert.notEqual(wrongKey.code, 0);
    assert.ok(wrongKey.stderr.includes(loadKeyring(fileA).currentKeyId), `names the key it needs: ${wrongKey.stderr}`);
    assert.doesNotMatch(wrongKey.stdout, /Re-wrapped/);
    assert.ok(folderBytes(dataDir).equals(before), 'no byte of the data folder changed');

    const after = await startCli({ dataDir, keyFile: fileA });
    try {
      assert.equal(await statusState(after.url, receipt), 'received');
      assert.deepEqual(await after.stop(), [0, null]);
    } finally {
      await after.kill();
    }
  });
});

describe('--secret-file', () => {
  const secretHex = 'a1'.repeat(32);

  test('a secret file readable by others is refused', async () => {
    const keyFile = keyFileWith('content.key', await generatedKey());
    const secretFile = writePrivate(join(folder('secret'), 'token.secret'), `${secretHex}\n`, 0o644);
    const result = await runCli([
      '--config',
      configFile,
      '--data-dir',
      folder('data', false),
      '--content-key-file',
      keyFile,
      '--secret-file',
      secretFile,
      '--port',
      '0',
    ]);
    assert.equal(result.code, 2);
    const message = refusal(result);
    assert.ok(message.includes(secretFile), message);
    assert.match(message, /chmod 600/);
    assert.ok(!message.includes(secretHex), 'the secret itself is not shown');
  });

  test('a private secret file is used: tokens are derived from it, in any data folder', async () => {
    const keyFile = keyFileWith('content.key', await generatedKey());
    const secretFile = writePrivate(join(folder('secret'), 'token.secret'), `${secretHex}\n`);
    const secret = Buffer.from(secretHex, 'hex');
    const signal = newSignal();

    const receipts: Receipt[] = [];
    for (const dataDir of [folder('data', false), folder('data', false)]) {
      const receiver = await startCli({ dataDir, keyFile, flags: ['--secret-file', secretFile] });
      try {
        const receipt = await post(receiver.url, signal);
        assert.equal(receipt.statusToken, statusTokenFor(secret, signal.id), 'the token is the one the secret gives');
        assert.equal(
          await statusState(receiver.url, { reference: receipt.reference, statusToken: statusTokenFor(secret, signal.id) }),
          'received',
        );
        const wrong = await readStatus(receiver.url, {
          reference: receipt.reference,
          statusToken: statusTokenFor(Buffer.alloc(32, 1), signal.id),
        });
        assert.equal(wrong.status, 404, 'a token from another secret does not work');
        receipts.push(receipt);
        assert.deepEqual(await receiver.stop(), [0, null]);
      } finally {
        await receiver.kill();
      }
    }
    assert.equal(receipts[0]!.statusToken, receipts[1]!.statusToken, 'two data folders with one secret file give the same token');
  });
});
