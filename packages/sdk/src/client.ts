import { AbortError, ConfigError, InvalidResponseError, NetworkError, isSignaalError } from './errors.js';
import { send, type HttpPolicy } from './http.js';
import { composeMail, type MailMessage } from './mailbox.js';
import { isSecureEndpoint, type Signal, type SignalDraft } from './schemas.js';
import { prepareSignal } from './prepare.js';
import {
  parseReceipt,
  parseRemoteConfig,
  parseStats,
  parseStatus,
  type Receipt,
  type RemoteConfig,
  type Stats,
  type Status,
} from './responses.js';
import { VERSION } from './version.js';

/** The calls of the contract. */
export type Operation = 'submit' | 'status' | 'config' | 'stats';

/** A request as the SDK is about to send it; `mapRequest` may reshape it, `transport` deliver it. */
export interface TransportRequest {
  operation: Operation;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** The JSON body (the validated signal for `submit`). */
  body?: unknown;
  signal?: AbortSignal;
}

/** Delivers a request through the integrator's own channel and resolves with the answer's JSON. */
export type Transport = (request: TransportRequest) => Promise<unknown>;

export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  limit?: number;
  /** Total time for all attempts and waits, in ms. Default 60,000. */
  deadline?: number;
  /** Longest wait between attempts, in ms (a server's `Retry-After` is honoured up to `deadline`). Default 10,000. */
  backoffLimit?: number;
}

export interface ClientOptions {
  /** Base URL of the backend; `https:` (or `http:` on loopback). Paths are relative to it. */
  endpoint?: string;
  /** The municipality's mailbox, for the mailbox route. */
  mailbox?: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Time per attempt in ms. Default 10,000. */
  timeout?: number;
  /** Retry policy, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** Extra headers, or a function that returns them (for tokens and CSRF), called for every request. */
  headers?: Record<string, string> | ((operation: Operation) => Record<string, string> | Promise<Record<string, string>>);
  /** `include` sends the intranet's single-sign-on cookies cross-origin. Default `same-origin`. */
  credentials?: RequestCredentials;
  /** Reshapes a request for an existing case-system API. */
  mapRequest?: (request: TransportRequest) => TransportRequest | Promise<TransportRequest>;
  /** Reshapes a response body into the contract's shape before it is validated. */
  mapResponse?: (body: unknown, context: { operation: Operation; status: number }) => unknown;
  /** Delivers through the integrator's own function instead of HTTP (no retries: the function owns them). */
  transport?: Transport;
  /** Identifies the sending client, e.g. `@signaal/widget@0.1.0`. */
  client?: string;
  /**
   * Where the status call carries the reporter's token: `authorization` (the default, `Bearer …`)
   * or `signaal-status-token`, for gateways that use `Authorization` for the user's own token.
   */
  statusTokenHeader?: 'authorization' | 'signaal-status-token';
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** What `createClient` returns: plain async functions. */
export interface SignaalClient {
  /** Whether a backend (endpoint or transport) is configured; without one, use `mail()`. */
  readonly canSubmit: boolean;
  /** Validates a draft and gives it an id, so that retries reuse one idempotency key. */
  prepare(draft: SignalDraft | Signal): Signal;
  /** Delivers a signal and resolves with the validated receipt. */
  submit(draft: SignalDraft | Signal, options?: CallOptions): Promise<Receipt>;
  /** Fetches the state of a delivered signal. */
  status(receipt: Pick<Receipt, 'reference' | 'statusToken'>, options?: CallOptions): Promise<Status>;
  /** Fetches the configuration the municipality keeps on the backend. */
  config(options?: CallOptions): Promise<RemoteConfig>;
  /** Fetches aggregate counts (no content), where the backend offers them. */
  stats(options?: CallOptions): Promise<Stats>;
  /** Composes a signal for the mailbox route. */
  mail(draft: SignalDraft | Signal, options?: { maxLength?: number }): MailMessage;
}

function checkOptions(options: ClientOptions): string | undefined {
  if (options.endpoint !== undefined && !isSecureEndpoint(options.endpoint)) {
    throw new ConfigError('The endpoint must be an https: URL (http: only on loopback).', [
      { path: 'endpoint', code: 'insecure-endpoint' },
    ]);
  }
  if (options.mailbox !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.mailbox)) {
    throw new ConfigError('The mailbox is not an e-mail address.', [{ path: 'mailbox', code: 'invalid-email' }]);
  }
  return options.endpoint?.replace(/\/+$/, '');
}

/**
 * Creates a client for one municipality's backend.
 *
 * @example
 * const signaal = createClient({ endpoint: 'https://signalen.gemeente.nl/api' });
 * const receipt = await signaal.submit({ kind: 'signal', description: 'Wat ik zag…' });
 */
export function createClient(options: ClientOptions): SignaalClient {
  const base = checkOptions(options);
  const clientName = options.client ?? `@signaal/sdk@${VERSION}`;
  const retry = options.retry === false ? { limit: 0 } : (options.retry ?? {});
  const policy: HttpPolicy = {
    // Looked up per request, so a fetch wrapped after the client was made is used too.
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    credentials: options.credentials ?? 'same-origin',
    timeout: options.timeout ?? 10_000,
    deadline: retry.deadline ?? 60_000,
    limit: retry.limit ?? 4,
    backoffLimit: retry.backoffLimit ?? 10_000,
  };

  const headersFor = async (operation: Operation): Promise<Record<string, string>> =>
    typeof options.headers === 'function' ? await options.headers(operation) : (options.headers ?? {});

  function urlFor(path: string): string {
    if (!base)
      throw new ConfigError('No endpoint is configured: use mail() for the mailbox route.', [{ path: 'endpoint', code: 'required' }]);
    return `${base}${path}`;
  }

  async function call(request: TransportRequest): Promise<{ body: unknown; status: number }> {
    const mapped = options.mapRequest ? await options.mapRequest(request) : request;
    if (options.transport) return { body: await deliverThroughTransport(options.transport, mapped), status: 200 };
    if (!isSecureEndpoint(mapped.url)) {
      throw new ConfigError('mapRequest produced an insecure URL.', [{ path: 'url', code: 'insecure-endpoint' }]);
    }
    const { status, text } = await send(
      { ...mapped, headers: { accept: 'application/json, application/problem+json', ...mapped.headers } },
      policy,
    );
    return { body: readJson(text, status), status };
  }

  async function run<T>(request: TransportRequest, parse: (body: unknown, status: number) => T): Promise<T> {
    const { body, status } = await call(request);
    const shaped = options.mapResponse ? options.mapResponse(body, { operation: request.operation, status }) : body;
    return parse(shaped, status);
  }

  const get = async (operation: Operation, path: string, signal: AbortSignal | undefined): Promise<TransportRequest> => ({
    operation,
    method: 'GET',
    url: options.transport ? path : urlFor(path),
    headers: await headersFor(operation),
    ...(signal ? { signal } : {}),
  });

  const prepare = (draft: SignalDraft | Signal): Signal => prepareSignal(draft, clientName);

  return {
    canSubmit: Boolean(base || options.transport),
    prepare,

    async submit(draft, { signal } = {}) {
      const prepared = prepare(draft);
      return run(
        {
          operation: 'submit',
          method: 'POST',
          url: options.transport ? '/signals' : urlFor('/signals'),
          headers: { ...(await headersFor('submit')), 'idempotency-key': prepared.id },
          body: prepared,
          ...(signal ? { signal } : {}),
        },
        parseReceipt,
      );
    },

    async status(receipt, { signal } = {}) {
      const request = await get('status', `/signals/${encodeURIComponent(receipt.reference)}/status`, signal);
      if (options.statusTokenHeader === 'signaal-status-token') request.headers['signaal-status-token'] = receipt.statusToken;
      else request.headers.authorization = `Bearer ${receipt.statusToken}`;
      return run(request, parseStatus);
    },

    async config({ signal } = {}) {
      return run(await get('config', '/config', signal), parseRemoteConfig);
    },

    async stats({ signal } = {}) {
      return run(await get('stats', '/stats', signal), parseStats);
    },

    mail(draft, mailOptions = {}) {
      if (!options.mailbox) throw new ConfigError('No mailbox is configured.', [{ path: 'mailbox', code: 'required' }]);
      return composeMail(prepare(draft), { to: options.mailbox, ...mailOptions });
    },
  };
}

async function deliverThroughTransport(transport: Transport, request: TransportRequest): Promise<unknown> {
  try {
    return await transport(request);
  } catch (error) {
    if (isSignaalError(error)) throw error;
    if (request.signal?.aborted) throw new AbortError('aborted', 'The request was aborted.', { cause: error });
    throw new NetworkError('network', 'The transport could not deliver the request.', { cause: error });
  }
}

function readJson(text: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidResponseError('invalid-response', 'The backend did not answer with JSON.', { cause: error, status });
  }
}
