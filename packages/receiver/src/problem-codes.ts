// The problem codes and their titles on their own, without Fastify or storage, so that the
// OpenAPI generator (scripts/openapi.ts) can list them with their meaning.

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
  | 'uri-too-long'
  | 'headers-too-large'
  | 'request-timeout'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'storage-unavailable'
  | 'internal';

/** The fixed title of each code: what the code means, never echoing input. */
export const problemTitles: Readonly<Record<ProblemCode, string>> = {
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
  'uri-too-long': 'The request URL is too long.',
  'headers-too-large': 'The request headers are too large.',
  'request-timeout': 'The request took too long to arrive.',
  'unsupported-media-type': 'Send the body as application/json.',
  'rate-limited': 'Too many requests; try again later.',
  'storage-unavailable':
    'The receiver cannot reach its database just now. Try again shortly: the same Idempotency-Key never stores a signal twice.',
  internal: 'The receiver could not handle the request.',
};
