import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fieldIssues, isSecureEndpoint, localeSchema, remoteConfigSchema } from '@signaal/sdk';
import type { MailSettings } from './mail.js';
import { readJsonFile } from './json-file.js';
import { loadOfficers } from './officers.js';
import { addressList } from './addresses.js';
import { issuerProblem, type OidcOptions } from './inbox-oidc.js';
import { KeyError, loadKeyring, type Keyring } from './keyring.js';
import { loadSecretFile, parseSecret } from './receipt.js';
import type { ReceiverOptions, RemoteConfig } from './server.js';

/** A setting or configuration file the receiver cannot start with; the message names the field. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** The receiver's settings, from flags and environment variables (flags win). */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  configPath: string;
  allowedOrigins: string[];
  bodyLimit: number;
  rateLimit: { max: number; timeWindow: number } | false;
  trustProxy: string[];
  retentionDays: number;
  logLevel: string;
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  mailTo: string | undefined;
  mailContent: boolean;
  officersPath: string | undefined;
  ssoHeader: string | undefined;
  ssoProxies: string[];
  /** Sign-in through the identity provider; the client secret is read by `resolveOptions`. */
  oidc:
    | (Record<'roleClaim' | 'officerRole' | 'managementRole' | 'scope' | 'clientSecretPath', string | undefined> & {
        issuer: string;
        clientId: string;
      })
    | undefined;
  databaseUrl: string | undefined;
  contentKeyPath: string | undefined;
  secretPath: string | undefined;
}

const flagOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  database: { type: 'string' },
  'content-key-file': { type: 'string' },
  'secret-file': { type: 'string' },
  config: { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'body-limit': { type: 'string' },
  'rate-limit': { type: 'string' },
  'trust-proxy': { type: 'string' },
  'retention-days': { type: 'string' },
  'log-level': { type: 'string' },
  'public-url': { type: 'string' },
  'smtp-url': { type: 'string' },
  'mail-from': { type: 'string' },
  'mail-to': { type: 'string' },
  'mail-content': { type: 'string' },
  officers: { type: 'string' },
  'sso-header': { type: 'string' },
  'sso-proxy': { type: 'string' },
  'oidc-issuer': { type: 'string' },
  'oidc-client-id': { type: 'string' },
  'oidc-client-secret-file': { type: 'string' },
  'oidc-role-claim': { type: 'string' },
  'oidc-officer-role': { type: 'string' },
  'oidc-management-role': { type: 'string' },
  'oidc-scope': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new SettingsError(`${name} must be a whole number from ${min} to ${max}; got "${value}".`);
  }
  return number;
}

function boolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new SettingsError(`${name} must be true or false; got "${value}".`);
}

function origin(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(`${name}: "${value}" is not an origin like https://intranet.gemeente.nl.`);
  }
  if (url.origin === 'null' || url.origin !== value.replace(/\/$/, '')) {
    throw new SettingsError(`${name}: "${value}" is not an origin like https://intranet.gemeente.nl (no path).`);
  }
  return url.origin;
}

/** Addresses and CIDR ranges only: `true` or a hop count would believe any client's X-Forwarded-For. */
function addresses(name: string, value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  try {
    addressList(entries);
  } catch (error) {
    throw new SettingsError(`${name} takes addresses and CIDR ranges only, e.g. 10.0.0.5,10.1.0.0/16: ${(error as Error).message}`);
  }
  return entries;
}

const optionalPath = (value: string | undefined) => (value ? resolve(value) : undefined);

function databaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value))
    throw new SettingsError('--database must be a postgres:// URL; leave it out to use SQLite in the data folder.');
  return value;
}

/**
 * Reads the receiver's settings from command-line flags and environment variables.
 * Returns `undefined` when `--help` was asked for.
 */
export function loadSettings(argv: readonly string[], env: NodeJS.ProcessEnv, { requireConfig = true } = {}): Settings | undefined {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flagOptions, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  if (values.help) return undefined;
  const pick = (flag: keyof typeof flagOptions, name: string) => {
    const value = values[flag];
    return typeof value === 'string' ? value : env[name];
  };
  const configPath = pick('config', 'SIGNAAL_CONFIG');
  if (!configPath && requireConfig)
    throw new SettingsError('--config (or SIGNAAL_CONFIG) is required: the widget configuration JSON file.');
  const origins = values['allowed-origin'] ?? env.SIGNAAL_ALLOWED_ORIGINS?.split(',') ?? [];
  const rate = integer('--rate-limit', pick('rate-limit', 'SIGNAAL_RATE_LIMIT'), 60, 0, 1_000_000);
  const logLevel = pick('log-level', 'SIGNAAL_LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new SettingsError(`--log-level must be fatal, error, warn, info, debug, trace or silent; got "${logLevel}".`);
  }
  const publicUrl = pick('public-url', 'SIGNAAL_PUBLIC_URL');
  if (publicUrl !== undefined && !isSecureEndpoint(publicUrl)) {
    throw new SettingsError(`--public-url must be an https: URL (http: only on loopback); got "${publicUrl}".`);
  }
  const smtpUrl = pick('smtp-url', 'SIGNAAL_SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new SettingsError('--smtp-url must start with smtp:// or smtps://.');
  }
  const ssoHeader = pick('sso-header', 'SIGNAAL_SSO_HEADER') || undefined;
  if (ssoHeader !== undefined && !/^[A-Za-z0-9-]{1,100}$/.test(ssoHeader)) {
    throw new SettingsError(`--sso-header must be a header name like X-Remote-User; got "${ssoHeader}".`);
  }
  const oidc = oidcSettings(pick, env, publicUrl);
  if (oidc && ssoHeader) {
    throw new SettingsError(
      '--sso-header and --oidc-issuer exclude each other: officers sign in either through the SSO proxy or through the identity provider.',
    );
  }
  const officersPath = pick('officers', 'SIGNAAL_OFFICERS') || undefined;
  if (ssoHeader && !officersPath) throw new SettingsError('--sso-header needs --officers: the officers the proxy may sign in.');
  const ssoProxies = addresses('--sso-proxy', pick('sso-proxy', 'SIGNAAL_SSO_PROXY'));
  if (ssoHeader && ssoProxies.length === 0) {
    throw new SettingsError(
      '--sso-header needs --sso-proxy: the addresses the SSO proxy connects from; without it anyone who reaches the receiver could name an officer.',
    );
  }
  return {
    port: integer('--port', pick('port', 'SIGNAAL_PORT') ?? env.PORT, 8080, 0, 65_535),
    host: pick('host', 'SIGNAAL_HOST') ?? '127.0.0.1',
    dataDir: resolve(pick('data-dir', 'SIGNAAL_DATA_DIR') ?? 'data'),
    configPath: configPath ? resolve(configPath) : '',
    allowedOrigins: origins
      .map((value) => value.trim())
      .filter(Boolean)
      .map((value) => origin('--allowed-origin', value)),
    bodyLimit: integer('--body-limit', pick('body-limit', 'SIGNAAL_BODY_LIMIT'), 65_536, 1_024, 10_485_760),
    rateLimit: rate === 0 ? false : { max: rate, timeWindow: 60_000 },
    trustProxy: addresses('--trust-proxy', pick('trust-proxy', 'SIGNAAL_TRUST_PROXY')),
    retentionDays: integer('--retention-days', pick('retention-days', 'SIGNAAL_RETENTION_DAYS'), 365, 1, 36_500),
    logLevel,
    publicUrl,
    smtpUrl,
    mailFrom: pick('mail-from', 'SIGNAAL_MAIL_FROM'),
    mailTo: pick('mail-to', 'SIGNAAL_MAIL_TO'),
    mailContent: boolean('--mail-content', pick('mail-content', 'SIGNAAL_MAIL_CONTENT')),
    officersPath: officersPath === undefined ? undefined : resolve(officersPath),
    ssoHeader,
    ssoProxies,
    oidc,
    databaseUrl: databaseUrl(pick('database', 'SIGNAAL_DATABASE_URL')),
    contentKeyPath: optionalPath(pick('content-key-file', 'SIGNAAL_CONTENT_KEY_FILE')),
    secretPath: optionalPath(pick('secret-file', 'SIGNAAL_SECRET_FILE')),
  };
}

/** The OpenID Connect flags, checked together: all or nothing, with an issuer one may use and a public URL. */
function oidcSettings(
  pick: (flag: keyof typeof flagOptions, name: string) => string | undefined,
  env: NodeJS.ProcessEnv,
  publicUrl: string | undefined,
): Settings['oidc'] {
  const issuer = pick('oidc-issuer', 'SIGNAAL_OIDC_ISSUER') || undefined;
  const rest = {
    clientId: pick('oidc-client-id', 'SIGNAAL_OIDC_CLIENT_ID') || undefined,
    clientSecretPath: optionalPath(pick('oidc-client-secret-file', 'SIGNAAL_OIDC_CLIENT_SECRET_FILE')),
    roleClaim: pick('oidc-role-claim', 'SIGNAAL_OIDC_ROLE_CLAIM') || undefined,
    officerRole: pick('oidc-officer-role', 'SIGNAAL_OIDC_OFFICER_ROLE') || undefined,
    managementRole: pick('oidc-management-role', 'SIGNAAL_OIDC_MANAGEMENT_ROLE') || undefined,
    scope: pick('oidc-scope', 'SIGNAAL_OIDC_SCOPE') || undefined,
  };
  if (!issuer) {
    if (Object.values(rest).some((value) => value !== undefined))
      throw new SettingsError('The --oidc-* settings need --oidc-issuer (or SIGNAAL_OIDC_ISSUER).');
    return undefined;
  }
  const problem = issuerProblem(issuer);
  if (problem) throw new SettingsError(`--oidc-issuer ${problem}; got "${issuer}".`);
  if (!rest.clientId) throw new SettingsError('--oidc-issuer needs --oidc-client-id: the client id of the inbox at the identity provider.');
  if (!rest.clientSecretPath && !env.SIGNAAL_OIDC_CLIENT_SECRET) {
    throw new SettingsError(
      '--oidc-issuer needs --oidc-client-secret-file (or SIGNAAL_OIDC_CLIENT_SECRET): the client secret from the identity provider.',
    );
  }
  if (!publicUrl) throw new SettingsError('--oidc-issuer needs --public-url: the redirect URI is <public-url>/inbox/auth/callback.');
  for (const [flag, value] of [
    ['--oidc-role-claim', rest.roleClaim],
    ['--oidc-officer-role', rest.officerRole],
    ['--oidc-management-role', rest.managementRole],
  ] as const) {
    if (value !== undefined && !/^[\x21-\x7e]{1,200}$/.test(value))
      throw new SettingsError(`${flag} must be a claim or role name without spaces; got "${value}".`);
  }
  if (rest.officerRole !== undefined && rest.officerRole === rest.managementRole)
    throw new SettingsError('--oidc-officer-role and --oidc-management-role must differ.');
  return { issuer, ...rest, clientId: rest.clientId };
}

/** The client secret from its file, readable by the service alone; or from the environment. */
function loadOidcClientSecret(path: string | undefined, fromEnv: string | undefined): string {
  if (!path) return fromEnv!.trim();
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    throw new SettingsError(`Cannot read the client secret file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if ((mode & 0o077) !== 0) {
    throw new SettingsError(
      `The client secret file ${path} is readable or writable by group or others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); run "chmod 600 ${path}".`,
    );
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (!secret) throw new SettingsError(`The client secret file ${path} is empty.`);
  return secret;
}

/**
 * Reads and validates the municipality's widget configuration file; the error names the file and
 * every bad field, e.g. `officer.email: invalid-email`.
 */
export function loadWidgetConfig(path: string): RemoteConfig {
  let json: unknown;
  try {
    json = readJsonFile(path, 'configuration file');
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
  const result = remoteConfigSchema.safeParse(json);
  if (!result.success) {
    const fields = fieldIssues(result.error.issues).map((issue) => `${issue.path || '(root)'}: ${issue.code}`);
    throw new SettingsError(`The configuration file ${path} has invalid fields: ${fields.join('; ')}.`);
  }
  return result.data;
}

/** Turns settings into the server's options: reads the configuration file and the secret. */
export function resolveOptions(settings: Settings, env: NodeJS.ProcessEnv, warn: (message: string) => void): ReceiverOptions {
  const widgetConfig = loadWidgetConfig(settings.configPath);
  const keyring = loadContentKey(settings);
  const secret = loadSecretOrFail(settings, env.SIGNAAL_SECRET);
  let mail: MailSettings | undefined;
  if (settings.smtpUrl) {
    const to = settings.mailTo ?? widgetConfig.mailbox;
    if (!to) throw new SettingsError('--smtp-url is set but there is no mailbox: give --mail-to or `mailbox` in the configuration file.');
    const locale = localeSchema.safeParse(widgetConfig.locale);
    mail = {
      smtpUrl: settings.smtpUrl,
      from: settings.mailFrom ?? to,
      to,
      includeContent: settings.mailContent,
      ...(settings.publicUrl ? { inboxUrl: `${settings.publicUrl.replace(/\/+$/, '')}/inbox` } : {}),
      ...(locale.success ? { locale: locale.data } : {}),
    };
  }
  let officers;
  if (settings.officersPath) {
    try {
      officers = loadOfficers(settings.officersPath);
    } catch (error) {
      throw new SettingsError((error as Error).message);
    }
  }
  let inbox: ReceiverOptions['inbox'];
  if (settings.oidc) {
    if (officers) warn('--officers is not used with --oidc-issuer: roles come from the identity provider, and password sign-in is off.');
    const { clientSecretPath, ...given } = settings.oidc;
    const oidc: OidcOptions = {
      issuer: given.issuer,
      clientId: given.clientId,
      clientSecret: loadOidcClientSecret(clientSecretPath, env.SIGNAAL_OIDC_CLIENT_SECRET),
      publicUrl: settings.publicUrl!,
      ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    };
    inbox = { officers: [], oidc };
  } else if (officers) {
    inbox = { officers, ...(settings.ssoHeader ? { ssoHeader: settings.ssoHeader, ssoProxies: settings.ssoProxies } : {}) };
  }
  return {
    dataDir: settings.dataDir,
    ...(settings.databaseUrl ? { databaseUrl: settings.databaseUrl } : {}),
    keyring,
    ...(secret ? { secret } : {}),
    ...(inbox ? { inbox } : {}),
    widgetConfig,
    allowedOrigins: settings.allowedOrigins,
    bodyLimit: settings.bodyLimit,
    rateLimit: settings.rateLimit,
    trustProxy: settings.trustProxy,
    retentionDays: settings.retentionDays,
    logLevel: settings.logLevel,
    ...(mail ? { mail } : {}),
  };
}

function loadSecretOrFail(settings: Settings, fromEnv: string | undefined): Buffer | undefined {
  try {
    if (settings.secretPath) return loadSecretFile(settings.secretPath);
    return fromEnv ? parseSecret(fromEnv, 'SIGNAAL_SECRET') : undefined;
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
}

/**
 * The content key: required, readable by the service alone, and not in the data folder (whose
 * copies and backups it must not travel with).
 */
export function loadContentKey(settings: Pick<Settings, 'contentKeyPath' | 'dataDir' | 'databaseUrl'>): Keyring {
  const path = settings.contentKeyPath;
  if (!path) {
    throw new SettingsError(
      'There is no content key: make one with `signaal-receiver generate-key > /etc/signaal/content.key && chmod 600 /etc/signaal/content.key` and pass --content-key-file (or SIGNAAL_CONTENT_KEY_FILE).',
    );
  }
  const inside = relative(settings.dataDir, path);
  if (!settings.databaseUrl && !inside.startsWith('..') && !isAbsolute(inside)) {
    throw new SettingsError(
      `The content key file ${path} is inside the data folder; keep it elsewhere, so that copies and backups of the folder do not carry it.`,
    );
  }
  try {
    return loadKeyring(path);
  } catch (error) {
    if (error instanceof KeyError) throw new SettingsError(error.message);
    throw error;
  }
}
