/**
 * One request to the backend over `fetch`, with the contract's retry policy: retries on network
 * errors, timeouts, 408, 409, 429 and 5xx, with exponential backoff and full jitter, a server's
 * `Retry-After` honoured on 409, 429 and 503, all within a total deadline, and abortable by the
 * caller at any point, waits included. Written on `fetch` rather than with an HTTP library: the
 * library it replaces (ky 2) cost the widget 8.5 KB gzipped of its 40 KB budget, for these few
 * rules (see docs/decisions/2026-12-05-fetch-over-ky.md).
 */
import { AbortError, HttpError, NetworkError, type SignaalError } from './errors.js';
import { problemSchema } from './responses.js';

export interface HttpPolicy {
  fetch: typeof globalThis.fetch;
  credentials: RequestCredentials;
  /** Time per attempt in ms, until the whole answer is read. */
  timeout: number;
  /** Total time for all attempts and waits, in ms. */
  deadline: number;
  /** Retries after the first attempt. */
  limit: number;
  /** Longest backoff between attempts, in ms (a `Retry-After` may ask for longer, up to the deadline). */
  backoffLimit: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** A successful answer: its status and its body as text. */
export interface HttpAnswer {
  status: number;
  text: string;
}

const retried = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;
const honoursRetryAfter = (status: number) => status === 409 || status === 429 || status === 503;

/** ky's backoff: 300 ms doubling per attempt, at most `limit`, with full jitter. */
const backoff = (attempt: number, limit: number) => Math.random() * Math.min(300 * 2 ** attempt, limit);

/** `Retry-After` in ms, as seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

const aborted = (cause?: unknown) => new AbortError('aborted', 'The request was aborted.', { cause });

/** Waits `ms`, or rejects with an abort error as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    };
    const stop = () => {
      done();
      reject(aborted(signal?.reason));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop);
  });
}

/** The error for an answer with an error status, with the problem details it carried, if any. */
function httpError(status: number, text: string): HttpError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the error still carries the status.
  }
  const parsed = problemSchema.safeParse(body);
  const code = status >= 500 ? 'server' : status === 409 || status === 422 ? 'conflict' : 'rejected';
  return new HttpError(code, `The backend answered ${status}.`, { status, ...(parsed.success ? { problem: parsed.data } : {}) });
}

/** One attempt, read to the end within `ms`; rejects with a network, timeout or abort error. */
async function attempt(request: HttpRequest, policy: HttpPolicy, ms: number): Promise<{ response: Response; text: string }> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const stop = () => controller.abort();
  request.signal?.addEventListener('abort', stop);
  try {
    if (request.signal?.aborted) throw aborted(request.signal.reason);
    const response = await policy.fetch(request.url, {
      method: request.method,
      headers: request.body === undefined ? request.headers : { 'content-type': 'application/json', ...request.headers },
      credentials: policy.credentials,
      signal: controller.signal,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    return { response, text: await response.text() };
  } catch (error) {
    if (request.signal?.aborted) throw aborted(error);
    if (timedOut) throw new NetworkError('timeout', 'The backend did not answer in time.', { cause: error });
    throw new NetworkError('network', 'The backend could not be reached.', { cause: error });
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', stop);
  }
}

/**
 * Sends `request` until it is answered with a success status, retrying under `policy`; rejects
 * with the last attempt's error (`HttpError`, `NetworkError`) or an `AbortError`.
 */
export async function send(request: HttpRequest, policy: HttpPolicy): Promise<HttpAnswer> {
  const deadline = Date.now() + policy.deadline;
  for (let tries = 0; ; tries++) {
    // Network errors and timeouts are retried; an abort is not.
    const outcome = await attempt(request, policy, Math.max(0, Math.min(policy.timeout, deadline - Date.now()))).catch((error: unknown) => {
      if (error instanceof NetworkError) return error;
      throw error;
    });
    let failure: SignaalError;
    let wait = backoff(tries, policy.backoffLimit);
    if (outcome instanceof NetworkError) failure = outcome;
    else {
      const { response, text } = outcome;
      if (response.ok) return { status: response.status, text };
      failure = httpError(response.status, text);
      if (!retried(response.status)) throw failure;
      const asked = honoursRetryAfter(response.status) ? retryAfter(response.headers.get('retry-after')) : undefined;
      if (asked !== undefined) wait = asked;
    }
    if (tries >= policy.limit || Date.now() + wait >= deadline) throw failure;
    await pause(wait, request.signal);
  }
}
