import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SettingsError, loadSettings, loadWidgetConfig, resolveOptions } from '../src/config.js';
import { loadSecretFile, parseSecret } from '../src/receipt.js';
import { buildServer } from '../src/server.js';
import { demoWidgetConfig, newDataDir, newKeyFile, newSignal, testKeyring } from './receiver-harness.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const demoConfig = fileURLToPath(new URL('../demo/config.json', import.meta.url));

function withDir(run: (dir: string) => void | Promise<void>) {
  return async () => {
    const dir = newDataDir();
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe('settings from flags and environment', () => {
  test('uses defaults, and reads the environment', () => {
    const settings = loadSettings(['--config', 'signaal.json'], {});
    assert.ok(settings);
    assert.equal(settings.port, 8080);
    assert.equal(settings.host, '127.0.0.1');
    assert.deepEqual(settings.rateLimit, { max: 60, timeWindow: 60_000 });
    assert.equal(settings.retentionDays, 365);
    assert.deepEqual(settings.trustProxy, [], 'no proxy is believed unless named');
    assert.equal(settings.mailContent, false);

    const fromEnv = loadSettings([], {
      SIGNAAL_CONFIG: 'x.json',
      PORT: '9000',
      SIGNAAL_ALLOWED_ORIGINS: 'https://intranet.gemeente.example, https://zaken.gemeente.example',
      SIGNAAL_TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
      SIGNAAL_RATE_LIMIT: '0',
      SIGNAAL_MAIL_CONTENT: 'true',
    });
    assert.equal(fromEnv?.port, 9000);
    assert.deepEqual(fromEnv?.allowedOrigins, ['https://intranet.gemeente.example', 'https://zaken.gemeente.example']);
    assert.deepEqual(fromEnv?.trustProxy, ['10.0.0.0/8', '127.0.0.1']);
    assert.equal(fromEnv?.rateLimit, false);
    assert.equal(fromEnv?.mailContent, true);
  });

  test('lets a flag win over its environment variable', () => {
    const settings = loadSettings(['--config', 'a.json', '--port', '7000', '--data-dir', '/srv/signaal'], {
      SIGNAAL_PORT: '9000',
      SIGNAAL_DATA_DIR: '/tmp/x',
    });
    assert.equal(settings?.port, 7000);
    assert.equal(settings?.dataDir, '/srv/signaal');
  });

  test('returns nothing for --help', () => {
    assert.equal(loadSettings(['--help'], {}), undefined);
  });

  const refusals: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['a missing config file setting', [], {}, /--config \(or SIGNAAL_CONFIG\) is required/],
    ['a port that is not a number', ['--config', 'a', '--port', 'eighty'], {}, /--port must be a whole number/],
    ['a retention of 0 days', ['--config', 'a'], { SIGNAAL_RETENTION_DAYS: '0' }, /--retention-days must be a whole number from 1/],
    [
      'an origin with a path',
      ['--config', 'a', '--allowed-origin', 'https://intranet.example/page'],
      {},
      /--allowed-origin: "https:\/\/intranet.example\/page" is not an origin/,
    ],
    ['an unknown flag', ['--config', 'a', '--prot', '1'], {}, /Unknown option '--prot'/],
    [
      'a public URL on plain http',
      ['--config', 'a', '--public-url', 'http://signaal.gemeente.example'],
      {},
      /--public-url must be an https: URL/,
    ],
    ['an SMTP URL of another scheme', ['--config', 'a', '--smtp-url', 'http://mail'], {}, /--smtp-url must start with smtp:\/\//],
    ['mail content that is not a boolean', ['--config', 'a', '--mail-content', 'yes'], {}, /--mail-content must be true or false/],
  ];
  for (const [name, argv, env, message] of refusals) {
    test(`refuses ${name}, naming the setting`, () => {
      assert.throws(
        () => loadSettings(argv, env),
        (error: unknown) => error instanceof SettingsError && message.test(error.message),
      );
    });
  }
});

describe('the widget configuration file', () => {
  test('accepts the demo configuration', () => {
    assert.equal(loadWidgetConfig(demoConfig).officer?.name, 'Sanne de Vries');
  });

  test(
    'names every bad field',
    withDir((dir) => {
      const path = join(dir, 'config.json');
      writeFileSync(
        path,
        JSON.stringify({ mailbox: 'not-an-address', officer: { name: 'A', photo: 'javascript:alert(1)' }, colour: 'red' }),
      );
      assert.throws(
        () => loadWidgetConfig(path),
        (error: unknown) =>
          error instanceof SettingsError &&
          error.message.includes(path) &&
          error.message.includes('mailbox: invalid-email') &&
          error.message.includes('officer.photo') &&
          /colour|unrecognized/.test(error.message),
      );
    }),
  );

  test('is checked again by buildServer, for callers that skip loadWidgetConfig', async () => {
    await assert.rejects(
      buildServer({ dataDir: newDataDir(), keyring: testKeyring, widgetConfig: { endpoint: 'http://signalen.gemeente.example/api' } }),
      /widgetConfig has invalid fields: endpoint/,
    );
  });

  test(
    'says when the file is not JSON or cannot be read',
    withDir((dir) => {
      const path = join(dir, 'config.json');
      writeFileSync(path, '{ "mailbox": ');
      assert.throws(() => loadWidgetConfig(path), /is not valid JSON/);
      assert.throws(() => loadWidgetConfig(join(dir, 'missing.json')), /Cannot read the configuration file .*missing\.json \(ENOENT\)/);
    }),
  );

  test(
    'makes the CLI exit with 2 and name the field',
    withDir(async (dir) => {
      const path = join(dir, 'config.json');
      writeFileSync(path, JSON.stringify({ officer: { name: '' } }));
      const child = spawn(process.execPath, ['--import', 'tsx', cli, '--config', path, '--data-dir', dir, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 2);
      assert.match(stderr, /signaal-receiver: The configuration file .* has invalid fields: officer\.name: required/);
    }),
  );

  test(
    'sends mail to the configured mailbox unless --mail-to says otherwise',
    withDir((dir) => {
      const path = join(dir, 'config.json');
      writeFileSync(path, JSON.stringify(demoWidgetConfig));
      const key = newKeyFile();
      const settings = loadSettings(
        ['--config', path, '--data-dir', dir, '--content-key-file', key, '--smtp-url', 'smtp://127.0.0.1:2525'],
        {},
      )!;
      assert.equal(resolveOptions(settings, {}, () => undefined).mail?.to, demoWidgetConfig.mailbox);
      const explicit = loadSettings(
        [
          '--config',
          path,
          '--data-dir',
          dir,
          '--content-key-file',
          key,
          '--smtp-url',
          'smtp://127.0.0.1:2525',
          '--mail-to',
          'af@gemeente.example',
        ],
        {},
      )!;
      assert.equal(resolveOptions(explicit, {}, () => undefined).mail?.to, 'af@gemeente.example');
    }),
  );
});

describe('the token secret', () => {
  test('comes from SIGNAAL_SECRET or a secret file when set, and must be long enough', () => {
    const hex = 'ab'.repeat(32);
    assert.deepEqual(parseSecret(hex, 'SIGNAAL_SECRET'), Buffer.from(hex, 'hex'));
    assert.throws(() => parseSecret('short', 'SIGNAAL_SECRET'), /SIGNAAL_SECRET must hold at least 32 bytes/);
    const file = newKeyFile(hex);
    assert.deepEqual(loadSecretFile(file), Buffer.from(hex, 'hex'));
    chmodSync(file, 0o644);
    assert.throws(() => loadSecretFile(file), /can be read by others; run: chmod 600/);
  });
});

describe('the public options carry no test hooks', () => {
  test(
    'buildServer takes no clock: a receipt carries the real time, whatever `now` a caller slips in',
    withDir(async (dir) => {
      const app = await buildServer({
        dataDir: dir,
        keyring: testKeyring,
        widgetConfig: demoWidgetConfig,
        logLevel: 'silent',
        // @ts-expect-error -- `now` is no option of ReceiverOptions
        now: () => new Date('2001-01-01T00:00:00Z'),
      });
      try {
        const signal = newSignal();
        const response = await app.inject({
          method: 'POST',
          url: '/signals',
          headers: { 'content-type': 'application/json', 'idempotency-key': signal.id },
          payload: signal,
        });
        assert.equal(response.statusCode, 201);
        const { receivedAt } = response.json<{ receivedAt: string }>();
        assert.ok(new Date(receivedAt) > new Date('2020-01-01T00:00:00Z'), `received at ${receivedAt}`);
      } finally {
        await app.close();
      }
    }),
  );
});
