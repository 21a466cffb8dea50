import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** Letters and digits that cannot be mistaken for one another when read aloud or retyped. */
const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The shape of a reference, e.g. `SG-7K3M-Q9XP`. */
export const referencePattern = /^SG-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

/** A new random reference; the caller checks that it is not taken. */
export function newReference(): string {
  const pick = () => Array.from({ length: 4 }, () => referenceAlphabet[randomInt(referenceAlphabet.length)]).join('');
  return `SG-${pick()}-${pick()}`;
}

/**
 * The status token for an idempotency key: HMAC-SHA256 under the server's secret, base64url
 * (256 bits). Derived rather than stored, so a repeated request gets the same working token
 * although only its hash is kept.
 */
export function statusTokenFor(secret: Buffer, idempotencyKey: string): string {
  return createHmac('sha256', secret).update('signaal status token v1\0').update(idempotencyKey).digest('base64url');
}

/** The only form in which a status token is stored. */
export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

const unknownTokenHash = hashToken(randomBytes(32).toString('base64url'));

/**
 * Checks a presented token against a stored hash in constant time. Without a stored hash (an
 * unknown reference) the same comparison runs against a random hash, so timing says nothing.
 */
export function tokenMatches(presented: string, stored: Buffer | undefined): boolean {
  const equal = timingSafeEqual(hashToken(presented), stored ?? unknownTokenHash);
  return equal && stored !== undefined;
}

/**
 * The status-token secret given by the operator, for instances that must share one without the
 * database (the default keeps it in the database, wrapped): `SIGNAAL_SECRET` as hex or base64,
 * or a secret file holding the same (`--secret-file`), readable by the service alone.
 */
export function parseSecret(text: string, source: string): Buffer {
  const value = text.trim();
  const secret = /^[0-9a-f]+$/i.test(value) && value.length % 2 === 0 ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (secret.length < 32) throw new Error(`${source} must hold at least 32 bytes (64 hex characters); make one with: openssl rand -hex 32`);
  return secret;
}

export function loadSecretFile(path: string): Buffer {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    throw new Error(`Cannot read the secret file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: error });
  }
  if ((mode & 0o077) !== 0) throw new Error(`The secret file ${path} can be read by others; run: chmod 600 ${path}`);
  return parseSecret(readFileSync(path, 'utf8'), `The secret file ${path}`);
}

/** A stable hash of a JSON value, independent of key order, to recognise a repeated body. */
export function bodyHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
