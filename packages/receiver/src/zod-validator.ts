/**
 * The one validator compiler of the receiver's routes: every route declares its `body`,
 * `querystring` and `params` as zod schemas (the SDK's where the contract defines them), and this
 * compiler checks them. A refusal is a `ProblemError`, so it is answered like every other problem:
 * a kebab-case code, the field-level details where the route's schema asks for them, never zod's text.
 *
 * Not fastify-type-provider-zod: it needs @fastify/swagger, yaml and openapi-types installed beside
 * the receiver (peer dependencies) for the few lines used here, and its errors drop the zod issues
 * that the SDK's `fieldIssues` turns into the contract's field codes.
 */
import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import * as z from 'zod/mini';
import { fieldIssues } from '@signaal/sdk';
import { ProblemError, type ProblemCode } from './problem.js';

type Schema = z.core.$ZodType;

/** Types `request.body`, `request.query` and `request.params` from the route's zod schemas (their output). */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends Schema ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends Schema ? z.input<this['schema']> : unknown;
}

/** How a part of a request that fails its schema is answered. */
export interface Refusal {
  status: number;
  code: ProblemCode;
  /** Name the bad fields (`errors: [{ path, code }]`), as the contract does for signal bodies and inbox changes. */
  fields?: boolean;
}

/**
 * Without a refusal of its own: a bad parameter is a reference that does not exist (404, the same
 * answer as an unknown one), a bad query string `invalid-query`, anything else `bad-request`.
 */
const refusalOfPart = {
  params: { status: 404, code: 'not-found' },
  querystring: { status: 400, code: 'invalid-query' },
  body: { status: 400, code: 'bad-request' },
  headers: { status: 400, code: 'bad-request' },
} satisfies Record<string, Refusal>;

const refusals = z.registry<Refusal>();

/** Gives a schema its own refusal, e.g. `400 invalid-signal` with the bad fields named. */
export function refusedAs<T extends Schema>(schema: T, refusal: Refusal): T {
  refusals.add(schema, refusal);
  return schema;
}

/** Checks each declared part; the parsed value (trimmed, with defaults) replaces the raw one. */
export const zodValidator: FastifySchemaCompiler<Schema> = ({ schema, httpPart }) => {
  const refusal: Refusal = refusals.get(schema) ?? refusalOfPart[(httpPart ?? 'body') as keyof typeof refusalOfPart] ?? refusalOfPart.body;
  return (data: unknown) => {
    const result = z.safeParse(schema, data);
    if (result.success) return { value: result.data };
    const errors = refusal.fields ? { errors: fieldIssues(result.error.issues) } : {};
    return { error: new ProblemError(refusal.status, refusal.code, errors) };
  };
};
