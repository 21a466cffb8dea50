import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldIssue } from '@signaal/sdk';
import { isStorageUnavailable } from './storage/database.js';

/** The receiver's stable problem codes; each has the type URI `urn:signaal:problem:<code>`. */
export type ProblemCode =
  | 'idempotency-key-missing'
  | 'idempotency-key-invalid'
  | 'idempotency-key-mismatch'
  | 'idempotency-key-reused'
  | 'request-in-flight'
  | 'invalid-signal'
  | 'invalid-json'
  | 'invalid-query'
  | 'bad-request'
  | 'unauthorized'
  | 'session-required'
  | 'sign-in-failed'
  | 'csrf-token-invalid'
  | 'forbidden'
  | 'insecure-transport'
  | 'invalid-change'
  | 'content-removed'
  | 'cross-site-request'
  | 'not-found'
  | 'method-not-allowed'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'storage-unavailable'
  | 'internal';

const titles: Record<ProblemCode, string> = {
  'idempotency-key-missing': 'An Idempotency-Key header is required.',
  'idempotency-key-invalid': 'The Idempotency-Key header is not valid.',
  'idempotency-key-mismatch': "The Idempotency-Key does not match the signal's id.",
  'idempotency-key-reused': 'This Idempotency-Key was used for another request body.',
  'request-in-flight': 'A request with this Idempotency-Key is still being handled.',
  'invalid-signal': 'The signal does not match the contract.',
  'invalid-json': 'The request body is not valid JSON.',
  'invalid-query': 'The query parameters are not valid.',
  'bad-request': 'The request is not valid.',
  unauthorized: 'A bearer token is required.',
  'session-required': 'Sign in to the inbox first.',
  'sign-in-failed': 'The username or password is not right.',
  'csrf-token-invalid': 'The request lacks a valid CSRF token for this session.',
  forbidden: 'Your role does not give access to this.',
  'insecure-transport': 'Sign in over https; plain http is accepted only on this machine.',
  'invalid-change': 'The change is not valid.',
  'content-removed': "This signal's content was removed; no message can be added.",
  'cross-site-request': 'Requests from this origin are not accepted.',
  'not-found': 'Not found.',
  'method-not-allowed': 'This method is not allowed here.',
  'body-too-large': 'The request body is too large.',
  'unsupported-media-type': 'Send the body as application/json.',
  'rate-limited': 'Too many requests; try again later.',
  'storage-unavailable': 'The receiver cannot reach its database just now. Try again shortly: the same Idempotency-Key never stores a signal twice.',
  internal: 'The receiver could not handle the request.',
};

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

/** Sends problem details with the error's extra headers (`Retry-After`). */
export function sendProblem(reply: FastifyReply, statusCode: number, code: ProblemCode, error?: ProblemError) {
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
    return sendProblem(reply, 503, 'storage-unavailable', new ProblemError(503, 'storage-unavailable', { headers: { 'retry-after': '5' } }));
  }
  const { statusCode, code } = problemFor(error);
  if (statusCode >= 500) request.log.error({ code: error.code ?? error.name }, 'request failed');
  return sendProblem(reply, statusCode, code);
}
