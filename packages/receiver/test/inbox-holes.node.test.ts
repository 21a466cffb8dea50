/**
 * The access holes of issue 10, one test each, as an attacker or an officer would meet them.
 * Every test here failed on the code before the holes were closed (commit 232973a).
 * (`/stats` in whole UTC days is tested elsewhere.)
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SettingsError, loadSettings, resolveOptions } from '../src/config.js';
import { MailCatcher } from '../src/mail-catcher.js';
import type { OfficerAccount } from '../src/officers.js';
import { changeState, inboxGet, officerPassword, originOf, sendCanary, signIn, testOfficers, type SignedIn } from './inbox-harness.js';
import { demoWidgetConfig, newKeyFile, newSignal, postSignal, startReceiver, type RunningReceiver } from './receiver-harness.js';

const canary = 'CANARY-holes-5d1e-kantine';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A password sign-in as the sign-in page sends it, optionally through a proxy (`x-forwarded-for`). */
function attempt(base: string, username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/inbox/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: originOf(base), ...headers },
    body: JSON.stringify({ username, password }),
  });
}

/** The officers, and someone from management: figures only. */
async function officersWithManagement(): Promise<OfficerAccount[]> {
  const officers = await testOfficers();
  return [...officers, { username: 'marieke', name: 'Marieke Manager', passwordHash: officers[0]!.passwordHash!, role: 'management' }];
}

interface RawAnswer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

const portOf = (receiver: RunningReceiver) => (receiver.app.server.address() as AddressInfo).port;

/** Sends bytes as they are over TCP (for what fetch refuses to send) and reads the answer until the server closes. */
function rawRequest(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may answer and close before it has read everything (431): a reset then is expected.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) {
        reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
      }
      let body = text.slice(split + 4);
      if (headers.get('transfer-encoding') === 'chunked') {
        let decoded = '';
        for (let rest = body; ;) {
          const end = rest.indexOf('\r\n');
          const size = Number.parseInt(rest.slice(0, end), 16);
          if (!(size > 0)) break;
          decoded += rest.slice(end + 2, end + 2 + size);
          rest = rest.slice(end + 2 + size + 2);
        }
        body = decoded;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

/** The whole audit log as an officer reads it. */
async function auditEntries(base: string, session: SignedIn) {
  const response = await inboxGet(base, '/api/audit', session);
  assert.equal(response.status, 200);
  const text = await response.text();
  return {
    text,
    entries: (JSON.parse(text) as { entries: Array<{ action: string; officer: string; requestId?: string; detail?: string }> }).entries,
  };
}

describe('1. parallel guesses count: an attempt is reserved before the slow hash', () => {
  test('29 wrong passwords and then the right one, all in flight at once: the right one does not sign in, and at most 5 were checked', async () => {
    const receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    try {
      let received = 0;
      receiver.app.server.on('request', (request: IncomingMessage) => {
        if (request.url === '/inbox/api/session') received += 1;
      });
      let answered = false;
      const wrong = Array.from({ length: 29 }, (_, guess) =>
        attempt(receiver.url, 'sanne', `wrong guess ${guess}`).then((response) => {
          answered = true;
          return response;
        }),
      );
      // The right one leaves last: once the receiver has all 29 wrong ones, and one was answered or 100 ms passed
      // (a wrong one answered means that at most a first round of hashes finished: before, fewer than 5 had failed).
      const started = Date.now();
      while ((received < 29 || (!answered && Date.now() - started < 100)) && Date.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const right = attempt(receiver.url, 'sanne', officerPassword);
      const answers = await Promise.all([...wrong, right]);
      const rightAnswer = answers.at(-1)!;
      assert.notEqual(rightAnswer.status, 200, 'the right password, sent in the burst, does not sign in');
      assert.equal(rightAnswer.headers.get('set-cookie'), null);
      const statuses = answers.map((answer) => answer.status);
      const checked = statuses.filter((status) => status === 401).length;
      assert.ok(checked <= 5, `at most 5 attempts were checked; ${checked} were`);
      for (const answer of answers) {
        assert.ok(answer.status === 401 || answer.status === 429, `only 401 and 429, got ${answer.status}`);
        if (answer.status === 429) assert.ok(Number(answer.headers.get('retry-after')) > 0, 'a 429 says when to try again');
        assert.equal(answer.headers.get('set-cookie'), null);
      }
      assert.equal(statuses.filter((status) => status === 429).length, 30 - checked);
    } finally {
      await receiver.close();
    }
  });
});

describe('2. a stranger cannot lock an officer out', () => {
  const stranger = { 'x-forwarded-for': '203.0.113.7' };
  const sannesDesk = { 'x-forwarded-for': '198.51.100.20' };

  test('after a stranger is throttled guessing her password, the officer still signs in from her own address', async () => {
    const receiver = await startReceiver({ trustProxy: ['127.0.0.1'], inbox: { officers: await testOfficers() } });
    try {
      const statuses = [];
      for (let guess = 0; guess < 8; guess += 1)
        statuses.push((await attempt(receiver.url, 'sanne', `stranger's guess ${guess}`, stranger)).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429], 'the stranger is throttled');
      const own = await attempt(receiver.url, 'sanne', officerPassword, sannesDesk);
      assert.equal(own.status, 200, 'sanne signs in from her own address');
      assert.match(own.headers.get('set-cookie') ?? '', /^signaal_session=/);
    } finally {
      await receiver.close();
    }
  });

  test('a stranger who keeps trying from one throttled address does not use up her per-username ceiling', async () => {
    const receiver = await startReceiver({ trustProxy: ['127.0.0.1'], inbox: { officers: await testOfficers() } });
    try {
      for (let guess = 0; guess < 25; guess += 1) await attempt(receiver.url, 'sanne', `stranger's guess ${guess}`, stranger);
      const own = await attempt(receiver.url, 'sanne', officerPassword, sannesDesk);
      assert.equal(own.status, 200, 'sanne signs in from her own address after 25 refused tries from one stranger');
    } finally {
      await receiver.close();
    }
  });
});

describe('3. --trust-proxy takes addresses and CIDR ranges only', () => {
  let folder: string;
  let configPath: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'signaal-holes-'));
    configPath = join(folder, 'config.json');
    writeFileSync(configPath, JSON.stringify(demoWidgetConfig));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('true and a hop count are refused; addresses and CIDR ranges are taken', () => {
    for (const value of ['true', '1', '2', 'loopback', '10.0.0.0/33']) {
      assert.throws(() => loadSettings(['--config', configPath, '--trust-proxy', value], {}), SettingsError, `--trust-proxy ${value}`);
    }
    assert.throws(() => loadSettings(['--config', configPath], { SIGNAAL_TRUST_PROXY: 'true' }), SettingsError, 'SIGNAAL_TRUST_PROXY=true');
    const settings = loadSettings(['--config', configPath, '--trust-proxy', '10.0.0.0/8,127.0.0.1'], {});
    assert.deepEqual(settings?.trustProxy, ['10.0.0.0/8', '127.0.0.1']);
  });

  test('a client cannot pick its address: X-Forwarded-For from an untrusted connection is ignored', async () => {
    for (const trustProxy of [undefined, ['10.0.0.0/8']]) {
      const receiver = await startReceiver({ ...(trustProxy ? { trustProxy } : {}), inbox: { officers: await testOfficers() } });
      try {
        const statuses = [];
        // Another made-up address and another name each time: only the connection's own address can add up.
        for (let guess = 0; guess < 6; guess += 1) {
          const response = await attempt(receiver.url, `nobody-${guess}`, 'a guess of twelve', {
            'x-forwarded-for': `198.51.100.${guess + 1}`,
          });
          statuses.push(response.status);
        }
        assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429], `trustProxy ${JSON.stringify(trustProxy)}`);
      } finally {
        await receiver.close();
      }
    }
  });
});

describe('4. --sso-header counts only on connections from --sso-proxy', () => {
  let folder: string;
  let configPath: string;
  let officersPath: string;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'signaal-holes-'));
    configPath = join(folder, 'config.json');
    writeFileSync(configPath, JSON.stringify(demoWidgetConfig));
    officersPath = join(folder, 'officers.json');
    writeFileSync(officersPath, JSON.stringify({ officers: await testOfficers() }), { mode: 0o600 });
    chmodSync(officersPath, 0o600);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('--sso-header without --sso-proxy refuses to start', () => {
    assert.throws(
      () => loadSettings(['--config', configPath, '--officers', officersPath, '--sso-header', 'X-Remote-User'], {}),
      (error: unknown) => error instanceof SettingsError && error.message.includes('--sso-proxy'),
    );
  });

  test('with --sso-proxy 10.0.0.5, the header straight from 127.0.0.1 gets no session', async () => {
    const argv = [
      '--config',
      configPath,
      '--officers',
      officersPath,
      '--sso-header',
      'X-Remote-User',
      '--sso-proxy',
      '10.0.0.5',
      '--content-key-file',
      newKeyFile(),
    ];
    const settings = loadSettings(argv, {})!;
    const options = resolveOptions(settings, {}, () => undefined);
    assert.ok(options.inbox, 'the inbox is on');
    const receiver = await startReceiver({ inbox: options.inbox });
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      for (const path of ['/api/session', `/api/signals/${reference}`, '/']) {
        const response = await inboxGet(receiver.url, path, undefined, { 'x-remote-user': 'sanne' });
        assert.notEqual(response.status, 200, `${path} answers no content`);
        if (path !== '/') assert.equal(response.status, 401, path);
        assert.equal(response.headers.get('set-cookie'), null, `${path} starts no session`);
        assert.ok(!(await response.text()).includes(canary));
      }
    } finally {
      await receiver.close();
    }
  });
});

describe('5. framework errors go through the problem handler, with every security header', () => {
  let receiver: RunningReceiver;
  before(async () => {
    receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
  });
  after(() => receiver.close());

  const long = 'A'.repeat(300);
  const cases = [
    {
      name: 'a parameter past the router limit (API)',
      status: 414,
      request: `GET /signals/${long}/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      echo: long,
    },
    {
      name: 'a parameter past the router limit (inbox page)',
      status: 414,
      request: `GET /inbox/signals/${long} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      echo: long,
    },
    {
      name: 'a URL that does not decode (API)',
      status: 400,
      request: 'GET /signals/%E0%A4%A/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      echo: '%E0%A4%A',
    },
    {
      name: 'a URL that does not decode (inbox)',
      status: 400,
      request: 'GET /inbox/signals/% HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      echo: '/inbox/signals/%',
    },
    {
      name: '20 KB of headers',
      status: 431,
      request: `GET /config HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'p'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
      echo: 'ppppppppppppppppppppppppppppppp',
    },
  ];

  for (const { name, status, request, echo } of cases) {
    test(`${name}: ${status} as problem details with the security headers, the URL not echoed`, async () => {
      const answer = await rawRequest(portOf(receiver), request);
      assert.equal(answer.status, status);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
      assert.match(answer.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      const problem = JSON.parse(answer.body) as { status: number; type: string };
      assert.equal(problem.status, status);
      assert.match(problem.type, /^urn:signaal:problem:/);
      assert.ok(!answer.body.includes(echo), 'the URL and headers are not echoed');
      assert.ok(!receiver.logs.join('').includes(echo), 'nor logged');
    });
  }
});

describe('6. the inbox has its own rate limit', () => {
  test('the 11th request within a minute, with a limit of 10, answers 429 as problem details', async () => {
    const receiver = await startReceiver({ inbox: { officers: await testOfficers(), rateLimit: { max: 10, timeWindow: 60_000 } } });
    try {
      for (let request = 0; request < 10; request += 1) assert.equal((await inboxGet(receiver.url, '/api/session')).status, 401);
      const limited = await inboxGet(receiver.url, '/api/session');
      assert.equal(limited.status, 429);
      assert.match(limited.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(((await limited.json()) as { code: string }).code, 'rate-limited');
    } finally {
      await receiver.close();
    }
  });
});

describe('7. sign-in over plain http is refused except on loopback', () => {
  test('a Host that is not loopback gets 403 insecure-transport and no cookie; 127.0.0.1 and localhost sign in', async () => {
    const receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    try {
      const port = portOf(receiver);
      const body = JSON.stringify({ username: 'sanne', password: officerPassword });
      const signInAs = (host: string) =>
        rawRequest(
          port,
          `POST /inbox/api/session HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      const remote = await signInAs('signaal.gemeente.example');
      assert.equal(remote.status, 403);
      assert.equal(remote.headers.get('set-cookie'), undefined);
      assert.equal((JSON.parse(remote.body) as { code: string }).code, 'insecure-transport');
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        const local = await signInAs(host);
        assert.equal(local.status, 200, host);
        assert.match(local.headers.get('set-cookie') ?? '', /^signaal_session=/);
      }
    } finally {
      await receiver.close();
    }
  });
});

describe('8. inbox paging and search by reference', () => {
  let receiver: RunningReceiver;
  let session: SignedIn;
  const references: string[] = [];
  let clock = new Date('2025-03-03T09:00:00Z');

  before(async () => {
    receiver = await startReceiver({ now: () => clock, inbox: { officers: await testOfficers() } });
    for (let count = 0; count < 120; count += 1) {
      clock = new Date(clock.getTime() + 60_000);
      const response = await postSignal(receiver.url, newSignal());
      assert.equal(response.status, 201);
      references.push(((await response.json()) as { reference: string }).reference);
    }
    session = await signIn(receiver.url);
  });
  after(() => receiver.close());

  interface ListPage {
    signals: Array<{ reference: string }>;
    page: number;
    total: number;
  }
  const list = async (query: string) => {
    const response = await inboxGet(receiver.url, `/api/signals${query}`, session);
    assert.equal(response.status, 200, query);
    return (await response.json()) as ListPage;
  };

  test('50 a page, newest first, with the total; page 3 holds the oldest 20', async () => {
    const first = await list('');
    assert.equal(first.signals.length, 50);
    assert.equal(first.total, 120);
    assert.deepEqual(
      first.signals.map((signal) => signal.reference),
      references.slice(70).reverse(),
    );
    const third = await list('?page=3');
    assert.equal(third.signals.length, 20);
    assert.equal(third.total, 120);
    assert.deepEqual(
      third.signals.map((signal) => signal.reference),
      references.slice(0, 20).reverse(),
    );
  });

  test('the start of a reference finds the signal, also on a later page', async () => {
    const wanted = references[10]!;
    const found = await list(`?reference=${wanted.slice(0, 7)}`);
    assert.ok(
      found.signals.some((signal) => signal.reference === wanted),
      `${wanted.slice(0, 7)} finds ${wanted}`,
    );
    assert.ok(found.signals.every((signal) => signal.reference.startsWith(wanted.slice(0, 7))));
    assert.equal(found.total, found.signals.length);
    const whole = await list(`?reference=${wanted.toLowerCase()}`);
    assert.deepEqual(
      whole.signals.map((signal) => signal.reference),
      [wanted],
    );
  });

  test('a bad page or reference is a 400', async () => {
    for (const query of [
      '?page=0',
      '?page=-1',
      '?page=abc',
      `?reference=${encodeURIComponent('<script>')}`,
      `?reference=${encodeURIComponent("SG%' OR 1")}`,
    ]) {
      const response = await inboxGet(receiver.url, `/api/signals${query}`, session);
      assert.equal(response.status, 400, query);
      assert.equal(((await response.json()) as { code: string }).code, 'invalid-query');
    }
  });
});

describe('9. the idempotency id is not shown to officers or put in mail', () => {
  test('the list and the detail carry no signal id', async () => {
    const receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    try {
      const { reference, signal } = await sendCanary(receiver.url, canary);
      const session = await signIn(receiver.url);
      const listText = await (await inboxGet(receiver.url, '/api/signals', session)).text();
      const detail = await inboxGet(receiver.url, `/api/signals/${reference}`, session);
      assert.equal(detail.status, 200);
      const detailText = await detail.text();
      assert.ok(detailText.includes(canary), 'the detail shows the content');
      for (const [what, text] of [
        ['list', listText],
        ['detail', detailText],
      ] as const) {
        assert.ok(!text.includes(signal.id), `the ${what} does not contain the id`);
        assert.ok(!text.toLowerCase().includes(signal.id.toLowerCase().replaceAll('-', '')), `nor without dashes in the ${what}`);
      }
    } finally {
      await receiver.close();
    }
  });

  test('the notification mail with content does not carry the id', async () => {
    const catcher = new MailCatcher();
    const smtpUrl = await catcher.listen();
    const receiver = await startReceiver({
      mail: {
        smtpUrl,
        from: 'signaal@voorbeeld.nl',
        to: 'aandachtsfunctionaris@voorbeeld.nl',
        includeContent: true,
        retry: { baseDelay: 20, maxDelay: 100, maxAttempts: 5 },
      },
    });
    try {
      const arrived = catcher.next();
      const { signal } = await sendCanary(receiver.url, canary);
      const raw = (await arrived).raw;
      // Quoted-printable: undo soft line breaks and =XX escapes to search the text.
      const text = raw
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
      assert.ok(text.includes(canary), 'the mail carries the content, readable here');
      assert.ok(!text.includes(signal.id), 'the mail does not carry the id');
    } finally {
      await receiver.close();
      await catcher.close();
    }
  });
});

describe('10. several officers', () => {
  test('the detail shows who handled the signal first and who changed it last, by name', async () => {
    const receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      const sanne = await signIn(receiver.url, 'sanne');
      const joost = await signIn(receiver.url, 'joost');
      assert.equal((await changeState(receiver.url, reference, { state: 'in-progress' }, sanne)).status, 200);
      assert.equal((await changeState(receiver.url, reference, { state: 'closed' }, joost)).status, 200);
      for (const session of [sanne, joost]) {
        const detail = (await (await inboxGet(receiver.url, `/api/signals/${reference}`, session)).json()) as {
          handledBy?: string;
          changedBy?: string;
        };
        assert.equal(detail.handledBy, 'Sanne de Vries');
        assert.equal(detail.changedBy, 'Joost Bakker');
      }
      const list = (await (await inboxGet(receiver.url, '/api/signals', sanne)).json()) as {
        signals: Array<{ handledBy?: string; changedBy?: string }>;
      };
      assert.equal(list.signals[0]?.handledBy, 'Sanne de Vries');
      assert.equal(list.signals[0]?.changedBy, 'Joost Bakker');
    } finally {
      await receiver.close();
    }
  });
});

describe('11. the audit log is complete', () => {
  test('refused and throttled sign-ins, CSRF, origin and role refusals and audit reads each leave one line with a request id and no content', async () => {
    const receiver = await startReceiver({ inbox: { officers: await officersWithManagement(), signInAttempts: { perAddress: 1 } } });
    const typedPassword = 'typed-password-Vk29-secret';
    const typedInUsername = 'hunter2-in-the-username-field';
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      const sanne = await signIn(receiver.url, 'sanne');
      const manager = await signIn(receiver.url, 'marieke');

      assert.equal((await attempt(receiver.url, 'sanne', typedPassword)).status, 401, 'refused');
      assert.equal((await attempt(receiver.url, typedInUsername, typedPassword)).status, 429, 'throttled');
      assert.equal(
        (await changeState(receiver.url, reference, { state: 'closed', message: canary }, { ...sanne, csrfToken: 'not-the-token' })).status,
        403,
        'CSRF',
      );
      assert.equal(
        (await changeState(receiver.url, reference, { state: 'closed', message: canary }, sanne, { origin: 'https://evil.example' }))
          .status,
        403,
        'origin',
      );
      assert.equal((await inboxGet(receiver.url, '/api/signals', manager)).status, 403, 'role');
      await auditEntries(receiver.url, sanne);

      const { text, entries } = await auditEntries(receiver.url, sanne);
      for (const action of ['sign-in-refused', 'sign-in-throttled', 'csrf-refused', 'origin-refused', 'access-refused', 'audit-read']) {
        const lines = entries.filter((entry) => entry.action === action);
        assert.equal(lines.length, 1, `one ${action} line; got ${lines.length}`);
        assert.match(lines[0]!.requestId ?? '', uuidPattern, `${action} names its request`);
      }
      const ids = entries.map((entry) => entry.requestId);
      assert.equal(new Set(ids).size, ids.length, 'each line its own request');
      for (const secret of [canary, 'kantine', typedPassword, typedInUsername])
        assert.ok(!text.includes(secret), `no ${secret} in the audit log`);
    } finally {
      await receiver.close();
    }
  });
});

describe('12. management sees figures and never content', () => {
  let receiver: RunningReceiver;
  let manager: SignedIn;
  let reference: string;

  before(async () => {
    receiver = await startReceiver({ inbox: { officers: await officersWithManagement() } });
    ({ reference } = await sendCanary(receiver.url, canary));
    await sendCanary(receiver.url, `${canary}-2`);
    manager = await signIn(receiver.url, 'marieke');
  });
  after(() => receiver.close());

  test('the export answers, with counts under 5 suppressed', async () => {
    const response = await inboxGet(receiver.url, '/api/export', manager);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.ok(!text.includes(canary));
    const body = JSON.parse(text) as { periods: Array<{ total: number | null; signal: number | null; sparring: number | null }> };
    assert.equal(body.periods.length, 1);
    assert.equal(body.periods[0]!.total, null, 'two signals are fewer than five: suppressed');
    assert.equal(body.periods[0]!.signal, null);
    assert.equal(body.periods[0]!.sparring, 0, 'zero stays zero');
  });

  test('the list and a signal are refused, with no content', async () => {
    for (const path of ['/api/signals', `/api/signals/${reference}`]) {
      const response = await inboxGet(receiver.url, path, manager);
      assert.equal(response.status, 403, path);
      const text = await response.text();
      assert.ok(!text.includes(canary) && !text.includes('kantine'), `${path} shows no content`);
    }
  });

  test('the inbox page sends management to the figures', async () => {
    for (const path of ['/', `/signals/${reference}`]) {
      const response = await inboxGet(receiver.url, path, manager);
      assert.equal(response.status, 303, path);
      assert.equal(response.headers.get('location'), '/inbox/figures');
    }
    const figures = await inboxGet(receiver.url, '/figures', manager);
    assert.equal(figures.status, 200);
    assert.ok(!(await figures.text()).includes(canary));
  });
});
