import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient, HttpError, problemSchema, receiptSchema, remoteConfigSchema, statsSchema, statusSchema } from '@signaal/sdk';
import {
  countSignals,
  deferred,
  demoWidgetConfig,
  newSignal,
  postSignal,
  startReceiver,
  type RunningReceiver,
} from './receiver-harness.js';

const securityHeaders = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'strict-transport-security',
  'x-frame-options',
];

async function expectProblem(response: Response, status: number, code: string) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = problemSchema.parse(await response.clone().json());
  assert.equal(body.code, code);
  assert.equal(body.type, `urn:signaal:problem:${code}`);
  assert.equal(body.status, status);
  return body;
}

describe('the contract of POST /signals, GET /signals/{reference}/status, /config and /stats', () => {
  let receiver: RunningReceiver;
  const hold = { afterClaim: undefined as undefined | Promise<void>, claimed: undefined as undefined | (() => void) };
  const responses: Response[] = [];
  const send = async (response: Promise<Response>) => {
    const answer = await response;
    responses.push(answer);
    return answer;
  };

  before(async () => {
    receiver = await startReceiver({
      allowedOrigins: ['https://intranet.voorbeeld.nl'],
      bodyLimit: 16_384,
      pauses: {
        afterClaim: async () => {
          hold.claimed?.();
          await hold.afterClaim;
        },
      },
    });
  });
  after(() => receiver.close());

  const cases: Array<{
    name: string;
    status: number;
    code?: string;
    run: () => Promise<Response>;
    check?: (response: Response) => void | Promise<void>;
  }> = [
    {
      name: 'stores a new signal and answers 201 with a receipt',
      status: 201,
      run: () => send(postSignal(receiver.url, newSignal())),
      async check(response) {
        const receipt = receiptSchema.parse(await response.json());
        assert.match(receipt.reference, /^SG-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
        assert.ok(Buffer.from(receipt.statusToken, 'base64url').length >= 16, 'token has at least 128 bits');
        assert.equal(receipt.kind, 'signal');
      },
    },
    {
      name: 'stores a sparring request and answers 201',
      status: 201,
      run: () => send(postSignal(receiver.url, newSignal({ kind: 'sparring', description: 'Mag ik even sparren over een klant?' }))),
      async check(response) {
        assert.equal(receiptSchema.parse(await response.json()).kind, 'sparring');
      },
    },
    {
      name: 'answers a repeated request with the stored receipt and 200',
      status: 200,
      async run() {
        const signal = newSignal();
        const first = await send(postSignal(receiver.url, signal));
        assert.equal(first.status, 201);
        const receipt: unknown = await first.json();
        const repeat = await send(postSignal(receiver.url, { ...signal }));
        assert.deepEqual(await repeat.clone().json(), receipt);
        return repeat;
      },
    },
    {
      name: 'accepts the key as a structured-field string',
      status: 201,
      run: () => {
        const signal = newSignal();
        return send(postSignal(receiver.url, signal, { 'idempotency-key': `"${signal.id}"` }));
      },
    },
    {
      name: 'refuses a signal without Idempotency-Key with 400',
      status: 400,
      code: 'idempotency-key-missing',
      run: () => send(postSignal(receiver.url, newSignal(), { 'idempotency-key': '' })),
    },
    {
      name: 'refuses a malformed Idempotency-Key with 400',
      status: 400,
      code: 'idempotency-key-invalid',
      run: () => send(postSignal(receiver.url, newSignal(), { 'idempotency-key': 'x'.repeat(300) })),
    },
    {
      name: "refuses a key that is not the signal's id with 400",
      status: 400,
      code: 'idempotency-key-mismatch',
      run: () => send(postSignal(receiver.url, newSignal(), { 'idempotency-key': crypto.randomUUID() })),
    },
    {
      name: 'refuses a signal without description with 400 and the field',
      status: 400,
      code: 'invalid-signal',
      run: () => send(postSignal(receiver.url, newSignal({ description: '   ' }))),
      async check(response) {
        assert.deepEqual(problemSchema.parse(await response.json()).errors, [{ path: 'description', code: 'required' }]);
      },
    },
    {
      name: 'refuses unknown fields with 400',
      status: 400,
      code: 'invalid-signal',
      run: () => send(postSignal(receiver.url, newSignal({ bsn: '123456782' }))),
      async check(response) {
        const errors = problemSchema.parse(await response.json()).errors;
        assert.equal(errors?.length, 1);
        assert.match(JSON.stringify(errors), /bsn|unrecognized/, 'the error names the unknown field');
      },
    },
    {
      name: 'refuses the same key with another body with 422',
      status: 422,
      code: 'idempotency-key-reused',
      async run() {
        const signal = newSignal();
        assert.equal((await send(postSignal(receiver.url, signal))).status, 201);
        return send(postSignal(receiver.url, { ...signal, description: 'Iets anders.' }));
      },
    },
    {
      name: 'answers 409 with Retry-After while the first request with the key is in flight',
      status: 409,
      code: 'request-in-flight',
      async run() {
        const signal = newSignal();
        const release = deferred();
        const claimed = deferred();
        hold.afterClaim = release.promise;
        hold.claimed = claimed.resolve;
        const first = postSignal(receiver.url, signal);
        await claimed.promise;
        const second = await send(postSignal(receiver.url, signal));
        assert.equal(second.headers.get('retry-after'), '1');
        hold.afterClaim = undefined;
        hold.claimed = undefined;
        release.resolve();
        assert.equal((await first).status, 201, 'the first request still completes');
        assert.equal((await postSignal(receiver.url, signal)).status, 200, 'a retry after it finished gets the receipt');
        return second;
      },
    },
    {
      name: 'refuses a body over the limit with 413',
      status: 413,
      code: 'body-too-large',
      run: () => send(postSignal(receiver.url, newSignal({ description: 'x'.repeat(20_000) }))),
    },
    {
      name: 'refuses a text/plain post with 415',
      status: 415,
      code: 'unsupported-media-type',
      run: () => {
        const signal = newSignal();
        return send(postSignal(receiver.url, signal, { 'content-type': 'text/plain' }));
      },
    },
    {
      name: 'refuses malformed JSON with 400',
      status: 400,
      code: 'invalid-json',
      run: () => send(postSignal(receiver.url, '{"id": ', { 'idempotency-key': crypto.randomUUID() })),
    },
    {
      name: 'refuses a post from an origin that is not allowed with 403',
      status: 403,
      code: 'cross-site-request',
      run: () => send(postSignal(receiver.url, newSignal(), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })),
    },
    {
      name: 'accepts a post from an allowed origin',
      status: 201,
      run: () => send(postSignal(receiver.url, newSignal(), { origin: 'https://intranet.voorbeeld.nl', 'sec-fetch-site': 'cross-site' })),
      check(response) {
        assert.equal(response.headers.get('access-control-allow-origin'), 'https://intranet.voorbeeld.nl');
      },
    },
    { name: 'answers an unknown path with 404', status: 404, code: 'not-found', run: () => send(fetch(`${receiver.url}/signals/list`)) },
    {
      name: 'serves the configuration with GET /config',
      status: 200,
      run: () => send(fetch(`${receiver.url}/config`)),
      async check(response) {
        assert.deepEqual(remoteConfigSchema.parse(await response.json()), demoWidgetConfig);
      },
    },
    {
      name: 'serves counts only with GET /stats',
      status: 200,
      run: () => send(fetch(`${receiver.url}/stats`)),
      async check(response) {
        const body = (await response.json()) as object;
        const stats = statsSchema.parse(body);
        assert.deepEqual(Object.keys(body).sort(), ['byKind', 'byState', 'period', 'suppressedBelow', 'total']);
        const shown = (count: number | null) => count ?? 0;
        assert.ok(stats.total === null || stats.total === countSignals(receiver.dataDir));
        assert.ok(stats.total === null || shown(stats.byKind.signal) + shown(stats.byKind.sparring) <= stats.total);
      },
    },
    {
      name: 'refuses a stats period that is not a date with 400',
      status: 400,
      code: 'invalid-query',
      run: () => send(fetch(`${receiver.url}/stats?from=yesterday`)),
    },
  ];

  for (const { name, status, code, run, check } of cases) {
    test(name, async () => {
      const response = await run();
      if (code) await expectProblem(response, status, code);
      else assert.equal(response.status, status);
      await check?.(response);
    });
  }

  describe('GET /signals/{reference}/status', () => {
    let receipt: { reference: string; statusToken: string };
    before(async () => {
      receipt = (await (await postSignal(receiver.url, newSignal())).json()) as typeof receipt;
    });
    const status = (reference: string, token?: string) =>
      send(
        fetch(`${receiver.url}/signals/${reference}/status`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
      );

    test('answers the state, when it changed and nothing more, with the right token', async () => {
      const response = await status(receipt.reference, receipt.statusToken);
      assert.equal(response.status, 200);
      const body = (await response.json()) as { updatedAt?: unknown };
      assert.deepEqual(Object.keys(body).sort(), ['reference', 'state', 'updatedAt']);
      assert.deepEqual(statusSchema.parse(body), { reference: receipt.reference, state: 'received', updatedAt: body.updatedAt });
    });

    test('answers a wrong token and an unknown reference with the same 404', async () => {
      const wrong = await status(receipt.reference, `${receipt.statusToken.slice(0, -2)}AA`);
      const unknown = await status('SG-2222-2222', receipt.statusToken);
      const malformed = await status('not-a-reference', receipt.statusToken);
      const bodies = await Promise.all([wrong, unknown, malformed].map(async (response) => [response.status, await response.text()]));
      assert.deepEqual(bodies[0], [
        404,
        JSON.stringify({ type: 'urn:signaal:problem:not-found', title: 'Not found.', status: 404, code: 'not-found' }),
      ]);
      assert.deepEqual(bodies[1], bodies[0]);
      assert.deepEqual(bodies[2], bodies[0]);
    });

    test('takes the scheme in any case, and the token in Signaal-Status-Token for gateways that own Authorization', async () => {
      for (const headers of [
        { authorization: `bearer ${receipt.statusToken}` },
        { authorization: `BEARER ${receipt.statusToken}` },
        { 'signaal-status-token': receipt.statusToken },
        { 'signaal-status-token': receipt.statusToken, authorization: 'Bearer the-gateway-users-own-token' },
      ]) {
        const response = await send(fetch(`${receiver.url}/signals/${receipt.reference}/status`, { headers }));
        assert.equal(response.status, 200, JSON.stringify(Object.keys(headers)));
        await response.body?.cancel();
      }
      const wrong = await send(
        fetch(`${receiver.url}/signals/${receipt.reference}/status`, { headers: { 'signaal-status-token': 'A'.repeat(43) } }),
      );
      assert.equal(wrong.status, 404, 'a wrong token in the other header is refused alike');
      await wrong.body?.cancel();
      const client = createClient({ endpoint: receiver.url, statusTokenHeader: 'signaal-status-token', retry: false });
      assert.equal((await client.status(receipt)).state, 'received', 'the SDK sends it there when asked');
    });

    test('asks for a bearer token with 401', async () => {
      const response = await status(receipt.reference);
      await expectProblem(response, 401, 'unauthorized');
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    });
  });

  test('answers a CORS preflight only for allowed origins', async () => {
    const preflight = (origin: string) =>
      send(
        fetch(`${receiver.url}/signals`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
        }),
      );
    const allowed = await preflight('https://intranet.voorbeeld.nl');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://intranet.voorbeeld.nl');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /idempotency-key/);
    const refused = await preflight('https://evil.example');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  test('talks with the SDK client: submit, repeat, status and config agree', async () => {
    const client = createClient({ endpoint: receiver.url, retry: false });
    const signal = client.prepare({ kind: 'signal', description: 'Een werkgever houdt paspoorten in.', indicators: [] });
    const receipt = await client.submit(signal);
    assert.deepEqual(await client.submit(signal), receipt, 'a repeat through the SDK gives the same receipt');
    const state = await client.status(receipt);
    assert.equal(state.reference, receipt.reference);
    assert.equal(state.state, 'received');
    assert.deepEqual(await client.config(), demoWidgetConfig);
    await assert.rejects(client.status({ reference: receipt.reference, statusToken: 'A'.repeat(43) }), (error: unknown) => {
      assert.ok(error instanceof HttpError);
      assert.equal(error.status, 404);
      return true;
    });
  });

  test('sends security headers and no-store on every answer, errors included', () => {
    assert.ok(responses.length > 20);
    for (const response of responses) {
      for (const header of securityHeaders) assert.ok(response.headers.get(header), `${header} on a ${response.status}`);
      assert.equal(response.headers.get('cache-control'), 'no-store', `no-store on ${response.status} ${response.url}`);
    }
  });

  test('logs no content, tokens or addresses', async () => {
    const client = createClient({ endpoint: receiver.url, retry: false });
    const receipt = await client.submit({ kind: 'signal', description: 'Uniek-woord-in-de-tekst', reporter: { name: 'Jan Janssen' } });
    await client.status(receipt);
    // The one line with an address is the receiver's own: where it listens.
    const logs = receiver.logs.filter((line) => !line.includes('Server listening at')).join('');
    assert.match(logs, /"route":"\/signals\/:reference\/status"/, 'requests are logged');
    for (const secret of [
      'Uniek-woord-in-de-tekst',
      'Jan Janssen',
      receipt.statusToken,
      receipt.reference,
      '127.0.0.1',
      'remoteAddress',
      'authorization',
    ]) {
      assert.ok(!logs.includes(secret), `the log does not contain ${secret}`);
    }
  });
});

describe('rate limit', () => {
  test('answers 429 with Retry-After once a client exceeds the limit, and writes nothing', async () => {
    const receiver = await startReceiver({ rateLimit: { max: 3, timeWindow: 60_000 } });
    try {
      const answers = [];
      for (let index = 0; index < 5; index += 1) answers.push(await postSignal(receiver.url, newSignal()));
      assert.deepEqual(
        answers.map((response) => response.status),
        [201, 201, 201, 429, 429],
      );
      await expectProblem(answers[3]!, 429, 'rate-limited');
      assert.ok(Number(answers[3]!.headers.get('retry-after')) > 0);
      assert.ok(answers[3]!.headers.get('content-security-policy'));
      assert.equal(countSignals(receiver.dataDir), 3);
    } finally {
      await receiver.close();
    }
  });

  test('answers repeated wrong status-token guesses with 429', async () => {
    const receiver = await startReceiver({ rateLimit: { max: 3, timeWindow: 60_000 } });
    try {
      const guess = () => fetch(`${receiver.url}/signals/SG-2222-2222/status`, { headers: { authorization: `Bearer ${'A'.repeat(43)}` } });
      const statuses = [];
      for (let index = 0; index < 4; index += 1) statuses.push((await guess()).status);
      assert.deepEqual(statuses, [404, 404, 404, 429]);
    } finally {
      await receiver.close();
    }
  });

  test('limits per client address as given by a trusted proxy', async () => {
    const receiver = await startReceiver({ rateLimit: { max: 1, timeWindow: 60_000 }, trustProxy: ['127.0.0.1'] });
    try {
      const from = (address: string) => postSignal(receiver.url, newSignal(), { 'x-forwarded-for': address });
      assert.equal((await from('10.0.0.1')).status, 201);
      assert.equal((await from('10.0.0.2')).status, 201);
      assert.equal((await from('10.0.0.1')).status, 429);
    } finally {
      await receiver.close();
    }
  });
});
