/**
 * What the receiver's routes accept besides the SDK's signal body, as zod schemas for the route
 * validator (zod-validator.ts). Queries and bodies are strict: a field the route does not know is
 * refused, not ignored.
 */
import * as z from 'zod/mini';
import { kindSchema, signalSchema, stateSchema } from '@signaal/sdk';
import { referencePattern } from './receipt.js';
import { forwardTargets } from './forward-targets.js';
import { refusedAs } from './zod-validator.js';

/** `POST /signals`: the contract's signal, refused as `400 invalid-signal` with the bad fields named. */
export const signalBody = refusedAs(signalSchema, { status: 400, code: 'invalid-signal', fields: true });

/** A signal's reference in the path; anything else is answered like an unknown reference (404). */
export const referenceParams = z.strictObject({ reference: z.string().check(z.regex(referencePattern)) });

/** A calendar day (`2026-03-01`) that exists, as midnight UTC. */
const utcDay = z.pipe(
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/),
    z.refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }),
  ),
  z.transform((value) => new Date(`${value}T00:00:00Z`)),
);

/** A month (`2025-03`, its first day) or a day (`2025-03-14`), as midnight UTC. */
const monthOrDay = z.pipe(
  z.string().check(
    z.regex(/^\d{4}-\d{2}(-\d{2})?$/),
    z.refine((value) => !Number.isNaN(new Date(value.length === 7 ? `${value}-01T00:00:00Z` : `${value}T00:00:00Z`).getTime())),
  ),
  z.transform((value) => new Date(value.length === 7 ? `${value}-01T00:00:00Z` : `${value}T00:00:00Z`)),
);

/**
 * `GET /stats`: whole UTC days only, so that repeated asks cannot narrow down when one signal
 * arrived; `from` is the first day counted, `to` the first day not counted.
 */
export const statsQuery = z.strictObject({ from: z.optional(utcDay), to: z.optional(utcDay) });

/** The inbox list's filters (empty means all) and page. */
export const listQuery = z.strictObject({
  state: z.optional(z.union([z.literal(''), stateSchema])),
  kind: z.optional(z.union([z.literal(''), kindSchema])),
  reference: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{0,12}$/))),
  page: z.optional(z.string().check(z.regex(/^[1-9]\d{0,5}$/))),
});

/** The inbox's figures: per month or quarter, as JSON or CSV, from a month or day (empty: the default). */
export const exportQuery = z.strictObject({
  unit: z._default(z.enum(['month', 'quarter']), 'month'),
  format: z._default(z.enum(['json', 'csv']), 'json'),
  from: z.optional(z.union([z.literal(''), monthOrDay])),
  to: z.optional(z.union([z.literal(''), monthOrDay])),
});

/** The audit log, of one signal or all. */
export const auditQuery = z.strictObject({ reference: z.optional(z.string().check(z.regex(referencePattern))) });

/** Password sign-in; a bad body is a plain `400 bad-request` that says nothing about either field. */
export const signInBody = z.strictObject({
  username: z.string().check(z.maxLength(200)),
  password: z.string().check(z.maxLength(1_024)),
});

/** An officer's change of state, refused as `400 invalid-change` with the bad fields named. */
export const changeBody = refusedAs(
  z
    .strictObject({
      state: stateSchema,
      forwardedTo: z.optional(z.enum(forwardTargets)),
      message: z.optional(z.string().check(z.trim(), z.maxLength(2_000))),
    })
    .check(
      z.refine((change) => change.state !== 'forwarded' || change.forwardedTo !== undefined, {
        path: ['forwardedTo'],
        params: { reason: 'required' },
      }),
    ),
  { status: 400, code: 'invalid-change', fields: true },
);

/**
 * The identity provider's answer on `/auth/callback` (RFC 6749 §4.1.2, OpenID Connect): each
 * parameter at most once; a provider may add its own. openid-client checks the values.
 */
export const callbackQuery = z.looseObject({
  code: z.optional(z.string()),
  state: z.optional(z.string()),
  iss: z.optional(z.string()),
  error: z.optional(z.string()),
  error_description: z.optional(z.string()),
});

/** The sign-in page, back from the provider's sign-out with the `state` it was given. */
export const signInPageQuery = z.looseObject({ state: z.optional(z.string()) });
