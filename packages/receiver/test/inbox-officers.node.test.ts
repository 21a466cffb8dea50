/** Officer accounts: password hashes, the officers file, the hash-password command and the settings. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SettingsError, loadSettings, resolveOptions } from '../src/config.js';
import { newKeyFile } from './receiver-harness.js';
import { hashPassword, isPasswordHash, parseOfficers, verifyPassword } from '../src/officers.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const keyFile = newKeyFile();

describe('password hashes', () => {
  test('scrypt with a salt of its own per hash; the right password verifies, others do not', async () => {
    const [first, second] = await Promise.all([hashPassword('een lang genoeg wachtwoord'), hashPassword('een lang genoeg wachtwoord')]);
    assert.match(first, /^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.notEqual(first, second, 'a fresh salt each time');
    assert.equal(await verifyPassword('een lang genoeg wachtwoord', first), true);
    assert.equal(await verifyPassword('een lang genoeg wachtwoord', second), true);
    assert.equal(await verifyPassword('een lang genoeg wachtwoorD', first), false);
    assert.equal(await verifyPassword('', first), false);
    assert.equal(await verifyPassword('een lang genoeg wachtwoord', undefined), false, 'no account: false, after the same work');
    assert.equal(await verifyPassword('x', 'plain-text-password'), false);
  });

  test('refuses a password shorter than 12 characters', async () => {
    await assert.rejects(hashPassword('kort'), RangeError);
  });
});

describe('the officers file', () => {
  test('reads officers, with or without a password hash', async () => {
    const passwordHash = await hashPassword('een lang genoeg wachtwoord');
    const officers = parseOfficers({
      officers: [
        { username: 'sanne', name: ' Sanne de Vries ', passwordHash },
        { username: 'sso.user@gemeente.nl', name: 'Via SSO' },
      ],
    });
    assert.deepEqual(officers, [
      { username: 'sanne', name: 'Sanne de Vries', passwordHash },
      { username: 'sso.user@gemeente.nl', name: 'Via SSO' },
    ]);
    assert.equal(isPasswordHash(passwordHash), true);
  });

  test('names the bad entry and never echoes a hash', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /expected \{ "officers"/],
      [{ officers: [{ username: 'a b', name: 'X' }] }, /officers\[0\]\.username/],
      [{ officers: [{ username: 'a', name: '' }] }, /officers\[0\]\.name/],
      [
        {
          officers: [
            { username: 'a', name: 'A' },
            { username: 'A', name: 'B' },
          ],
        },
        /officers\[1\]\.username is listed twice/,
      ],
      [{ officers: [{ username: 'a', name: 'A', passwordHash: 'geheim-wachtwoord' }] }, /officers\[0\]\.passwordHash is not a hash/],
      [{ officers: [{ username: 'a', name: 'A', password: 'x' }] }, /unknown fields: password/],
    ];
    for (const [json, message] of cases) {
      assert.throws(
        () => parseOfficers(json),
        (error: Error) => {
          assert.match(error.message, message);
          assert.ok(!error.message.includes('geheim-wachtwoord'));
          return true;
        },
      );
    }
  });
});

describe('signaal-receiver hash-password', () => {
  const run = (input: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'hash-password'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });

  test('prints a hash of the password read from standard input', async () => {
    const { code, stdout } = await run('een lang genoeg wachtwoord\n');
    assert.equal(code, 0);
    const hash = stdout.trim();
    assert.equal(isPasswordHash(hash), true);
    assert.equal(await verifyPassword('een lang genoeg wachtwoord', hash), true);
    assert.ok(!stdout.includes('wachtwoord'), 'the password is not echoed');
  });

  test('refuses a short password with exit code 2', async () => {
    const { code, stdout, stderr } = await run('kort\n');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /at least 12 characters/);
  });
});

describe('inbox settings', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'signaal-officers-'));

  test('--officers and --sso-header turn the inbox on', async () => {
    const folder = dir();
    try {
      const config = join(folder, 'config.json');
      const officersFile = join(folder, 'officers.json');
      writeFileSync(config, JSON.stringify({ mailbox: 'signalen@gemeente.example' }));
      writeFileSync(
        officersFile,
        JSON.stringify({
          officers: [{ username: 'sanne', name: 'Sanne', passwordHash: await hashPassword('een lang genoeg wachtwoord') }],
        }),
        { mode: 0o600 },
      );
      const settings = loadSettings(
        [
          '--config',
          config,
          '--officers',
          officersFile,
          '--sso-header',
          'X-Remote-User',
          '--sso-proxy',
          '10.0.0.5',
          '--data-dir',
          folder,
          '--content-key-file',
          keyFile,
        ],
        {},
      )!;
      const options = resolveOptions(settings, {}, () => undefined);
      assert.equal(options.inbox?.officers[0]?.username, 'sanne');
      assert.equal(options.inbox?.ssoHeader, 'X-Remote-User');
      const without = resolveOptions(
        loadSettings(['--config', config, '--data-dir', folder, '--content-key-file', keyFile], {})!,
        {},
        () => undefined,
      );
      assert.equal(without.inbox, undefined, 'no officers file, no inbox');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('refuses an SSO header without officers, a bad header name, and a broken officers file', () => {
    const folder = dir();
    try {
      const config = join(folder, 'config.json');
      writeFileSync(config, '{}');
      assert.throws(() => loadSettings(['--config', config, '--sso-header', 'X-Remote-User'], {}), /--sso-header needs --officers/);
      assert.throws(
        () => loadSettings(['--config', config, '--officers', 'x.json', '--sso-header', 'X-Remote-User'], {}),
        /--sso-header needs --sso-proxy/,
      );
      assert.throws(
        () =>
          loadSettings(
            ['--config', config, '--officers', 'x.json', '--sso-header', 'X-Remote-User', '--sso-proxy', 'proxy.gemeente.nl'],
            {},
          ),
        /--sso-proxy takes addresses and CIDR ranges only/,
      );
      assert.throws(() => loadSettings(['--config', config, '--officers', 'x.json', '--sso-header', 'X Remote'], {}), SettingsError);
      const broken = join(folder, 'officers.json');
      writeFileSync(broken, '{"officers": [{"username": "a"}]}', { mode: 0o600 });
      const settings = loadSettings(['--config', config, '--officers', broken, '--data-dir', folder, '--content-key-file', keyFile], {})!;
      assert.throws(
        () => resolveOptions(settings, {}, () => undefined),
        (error: Error) => error instanceof SettingsError && error.message.includes('officers[0].name'),
      );
      // It holds password hashes: a file others can read is refused before it is parsed.
      chmodSync(broken, 0o644);
      assert.throws(
        () => resolveOptions(settings, {}, () => undefined),
        (error: Error) => error instanceof SettingsError && error.message.includes('can be read or changed by others; run: chmod 600 '),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
