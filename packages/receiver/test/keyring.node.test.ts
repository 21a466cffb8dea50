import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { DecryptError, KeyError, Keyring, generateContentKey, loadKeyring, open, seal } from '../src/keyring.js';

const dir = mkdtempSync(join(tmpdir(), 'signaal-keyring-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes a key file with an explicit mode, whatever the umask is. */
function keyFile(text: string, mode = 0o600): string {
  const path = join(dir, `key-${++files}`);
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return path;
}

const keyLine = (bytes: Buffer) => `signaal-content-key-v1:${bytes.toString('base64url')}\n`;

/** Runs `run` and returns the KeyError it throws, failing when it throws anything else or nothing. */
function keyError(run: () => unknown): KeyError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof KeyError, `expected a KeyError, got ${String(error)}`);
    assert.equal(error.name, 'KeyError');
    return error;
  }
  assert.fail('expected a KeyError, nothing was thrown');
}

const dutch = 'Mijn leidinggevende zei: "Dat café-bezoek declareer je als training." 😬 Geen idee of dat mag.';

describe('sealing a signal under a wrapped data key', () => {
  test('a generated key file loads, and content sealed under a wrapped data key reads back', () => {
    const keyring = loadKeyring(keyFile(generateContentKey()));
    const dataKey = keyring.newDataKey();
    assert.equal(dataKey.length, 32);
    const { keyId, wrapped } = keyring.wrap(dataKey, 'SGN-2025-0001');
    assert.equal(keyId, keyring.currentKeyId);
    assert.equal(wrapped.length, 1 + 12 + 16 + 32);
    assert.equal(wrapped[0], 1);
    const content = seal(dataKey, dutch, 'SGN-2025-0001\0content');
    const message = seal(dataKey, 'Bedankt, we kijken ernaar. — de vertrouwenspersoon', 'SGN-2025-0001\0message');

    const unwrapped = keyring.unwrap(wrapped, keyId, 'SGN-2025-0001');
    assert.deepEqual(unwrapped, dataKey);
    assert.equal(open(unwrapped, content, 'SGN-2025-0001\0content'), dutch);
    assert.equal(open(unwrapped, message, 'SGN-2025-0001\0message'), 'Bedankt, we kijken ernaar. — de vertrouwenspersoon');
  });

  test('seals and opens empty text', () => {
    const dataKey = randomBytes(32);
    const sealed = seal(dataKey, '', 'r');
    assert.equal(sealed.length, 1 + 12 + 16);
    assert.equal(open(dataKey, sealed, 'r'), '');
  });

  test('the sealed bytes do not contain the text, and sealing the same text twice gives different bytes', () => {
    const dataKey = randomBytes(32);
    const canary = 'CANARY-fraude-bij-inkoop-CANARY';
    const first = seal(dataKey, canary, 'r');
    const second = seal(dataKey, canary, 'r');
    assert.equal(first.includes(Buffer.from(canary, 'utf8')), false);
    assert.equal(first.includes(Buffer.from('fraude', 'utf8')), false);
    assert.notDeepEqual(first, second);
    assert.notDeepEqual(first.subarray(1, 13), second.subarray(1, 13), 'each seal has its own IV');
    assert.equal(open(dataKey, first, 'r'), canary);
    assert.equal(open(dataKey, second, 'r'), canary);
  });

  test('a wrapped data key does not contain the data key', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)]);
    const dataKey = keyring.newDataKey();
    assert.equal(keyring.wrap(dataKey, 'r').wrapped.includes(dataKey), false);
  });

  test('opening with another data key fails with DecryptError', () => {
    const sealed = seal(randomBytes(32), dutch, 'r');
    assert.throws(() => open(randomBytes(32), sealed, 'r'), DecryptError);
  });

  test('a data key that is not 32 bytes is refused before any encryption', () => {
    assert.throws(() => seal(randomBytes(16), dutch, 'r'), RangeError);
    assert.throws(() => open(randomBytes(31), seal(randomBytes(32), dutch, 'r'), 'r'), RangeError);
    assert.throws(() => Keyring.fromKeys([randomBytes(32)]).wrap(randomBytes(33), 'r'), RangeError);
  });
});

describe('binding to the record', () => {
  test('content copied onto another record does not open', () => {
    const dataKey = randomBytes(32);
    const sealed = seal(dataKey, dutch, 'SGN-1\0content');
    assert.throws(() => open(dataKey, sealed, 'SGN-2\0content'), DecryptError);
    assert.throws(() => open(dataKey, sealed, 'SGN-1\0message'), DecryptError);
    assert.equal(open(dataKey, sealed, 'SGN-1\0content'), dutch);
  });

  test('a wrapped data key copied onto another record does not unwrap', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)]);
    const { keyId, wrapped } = keyring.wrap(keyring.newDataKey(), 'SGN-1');
    assert.throws(() => keyring.unwrap(wrapped, keyId, 'SGN-2'), DecryptError);
  });

  test('a wrapped data key does not open as content under the same key and binding', () => {
    const contentKey = randomBytes(32);
    const keyring = Keyring.fromKeys([contentKey]);
    const { wrapped } = keyring.wrap(keyring.newDataKey(), 'SGN-1');
    assert.throws(() => open(contentKey, wrapped, 'SGN-1'), DecryptError);
  });

  test("content of a data key's length does not unwrap as a data key under the same key and binding", () => {
    const contentKey = randomBytes(32);
    const keyring = Keyring.fromKeys([contentKey]);
    const sealed = seal(contentKey, 'x'.repeat(32), 'SGN-1');
    assert.equal(sealed.length, 1 + 12 + 16 + 32);
    assert.throws(() => keyring.unwrap(sealed, keyring.currentKeyId, 'SGN-1'), DecryptError);
  });
});

describe('tampering', () => {
  const flips = (bytes: Buffer) =>
    Array.from({ length: bytes.length * 8 }, (_, bit) => {
      const copy = Buffer.from(bytes);
      copy[bit >> 3]! ^= 1 << (bit & 7);
      return { bit, copy };
    });

  test('every single flipped bit of sealed content (version, IV, tag, ciphertext) fails with DecryptError', () => {
    const dataKey = randomBytes(32);
    const sealed = seal(dataKey, 'Kort bericht ✓', 'r');
    for (const { bit, copy } of flips(sealed)) {
      assert.throws(() => open(dataKey, copy, 'r'), DecryptError, `bit ${bit}`);
    }
    assert.equal(open(dataKey, sealed, 'r'), 'Kort bericht ✓');
  });

  test('every single flipped bit of a wrapped data key fails with DecryptError', () => {
    const keyring = Keyring.fromKeys([randomBytes(32)]);
    const { keyId, wrapped } = keyring.wrap(keyring.newDataKey(), 'r');
    for (const { bit, copy } of flips(wrapped)) {
      assert.throws(() => keyring.unwrap(copy, keyId, 'r'), DecryptError, `bit ${bit}`);
    }
  });

  test('truncated or extended input fails with DecryptError, not a crypto error', () => {
    const dataKey = randomBytes(32);
    const sealed = seal(dataKey, dutch, 'r');
    for (const length of [0, 1, 13, 28, 29, sealed.length - 1]) {
      assert.throws(() => open(dataKey, sealed.subarray(0, length), 'r'), DecryptError, `length ${length}`);
    }
    assert.throws(() => open(dataKey, Buffer.concat([sealed, Buffer.of(0)]), 'r'), DecryptError);

    const keyring = Keyring.fromKeys([randomBytes(32)]);
    const { keyId, wrapped } = keyring.wrap(keyring.newDataKey(), 'r');
    for (const length of [0, 29, wrapped.length - 1]) {
      assert.throws(() => keyring.unwrap(wrapped.subarray(0, length), keyId, 'r'), DecryptError, `length ${length}`);
    }
    assert.throws(() => keyring.unwrap(Buffer.concat([wrapped, Buffer.of(0)]), keyId, 'r'), DecryptError);
  });

  test('an unknown format version fails with DecryptError that names the version', () => {
    const dataKey = randomBytes(32);
    const sealed = seal(dataKey, dutch, 'r');
    for (const version of [0, 2, 255]) {
      const copy = Buffer.from(sealed);
      copy[0] = version;
      assert.throws(
        () => open(dataKey, copy, 'r'),
        (error: unknown) => error instanceof DecryptError && error.message.includes(`version ${version}`),
      );
    }
  });
});

describe('rotating the content key', () => {
  test('a key file with the new key first still unwraps data keys wrapped under the old key, and wraps under the new one', () => {
    const oldLine = generateContentKey();
    const newLine = generateContentKey();
    const before = loadKeyring(keyFile(oldLine));
    const dataKey = before.newDataKey();
    const { keyId: oldId, wrapped } = before.wrap(dataKey, 'SGN-7');
    const sealed = seal(dataKey, dutch, 'SGN-7\0content');

    const rotated = loadKeyring(keyFile(`# current\n${newLine}\n# previous, until rotate-key has run\n${oldLine}`));
    const newId = loadKeyring(keyFile(newLine)).currentKeyId;
    assert.equal(rotated.currentKeyId, newId);
    assert.deepEqual(rotated.keyIds, [newId, oldId]);
    assert.equal(rotated.isCurrent(oldId), false);
    assert.equal(rotated.isCurrent(newId), true);
    assert.equal(before.isCurrent(oldId), true);

    const unwrapped = rotated.unwrap(wrapped, oldId, 'SGN-7');
    assert.equal(open(unwrapped, sealed, 'SGN-7\0content'), dutch);
    const rewrapped = rotated.wrap(unwrapped, 'SGN-7');
    assert.equal(rewrapped.keyId, newId);
    assert.deepEqual(rotated.unwrap(rewrapped.wrapped, rewrapped.keyId, 'SGN-7'), dataKey);
  });

  test('a keyring without the old key refuses its key id with a KeyError naming the id', () => {
    const oldKeyring = Keyring.fromKeys([randomBytes(32)]);
    const newKeyring = Keyring.fromKeys([randomBytes(32)]);
    const { keyId, wrapped } = oldKeyring.wrap(oldKeyring.newDataKey(), 'SGN-8');
    const error = keyError(() => newKeyring.unwrap(wrapped, keyId, 'SGN-8'));
    assert.match(error.message, new RegExp(`content key with id ${keyId} is not in the key file`));
    assert.equal(newKeyring.isCurrent(keyId), false);
  });

  test('the same key listed twice counts once', () => {
    const line = generateContentKey();
    const keyring = loadKeyring(keyFile(`${line}${line}`));
    assert.deepEqual(keyring.keyIds, [keyring.currentKeyId]);
  });
});

describe('refusing a key file', () => {
  test('a missing file', () => {
    const path = join(dir, 'no-such-key');
    const error = keyError(() => loadKeyring(path));
    assert.ok(error.message.includes(path), error.message);
    assert.match(error.message, /does not exist/);
  });

  test('a file readable by others (0644), with the chmod that fixes it', () => {
    const path = keyFile(generateContentKey(), 0o644);
    const error = keyError(() => loadKeyring(path));
    assert.ok(error.message.includes(path), error.message);
    assert.ok(error.message.includes(`chmod 600 ${path}`), error.message);
    assert.ok(error.message.includes('0644'), error.message);
  });

  for (const mode of [0o640, 0o620, 0o604, 0o602]) {
    test(`a file readable or writable by group or others (0${mode.toString(8)})`, () => {
      const path = keyFile(generateContentKey(), mode);
      const error = keyError(() => loadKeyring(path));
      assert.ok(error.message.includes(path), error.message);
      assert.ok(error.message.includes('chmod 600'), error.message);
    });
  }

  test('a path with a space gets a chmod that can be pasted into a shell', () => {
    const path = join(dir, 'key with space');
    writeFileSync(path, generateContentKey());
    chmodSync(path, 0o644);
    const error = keyError(() => loadKeyring(path));
    assert.ok(error.message.includes(`chmod 600 '${path}'`), error.message);
  });

  test('a file that mode 0400 protects loads', () => {
    assert.equal(loadKeyring(keyFile(generateContentKey(), 0o400)).keyIds.length, 1);
  });

  test('a directory', () => {
    const path = join(dir, 'a-folder');
    mkdirSync(path, { mode: 0o700 });
    const error = keyError(() => loadKeyring(path));
    assert.ok(error.message.includes(path), error.message);
  });

  test('a line that is not a key names its line number and not its content', () => {
    const secretish = 'signaal-content-key-v1:not*base64url!';
    const path = keyFile(`# ok\n${generateContentKey()}${secretish}\n`);
    const error = keyError(() => loadKeyring(path));
    assert.ok(error.message.includes(path), error.message);
    assert.match(error.message, /^Line 3 /);
    assert.equal(error.message.includes('not*base64url'), false);
  });

  for (const [name, line] of [
    ['a line without the prefix', randomBytes(32).toString('base64url')],
    ['a line with another version prefix', `signaal-content-key-v2:${randomBytes(32).toString('base64url')}`],
    ['base64 padding', `signaal-content-key-v1:${randomBytes(32).toString('base64url')}=`],
    ['standard base64 characters', `signaal-content-key-v1:${'+/'.repeat(21)}A`],
    ['a non-canonical last character', `signaal-content-key-v1:${randomBytes(32).toString('base64url').slice(0, 42)}B`],
  ] as const) {
    test(`a key line with ${name}`, () => {
      const path = keyFile(`${line}\n`);
      assert.ok(keyError(() => loadKeyring(path)).message.includes(path));
    });
  }

  test('an empty file, and a file of only comments and blank lines', () => {
    for (const text of ['', '\n\n', '# signaal content keys\n\n   \n']) {
      const path = keyFile(text);
      const error = keyError(() => loadKeyring(path));
      assert.ok(error.message.includes(path), error.message);
      assert.match(error.message, /no content key/);
    }
  });

  test('a key of 31 bytes', () => {
    const path = keyFile(keyLine(randomBytes(31)));
    const error = keyError(() => loadKeyring(path));
    assert.ok(error.message.includes(path), error.message);
    assert.match(error.message, /31 bytes/);
  });

  test('a key of 32 bytes in the same format loads, with CRLF line ends and surrounding spaces', () => {
    const key = randomBytes(32);
    const keyring = loadKeyring(keyFile(`  ${keyLine(key).trim()}  \r\n`));
    assert.equal(keyring.currentKeyId, Keyring.fromKeys([key]).currentKeyId);
  });

  test('fromKeys refuses no keys and a key that is not 32 bytes', () => {
    keyError(() => Keyring.fromKeys([]));
    assert.match(keyError(() => Keyring.fromKeys([randomBytes(32), randomBytes(31)])).message, /Content key 2 of 2/);
  });
});

describe('key ids', () => {
  test('are 16 hex characters, stable for the same key, and differ between keys', () => {
    const key = randomBytes(32);
    const id = Keyring.fromKeys([key]).currentKeyId;
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.equal(Keyring.fromKeys([Buffer.from(key)]).currentKeyId, id);
    assert.equal(loadKeyring(keyFile(keyLine(key))).currentKeyId, id);
    assert.notEqual(Keyring.fromKeys([randomBytes(32)]).currentKeyId, id);
  });

  test('do not reveal the key', () => {
    const key = randomBytes(32);
    const id = Keyring.fromKeys([key]).currentKeyId;
    for (const encoded of [key.toString('hex'), key.toString('base64'), key.toString('base64url')]) {
      assert.equal(encoded.toLowerCase().startsWith(id), false);
      assert.equal(encoded.toLowerCase().includes(id), false);
    }
  });

  test('a keyring printed or serialised shows ids, never a key', () => {
    const key = randomBytes(32);
    const keyring = Keyring.fromKeys([key]);
    for (const shown of [inspect(keyring, { depth: 5, showHidden: true }), JSON.stringify(keyring)]) {
      assert.ok(shown.includes(keyring.currentKeyId), shown);
      for (const encoded of [key.toString('hex'), key.toString('base64'), key.toString('base64url')]) {
        assert.equal(shown.includes(encoded), false, shown);
      }
      assert.equal(/<Buffer|"type":"Buffer"/.test(shown), false, shown);
    }
  });
});

describe('generating a content key', () => {
  test('gives one key line of 32 fresh random bytes', () => {
    const text = generateContentKey();
    assert.match(text, /^signaal-content-key-v1:[A-Za-z0-9_-]{43}\n$/);
    assert.notEqual(generateContentKey(), text);
    const decoded = Buffer.from(text.trim().slice('signaal-content-key-v1:'.length), 'base64url');
    assert.equal(decoded.length, 32);
    assert.equal(loadKeyring(keyFile(text)).currentKeyId, Keyring.fromKeys([decoded]).currentKeyId);
  });
});
