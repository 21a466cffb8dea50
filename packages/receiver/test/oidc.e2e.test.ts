/**
 * Officers sign in through a real OpenID Provider: panva's oidc-provider on a loopback address of
 * its own (127.0.0.2, another site than the receiver, as an identity provider is in production),
 * its development login and consent pages driven in headless Chromium. A small fake provider
 * answers ID tokens that a real one never issues (signed with another key, expired, for another
 * nonce or audience), to show that the receiver refuses them. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import Provider, { type Account } from 'oidc-provider';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SettingsError, loadSettings, resolveOptions } from '../src/config.js';
import type { OidcOptions } from '../src/inbox-oidc.js';
import { buildServer } from '../src/server.js';
import { expectNoAxeViolations, freePort, launchChromium } from './browser-harness.js';
import { sendCanary } from './inbox-harness.js';
import { demoWidgetConfig, newDataDir, newKeyFile, testKeyring } from './receiver-harness.js';

const clientId = 'signaal-inbox';
const clientSecret = randomBytes(24).toString('base64url');
const signInLink = 'Inloggen met je organisatie-account';

interface OidcReceiver {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A receiver whose inbox signs officers in through `oidc.issuer`. Its port is picked before it
 * starts: the public URL (and so the redirect URI the provider checks) has to name it.
 */
async function startOidcReceiver(port: number, oidc: Omit<OidcOptions, 'publicUrl' | 'clientId' | 'clientSecret'>): Promise<OidcReceiver> {
  const dataDir = newDataDir();
  const url = `http://127.0.0.1:${port}`;
  const app = await buildServer({
    dataDir,
    keyring: testKeyring,
    widgetConfig: demoWidgetConfig,
    rateLimit: false,
    logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    inbox: { officers: [], oidc: { clientId, clientSecret, publicUrl: url, ...oidc } },
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    url,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sessions in the database, read through a second connection as an operator would. */
function sessionRows(dataDir: string): number {
  const db = new Database(join(dataDir, 'signaal.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS count FROM sessions').get() as { count: number }).count;
  } finally {
    db.close();
  }
}

const auditLines = async (receiver: OidcReceiver) =>
  (await receiver.app.signaal.inbox.auditLog()).map((entry) => `${entry.officer} ${entry.action}${entry.detail ? ` ${entry.detail}` : ''}`);

/** The people at the provider: an officer, a manager, and a colleague with no role for Signaal. */
const people: Record<string, Record<string, unknown>> = {
  olga: { name: 'Olga Officier', preferred_username: 'olga@voorbeeld.nl', roles: ['medewerker', 'signaal-officer'] },
  max: { name: 'Max Manager', preferred_username: 'max@voorbeeld.nl', roles: ['signaal-management'] },
  nina: { name: 'Nina Niemand', preferred_username: 'nina@voorbeeld.nl' },
};

interface RunningProvider {
  issuer: string;
  close(): Promise<void>;
}

/** panva's oidc-provider on 127.0.0.2, with one client: the inbox at `publicUrl`. PKCE required. */
async function startProvider(publicUrl: string): Promise<RunningProvider> {
  const server = createServer();
  server.listen(0, '127.0.0.2');
  await once(server, 'listening');
  const issuer = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${publicUrl}/inbox/auth/callback`],
        post_logout_redirect_uris: [`${publicUrl}/inbox/sign-in`],
        token_endpoint_auth_method: 'client_secret_post',
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'provider-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Roles in the ID token, as Entra ID sends app roles.
    claims: { openid: ['sub', 'roles'], profile: ['name', 'preferred_username'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3_600, Grant: 3_600 },
    findAccount: (_context: unknown, sub: string): Promise<Account | undefined> =>
      Promise.resolve(people[sub] ? { accountId: sub, claims: () => Promise.resolve({ sub, ...people[sub] }) } : undefined),
  });
  server.on('request', provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('signing in to the inbox through an OpenID Provider, in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let provider: RunningProvider;
  let receiver: OidcReceiver;
  let problems: string[];

  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser.close());

  beforeEach(async () => {
    const port = await freePort();
    provider = await startProvider(`http://127.0.0.1:${port}`);
    receiver = await startOidcReceiver(port, { issuer: provider.issuer });
    context = await browser.newContext({ locale: 'nl-NL' });
    // The provider's development pages import a web font; nothing leaves the machine.
    await context.route(/^https:\/\//, (route) => route.abort());
    page = await context.newPage();
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.location().url.startsWith(receiver.url)) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterEach(async () => {
    await context.close();
    await receiver.close();
    await provider.close();
  });

  /** At the provider's development pages: any password, then consent. */
  async function loginAtProvider(on: Page, login: string) {
    await on.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`));
    await on.getByPlaceholder('Enter any login').fill(login);
    await on.getByPlaceholder('and password').fill('any password');
    await on.getByRole('button', { name: 'Sign-in' }).click();
    await on.getByRole('button', { name: 'Continue' }).click();
  }

  /** From the inbox, as an officer would: the inbox sends them to sign in, they choose the organisation account. */
  async function signIn(login: string, on: Page = page) {
    await on.goto(`${receiver.url}/inbox/`);
    await on.waitForURL(`${receiver.url}/inbox/sign-in`);
    await on.getByRole('link', { name: signInLink }).click();
    await loginAtProvider(on, login);
  }

  /** A call to the inbox API from the page, with whatever session the browser holds. */
  const fromPage = (path: string) =>
    page.evaluate(async (url) => {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      return { status: response.status, text: await response.text() };
    }, `${receiver.url}/inbox/api${path}`);

  const sessionCookie = async () => (await context.cookies(`${receiver.url}/inbox/`)).find((cookie) => cookie.name === 'signaal_session');

  test('the sign-in page offers the organisation account instead of a password, and POST /api/session is gone', async () => {
    await page.goto(`${receiver.url}/inbox/sign-in`);
    const link = page.getByRole('link', { name: signInLink });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), '/inbox/auth/sign-in');
    assert.equal(await page.getByLabel('Wachtwoord').count(), 0, 'no password field');
    await expectNoAxeViolations(page);
    const password = await fetch(`${receiver.url}/inbox/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: receiver.url },
      body: JSON.stringify({ username: 'olga', password: 'any password' }),
    });
    assert.equal(password.status, 404);
    assert.deepEqual(problems, []);
  });

  test('an officer signs in at the provider, sees the signal and sets it in progress; the reporter sees the new state', async () => {
    const canary = `CANARY-oidc-${randomUUID().slice(0, 8)}`;
    const sent = await sendCanary(receiver.url, canary);
    await signIn('olga');
    await page.waitForURL(`${receiver.url}/inbox/`);
    await page.getByText('Olga Officier').first().waitFor();
    await page.getByRole('link', { name: sent.reference }).click();
    await page.getByText(canary, { exact: false }).first().waitFor();
    await page.getByLabel('In behandeling', { exact: true }).check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen. De status is nu: In behandeling.' }).waitFor();

    const status = (await (
      await fetch(`${receiver.url}/signals/${sent.reference}/status`, { headers: { authorization: `Bearer ${sent.statusToken}` } })
    ).json()) as { state: string };
    assert.equal(status.state, 'in-progress');

    const cookie = await sessionCookie();
    assert.ok(cookie, 'a session cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);
    assert.equal(cookie.sameSite, 'Strict');
    const leftOver = (await context.cookies(`${receiver.url}/inbox/auth/callback`)).filter((entry) => entry.name === 'signaal_oidc_flow');
    assert.deepEqual(leftOver, [], 'the sign-in cookie is used once and gone');
    const lines = await auditLines(receiver);
    assert.ok(lines.includes('olga@voorbeeld.nl sign-in method=oidc role=officer'), lines.join('\n'));
    assert.ok(
      lines.some((line) => line.startsWith('olga@voorbeeld.nl change state=in-progress')),
      'the change is audited under the username from the provider',
    );
    assert.deepEqual(problems, [], 'no console errors and no CSP or Trusted Types violations');
  });

  test('someone without a Signaal role is told so and gets no session: no content by page or API', async () => {
    const canary = `CANARY-oidc-${randomUUID().slice(0, 8)}`;
    const sent = await sendCanary(receiver.url, canary);
    const callback = page.waitForResponse((response) => response.url().startsWith(`${receiver.url}/inbox/auth/callback`));
    await signIn('nina');
    assert.equal((await callback).status(), 403);
    await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
    assert.match((await page.textContent('main')) ?? '', /Je hebt geen toegang tot Signaal\./);
    const signOut = await page.getByRole('link', { name: 'Uitloggen' }).getAttribute('href');
    assert.ok(signOut?.startsWith(`${provider.issuer}/session/end?`), `sign-out goes to the provider: ${signOut}`);
    await expectNoAxeViolations(page, 'the no-access page');

    assert.equal(await sessionCookie(), undefined, 'no session cookie');
    assert.equal(sessionRows(receiver.dataDir), 0, 'no session in the database');
    for (const path of ['/signals', `/signals/${sent.reference}`, '/export', '/session']) {
      const answer = await fromPage(path);
      assert.equal(answer.status, 401, path);
      assert.ok(!answer.text.includes(canary), path);
    }
    await page.goto(`${receiver.url}/inbox/signals/${sent.reference}`);
    await page.waitForURL(`${receiver.url}/inbox/sign-in`);
    assert.ok(!(await page.content()).includes(canary));
    const lines = await auditLines(receiver);
    assert.ok(lines.includes('nina@voorbeeld.nl access-refused method=oidc role=none'), lines.join('\n'));
    assert.ok(!lines.some((line) => line.includes('nina@voorbeeld.nl sign-in ')), 'no sign-in recorded');
  });

  test('the management role sees the figures and no content: lists and signals 403, pages lead to the figures', async () => {
    const canary = `CANARY-oidc-${randomUUID().slice(0, 8)}`;
    const sent = await sendCanary(receiver.url, canary);
    await signIn('max');
    await page.waitForURL(`${receiver.url}/inbox/figures`);

    const figures = await fromPage('/export?unit=month');
    assert.equal(figures.status, 200);
    assert.equal((JSON.parse(figures.text) as { suppressedBelow: number }).suppressedBelow, 5, 'small counts suppressed for management');
    for (const path of ['/signals', `/signals/${sent.reference}`, '/audit']) {
      const answer = await fromPage(path);
      assert.equal(answer.status, 403, path);
      assert.ok(!answer.text.includes(canary) && !answer.text.includes(sent.reference), path);
    }
    await page.goto(`${receiver.url}/inbox/signals/${sent.reference}`);
    await page.waitForURL(`${receiver.url}/inbox/figures`);
    const lines = await auditLines(receiver);
    assert.ok(lines.includes('max@voorbeeld.nl sign-in method=oidc role=management'), lines.join('\n'));
  });

  test("a callback with another browser's state, or a made-up one, is refused and makes no session (login CSRF)", async () => {
    // The attacker signs in at the provider as themselves and keeps the way back instead of following it.
    // (Through the DevTools protocol: Playwright's routes do not see the target of a redirect.)
    const attacker = await browser.newContext({ locale: 'nl-NL' });
    const attackerPage = await attacker.newPage();
    const devTools = await attacker.newCDPSession(attackerPage);
    await devTools.send('Fetch.enable', {
      patterns: [{ urlPattern: `${receiver.url}/inbox/auth/callback*` }, { urlPattern: 'https://*' }],
    });
    const kept = new Promise<string>((resolve) => {
      devTools.on('Fetch.requestPaused', (event) => {
        if (event.request.url.startsWith(receiver.url)) resolve(event.request.url);
        void devTools.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Aborted' });
      });
    });
    const [forged] = await Promise.all([kept, signIn('olga', attackerPage)]);
    await attacker.close();
    assert.match(forged, /[?&]code=[^&]+/);

    // The victim's browser started a sign-in of its own, then follows the attacker's link.
    await page.goto(`${receiver.url}/inbox/auth/sign-in`);
    await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`));
    const refused = await page.goto(forged);
    assert.equal(refused?.status(), 400);
    await page.getByRole('heading', { name: 'Inloggen is niet gelukt' }).waitFor();

    // A made-up code and state: with a sign-in started, and with none.
    await page.goto(`${receiver.url}/inbox/auth/sign-in`);
    await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`));
    assert.equal(
      (
        await page.goto(`${receiver.url}/inbox/auth/callback?code=made-up&state=made-up&iss=${encodeURIComponent(provider.issuer)}`)
      )?.status(),
      400,
    );
    assert.equal((await page.goto(`${receiver.url}/inbox/auth/callback?code=made-up&state=made-up`))?.status(), 400);

    assert.equal(await sessionCookie(), undefined);
    assert.equal(sessionRows(receiver.dataDir), 0);
    assert.equal((await fromPage('/signals')).status, 401);
    const refusals = (await auditLines(receiver)).filter((line) => line.startsWith('- sign-in-refused method=oidc'));
    assert.equal(refusals.length, 3, refusals.join('\n'));
    assert.ok(refusals.includes('- sign-in-refused method=oidc reason=no-flow'), 'the last one came with no sign-in started');
    assert.ok(
      !refusals.some((line) => line.endsWith('reason=token-refused')),
      "refused before any code was redeemed: the attacker's code was not used for the victim",
    );
  });

  test('a replayed callback is refused: again in the same browser, and by someone who copied its URL and cookie', async () => {
    let callbackUrl!: string;
    page.on('request', (request) => {
      if (request.url().startsWith(`${receiver.url}/inbox/auth/callback`)) callbackUrl = request.url();
    });
    await page.goto(`${receiver.url}/inbox/sign-in`);
    await page.getByRole('link', { name: signInLink }).click();
    await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`));
    const flow = (await context.cookies(`${receiver.url}/inbox/auth/callback`)).find((cookie) => cookie.name === 'signaal_oidc_flow');
    assert.ok(flow, 'the sign-in cookie');
    assert.equal(flow.httpOnly, true);
    assert.equal(flow.secure, true);
    assert.equal(flow.sameSite, 'Lax', 'Lax: it must come back with the top-level redirect from the provider');
    await loginAtProvider(page, 'olga');
    await page.waitForURL(`${receiver.url}/inbox/`);
    assert.equal(sessionRows(receiver.dataDir), 1);

    const again = await page.goto(callbackUrl);
    assert.equal(again?.status(), 400);
    await page.getByRole('heading', { name: 'Inloggen is niet gelukt' }).waitFor();

    const copied = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: `signaal_oidc_flow=${flow.value}` } });
    assert.equal(copied.status, 400, 'the provider refuses a code used before');
    assert.ok(!copied.headers.getSetCookie().some((cookie) => cookie.startsWith('signaal_session=')), 'no session cookie for the copy');
    assert.equal(sessionRows(receiver.dataDir), 1, 'no new session');
    const lines = await auditLines(receiver);
    assert.ok(lines.includes('- sign-in-refused method=oidc reason=no-flow'), lines.join('\n'));
    assert.ok(lines.includes('- sign-in-refused method=oidc reason=token-refused'), lines.join('\n'));
  });

  test("signing out ends the session and the provider's: the API answers 401 and signing in asks for the login again", async () => {
    await signIn('olga');
    await page.waitForURL(`${receiver.url}/inbox/`);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/session/end`));
    const endSession = new URL(page.url());
    assert.equal(endSession.searchParams.get('client_id'), clientId);
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${receiver.url}/inbox/sign-in`);
    assert.equal(sessionRows(receiver.dataDir), 0, 'the inbox session ended before the provider was asked');

    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${receiver.url}/inbox/sign-in`));
    await page.getByRole('link', { name: signInLink }).click();
    await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`));
    await page.getByPlaceholder('Enter any login').waitFor();

    await page.goto(`${receiver.url}/inbox/sign-in`);
    assert.equal((await fromPage('/session')).status, 401);
    assert.equal((await fromPage('/signals')).status, 401);
    assert.equal(await sessionCookie(), undefined);
    assert.ok((await auditLines(receiver)).includes('olga@voorbeeld.nl sign-out'));
  });
});

type TokenFault = 'none' | 'wrong-key' | 'expired' | 'wrong-nonce' | 'wrong-audience';

/**
 * A provider of a few lines that does what a real one never should: its token endpoint answers an
 * ID token with `fault`. Discovery, keys, an authorization endpoint that approves at once, a token
 * endpoint that checks the code and the PKCE verifier, and an end-session endpoint.
 */
async function startFakeProvider() {
  const server = createServer();
  server.listen(0, '127.0.0.2');
  await once(server, 'listening');
  const issuer = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const codes = new Map<string, { nonce: string; challenge: string }>();
  const state = { fault: 'none' as TokenFault };
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const idToken = (nonce: string) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: 'olga-sub',
      aud: state.fault === 'wrong-audience' ? 'another-client' : clientId,
      iat: state.fault === 'expired' ? now - 7_200 : now,
      exp: state.fault === 'expired' ? now - 3_600 : now + 300,
      nonce: state.fault === 'wrong-nonce' ? 'another-nonce' : nonce,
      name: 'Olga Officier',
      roles: ['signaal-officer'],
    };
    const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'fake-key' })}.${encode(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), state.fault === 'wrong-key' ? otherKey.privateKey : key.privateKey).toString('base64url')}`;
  };
  const readBody = async (request: IncomingMessage) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    return new URLSearchParams(body);
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks')
      return json(response, 200, { keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid: 'fake-key', alg: 'RS256', use: 'sig' }] });
    if (url.pathname === '/authorize') {
      const code = randomBytes(16).toString('base64url');
      codes.set(code, { nonce: url.searchParams.get('nonce') ?? '', challenge: url.searchParams.get('code_challenge') ?? '' });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return response.writeHead(303, { location: back.href }).end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      void readBody(request).then((form) => {
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest('base64url');
        if (verifier !== grant?.challenge || form.get('client_secret') !== clientSecret)
          return json(response, 400, { error: 'invalid_grant' });
        return json(response, 200, {
          access_token: randomBytes(16).toString('base64url'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken(grant.nonce),
        });
      });
      return undefined;
    }
    return json(response, 404, { error: 'not_found' });
  });
  return {
    issuer,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('ID tokens that must be refused (a fake provider, over HTTP)', () => {
  let fake: Awaited<ReturnType<typeof startFakeProvider>>;
  let receiver: OidcReceiver;

  before(async () => {
    fake = await startFakeProvider();
    receiver = await startOidcReceiver(await freePort(), { issuer: fake.issuer });
  });
  after(async () => {
    await receiver.close();
    await fake.close();
  });

  /** The whole round trip as a browser makes it: to the provider, which approves at once, and back with the sign-in cookie. */
  async function signInRoundTrip(): Promise<Response> {
    const start = await fetch(`${receiver.url}/inbox/auth/sign-in`, { redirect: 'manual' });
    assert.equal(start.status, 303);
    const flow = start.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('signaal_oidc_flow='))
      ?.split(';')[0];
    assert.ok(flow);
    const atProvider = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    return fetch(atProvider.headers.get('location')!, { redirect: 'manual', headers: { cookie: flow } });
  }

  const sessionFrom = (response: Response) =>
    response.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('signaal_session='))
      ?.split(';')[0];

  test('a well-signed, fresh ID token signs the officer in (the fake is otherwise sound)', async () => {
    fake.state.fault = 'none';
    const before = sessionRows(receiver.dataDir);
    const answer = await signInRoundTrip();
    assert.equal(answer.status, 200);
    const cookie = sessionFrom(answer);
    assert.ok(cookie);
    const session = await fetch(`${receiver.url}/inbox/api/session`, { headers: { cookie } });
    assert.equal(session.status, 200);
    const body = (await session.json()) as { officer: { username: string; name: string }; role: string; method: string; csrfToken: string };
    assert.deepEqual(
      [body.officer.username, body.officer.name, body.role, body.method],
      ['olga-sub', 'Olga Officier', 'officer', 'oidc'],
      'no preferred_username: the username is sub',
    );
    assert.equal(sessionRows(receiver.dataDir), before + 1);

    // Sign-out answers the provider's sign-out address, and the sign-in page the inbox goes to next leads there once.
    const signOut = await fetch(`${receiver.url}/inbox/api/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': body.csrfToken, origin: receiver.url },
    });
    assert.equal(signOut.status, 200);
    const { endSessionUrl } = (await signOut.json()) as { endSessionUrl: string };
    const end = new URL(endSessionUrl);
    assert.equal(`${end.origin}${end.pathname}`, `${fake.issuer}/logout`);
    assert.equal(end.searchParams.get('client_id'), clientId);
    assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${receiver.url}/inbox/sign-in`);
    const signedOut = signOut.headers
      .getSetCookie()
      .find((entry) => entry.startsWith('signaal_oidc_signed_out='))
      ?.split(';')[0];
    assert.ok(signedOut);
    const next = await fetch(`${receiver.url}/inbox/sign-in`, { redirect: 'manual', headers: { cookie: signedOut } });
    assert.equal(next.status, 303);
    assert.equal(next.headers.get('location'), endSessionUrl);
    const back = await fetch(`${receiver.url}/inbox/sign-in?state=${end.searchParams.get('state')}`, {
      redirect: 'manual',
      headers: { cookie: signedOut },
    });
    assert.equal(back.status, 200, 'back from the provider: the sign-in page itself');
    assert.equal((await fetch(`${receiver.url}/inbox/api/session`, { headers: { cookie } })).status, 401);
  });

  for (const [fault, reason] of [
    ['wrong-key', 'signed with a key that is not the provider’s'],
    ['expired', 'expired an hour ago'],
    ['wrong-nonce', 'issued for another sign-in (nonce)'],
    ['wrong-audience', 'issued to another client'],
  ] as const) {
    test(`an ID token ${reason} is refused and makes no session`, async () => {
      fake.state.fault = fault;
      const before = sessionRows(receiver.dataDir);
      const answer = await signInRoundTrip();
      assert.equal(answer.status, 400);
      assert.match(await answer.text(), /Inloggen is niet gelukt/);
      assert.equal(sessionFrom(answer), undefined);
      assert.equal(sessionRows(receiver.dataDir), before);
      const [last] = await receiver.app.signaal.inbox.auditLog({ limit: 1 });
      assert.equal(`${last?.officer} ${last?.action}`, '- sign-in-refused');
      assert.match(last?.detail ?? '', /^method=oidc reason=[a-z-]+$/);
    });
  }

  test('a callback whose query breaks its schema (a parameter twice) gets the refusal page, audited as openid-client would, and no session', async () => {
    fake.state.fault = 'none';
    const before = sessionRows(receiver.dataDir);
    const start = await fetch(`${receiver.url}/inbox/auth/sign-in`, { redirect: 'manual' });
    const flow = start.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('signaal_oidc_flow='))
      ?.split(';')[0];
    assert.ok(flow);
    const atProvider = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callback = new URL(atProvider.headers.get('location')!);
    callback.searchParams.append('state', 'another');
    const answer = await fetch(callback, { redirect: 'manual', headers: { cookie: flow } });
    assert.equal(answer.status, 400);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await answer.text(), /Inloggen is niet gelukt/);
    assert.equal(sessionFrom(answer), undefined);
    assert.equal(sessionRows(receiver.dataDir), before);
    const [last] = await receiver.app.signaal.inbox.auditLog({ limit: 1 });
    assert.equal(`${last?.officer} ${last?.action} ${last?.detail}`, '- sign-in-refused method=oidc reason=oauth-invalid-response');
  });
});

test('when the provider cannot be reached, the officer is told to try again later, and nothing is kept', async () => {
  const closed = createServer();
  closed.listen(0, '127.0.0.2');
  await once(closed, 'listening');
  const issuer = `http://127.0.0.2:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const receiver = await startOidcReceiver(await freePort(), { issuer });
  try {
    const answer = await fetch(`${receiver.url}/inbox/auth/sign-in`, { redirect: 'manual', headers: { 'accept-language': 'en' } });
    assert.equal(answer.status, 503);
    assert.match(await answer.text(), /Signing in does not work right now/);
    assert.equal(answer.headers.getSetCookie().length, 0, 'no sign-in cookie');
  } finally {
    await receiver.close();
  }
});

describe('OpenID Connect settings', () => {
  const folder = mkdtempSync(join(tmpdir(), 'signaal-oidc-settings-'));
  const configPath = join(folder, 'config.json');
  writeFileSync(configPath, JSON.stringify(demoWidgetConfig));
  const keyPath = newKeyFile();
  const base = ['--config', configPath, '--content-key-file', keyPath, '--data-dir', join(folder, 'data')];
  const oidc = [
    '--oidc-issuer',
    'https://login.voorbeeld.nl/realms/gemeente',
    '--oidc-client-id',
    clientId,
    '--public-url',
    'https://signaal.voorbeeld.nl',
  ];
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('refuses an http: issuer that is not on this machine, and --sso-header with OIDC', () => {
    const env = { SIGNAAL_OIDC_CLIENT_SECRET: clientSecret };
    assert.throws(
      () => loadSettings([...base, ...oidc, '--oidc-issuer', 'http://login.voorbeeld.nl'], env),
      (error: Error) => error instanceof SettingsError && error.message.includes('https:'),
    );
    assert.throws(
      () => loadSettings([...base, ...oidc, '--sso-header', 'X-Remote-User', '--sso-proxy', '10.0.0.5'], env),
      /exclude each other/,
    );
    assert.throws(() => loadSettings([...base, ...oidc.slice(0, 4)], env), /--public-url/);
    assert.throws(() => loadSettings([...base, ...oidc], {}), /client secret/);
    assert.throws(() => loadSettings([...base, '--oidc-role-claim', 'groups'], {}), /need --oidc-issuer/);
    assert.ok(loadSettings([...base, ...oidc, '--oidc-issuer', 'http://127.0.0.1:9000'], env)?.oidc, 'http: on loopback, for tests');
  });

  test('reads the client secret from a private file, and refuses one that others can read', () => {
    const secretPath = join(folder, 'client-secret');
    writeFileSync(secretPath, `${clientSecret}\n`, { mode: 0o644 });
    const settings = loadSettings([...base, ...oidc, '--oidc-client-secret-file', secretPath, '--oidc-role-claim', 'groups'], {})!;
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    assert.throws(() => resolveOptions(settings, {}, warn), /chmod 600/);
    rmSync(secretPath);
    writeFileSync(secretPath, `${clientSecret}\n`, { mode: 0o600 });
    const options = resolveOptions(settings, {}, warn);
    assert.deepEqual(warnings, []);
    assert.deepEqual(options.inbox, {
      officers: [],
      oidc: {
        issuer: 'https://login.voorbeeld.nl/realms/gemeente',
        clientId,
        clientSecret,
        publicUrl: 'https://signaal.voorbeeld.nl',
        roleClaim: 'groups',
      },
    });
  });

  test('the receiver will not start with an http: issuer elsewhere, or with the SSO header too', async () => {
    const dataDir = newDataDir();
    try {
      const start = (inbox: Parameters<typeof buildServer>[0]['inbox']) =>
        buildServer({
          dataDir,
          keyring: testKeyring,
          widgetConfig: demoWidgetConfig,
          logStream: new Writable({ write: (_c, _e, done) => done() }),
          ...(inbox ? { inbox } : {}),
        });
      const oidcOptions = { issuer: 'http://login.voorbeeld.nl', clientId, clientSecret, publicUrl: 'https://signaal.voorbeeld.nl' };
      await assert.rejects(start({ officers: [], oidc: oidcOptions }), /https:/);
      await assert.rejects(
        start({
          officers: [],
          ssoHeader: 'x-remote-user',
          ssoProxies: ['127.0.0.1'],
          oidc: { ...oidcOptions, issuer: 'https://login.voorbeeld.nl' },
        }),
        /exclude each other/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
