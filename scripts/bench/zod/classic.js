// The receipt and a signal-shaped schema in zod's classic API, for the bundle-size comparison.
import * as z from 'zod';

z.config({ jitless: true });
const text = (max) => z.string().trim().max(max);
const report = z.strictObject({
  id: z.uuid(),
  kind: z.literal('signal'),
  description: text(10_000).min(1),
  indicators: z.array(z.enum(['fearful', 'debt'])).optional(),
  reporter: z.strictObject({ name: text(200).optional(), email: z.email().optional() }).optional(),
  confidentiality: z.enum(['confidential', 'anonymous']).default('confidential'),
});
const sparring = z.strictObject({ id: z.uuid(), kind: z.literal('sparring'), description: text(10_000).min(1) });
export const signal = z.discriminatedUnion('kind', [report, sparring]);
export const receipt = z.object({
  reference: text(64).min(1),
  statusToken: z.string().min(22),
  receivedAt: z.iso.datetime({ offset: true }),
  photo: z.httpUrl().optional(),
});
export const check = (input) => signal.safeParse(input).success && receipt.safeParse(input).success;
