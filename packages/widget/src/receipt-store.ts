/**
 * The receipts of signals sent from this browser, in `localStorage`, for the "my signals" view.
 * Only when the configuration sets `keepReceipts`; never any content: a reference, its status
 * token, when it arrived and its kind. Storage that is missing, full, blocked (some privacy modes
 * throw on access) or holds foreign data is tolerated: reading gives what is valid, writing
 * fails quietly, and the host page never sees an exception.
 */
import type { Kind, Receipt } from '@signaal/sdk';

/** What is kept of one receipt. */
export interface KeptReceipt {
  reference: string;
  token: string;
  receivedAt: string;
  kind: Kind;
}

/** Versioned, so that a later shape can move old entries instead of misreading them. */
export const receiptStoreKey = 'signaal:receipts:v1';
/** Oldest receipts drop off past this many. */
const limit = 50;

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
};

const isKept = (value: unknown): value is KeptReceipt => {
  if (typeof value !== 'object' || value === null) return false;
  const { reference, token, receivedAt, kind } = value as Record<string, unknown>;
  return (
    typeof reference === 'string' &&
    reference.length > 0 &&
    reference.length <= 64 &&
    typeof token === 'string' &&
    token.length >= 22 &&
    token.length <= 256 &&
    typeof receivedAt === 'string' &&
    !Number.isNaN(Date.parse(receivedAt)) &&
    (kind === 'signal' || kind === 'sparring')
  );
};

/** The kept receipts, newest first; an empty list when there are none or storage is unusable. */
export function readReceipts(): KeptReceipt[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(receiptStoreKey) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    // Copy the four fields only: whatever else a foreign script put there stays out.
    return parsed.filter(isKept).map(({ reference, token, receivedAt, kind }) => ({ reference, token, receivedAt, kind }));
  } catch {
    return [];
  }
}

function write(receipts: KeptReceipt[]): boolean {
  const area = storage();
  if (!area) return false;
  try {
    if (receipts.length) area.setItem(receiptStoreKey, JSON.stringify(receipts.slice(0, limit)));
    else area.removeItem(receiptStoreKey);
    return true;
  } catch {
    return false;
  }
}

/** Keeps a delivered receipt; returns whether it could be written. */
export function keepReceipt(receipt: Receipt, kind: Kind): boolean {
  const kept: KeptReceipt = {
    reference: receipt.reference,
    token: receipt.statusToken,
    receivedAt: receipt.receivedAt,
    kind: receipt.kind ?? kind,
  };
  return write([kept, ...readReceipts().filter((item) => item.reference !== kept.reference)]);
}

/** Forgets one receipt at once. */
export function forgetReceipt(reference: string): boolean {
  return write(readReceipts().filter((item) => item.reference !== reference));
}
