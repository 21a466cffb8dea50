// What the receiver's CORS answers allow, on its own so that the OpenAPI generator
// (scripts/openapi.ts) states the same lists that server.ts registers.

/** CORS for the contract's routes, from the origins the municipality allowed. */
export const corsPolicy = {
  methods: ['GET', 'POST'],
  /** Request headers a page on an allowed origin may send. */
  allowedHeaders: ['content-type', 'idempotency-key', 'authorization', 'signaal-status-token'],
  /** Response headers the page may read: the SDK honours `Retry-After` on 409, 429 and 503. */
  exposedHeaders: ['retry-after'],
  /** Seconds a browser may keep a preflight answer. */
  maxAge: 600,
} as const;
