/**
 * What the backend answers: the receipt, a status, the figures and problem details, with the
 * checks that hold every answer to the contract. Only the HTTP client needs these, so a form
 * that validates a draft before sending does not load them.
 */
import * as z from 'zod/mini';
import { InvalidResponseError } from './errors.js';
import { states } from './lists.js';
import { filledText, kindSchema, text, widgetConfigShape } from './schemas.js';
import { fieldIssues } from './validate.js';

/** What the backend answers to a delivered signal. */
export const receiptSchema = z.object({
  /** Short, human-readable reference, e.g. `SG-4K7P-2QX9`. */
  reference: filledText(64),
  /** Secret bearer token (at least 128 random bits) for `GET /signals/{reference}/status`. */
  statusToken: z.string().check(z.minLength(22), z.maxLength(256)),
  receivedAt: z.iso.datetime({ offset: true }),
  kind: z.optional(kindSchema),
  /** What happens next, in the signal's language. */
  nextSteps: z.optional(text(2_000)),
});
export type Receipt = z.output<typeof receiptSchema>;

/** The states a signal moves through at the officer. */
export const stateSchema = z.enum(states);
export type State = z.output<typeof stateSchema>;

/** The reporter's view of one signal: no more than its state, when it changed, and a message. */
export const statusSchema = z.object({
  reference: filledText(64),
  state: stateSchema,
  updatedAt: z.iso.datetime({ offset: true }),
  message: z.optional(text(2_000)),
});
export type Status = z.output<typeof statusSchema>;

/** A count, or `null` where the server hides a small number that could point at one signal. */
const countSchema = z.nullable(z.int().check(z.nonnegative()));

/** Aggregate counts, no content. */
export const statsSchema = z.object({
  period: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
  /** Counts from 1 up to this number are shown as `null`. */
  suppressedBelow: z.nullish(z.int().check(z.positive())),
  total: countSchema,
  byKind: z.record(kindSchema, countSchema),
  byState: z.record(stateSchema, countSchema),
});
export type Stats = z.output<typeof statsSchema>;

/** RFC 9457 problem details, with Signaal's stable `code` and field errors. */
export const problemSchema = z.looseObject({
  type: z._default(z.string(), 'about:blank'),
  title: z.optional(z.string()),
  status: z.optional(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  code: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), code: z.string() }))),
});
export type Problem = z.output<typeof problemSchema>;

/** The configuration as `GET /config` may serve it: every field optional. */
export const remoteConfigSchema = z.partial(z.strictObject(widgetConfigShape));
export type RemoteConfig = z.output<typeof remoteConfigSchema>;

/**
 * Java and .NET serialisers write `null` for a field that has no value; the contract leaves it
 * out. Read such a `null` as absent, so a signal that was stored is not reported as failed.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== null)
      .map(([key, entry]) => [key, withoutNulls(entry)]),
  );
}

/** Validates a backend answer against the contract; throws `InvalidResponseError`. */
function parseResponse<T>(schema: z.ZodMiniType<T>, what: string, input: unknown, status?: number, keepNulls = false): T {
  const result = schema.safeParse(keepNulls ? input : withoutNulls(input));
  if (!result.success) {
    const fields = fieldIssues(result.error.issues).map((issue) => issue.path || '(root)');
    throw new InvalidResponseError('invalid-response', `The backend's ${what} does not match the contract (${fields.join(', ')}).`, {
      cause: result.error,
      ...(status === undefined ? {} : { status }),
    });
  }
  return result.data;
}

export const parseReceipt = (input: unknown, status?: number): Receipt => parseResponse(receiptSchema, 'receipt', input, status);
export const parseStatus = (input: unknown, status?: number): Status => parseResponse(statusSchema, 'status', input, status);
export const parseRemoteConfig = (input: unknown, status?: number) => parseResponse(remoteConfigSchema, 'configuration', input, status);
/** In figures, `null` means a hidden small count: it stays. */
export const parseStats = (input: unknown, status?: number): Stats => parseResponse(statsSchema, 'statistics', input, status, true);
