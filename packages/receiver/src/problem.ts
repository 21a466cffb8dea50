import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '@signaal/sdk';
import { isStorageUnavailable } from './storage/database.js';
import { problemTitles as titles, type ProblemCode } from './problem-codes.js';

export type { ProblemCode } from './problem-codes.js';

export const problemType = (code: ProblemCode): string => `urn:signaal:problem:${code}`;

/** An error the receiver answers with RFC 9457 problem details. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly statusCode: number;
  readonly code: ProblemCode;
  readonly errors: readonly FieldIssue[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, code: ProblemCode, options: { errors?: readonly FieldIssue[]; headers?: Record<string, string> } = {}) {
    super(titles[code]);
    this.statusCode = statusCode;
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/** The JSON body of a problem answer. Titles are fixed per code: never echo input. */
export function problemBody(statusCode: number, code: ProblemCode, errors?: readonly FieldIssue[]) {
  return {
    type: problemType(code),
    title: titles[code],
    status: statusCode,
    code,
    ...(errors ? { errors } : {}),
  };
}

/**
 * Headers every problem answer carries, also those written before any route or plugin ran (a bad
 * URL, oversized headers): nothing to sniff, frame or cache, and no referrer.
 */
export const problemHeaders: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/** Sends problem details with the error's extra headers (`Retry-After`). */
export function sendProblem(reply: FastifyReply, statusCode: number, code: ProblemCode, error?: ProblemError) {
  reply.headers(problemHeaders);
  if (error) reply.headers(error.headers);
  return reply
    .code(statusCode)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(problemBody(statusCode, code, error?.errors)));
}

/** Maps Fastify's own errors (parsing, limits) to the receiver's problem codes, without their text. */
function problemFor(error: FastifyError): { statusCode: number; code: ProblemCode } {
  const statusCode = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || statusCode === 413) return { statusCode: 413, code: 'body-too-large' };
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || statusCode === 415) return { statusCode: 415, code: 'unsupported-media-type' };
  if (statusCode === 429) return { statusCode, code: 'rate-limited' };
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { statusCode: 400, code: 'invalid-json' };
  }
  if (statusCode >= 400 && statusCode < 500) return { statusCode, code: 'bad-request' };
  return { statusCode: 500, code: 'internal' };
}

/** The error handler of every receiver route: problem details, and a log line without content for 5xx. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ProblemError) return sendProblem(reply, error.statusCode, error.code, error);
  if (isStorageUnavailable(error)) {
    request.log.error({ code: error.code ?? 'unavailable' }, 'database unavailable');
    return sendProblem(
      reply,
      503,
      'storage-unavailable',
      new ProblemError(503, 'storage-unavailable', { headers: { 'retry-after': '5' } }),
    );
  }
  const { statusCode, code } = problemFor(error);
  if (statusCode >= 500) request.log.error({ code: error.code ?? error.name }, 'request failed');
  return sendProblem(reply, statusCode, code);
}

/**
 * Fastify's own refusals before routing (a URL that does not decode, a parameter past its
 * length): problem details like any other, with the security headers, without echoing the URL.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.log.warn({ code: error.code }, 'request refused before routing');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') sendProblem(reply, 414, 'uri-too-long');
  else sendProblem(reply, 400, 'bad-request');
}

const clientErrors: Record<string, { status: number; code: ProblemCode; reason: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request-timeout', reason: 'Request Timeout' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers-too-large', reason: 'Request Header Fields Too Large' },
};

/**
 * Node's HTTP parser refuses a request before Fastify sees it (headers too large, not HTTP):
 * answer on the socket with problem details and the same headers, and log the code.
 */
export function handleClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, reason } = clientErrors[error.code ?? ''] ?? { status: 400, code: 'bad-request' as const, reason: 'Bad Request' };
  this.log.warn({ code: error.code ?? 'error' }, 'request refused by the HTTP parser');
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const body = JSON.stringify(problemBody(status, code));
  const headers = {
    ...problemHeaders,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n')}\r\n\r\n${body}`,
  );
}
