/** The backend under test, as the kit talks to it: plain fetch, every answer read whole. */

/** What the kit needs to reach a backend. */
export interface BackendOptions {
  /** The endpoint the widget is configured with, e.g. `https://signalen.gemeente.example/api`. */
  baseUrl: string;
  /** Headers sent on every request, e.g. a gateway's key. */
  headers?: Readonly<Record<string, string>>;
  /** The origin of the page the widget runs on; sent as `Origin`, as a browser would. */
  origin?: string;
  /** Milliseconds to wait for one answer. Default 10,000. */
  timeoutMs?: number;
  /** The fetch to use. Default: the global one. */
  fetch?: typeof fetch;
}

/** One answer, read whole. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The media type without parameters, in lower case (`application/problem+json`). */
  mediaType: string;
  text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** A value to send as JSON, or text to send as it is. */
  body?: unknown;
  /** Leave out the `Origin` header even when an origin is given. */
  noOrigin?: boolean;
}

export class Backend {
  readonly baseUrl: string;
  readonly origin: string | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: BackendOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.origin = options.origin;
    this.#headers = options.headers ?? {};
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** Sends one request to `path` (relative to the base URL) and reads the whole answer. */
  async request(path: string, init: RequestInit = {}): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...this.#headers };
    if (this.origin && !init.noOrigin) headers.origin = this.origin;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, init.headers);
    for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
    const response = await this.#fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    return { status: response.status, headers: response.headers, mediaType, text, json };
  }
}
