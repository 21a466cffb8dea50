/**
 * One error family. Every error the SDK throws or rejects with is a `SignaalError` with an
 * explicit `name` (minifiers rename classes) and a stable `code` that user interfaces map to
 * text in the employee's language. Messages are for developers; they never contain what the
 * employee typed, raw zod output or a server's response text.
 */
import type { Problem } from './responses.js';

/** Stable error codes; the widget maps each to a message in the employee's language. */
export type SignaalErrorCode =
  'invalid-input' | 'invalid-config' | 'network' | 'timeout' | 'aborted' | 'rejected' | 'conflict' | 'server' | 'invalid-response';

const retryableCodes: ReadonlySet<SignaalErrorCode> = new Set(['network', 'timeout', 'server']);
const retryableStatuses: ReadonlySet<number> = new Set([408, 409, 429]);

export interface SignaalErrorOptions {
  cause?: unknown;
  /** The HTTP status, when a server answered. */
  status?: number;
  /** The RFC 9457 problem details the server sent, when valid. */
  problem?: Problem;
}

/** The base of every error the SDK throws. */
export class SignaalError extends Error {
  override name = 'SignaalError';
  readonly code: SignaalErrorCode;
  readonly status?: number;
  readonly problem?: Problem;

  constructor(code: SignaalErrorCode, message: string, options: SignaalErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.problem !== undefined) this.problem = options.problem;
  }

  /** Whether trying again with the same signal (and so the same idempotency key) may succeed. */
  get retryable(): boolean {
    return retryableCodes.has(this.code) || (this.status !== undefined && retryableStatuses.has(this.status));
  }
}

/** One field that failed validation: its path (`reporter.email`) and a stable reason. */
export interface FieldIssue {
  path: string;
  code: string;
}

/** A draft or configuration that does not match the schema. Nothing was sent. */
export class InvalidInputError extends SignaalError {
  override name = 'InvalidInputError';
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[], options: SignaalErrorOptions = {}) {
    super('invalid-input', `Invalid signal: ${describeIssues(issues)}.`, options);
    this.issues = issues;
  }
}

/** Client options or widget configuration that cannot work; nothing was sent. */
export class ConfigError extends SignaalError {
  override name = 'ConfigError';
  readonly issues: readonly FieldIssue[];

  constructor(message: string, issues: readonly FieldIssue[] = [], options: SignaalErrorOptions = {}) {
    super('invalid-config', issues.length ? `${message} (${describeIssues(issues)})` : message, options);
    this.issues = issues;
  }
}

/** The backend could not be reached, or did not answer in time. */
export class NetworkError extends SignaalError {
  override name = 'NetworkError';
}

/** The backend answered with an error status: `rejected` (4xx), `conflict` (409, 422) or `server` (5xx). */
export class HttpError extends SignaalError {
  override name = 'HttpError';
}

/** The backend answered, but not with what the contract promises. */
export class InvalidResponseError extends SignaalError {
  override name = 'InvalidResponseError';
}

/** The caller aborted the request. */
export class AbortError extends SignaalError {
  override name = 'AbortError';
}

const describeIssues = (issues: readonly FieldIssue[]) => issues.map((issue) => `${issue.path || '(root)'}: ${issue.code}`).join(', ');

/** True for any error from this SDK, also across copies of the package on one page. */
export const isSignaalError = (error: unknown): error is SignaalError =>
  error instanceof SignaalError ||
  (error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && 'retryable' in error);
