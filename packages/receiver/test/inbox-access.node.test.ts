/**
 * Who can reach a signal: only a signed-in officer (by page or API), and the reporter's status
 * call only with that signal's own token. Every refusal is checked for leaked content.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { bodyText, changeState, inboxGet, officerPassword, originOf, sendCanary, signIn, testOfficers } from './inbox-harness.js';
import { startReceiver, type RunningReceiver } from './receiver-harness.js';

const canary = 'CANARY-7f3a9c-kantine';

describe('the inbox refuses without a valid session', () => {
  let receiver: RunningReceiver;
  let clock = new Date('2025-03-03T09:00:00Z');
  let reference: string;

  before(async () => {
    receiver = await startReceiver({ now: () => clock, inbox: { officers: await testOfficers() } });
    ({ reference } = await sendCanary(receiver.url, canary));
  });
  after(() => receiver.close());

  test('a signed-in officer sees the signal in the list and in full', async () => {
    const session = await signIn(receiver.url);
    const list = (await (await inboxGet(receiver.url, '/api/signals', session)).json()) as {
      signals: Array<{ reference: string; summary: string }>;
    };
    assert.equal(list.signals[0]?.reference, reference);
    assert.match(list.signals[0]?.summary ?? '', /kantine/);
    const detail = await inboxGet(receiver.url, `/api/signals/${reference}`, session);
    assert.equal(detail.status, 200);
    const body = (await detail.json()) as {
      signal: { description: string; reporter: { name: string } };
      indicators: Array<{ id: string; label: { nl: string } }>;
    };
    assert.match(body.signal.description, new RegExp(canary));
    assert.equal(body.signal.reporter.name, `Melder ${canary}`);
    assert.deepEqual(
      body.indicators.map((indicator) => indicator.label.nl),
      ['Heeft eigen identiteitsbewijs niet in bezit', 'Structureel lange werkdagen'],
    );
  });

  test('the session cookie is HttpOnly, SameSite=Strict, Secure and scoped to /inbox; its id is stored only as a hash', async () => {
    const session = await signIn(receiver.url);
    assert.match(session.setCookie, /^signaal_session=[A-Za-z0-9_-]{43};/);
    assert.match(session.setCookie, /; HttpOnly/);
    assert.match(session.setCookie, /; SameSite=Strict/);
    assert.match(session.setCookie, /; Secure/);
    assert.match(session.setCookie, /; Path=\/inbox/);
    const id = session.cookie.split('=')[1]!;
    const db = new Database(join(receiver.dataDir, 'signaal.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT hex(id_hash) AS hash, username FROM sessions').all() as Array<{ hash: string; username: string }>;
      assert.ok(rows.length > 0);
      assert.ok(rows.every((row) => !row.hash.includes(Buffer.from(id).toString('hex').toUpperCase())));
      const dump = JSON.stringify(db.prepare('SELECT * FROM sessions').all());
      assert.ok(!dump.includes(id), 'the raw session id is not stored');
    } finally {
      db.close();
    }
  });

  test('without a session, the API answers 401 and pages send the officer to sign in, with no content', async () => {
    for (const path of ['/api/signals', `/api/signals/${reference}`, '/api/export', '/api/audit', '/api/session']) {
      const response = await inboxGet(receiver.url, path);
      assert.equal(response.status, 401, path);
      const text = await bodyText(response);
      assert.match(text, /session-required/);
      assert.ok(!text.includes(canary) && !text.includes('kantine'), `${path} leaks no content`);
    }
    for (const path of ['/', `/signals/${reference}`]) {
      const response = await inboxGet(receiver.url, path);
      assert.equal(response.status, 303, path);
      assert.equal(response.headers.get('location'), '/inbox/sign-in');
      assert.ok(!(await bodyText(response)).includes(canary));
    }
    const changed = await changeState(receiver.url, reference, { state: 'closed' });
    assert.equal(changed.status, 401);
  });

  test('a made-up or tampered session cookie is refused', async () => {
    const session = await signIn(receiver.url);
    const forged = { ...session, cookie: `signaal_session=${'A'.repeat(43)}` };
    const tampered = { ...session, cookie: `${session.cookie.slice(0, -1)}${session.cookie.endsWith('A') ? 'B' : 'A'}` };
    for (const bad of [forged, tampered]) {
      const response = await inboxGet(receiver.url, `/api/signals/${reference}`, bad);
      assert.equal(response.status, 401);
      assert.ok(!(await bodyText(response)).includes(canary));
    }
  });

  test('a session idle for longer than 30 minutes has expired', async () => {
    const session = await signIn(receiver.url);
    clock = new Date(clock.getTime() + 29 * 60_000);
    assert.equal((await inboxGet(receiver.url, '/api/signals', session)).status, 200, 'still valid after 29 minutes');
    clock = new Date(clock.getTime() + 31 * 60_000);
    const response = await inboxGet(receiver.url, `/api/signals/${reference}`, session);
    assert.equal(response.status, 401);
    assert.ok(!(await bodyText(response)).includes(canary));
    assert.equal((await inboxGet(receiver.url, '/api/signals', session)).status, 401, 'and stays expired');
  });

  test('an active session ends 10 hours after sign-in', async () => {
    const session = await signIn(receiver.url);
    for (let hour = 0; hour < 10; hour += 1) {
      clock = new Date(clock.getTime() + 20 * 60_000);
      assert.equal((await inboxGet(receiver.url, '/api/signals', session)).status, 200);
      clock = new Date(clock.getTime() + 20 * 60_000);
      assert.equal((await inboxGet(receiver.url, '/api/signals', session)).status, 200);
      clock = new Date(clock.getTime() + 20 * 60_000);
      if (hour < 9) assert.equal((await inboxGet(receiver.url, '/api/signals', session)).status, 200);
    }
    const response = await inboxGet(receiver.url, `/api/signals/${reference}`, session);
    assert.equal(response.status, 401);
    assert.ok(!(await bodyText(response)).includes(canary));
  });

  test('after signing out, the session no longer works', async () => {
    const session = await signIn(receiver.url);
    const out = await fetch(`${receiver.url}/inbox/api/session`, {
      method: 'DELETE',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: originOf(receiver.url) },
    });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /signaal_session=;.*Expires=Thu, 01 Jan 1970/);
    assert.equal((await inboxGet(receiver.url, `/api/signals/${reference}`, session)).status, 401);
  });

  test('a wrong password and an unknown officer get the same refusal', async () => {
    const answers = [];
    for (const [username, password] of [
      ['sanne', 'not the password at all'],
      ['nobody', officerPassword],
      ['sso.only', officerPassword],
    ]) {
      const response = await fetch(`${receiver.url}/inbox/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: originOf(receiver.url) },
        body: JSON.stringify({ username, password }),
      });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('set-cookie'), null);
      answers.push(await response.text());
    }
    assert.equal(new Set(answers).size, 1);
    assert.match(answers[0]!, /sign-in-failed/);
  });
});

describe('changes need the same origin and the session CSRF token', () => {
  let receiver: RunningReceiver;
  let reference: string;

  before(async () => {
    receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    ({ reference } = await sendCanary(receiver.url, canary));
  });
  after(() => receiver.close());

  const stateOf = async () => {
    const session = await signIn(receiver.url, 'joost');
    return ((await (await inboxGet(receiver.url, `/api/signals/${reference}`, session)).json()) as { state: string }).state;
  };

  test('the right token from the same origin changes the state', async () => {
    const session = await signIn(receiver.url);
    const response = await changeState(receiver.url, reference, { state: 'in-progress' }, session);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { state: string }).state, 'in-progress');
    assert.equal(await stateOf(), 'in-progress');
  });

  test('a cross-site request is refused, even with the session cookie and token', async () => {
    const session = await signIn(receiver.url);
    for (const headers of [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'http://localhost' },
    ]) {
      const response = await changeState(receiver.url, reference, { state: 'closed', message: canary }, session, headers);
      assert.equal(response.status, 403, JSON.stringify(headers));
      const text = await bodyText(response);
      assert.match(text, /cross-site-request/);
      assert.ok(!text.includes(canary) && !text.includes('kantine'));
    }
    const signInFromElsewhere = await fetch(`${receiver.url}/inbox/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'sanne', password: officerPassword }),
    });
    assert.equal(signInFromElsewhere.status, 403);
    assert.equal(signInFromElsewhere.headers.get('set-cookie'), null);
    assert.equal(await stateOf(), 'in-progress');
  });

  test("a change without the CSRF token, or with another session's token, is refused", async () => {
    const session = await signIn(receiver.url);
    const other = await signIn(receiver.url, 'joost');
    const missing = await changeState(receiver.url, reference, { state: 'closed' }, undefined, { cookie: session.cookie });
    const foreign = await changeState(receiver.url, reference, { state: 'closed' }, { ...session, csrfToken: other.csrfToken });
    const empty = await changeState(receiver.url, reference, { state: 'closed' }, { ...session, csrfToken: '' });
    for (const response of [missing, foreign, empty]) {
      assert.equal(response.status, 403);
      assert.match(await response.text(), /csrf-token-invalid/);
    }
    assert.equal(await stateOf(), 'in-progress');
  });

  test('a form post (not JSON) is refused before its body is read', async () => {
    const session = await signIn(receiver.url);
    const response = await fetch(`${receiver.url}/inbox/api/signals/${reference}/state`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': session.csrfToken },
      body: 'state=closed',
    });
    assert.equal(response.status, 415);
    assert.equal(await stateOf(), 'in-progress');
  });

  test('an invalid change names the bad fields and changes nothing', async () => {
    const session = await signIn(receiver.url);
    const response = await changeState(receiver.url, reference, { state: 'forwarded', forwardedTo: 'the-press', extra: 1 }, session);
    assert.equal(response.status, 400);
    const problem = (await response.json()) as { code: string; errors: Array<{ path: string }> };
    assert.equal(problem.code, 'invalid-change');
    assert.deepEqual(problem.errors.map((error) => error.path).sort(), ['extra', 'forwardedTo']);
    const noTarget = await changeState(receiver.url, reference, { state: 'forwarded' }, session);
    assert.equal(noTarget.status, 400);
    assert.equal(await stateOf(), 'in-progress');
  });
});

describe("the reporter's status call needs that signal's own token", () => {
  let receiver: RunningReceiver;

  before(async () => {
    receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
  });
  after(() => receiver.close());

  const status = (reference: string, token: string) =>
    fetch(`${receiver.url}/signals/${reference}/status`, { headers: { authorization: `Bearer ${token}` } });

  test("a wrong token and another signal's token get the same 404 as an unknown reference, without the message", async () => {
    const first = await sendCanary(receiver.url, canary);
    const second = await sendCanary(receiver.url, 'second');
    const session = await signIn(receiver.url);
    assert.equal(
      (
        await changeState(
          receiver.url,
          first.reference,
          { state: 'forwarded', forwardedTo: 'police', message: `Doorgezet ${canary}` },
          session,
        )
      ).status,
      200,
    );

    const own = await status(first.reference, first.statusToken);
    assert.equal(own.status, 200);
    assert.equal(((await own.json()) as { message: string }).message, `Doorgezet ${canary}`);

    const answers = [];
    for (const [reference, token] of [
      [first.reference, `${first.statusToken.slice(0, -2)}xx`],
      [first.reference, second.statusToken],
      ['SG-2222-2222', first.statusToken],
    ] as const) {
      const response = await status(reference, token);
      assert.equal(response.status, 404);
      const text = await response.text();
      assert.ok(!text.includes(canary) && !text.includes('Doorgezet'));
      answers.push(text);
    }
    assert.equal(new Set(answers).size, 1, 'the three refusals cannot be told apart');
  });

  test('the status token does not open the inbox', async () => {
    const { reference, statusToken } = await sendCanary(receiver.url, canary);
    const response = await inboxGet(receiver.url, `/api/signals/${reference}`, undefined, { authorization: `Bearer ${statusToken}` });
    assert.equal(response.status, 401);
    assert.ok(!(await bodyText(response)).includes(canary));
  });
});

describe('repeated wrong guesses are rate limited', () => {
  test('after 5 wrong passwords, even the right one is refused with 429 and Retry-After, until the window passes', async () => {
    let clock = new Date('2025-03-03T09:00:00Z');
    const receiver = await startReceiver({ now: () => clock, inbox: { officers: await testOfficers() } });
    try {
      await sendCanary(receiver.url, canary);
      const attempt = (password: string, username = 'sanne') =>
        fetch(`${receiver.url}/inbox/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: originOf(receiver.url) },
          body: JSON.stringify({ username, password }),
        });
      for (let guess = 0; guess < 5; guess += 1) assert.equal((await attempt(`guess number ${guess}`)).status, 401);
      const limited = await attempt(officerPassword);
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      const text = await bodyText(limited);
      assert.match(text, /rate-limited/);
      assert.equal(limited.headers.get('set-cookie'), null);
      assert.ok(!text.includes(canary));
      assert.equal((await attempt(officerPassword, 'joost')).status, 429, 'the same address is limited for other names too');
      clock = new Date(clock.getTime() + 15 * 60_000 + 1_000);
      assert.equal((await attempt(officerPassword)).status, 200, 'the right password works after the window');
    } finally {
      await receiver.close();
    }
  });

  test('guessing status tokens is rate limited too', async () => {
    const receiver = await startReceiver({ rateLimit: { max: 5, timeWindow: 60_000 }, inbox: { officers: await testOfficers() } });
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      const codes = [];
      for (let guess = 0; guess < 6; guess += 1) {
        const response = await fetch(`${receiver.url}/signals/${reference}/status`, {
          headers: { authorization: `Bearer guess-${guess}-${'x'.repeat(30)}` },
        });
        assert.ok(!(await response.text()).includes(canary));
        codes.push(response.status);
      }
      assert.deepEqual(codes, [404, 404, 404, 404, 429, 429]);
    } finally {
      await receiver.close();
    }
  });
});

describe('single sign-on through a trusted header', () => {
  test('when configured, the header of a known officer starts a session; an unknown name or no header does not', async () => {
    const receiver = await startReceiver({
      inbox: { officers: await testOfficers(), ssoHeader: 'X-Remote-User', ssoProxies: ['127.0.0.1'] },
    });
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      const ok = await inboxGet(receiver.url, '/api/session', undefined, { 'x-remote-user': 'sso.only' });
      assert.equal(ok.status, 200);
      const body = (await ok.json()) as { officer: { name: string }; csrfToken: string; sso: boolean };
      assert.equal(body.officer.name, 'Alleen SSO');
      assert.equal(body.sso, true);
      const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0]!;
      const session = { cookie, csrfToken: body.csrfToken, setCookie: '' };
      assert.equal((await inboxGet(receiver.url, `/api/signals/${reference}`, session, { 'x-remote-user': 'sso.only' })).status, 200);

      const withoutHeader = await inboxGet(receiver.url, `/api/signals/${reference}`, session);
      assert.equal(withoutHeader.status, 401, 'the proxy must vouch for every request');
      const otherUser = await inboxGet(receiver.url, `/api/signals/${reference}`, session, { 'x-remote-user': 'joost' });
      assert.equal(otherUser.status, 401, 'a session belongs to the officer who started it');
      const unknown = await inboxGet(receiver.url, '/api/session', undefined, { 'x-remote-user': 'mallory' });
      assert.equal(unknown.status, 401);
      assert.ok(!(await bodyText(unknown)).includes(canary));
      const password = await fetch(`${receiver.url}/inbox/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: originOf(receiver.url) },
        body: JSON.stringify({ username: 'sanne', password: officerPassword }),
      });
      assert.equal(password.status, 404, 'behind SSO there is no password sign-in');
    } finally {
      await receiver.close();
    }
  });

  test('the header counts only on connections from the SSO proxy, not from anyone who reaches the receiver directly', async () => {
    // The proxy is at 10.0.0.5; the test connects from 127.0.0.1, as an attacker on the network would, straight to the receiver.
    const receiver = await startReceiver({
      inbox: { officers: await testOfficers(), ssoHeader: 'X-Remote-User', ssoProxies: ['10.0.0.5', '10.1.0.0/16'] },
    });
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      for (const path of ['/api/session', `/api/signals/${reference}`]) {
        const forged = await inboxGet(receiver.url, path, undefined, { 'x-remote-user': 'sanne' });
        assert.equal(forged.status, 401, `${path} refuses a forged header`);
        const text = await bodyText(forged);
        assert.ok(!text.includes(canary) && !/set-cookie/i.test(text), 'no content and no session');
      }
    } finally {
      await receiver.close();
    }
  });

  test('the header without a list of proxy addresses is refused at start', async () => {
    await assert.rejects(
      startReceiver({ inbox: { officers: await testOfficers(), ssoHeader: 'X-Remote-User' } }),
      /ssoHeader needs ssoProxies/,
    );
  });

  test('without the setting, the header is ignored', async () => {
    const receiver = await startReceiver({ inbox: { officers: await testOfficers() } });
    try {
      const { reference } = await sendCanary(receiver.url, canary);
      for (const path of ['/api/session', `/api/signals/${reference}`]) {
        const response = await inboxGet(receiver.url, path, undefined, {
          'x-remote-user': 'sanne',
          'remote-user': 'sanne',
          'x-forwarded-user': 'sanne',
        });
        assert.equal(response.status, 401);
        assert.ok(!(await bodyText(response)).includes(canary));
      }
    } finally {
      await receiver.close();
    }
  });
});

describe('without inbox settings', () => {
  test('there is no inbox at all', async () => {
    const receiver = await startReceiver();
    try {
      assert.equal((await inboxGet(receiver.url, '/api/session')).status, 404);
      assert.equal((await inboxGet(receiver.url, '/')).status, 404);
    } finally {
      await receiver.close();
    }
  });
});
