/** Officers, sign-in and canary signals for the inbox tests. */
import assert from 'node:assert/strict';
import { hashPassword, type OfficerAccount } from '../src/officers.js';
import { newSignal, postSignal } from './receiver-harness.js';

export const officerPassword = 'correct horse battery staple';
let hashed: Promise<OfficerAccount[]> | undefined;

/** Two officers with passwords, and one who can sign in only through SSO. Hashed once per process. */
export function testOfficers(): Promise<OfficerAccount[]> {
  hashed ??= hashPassword(officerPassword).then((passwordHash) => [
    { username: 'sanne', name: 'Sanne de Vries', passwordHash },
    { username: 'joost', name: 'Joost Bakker', passwordHash },
    { username: 'sso.only', name: 'Alleen SSO' },
  ]);
  return hashed;
}

/** A session as a browser would hold it: the cookie to send back and the CSRF token for changes. */
export interface SignedIn {
  cookie: string;
  csrfToken: string;
  setCookie: string;
}

export const originOf = (url: string) => new URL(url).origin;

export async function signIn(base: string, username = 'sanne', password = officerPassword): Promise<SignedIn> {
  const response = await fetch(`${base}/inbox/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: originOf(base) },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(response.status, 200, `sign-in answered ${response.status}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const body = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken: body.csrfToken, setCookie };
}

/** A GET with the session cookie. */
export function inboxGet(base: string, path: string, session?: SignedIn, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/inbox${path}`, { redirect: 'manual', headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });
}

/** A change as the inbox page sends it: same origin, JSON, with the CSRF token. */
export function changeState(
  base: string,
  reference: string,
  change: Record<string, unknown>,
  session?: SignedIn,
  headers: Record<string, string> = {},
) {
  return fetch(`${base}/inbox/api/signals/${reference}/state`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: originOf(base),
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
      ...headers,
    },
    body: JSON.stringify(change),
  });
}

/** Sends a signal whose description carries `canary`; returns its reference and status token. */
export async function sendCanary(base: string, canary: string, overrides: Record<string, unknown> = {}) {
  const signal = newSignal({
    description: `Vier mensen slapen in de kantine. ${canary}`,
    indicators: ['no-own-id', 'long-hours'],
    reporter: { name: `Melder ${canary}`, phone: '06 1234 5678', callback: { how: 'phone', when: 'ochtend' } },
    ...overrides,
  });
  const response = await postSignal(base, signal);
  assert.equal(response.status, 201);
  const receipt = (await response.json()) as { reference: string; statusToken: string };
  return { ...receipt, signal };
}

/** Reads a whole answer as text, to look for content that must not be there. */
export async function bodyText(response: Response): Promise<string> {
  return `${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${await response.text()}`;
}
