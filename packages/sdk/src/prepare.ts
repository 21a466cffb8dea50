/**
 * Turning a draft into the signal that is sent: an id (the idempotency key) and the sending
 * client's name, then validation. No network code, so a form can check a draft before the
 * HTTP client is even loaded.
 */
import type { Signal, SignalDraft } from './schemas.js';
import { parseSignal } from './validate.js';

/** A random UUID v4, also where `crypto.randomUUID` is missing (pages on plain `http:` intranets). */
export function newSignalId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Validates a draft and gives it an id (kept if it has one, so a retry reuses the idempotency
 * key) and the sending client's name. Throws `InvalidInputError` with field paths. The same
 * step as `client.prepare`, without a client.
 *
 * @example
 * const signal = prepareSignal({ kind: 'sparring', description: 'Kunnen we even sparren?' }, 'intranet@2.1');
 */
export const prepareSignal = (draft: SignalDraft | Signal, client: string): Signal =>
  parseSignal({ client, ...draft, id: draft.id ?? newSignalId() });
