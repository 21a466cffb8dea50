// The same schemas as classic.js in zod/mini's functional API.
import * as z from 'zod/mini';

z.config({ jitless: true });
const text = (max) => z.string().check(z.trim(), z.maxLength(max));
const report = z.strictObject({
  id: z.uuid(),
  kind: z.literal('signal'),
  description: text(10_000).check(z.minLength(1)),
  indicators: z.optional(z.array(z.enum(['fearful', 'debt']))),
  reporter: z.optional(z.strictObject({ name: z.optional(text(200)), email: z.optional(z.email()) })),
  confidentiality: z._default(z.enum(['confidential', 'anonymous']), 'confidential'),
});
const sparring = z.strictObject({ id: z.uuid(), kind: z.literal('sparring'), description: text(10_000).check(z.minLength(1)) });
export const signal = z.discriminatedUnion('kind', [report, sparring]);
export const receipt = z.object({
  reference: text(64).check(z.minLength(1)),
  statusToken: z.string().check(z.minLength(22)),
  receivedAt: z.iso.datetime({ offset: true }),
  photo: z.optional(z.httpUrl()),
});
export const check = (input) => signal.safeParse(input).success && receipt.safeParse(input).success;
