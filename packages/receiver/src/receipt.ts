import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
 * The secret status tokens are derived from: `SIGNAAL_SECRET` (at least 32 bytes, hex or
 * base64), or a file `secret` in the data folder, created with mode 0600 on first start.
 */
export function loadSecret(dataDir: string, fromEnv: string | undefined, warn: (message: string) => void): Buffer {
  if (fromEnv) {
    const secret = /^[0-9a-f]+$/i.test(fromEnv) && fromEnv.length % 2 === 0 ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64');
    if (secret.length < 32) throw new Error('SIGNAAL_SECRET must hold at least 32 bytes (64 hex characters).');
    return secret;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'secret');
  try {
    writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    warn(`${path} was readable by others; its mode is now 0600.`);
    chmodSync(path, 0o600);
  }
  const secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  if (secret.length < 32) throw new Error(`${path} must hold at least 32 bytes as hex.`);
  return secret;
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
