/**
 * The draft `<signaal-form>` keeps: what the employee filled in, as they typed it, and how it
 * becomes the SDK's `SignalDraft` (trimmed, empty fields left out) or field errors.
 */
import { callbackWays, indicators, isSignaalError, settings, type FieldIssue, type SignalDraft } from '@signaal/sdk';
import type { WidgetLocale } from './locale.js';
import type { MessageKey } from './messages/nl.js';

/** The logged-in employee, as the host application knows them; used to prefill the form. */
export interface SignaalReporter {
  name?: string;
  department?: string;
  phone?: string;
  email?: string;
}

/** What the host application knows about the case on screen. */
export interface SignaalContext {
  /** Prefills the (editable) case reference. */
  caseReference?: string;
  /** The host system's name, sent along with the signal. */
  sourceSystem?: string;
}

/** The contract's lists, from the SDK: the widget shows every setting and callback way it knows. */
export { callbackWays as callbacks, settings };

/** What the employee filled in, untrimmed. */
export interface Draft {
  kind: 'signal' | 'sparring';
  description: string;
  /** The chosen indicators' ids. */
  chosen: ReadonlySet<string>;
  setting: string;
  place: string;
  time: string;
  caseReference: string;
  name: string;
  department: string;
  phone: string;
  email: string;
  callbackHow: string;
  callbackWhen: string;
  confidentiality: 'confidential' | 'anonymous';
}

/** The draft's text fields, each with an input `#f-<field>`. */
export type Field = 'description' | 'place' | 'time' | 'caseReference' | 'name' | 'department' | 'phone' | 'email' | 'callbackWhen';

/** An error for the summary, about one field or the whole draft. */
export interface FieldError {
  field?: Field;
  key: MessageKey;
}

export const emptyDraft: Draft = {
  kind: 'signal',
  description: '',
  chosen: new Set(),
  setting: '',
  place: '',
  time: '',
  caseReference: '',
  name: '',
  department: '',
  phone: '',
  email: '',
  callbackHow: '',
  callbackWhen: '',
  confidentiality: 'confidential',
};

/** The fields the host's `reporter` prefills, until the employee types in them. */
export const reporterPrefills = ['name', 'department', 'phone', 'email'] as const;
/** Fields inside the closed-by-default sections, which open when one of their fields has an error. */
export const reporterFields: readonly Field[] = ['name', 'department', 'phone', 'email', 'callbackWhen'];
export const situationFields: readonly Field[] = ['place', 'time', 'caseReference'];

const fieldPaths: Record<string, Field> = {
  description: 'description',
  place: 'place',
  time: 'time',
  caseReference: 'caseReference',
  'reporter.name': 'name',
  'reporter.department': 'department',
  'reporter.phone': 'phone',
  'reporter.email': 'email',
  'reporter.callback.when': 'callbackWhen',
};

/** The draft after a delivery (or discarding it): the report's own fields empty, who reports kept. */
export const clearedDraft = (draft: Draft, caseReference = ''): Draft => ({
  ...draft,
  description: '',
  chosen: new Set(),
  setting: '',
  place: '',
  time: '',
  caseReference,
  callbackWhen: '',
});

/** Each field as the employee meant it: trimmed, and left out when empty. */
const filled = <Key extends string>(key: Key, value: string): Partial<Record<Key, string>> => {
  const trimmed = value.trim();
  return (trimmed ? { [key]: trimmed } : {}) as Partial<Record<Key, string>>;
};

function reporterOf(draft: Draft): SignalDraft['reporter'] {
  if (draft.confidentiality === 'anonymous') return undefined;
  const callback = {
    ...(draft.callbackHow ? { how: draft.callbackHow as (typeof callbackWays)[number] } : {}),
    ...filled('when', draft.callbackWhen),
  };
  const reporter = {
    ...filled('name', draft.name),
    ...filled('department', draft.department),
    ...filled('phone', draft.phone),
    ...filled('email', draft.email),
    ...(Object.keys(callback).length ? { callback } : {}),
  };
  return Object.keys(reporter).length ? reporter : undefined;
}

/** The SDK's draft: the description exactly as typed, the rest trimmed; `sourceSystem` from the host. */
export function toSignalDraft(draft: Draft, locale: WidgetLocale, sourceSystem?: string): SignalDraft {
  const reporter = reporterOf(draft);
  const sparring = draft.kind === 'sparring';
  const common = {
    description: draft.description,
    locale,
    confidentiality: sparring ? 'confidential' : draft.confidentiality,
    ...filled('time', draft.time),
    ...(sourceSystem ? { sourceSystem } : {}),
    ...(reporter ? { reporter } : {}),
  } as const;
  if (sparring) return { kind: 'sparring', ...common };
  return {
    kind: 'signal',
    ...common,
    ...(draft.chosen.size ? { indicators: indicators.filter((item) => draft.chosen.has(item.id)).map((item) => item.id) } : {}),
    ...(draft.setting ? { setting: draft.setting as (typeof settings)[number] } : {}),
    ...filled('place', draft.place),
    ...filled('caseReference', draft.caseReference),
  };
}

/** The SDK's validation issues as the form's errors, each with the text that says how to fix it. */
export function fieldErrors(issues: readonly FieldIssue[]): FieldError[] {
  return issues.map((issue) => {
    const field = fieldPaths[issue.path];
    const key: MessageKey =
      field === 'description' && (issue.code === 'required' || issue.code === 'too-short')
        ? 'invalid.description'
        : issue.code === 'invalid-email'
          ? 'invalid.email'
          : issue.code === 'too-long'
            ? 'invalid.too-long'
            : field
              ? 'invalid.other'
              : 'error.invalid-input';
    return field ? { field, key } : { key };
  });
}

/** A draft the SDK refused: its errors, and whether the folded sections hold one (they open then). */
export function refusedDraft(error: unknown): { errors: FieldError[]; situationOpen: boolean; youOpen: boolean } {
  const issues = isSignaalError(error) && 'issues' in error ? (error.issues as FieldIssue[]) : [{ path: '', code: 'invalid' }];
  const errors = fieldErrors(issues);
  const within = (fields: readonly Field[]) => errors.some((item) => item.field !== undefined && fields.includes(item.field));
  return { errors, situationOpen: within(situationFields), youOpen: within(reporterFields) };
}

/** The text for an error in the draft as it is now: an empty description asks what its question asks. */
export const errorKey = (error: FieldError, kind: Draft['kind']): MessageKey =>
  error.key === 'invalid.description' && kind === 'sparring' ? 'invalid.descriptionSparring' : error.key;
