import { ConfigError, isSignaalError, parseConfig, type RemoteConfig, type WidgetConfig } from '@signaal/sdk';
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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The backend's own configuration at one endpoint, as far as it is known. */
export interface EndpointConfig {
  /** Whether the answer is here (or failed). */
  readonly done: boolean;
  /** The answer, once it is here; undefined until then and after a failure. */
  readonly config: RemoteConfig | undefined;
  /** Resolves once the answer is here or failed; never rejects. */
  readonly settled: Promise<void>;
}

const fromEndpoints = new Map<string, EndpointConfig>();

/**
 * What the backend serves at `<endpoint>/config` (the SDK's `GET /config`, validated as remote
 * configuration), asked once per page and endpoint: a second form or a reopened one reads the
 * kept answer. A failure (network, timeout, an error status, a body that is not the contract) is
 * kept too, as no configuration, with one `console.warn` naming the error code only; the next
 * page load asks again.
 */
export function endpointConfig(endpoint: string): EndpointConfig {
  const url = absoluteUrl(endpoint);
  const kept = fromEndpoints.get(url);
  if (kept) return kept;
  const entry: { -readonly [K in keyof EndpointConfig]: EndpointConfig[K] } = {
    done: false,
    config: undefined,
    settled: Promise.resolve(),
  };
  // Not an element's AbortSignal: the answer is shared by every form on the page with this endpoint.
  entry.settled = delivery()
    .then(({ createClient }) => createClient({ endpoint: url, timeout: 5_000, retry: { limit: 1, deadline: 10_000 } }).config())
    .then(
      (config) => void (entry.config = config),
      (error: unknown) =>
        console.warn(
          `[signaal] The backend's configuration (GET /config) could not be read (${isSignaalError(error) ? error.code : 'unknown'}); the form goes on with its attributes.`,
        ),
    )
    .finally(() => void (entry.done = true));
  fromEndpoints.set(url, entry);
  return entry;
}

/**
 * Merges the sources (remote configuration, then the `config` property, then attributes) and
 * validates the result with the SDK's schema. Rejects with a `ConfigError` naming the fields.
 * `beneath` (the endpoint's own configuration, see `endpointConfig`) fills in what all of them leave open.
 */
export async function resolveConfig(sources: ConfigSources, signal?: AbortSignal, beneath?: RemoteConfig): Promise<WidgetConfig> {
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
  if (sources.endpoint) merged.endpoint = sources.endpoint;
  if (sources.mailbox) merged.mailbox = sources.mailbox;
  if (typeof merged.endpoint === 'string') merged.endpoint = absoluteUrl(merged.endpoint);
  return parseConfig(beneath ? { ...beneath, ...merged } : merged);
}
