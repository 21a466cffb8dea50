import * as z from 'zod/mini';
import { ConfigError, InvalidInputError, type FieldIssue } from './errors.js';
import { signalSchema, widgetConfigSchema, type Signal, type WidgetConfig } from './schemas.js';

type Issue = z.core.$ZodIssue;

/**
 * The codes `fieldIssues` gives for a signal body (`errors[].code` of a `400 invalid-signal`), with
 * their meaning; the OpenAPI file lists them.
 */
export const fieldErrorCodes = {
  required: 'missing, blank after trimming, or not of the right type (an object, a string)',
  'too-long': 'text longer than its maximum, or more items than allowed',
  'invalid-value': 'not one of the allowed values (an enum such as `locale`, an indicator id)',
  'invalid-union': '`kind` is missing or not `signal` or `sparring`',
  'invalid-uuid': '`id` is not a UUID',
  'invalid-email': 'not an e-mail address',
  'not-allowed': 'a field the contract does not know, or one this kind does not carry (a sparring request with a `place`)',
  'anonymous-with-reporter': "an anonymous signal with the reporter's name, department, phone or e-mail",
  'anonymous-sparring': 'a sparring request marked anonymous: the officer has to reach the employee',
} as const;

/** Turns zod issues into stable field paths and reasons, without zod's text. */
export function fieldIssues(issues: readonly Issue[]): FieldIssue[] {
  return issues.flatMap((issue) =>
    // A field that is not allowed here (a sparring request with a place) is named by its own path.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].map(String).join('.'), code: 'not-allowed' }))
      : [{ path: issue.path.map(String).join('.'), code: reasonOf(issue) }],
  );
}

function reasonOf(issue: Issue): string {
  if (issue.code === 'custom') return String(issue.params?.reason ?? 'custom');
  if (issue.code === 'too_small') return issue.origin === 'string' && issue.minimum === 1 ? 'required' : 'too-short';
  if (issue.code === 'too_big') return 'too-long';
  if (issue.code === 'invalid_format') return `invalid-${issue.format}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  return issue.code.replaceAll('_', '-');
}

/** Validates an outgoing signal; throws `InvalidInputError` with field paths. */
export function parseSignal(input: unknown): Signal {
  const result = signalSchema.safeParse(input);
  if (!result.success) throw new InvalidInputError(fieldIssues(result.error.issues), { cause: result.error });
  return result.data;
}

/** Validates a widget configuration; throws `ConfigError` naming the bad fields. */
export function parseConfig(input: unknown): WidgetConfig {
  const result = widgetConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError('Invalid Signaal configuration', fieldIssues(result.error.issues), { cause: result.error });
  }
  return result.data;
}
