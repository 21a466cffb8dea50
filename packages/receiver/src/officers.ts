import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readJsonFile } from './json-file.js';

/** An officer who may sign in to the inbox. */
export interface OfficerAccount {
  /** What the officer types to sign in, or what the SSO proxy puts in its header. */
  username: string;
  /** Shown in the inbox. */
  name: string;
  /** From `signaal-receiver hash-password`. Without it the officer can sign in only through SSO. */
  passwordHash?: string;
  /** `officer` (the default) handles signals; `management` sees figures and exports, never content. */
  role?: 'officer' | 'management';
}

/** scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and some tens of milliseconds per attempt). */
const cost = { N: 32_768, r: 8, p: 1 } as const;
const keyLength = 32;
const hashPattern = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]{22,})\$([A-Za-z0-9_-]{43})$/;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password for the officers file: `scrypt$N=32768,r=8,p=1$<salt>$<key>` with a random
 * 16-byte salt per password, both base64url.
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < 12) throw new RangeError('A password needs at least 12 characters.');
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$N=${cost.N},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether a stored hash has the shape `hashPassword` writes. */
export const isPasswordHash = (hash: string): boolean => hashPattern.test(hash);

// Compared against when the username is unknown, so that timing does not tell which names exist.
let decoy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash in constant time. With no hash (an unknown user or an
 * SSO-only account) the same work is done against a decoy and the answer is `false`.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  decoy ??= hashPassword(randomBytes(16).toString('base64url'));
  const match = hashPattern.exec(stored ?? (await decoy));
  if (!match) return false;
  const [, n, r, p, salt, key] = match;
  const expected = Buffer.from(key!, 'base64url');
  const actual = await derive(password, Buffer.from(salt!, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected) && stored !== undefined;
}

/**
 * Reads the officers file: `{ "officers": [{ "username", "name", "passwordHash"? }] }`. Throws a
 * `TypeError` naming the first bad entry; never echoes a hash.
 */
export function parseOfficers(json: unknown, source = 'officers'): OfficerAccount[] {
  const list = (json as { officers?: unknown } | null)?.officers;
  if (!Array.isArray(list)) throw new TypeError(`${source}: expected { "officers": [ … ] }.`);
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const { username, name, passwordHash, role, ...rest } = (entry ?? {}) as Record<string, unknown>;
    const where = `${source}: officers[${index}]`;
    if (Object.keys(rest).length > 0) throw new TypeError(`${where} has unknown fields: ${Object.keys(rest).join(', ')}.`);
    if (typeof username !== 'string' || !/^[\w.@-]{1,100}$/.test(username)) {
      throw new TypeError(`${where}.username must be 1 to 100 letters, digits, or . _ @ -.`);
    }
    if (seen.has(username.toLowerCase())) throw new TypeError(`${where}.username is listed twice.`);
    seen.add(username.toLowerCase());
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
      throw new TypeError(`${where}.name must be a text of 1 to 200 characters.`);
    if (passwordHash !== undefined && (typeof passwordHash !== 'string' || !isPasswordHash(passwordHash))) {
      throw new TypeError(`${where}.passwordHash is not a hash from \`signaal-receiver hash-password\`.`);
    }
    if (role !== undefined && role !== 'officer' && role !== 'management')
      throw new TypeError(`${where}.role must be "officer" or "management".`);
    return { username, name: name.trim(), ...(typeof passwordHash === 'string' ? { passwordHash } : {}), ...(role ? { role } : {}) };
  });
}

/** Reads and checks the officers file at `path`; it holds password hashes, so others may not read it. */
export function loadOfficers(path: string): OfficerAccount[] {
  const mode = existsSync(path) ? statSync(path).mode : 0;
  if ((mode & 0o077) !== 0) throw new TypeError(`The officers file ${path} can be read or changed by others; run: chmod 600 ${path}`);
  return parseOfficers(readJsonFile(path, 'officers file'), path);
}
