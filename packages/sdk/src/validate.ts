import * as z from 'zod/mini';
import { ConfigError, InvalidInputError, type FieldIssue } from './errors.js';
import { signalSchema, widgetConfigSchema, type Signal, type WidgetConfig, type WidgetConfigInput } from './schemas.js';

type Issue = z.core.$ZodIssue;

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
  if (issue.code === 'custom') return String(issue.params?.['reason'] ?? 'custom');
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
export function parseConfig(input: WidgetConfigInput | unknown): WidgetConfig {
  const result = widgetConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError('Invalid Signaal configuration', fieldIssues(result.error.issues), { cause: result.error });
  }
  return result.data;
}
