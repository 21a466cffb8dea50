// The client's behaviour against a real HTTP backend that fails on purpose. The same cases run
// in Node (client.node.test.ts) and in headless Chromium and Firefox (client.browser.test.ts),
// because integrators use all three.
import { expect } from 'chai';
import {
  createClient,
  SignaalError,
  type ClientOptions,
  type SignaalClient,
  type SignalDraft,
  type TransportRequest,
} from '../src/index.js';

// node:test's describe() and it() return promises its runner awaits; mocha's return the suite.
type Block = (name: string, fn: () => void) => unknown;
type Test = (name: string, fn: () => void | Promise<void>) => unknown;

export interface CaseEnvironment {
  describe: Block;
  it: Test;
  /** Origin of the flaky backend (see fixtures/flaky-server.mjs). */
  origin: () => string;
}

interface ServerState {
  requests: number;
  stored: Record<string, number>;
  headers: Array<Record<string, string | undefined>>;
}

const draft: SignalDraft = {
  kind: 'signal',
  description: 'Een man aan de balie had geen eigen paspoort; zijn werkgever deed het woord.',
  indicators: ['no-own-id', 'someone-speaks-for-them'],
  setting: 'counter',
};

/** Resolves with the error a promise rejects with, or fails the test when it resolves. */
/** Resolves once `check` holds, asking again every 20 ms (no fixed sleep). */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function rejection(promise: Promise<unknown>): Promise<SignaalError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SignaalError);
    return error as SignaalError;
  }
  throw new Error('expected the promise to reject');
}

export function clientCases({ describe, it, origin }: CaseEnvironment): void {
  const fastRetry = { limit: 3, backoffLimit: 50, deadline: 15_000 };

  /** A fresh backend run: its own state, failing the first `times` requests with `fault`. */
  function backend(fault = 'none', times = 0, options: Partial<ClientOptions> = {}) {
    const run = crypto.randomUUID();
    const base = `${origin()}/flaky/${run}`;
    const client: SignaalClient = createClient({ endpoint: `${base}/${fault}/${times}`, retry: fastRetry, timeout: 5_000, ...options });
    const state = async () => (await (await fetch(`${base}/__state`)).json()) as ServerState;
    return { client, state, base };
  }

  describe('createClient: delivery', () => {
    it('delivers a signal and returns the validated receipt; the server stores it once', async () => {
      const { client, state } = backend();
      const signal = client.prepare(draft);
      const receipt = await client.submit(signal);
      expect(receipt.reference).to.match(/^SG-/);
      expect(receipt.statusToken.length).to.be.greaterThanOrEqual(22);
      const server = await state();
      expect(server.requests).to.equal(1);
      expect(server.stored).to.deep.equal({ [signal.id]: 1 });
      expect(server.headers[0]?.['idempotency-key']).to.equal(signal.id);
    });

    it('retries when the connection drops after storing, and the server keeps one copy', async () => {
      const { client, state } = backend('drop-after-store', 1);
      const signal = client.prepare(draft);
      const receipt = await client.submit(signal);
      const server = await state();
      expect(server.requests).to.equal(2);
      expect(server.stored).to.deep.equal({ [signal.id]: 1 });
      expect(server.headers.map((headers) => headers['idempotency-key'])).to.deep.equal([signal.id, signal.id]);
      expect(receipt.reference).to.match(/^SG-/);
    });

    it('waits for Retry-After on 503, then delivers once', async () => {
      const { client, state } = backend('503', 1);
      const signal = client.prepare(draft);
      await client.submit(signal);
      const server = await state();
      expect(server.requests).to.equal(2);
      expect(server.stored).to.deep.equal({ [signal.id]: 1 });
    });

    it('does not retry before Retry-After, even when its own backoff is shorter', async () => {
      // Retry-After: 1 (second) against a 50 ms backoff and a 400 ms deadline: a client that
      // honours the header gives up unsent; one that ignores it would deliver on its second try.
      const { client, state } = backend('503', 1, { retry: { limit: 3, backoffLimit: 50, deadline: 400 } });
      const error = await rejection(client.submit(draft));
      expect(error.retryable).to.equal(true);
      expect((await state()).requests).to.equal(1);
    });

    for (const fault of ['409', '429', '500', 'drop']) {
      it(`retries after ${fault === 'drop' ? 'a dropped connection' : `a ${fault}`} and delivers once`, async () => {
        const { client, state } = backend(fault, 2);
        const signal = client.prepare(draft);
        await client.submit(signal);
        const server = await state();
        expect(server.requests).to.equal(3);
        expect(server.stored).to.deep.equal({ [signal.id]: 1 });
      });
    }

    it('retries a reply slower than the timeout, and the server keeps one copy', async () => {
      const { client, state } = backend('slow', 1, { timeout: 500 });
      const signal = client.prepare(draft);
      await client.submit(signal);
      const server = await state();
      expect(server.requests).to.equal(2);
      expect(server.stored).to.deep.equal({ [signal.id]: 1 });
    });

    it('gives up with a server error after the retry limit', async () => {
      const { client, state } = backend('500', 99);
      const error = await rejection(client.submit(draft));
      expect(error.code).to.equal('server');
      expect(error.status).to.equal(500);
      expect(error.retryable).to.equal(true);
      expect(error.problem?.code).to.equal('status-500');
      expect((await state()).requests).to.equal(fastRetry.limit + 1);
    });

    it('gives up with a timeout error when every attempt is too slow', async () => {
      const { client } = backend('slow', 99, { timeout: 300, retry: { limit: 1, backoffLimit: 10 } });
      const error = await rejection(client.submit(draft));
      expect(error.code).to.equal('timeout');
      expect(error.retryable).to.equal(true);
    });

    for (const [status, code] of [
      ['400', 'rejected'],
      ['403', 'rejected'],
      ['413', 'rejected'],
      ['422', 'conflict'],
    ] as const) {
      it(`never retries a ${status}: one request, error code ${code}`, async () => {
        const { client, state } = backend(status, 1);
        const error = await rejection(client.submit(draft));
        expect(error.code).to.equal(code);
        expect(error.status).to.equal(Number(status));
        expect(error.retryable).to.equal(false);
        expect(error.message).not.to.contain('Status');
        const server = await state();
        expect(server.requests).to.equal(1);
        expect(server.stored).to.deep.equal({});
      });
    }

    it('refuses the same key with another body as a conflict', async () => {
      const { client, state } = backend();
      const signal = client.prepare(draft);
      await client.submit(signal);
      const error = await rejection(client.submit({ ...signal, description: 'Iets anders' }));
      expect(error.code).to.equal('conflict');
      expect(error.status).to.equal(422);
      expect((await state()).stored).to.deep.equal({ [signal.id]: 1 });
    });

    it('answers a repeated submit with the same receipt', async () => {
      const { client, state } = backend();
      const signal = client.prepare(draft);
      const first = await client.submit(signal);
      const again = await client.submit(signal);
      expect(again).to.deep.equal(first);
      expect((await state()).stored).to.deep.equal({ [signal.id]: 1 });
    });

    for (const fault of ['malformed', 'wrong-shape']) {
      it(`rejects a ${fault} answer as invalid-response, without retrying`, async () => {
        const { client, state } = backend(fault, 1);
        const error = await rejection(client.submit(draft));
        expect(error.code).to.equal('invalid-response');
        expect(error.status).to.equal(201);
        expect((await state()).requests).to.equal(1);
      });
    }

    it('reports an unreachable backend as a network error', async () => {
      const client = createClient({ endpoint: 'http://127.0.0.1:9/api', retry: { limit: 1, backoffLimit: 10 } });
      const error = await rejection(client.submit(draft));
      expect(error.code).to.equal('network');
      expect(error.retryable).to.equal(true);
    });

    it('stops when the caller aborts, and sends nothing more', async () => {
      const { client, state } = backend('503', 99);
      const controller = new AbortController();
      const pending = client.submit(draft, { signal: controller.signal });
      // Abort while the client waits out the first answer's Retry-After.
      await waitFor(async () => (await state()).requests === 1);
      controller.abort();
      const error = await rejection(pending);
      expect(error.code).to.equal('aborted');
      const after = (await state()).requests;
      expect(after).to.equal(1);
    });
  });

  describe('createClient: input and configuration', () => {
    it('refuses an invalid draft with field paths, before any request', async () => {
      const { client, state } = backend();
      const error = await rejection(
        client.submit({ kind: 'signal', description: '   ', indicators: ['not-an-indicator'] } as unknown as SignalDraft),
      );
      expect(error.code).to.equal('invalid-input');
      const paths = (error as SignaalError & { issues: Array<{ path: string }> }).issues.map((issue) => issue.path);
      expect(paths).to.include.members(['description', 'indicators.0']);
      expect(error.message).not.to.contain('   ');
      expect((await state()).requests).to.equal(0);
    });

    it('refuses a sparring request that carries citizen data', async () => {
      const { client, state } = backend();
      const error = await rejection(
        client.submit({ kind: 'sparring', description: 'Mag ik even sparren?', place: 'Dorpsstraat 1' } as unknown as SignalDraft),
      );
      expect(error.code).to.equal('invalid-input');
      expect((error as SignaalError & { issues: Array<{ path: string; code: string }> }).issues).to.deep.include({
        path: 'place',
        code: 'not-allowed',
      });
      expect((await state()).requests).to.equal(0);
    });

    for (const endpoint of ['http://signalen.gemeente.example/api', 'ftp://127.0.0.1/api', 'javascript:alert(1)', 'not a url']) {
      it(`refuses the endpoint ${endpoint} before any request`, () => {
        let caught: unknown;
        try {
          createClient({ endpoint });
        } catch (error) {
          caught = error;
        }
        expect(caught).to.be.instanceOf(SignaalError);
        expect((caught as SignaalError).code).to.equal('invalid-config');
        return Promise.resolve();
      });
    }

    it('accepts https endpoints and http on loopback', () => {
      for (const endpoint of ['https://signalen.gemeente.example/api', 'http://localhost:8080/api', 'http://127.0.0.1/api']) {
        expect(createClient({ endpoint }).canSubmit).to.equal(true);
      }
    });

    it('sends headers from an async function with every request', async () => {
      let calls = 0;
      const { client, state } = backend('503', 1, {
        headers: (operation) => Promise.resolve({ 'x-csrf-token': `token-${operation}-${++calls}` }),
      });
      await client.submit(draft);
      const server = await state();
      expect(server.headers[0]?.['x-csrf-token']).to.equal('token-submit-1');
      expect(server.requests).to.equal(2);
    });

    it('passes credentials and uses the injected fetch', async () => {
      const seen: Request[] = [];
      const { client } = backend('none', 0, {
        credentials: 'include',
        fetch: (input, init) => {
          const request = new Request(input, init);
          seen.push(request);
          return fetch(request);
        },
      });
      await client.submit(draft);
      expect(seen).to.have.length(1);
      expect(seen[0]?.credentials).to.equal('include');
      expect(seen[0]?.headers.get('content-type')).to.contain('application/json');
    });
  });

  describe('createClient: status and configuration', () => {
    it('fetches the status of a delivered signal with its token', async () => {
      const { client, state } = backend();
      const receipt = await client.submit(draft);
      const status = await client.status(receipt);
      expect(status.reference).to.equal(receipt.reference);
      expect(status.state).to.equal('in-progress');
      expect((await state()).headers[1]?.authorization).to.equal(`Bearer ${receipt.statusToken}`);
    });

    it('is refused with a wrong token', async () => {
      const { client } = backend();
      const receipt = await client.submit(draft);
      const error = await rejection(client.status({ ...receipt, statusToken: 'x'.repeat(43) }));
      expect(error.code).to.equal('rejected');
      expect(error.status).to.equal(404);
    });

    it('fetches aggregate counts, with small counts hidden as null', async () => {
      const { client } = backend();
      await client.submit(draft);
      const stats = await client.stats();
      expect(stats.suppressedBelow).to.equal(5);
      expect(stats.total, 'one signal is a count that could point at it').to.equal(null);
      expect(stats.byKind.signal).to.equal(null);
      expect(stats.byKind.sparring).to.equal(0);
    });

    it('reads null for an absent optional field as absent, as Java and .NET backends write it', async () => {
      const { client } = backend('java-nulls', 10);
      const receipt = await client.submit(draft);
      expect(receipt.nextSteps).to.equal(undefined);
      expect(receipt.kind).to.equal(undefined);
      const status = await client.status(receipt);
      expect(status.state).to.equal('received');
      expect(status.message).to.equal(undefined);
      const config = await client.config();
      expect(config.officer?.name).to.equal('Sanne de Vries');
      expect(config.officer?.email).to.equal(undefined);
      const stats = await client.stats();
      expect(stats.total, 'in figures, null keeps its meaning: a hidden small count').to.equal(null);
      expect(stats.byKind.sparring).to.equal(0);
    });

    it('refuses a configuration answer that does not match the contract', async () => {
      const { client } = backend('wrong-shape', 1);
      const error = await rejection(client.config());
      expect(error.code).to.equal('invalid-response');
    });

    it('fetches and validates the remote configuration', async () => {
      const { client } = backend();
      const config = await client.config();
      expect(config.officer?.name).to.equal('Sanne de Vries');
    });
  });

  describe('createClient: reshaping and own transports', () => {
    it('reshapes requests with mapRequest and responses with mapResponse', async () => {
      const { client, state } = backend('none', 0, {
        mapRequest: (request: TransportRequest) => ({ ...request, headers: { ...request.headers, 'x-csrf-token': 'case-system' } }),
        mapResponse: (body) => ({ ...(body as object), nextSteps: 'Je hoort binnen een week van ons.' }),
      });
      const receipt = await client.submit(draft);
      expect(receipt.nextSteps).to.equal('Je hoort binnen een week van ons.');
      expect((await state()).headers[0]?.['x-csrf-token']).to.equal('case-system');
    });

    it('delivers through an own transport and validates what it returns', async () => {
      const requests: TransportRequest[] = [];
      const client = createClient({
        transport: (request) => {
          requests.push(request);
          return Promise.resolve({ ref: 'ZAAK-2026-0042', token: 'A'.repeat(32), at: '2026-11-28T10:00:00Z' });
        },
        mapResponse: (body) => {
          const answer = body as { ref: string; token: string; at: string };
          return { reference: answer.ref, statusToken: answer.token, receivedAt: answer.at };
        },
      });
      const signal = client.prepare(draft);
      const receipt = await client.submit(signal);
      expect(receipt.reference).to.equal('ZAAK-2026-0042');
      expect(requests).to.have.length(1);
      expect(requests[0]?.headers['idempotency-key']).to.equal(signal.id);
      expect(requests[0]?.body).to.deep.include({ id: signal.id, kind: 'signal' });
    });

    it('refuses what an own transport returns when it is not a receipt', async () => {
      const client = createClient({ transport: () => Promise.resolve({ ok: true }) });
      const error = await rejection(client.submit(draft));
      expect(error.code).to.equal('invalid-response');
    });

    it('reports a failing own transport as a network error', async () => {
      const client = createClient({ transport: () => Promise.reject(new Error('offline')) });
      const error = await rejection(client.submit(draft));
      expect(error.code).to.equal('network');
    });
  });

  describe('createClient: the mailbox route', () => {
    it('composes a mailto link with a readable subject and body', () => {
      const client = createClient({ mailbox: 'signalen@gemeente.example' });
      expect(client.canSubmit).to.equal(false);
      const mail = client.mail(draft);
      expect(mail.href.startsWith('mailto:signalen@gemeente.example?subject=')).to.equal(true);
      const url = new URL(mail.href);
      expect(url.searchParams.get('subject')).to.equal('Signaal: melding');
      expect(url.searchParams.get('body')).to.contain(draft.description);
      expect(url.searchParams.get('body')).to.contain('Heeft eigen identiteitsbewijs niet in bezit');
      expect(mail.truncated).to.equal(false);
    });

    it('shortens a long message to what mail programs accept, keeping the full text for copying', () => {
      const client = createClient({ mailbox: 'signalen@gemeente.example' });
      const description = 'Zij vertelde over lange dagen en geen loon. '.repeat(200);
      const mail = client.mail({ ...draft, description, locale: 'en' });
      expect(mail.href.length).to.be.at.most(2_000);
      expect(mail.truncated).to.equal(true);
      expect(mail.body).to.contain('Shortened');
      expect(mail.text).to.contain(description.trim());
    });

    it('refuses to submit without an endpoint, and to mail without a mailbox', async () => {
      const mailOnly = createClient({ mailbox: 'signalen@gemeente.example' });
      expect((await rejection(mailOnly.submit(draft))).code).to.equal('invalid-config');
      const endpointOnly = createClient({ endpoint: 'https://signalen.gemeente.example/api' });
      expect(() => endpointOnly.mail(draft)).to.throw(SignaalError);
    });
  });
}
