/**
 * The Signaal contract as zod schemas: the one source of truth for the SDK, the widget and the
 * receiver. Types are inferred from these schemas; `docs/contract/openapi.json` is generated
 * from them. Written with `zod/mini` for the browser bundle (see docs/decisions/).
 */
import * as z from 'zod/mini';
import { callbackWays, confidentialities, kinds, locales, settings } from './lists.js';
import { indicatorIds } from './indicators.js';

// Strict CSP pages report zod's `new Function` probe as a violation even though it is caught;
// jitless parsing never makes the probe.
z.config({ jitless: true });

/** Trimmed text of at most `max` characters (for this package's schemas). */
export const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
/** Trimmed, non-empty text of at most `max` characters. */
export const filledText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/**
 * An absolute URL that is safe to put in a link or an image: `http:` or `https:` only, on any host
 * name (`z.httpUrl()` wants a dotted domain, which refuses `localhost` and intranet names).
 */
const webUrl = z.url({ protocol: /^https?$/ });

/** The two kinds of request: a report of a signal, or a request for a sparring conversation. */
export const kindSchema = z.enum(kinds);

/** Where the reporter noticed something. */
export const settingSchema = z.enum(settings);

/** How confidential the reporter wants to be. */
export const confidentialitySchema = z.enum(confidentialities);

/** The languages Signaal ships. */
export const localeSchema = z.enum(locales);

/** One indicator id from the catalogue. */
export const indicatorIdSchema = z.enum(indicatorIds);

/** How and when the officer may call the reporter back. */
export const callbackSchema = z.strictObject({
  how: z.optional(z.enum(callbackWays)),
  when: z.optional(text(200)),
});

/** The reporter's own details; all optional, prefilled by the host application. */
export const reporterSchema = z.strictObject({
  name: z.optional(text(200)),
  department: z.optional(text(200)),
  phone: z.optional(text(50)),
  email: z.optional(z.email()),
  callback: z.optional(callbackSchema),
});

const common = {
  /** Client-generated UUID; also sent as the `Idempotency-Key`. */
  id: z.uuid(),
  /** What the reporter saw or heard, in their own words. The one required field. */
  description: filledText(10_000),
  time: z.optional(text(200)),
  sourceSystem: z.optional(text(100)),
  reporter: z.optional(reporterSchema),
  confidentiality: z._default(confidentialitySchema, 'confidential'),
  locale: z._default(localeSchema, 'nl'),
  /** The sending client and its version, e.g. `@signaal/widget@0.1.0`. */
  client: z.optional(text(100)),
};

/** A report of a possible signal of human trafficking or labour exploitation. */
export const signalReportSchema = z.strictObject({
  ...common,
  kind: z.literal('signal'),
  indicators: z.optional(z.array(indicatorIdSchema).check(z.maxLength(indicatorIds.length))),
  setting: z.optional(settingSchema),
  place: z.optional(text(200)),
  caseReference: z.optional(text(100)),
});

/**
 * A request for a sparring conversation with the officer. It carries no data about citizens:
 * no indicators, place or case reference (unknown keys are refused).
 */
export const sparringRequestSchema = z.strictObject({
  ...common,
  kind: z.literal('sparring'),
});

const hasContact = (reporter: z.infer<typeof reporterSchema> | undefined) =>
  Boolean(reporter && (reporter.name || reporter.department || reporter.phone || reporter.email));

/** The signal as it travels: a report or a sparring request. */
export const signalSchema = z.discriminatedUnion('kind', [signalReportSchema, sparringRequestSchema]).check(
  z.superRefine((signal, ctx) => {
    if (signal.confidentiality === 'anonymous' && hasContact(signal.reporter)) {
      ctx.issues.push({
        code: 'custom',
        input: signal.reporter,
        path: ['reporter'],
        message: 'An anonymous signal carries no reporter details.',
        params: { reason: 'anonymous-with-reporter' },
      });
    }
    if (signal.kind === 'sparring' && signal.confidentiality === 'anonymous') {
      ctx.issues.push({
        code: 'custom',
        input: signal.confidentiality,
        path: ['confidentiality'],
        message: 'A sparring request needs a way to reach the reporter.',
        params: { reason: 'anonymous-sparring' },
      });
    }
  }),
);

/** What a caller hands to `submit()`: a signal whose id, locale and client may still be missing. */
export type SignalDraft = DistributiveOmit<z.input<typeof signalSchema>, 'id'> & { id?: string };
export type Signal = z.output<typeof signalSchema>;
export type SignalReport = z.output<typeof signalReportSchema>;
export type SparringRequest = z.output<typeof sparringRequestSchema>;
export type Reporter = z.output<typeof reporterSchema>;
export type Kind = z.output<typeof kindSchema>;
export type Setting = z.output<typeof settingSchema>;
export type Locale = z.output<typeof localeSchema>;
export type Confidentiality = z.output<typeof confidentialitySchema>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The designated officer (aandachtsfunctionaris) the reporter reaches. */
export const officerSchema = z.strictObject({
  name: filledText(200),
  role: z.optional(text(200)),
  photo: z.optional(webUrl),
  phone: z.optional(text(50)),
  email: z.optional(z.email()),
});
export type Officer = z.output<typeof officerSchema>;

/** A link in the resources panel. */
export const resourceSchema = z.strictObject({
  kind: z.enum(['e-learning', 'success-story', 'news', 'intranet', 'other']),
  title: filledText(200),
  url: webUrl,
});

/** A question and answer in the FAQ. */
export const faqEntrySchema = z.strictObject({ question: filledText(300), answer: filledText(2_000) });

/** Message overrides per language: any widget text can be replaced. */
export const messageOverridesSchema = z.strictObject({
  nl: z.optional(z.record(z.string(), text(4_000))),
  en: z.optional(z.record(z.string(), text(4_000))),
});

const endpointUrl = z
  .url({ protocol: /^https?$/ })
  .check(z.refine(isSecureEndpoint, { message: 'The endpoint must be https: (http: only on loopback).' }));

/** The widget configuration, given as attributes, a property, or the backend's `GET /config`. */
/** The fields of a widget configuration (shared with the remote configuration in `responses.ts`). */
export const widgetConfigShape = {
  endpoint: z.optional(endpointUrl),
  mailbox: z.optional(z.email()),
  locale: z.optional(localeSchema),
  municipality: z.optional(text(200)),
  officer: z.optional(officerSchema),
  /** Offer anonymous reporting (with its caveat). Off by default. */
  allowAnonymous: z.optional(z.boolean()),
  /** Keep references and status tokens of own receipts in this browser. Off by default. */
  keepReceipts: z.optional(z.boolean()),
  /** Show aggregate figures from `GET /stats`. Off by default. */
  showStats: z.optional(z.boolean()),
  /** Who reports externally: the municipality, or the employee in their own name. */
  externalReporting: z.optional(z.enum(['municipality', 'employee'])),
  /** Which modes the widget offers. */
  modes: z.optional(z.array(kindSchema).check(z.minLength(1))),
  resources: z.optional(z.array(resourceSchema).check(z.maxLength(20))),
  faq: z.optional(z.array(faqEntrySchema).check(z.maxLength(30))),
  messages: z.optional(messageOverridesSchema),
};

export const widgetConfigSchema = z.strictObject(widgetConfigShape).check(
  z.refine((config) => Boolean(config.endpoint || config.mailbox), {
    message: 'Give an endpoint, a mailbox, or both.',
    path: ['endpoint'],
  }),
);
export type WidgetConfig = z.output<typeof widgetConfigSchema>;
export type WidgetConfigInput = z.input<typeof widgetConfigSchema>;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for `https:` URLs, and for `http:` URLs on loopback (local development and tests). */
export function isSecureEndpoint(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && (loopbackHosts.has(parsed.hostname) || parsed.hostname.endsWith('.localhost'));
}
