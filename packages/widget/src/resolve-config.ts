import { ConfigError, parseConfig, type WidgetConfig } from '@signaal/sdk';
import { delivery } from './network.js';

/** Where a widget's configuration can come from; later sources win. */
export interface ConfigSources {
  /** A URL serving the configuration JSON, read through the SDK (`GET`), validated as remote configuration. */
  configSrc?: string | undefined;
  /** The whole configuration object, set as a property. */
  config?: unknown;
  /** The `endpoint` attribute; relative URLs are resolved against the page. */
  endpoint?: string | undefined;
  /** The `mailbox` attribute. */
  mailbox?: string | undefined;
}

/** Resolves a possibly relative URL against the page, as the SDK needs absolute URLs. */
export const absoluteUrl = (url: string): string => {
  try {
    return new URL(url, location.href).href;
  } catch {
    return url;
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges the sources (remote configuration, then the `config` property, then attributes) and
 * validates the result with the SDK's schema. Rejects with a `ConfigError` naming the fields.
 */
export async function resolveConfig(sources: ConfigSources, signal?: AbortSignal): Promise<WidgetConfig> {
  let remote: Record<string, unknown> = {};
  if (sources.configSrc) {
    const url = absoluteUrl(sources.configSrc);
    // The SDK appends /config to an endpoint; config-src names the exact URL, so requests are mapped to it.
    const { createClient } = await delivery();
    const client = createClient({ endpoint: url, retry: { limit: 1 }, mapRequest: (request) => ({ ...request, url }) });
    remote = { ...(await client.config(signal ? { signal } : {})) };
  }
  if (sources.config !== undefined && sources.config !== null && !isObject(sources.config)) {
    throw new ConfigError('The config property must be an object.', [{ path: '', code: 'invalid-type' }]);
  }
  const merged: Record<string, unknown> = { ...remote, ...(sources.config as Record<string, unknown> | undefined) };
  if (sources.endpoint) merged['endpoint'] = sources.endpoint;
  if (sources.mailbox) merged['mailbox'] = sources.mailbox;
  if (typeof merged['endpoint'] === 'string') merged['endpoint'] = absoluteUrl(merged['endpoint']);
  return parseConfig(merged);
}
