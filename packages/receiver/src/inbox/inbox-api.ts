import type { Kind, Signal, State } from '@signaal/sdk';
import type { AuditEntry, ForwardTarget, InboxListItem, InboxSignal, InboxUser, ListPage, PeriodCounts } from '../storage/inbox-store.js';

export type { AuditEntry, ForwardTarget, InboxListItem, InboxSignal, ListPage };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What `GET /inbox/api/signals/:reference` answers: the signal as it arrived, without its idempotency id. */
export interface SignalDetail extends Omit<InboxSignal, 'signal'> {
  signal: DistributiveOmit<Signal, 'id'> | undefined;
  indicators: Array<{ id: string; label: { nl: string; en: string } }>;
  audit: AuditEntry[];
}

export type Role = InboxUser['role'];

export interface SessionInfo {
  officer: { username: string; name: string };
  /** Officers handle signals; management sees only the figures. */
  role: Role;
  method: 'password' | 'sso' | 'oidc';
  csrfToken: string;
  sso: boolean;
}

/** What the list may be narrowed to, as in the page's address. Pages are 1-based. */
export interface ListQuery {
  state?: State | undefined;
  kind?: Kind | undefined;
  /** A whole reference or its start. */
  reference?: string | undefined;
  page?: number | undefined;
}

export type FigureUnit = 'month' | 'quarter';

/** One period's counts; for management a count under `suppressedBelow` is `null`. */
export type PeriodFigures = {
  [Key in keyof PeriodCounts]: PeriodCounts[Key] extends number
    ? number | null
    : Key extends 'forwardedTo'
      ? Record<ForwardTarget, number | null>
      : PeriodCounts[Key];
};

/** What `GET /inbox/api/export?format=json` answers. */
export interface Figures {
  unit: FigureUnit;
  from: string;
  to: string;
  /** Counts from 1 up to this number are `null`; 0 when nothing is hidden (officers). */
  suppressedBelow: number;
  periods: PeriodFigures[];
}

/** The query of a list request or of the list page's address: only filter values and the page. */
export function listSearch(query: ListQuery): URLSearchParams {
  const search = new URLSearchParams();
  if (query.state) search.set('state', query.state);
  if (query.kind) search.set('kind', query.kind);
  if (query.reference) search.set('reference', query.reference);
  if (query.page && query.page > 1) search.set('page', String(query.page));
  return search;
}

/** A refused or failed call, with the receiver's stable problem code. */
export class InboxApiError extends Error {
  override name = 'InboxApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfter: number | undefined,
    readonly fields: readonly string[] = [],
  ) {
    super(`${status} ${code}`);
  }
}

/** Whether `error` says the officer's session has lapsed (401); if so, sends them to sign in under `base`. */
export function signInAgain(error: unknown, base: string): boolean {
  if (!(error instanceof InboxApiError && error.status === 401)) return false;
  location.assign(`${base}/sign-in`);
  return true;
}

/** The inbox API on the same origin; the session cookie goes along by itself. */
export class InboxApi {
  csrfToken: string | undefined;
  constructor(private readonly base: string) {}

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/api${path}`, {
        credentials: 'same-origin',
        ...init,
        headers: {
          accept: 'application/json',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(init.method && init.method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        },
      });
    } catch (error) {
      // A caller that aborted (a newer page was asked for) gets its own AbortError back.
      if (init.signal?.aborted) throw error;
      throw new InboxApiError(0, 'network', undefined);
    }
    if (response.status === 204) return undefined as T;
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const retry = Number(response.headers.get('retry-after'));
      const fields = Array.isArray(body.errors) ? (body.errors as Array<{ path: string }>).map((error) => error.path) : [];
      throw new InboxApiError(
        response.status,
        typeof body.code === 'string' ? body.code : 'error',
        Number.isFinite(retry) && retry > 0 ? retry : undefined,
        fields,
      );
    }
    return body as T;
  }

  async session(): Promise<SessionInfo> {
    const session = await this.call<SessionInfo>('/session');
    this.csrfToken = session.csrfToken;
    return session;
  }

  async signIn(username: string, password: string): Promise<SessionInfo> {
    const session = await this.call<SessionInfo>('/session', { method: 'POST', body: JSON.stringify({ username, password }) });
    this.csrfToken = session.csrfToken;
    return session;
  }

  signOut(): Promise<void> {
    return this.call('/session', { method: 'DELETE' });
  }

  /** One page of the list, newest first, with the number of signals that match. */
  list(query: ListQuery, signal?: AbortSignal): Promise<ListPage> {
    const search = listSearch(query);
    return this.call(`/signals${search.size > 0 ? `?${search}` : ''}`, signal ? { signal } : {});
  }

  /** Counts per month or quarter of this calendar year, without content. */
  figures(unit: FigureUnit, signal?: AbortSignal): Promise<Figures> {
    return this.call(`/export?unit=${unit}&format=json`, signal ? { signal } : {});
  }

  /** Where the same counts download as CSV. */
  figuresCsvUrl(unit: FigureUnit): string {
    return `${this.base}/api/export?unit=${unit}&format=csv`;
  }

  signal(reference: string, signal?: AbortSignal): Promise<SignalDetail> {
    return this.call(`/signals/${encodeURIComponent(reference)}`, signal ? { signal } : {});
  }

  change(reference: string, change: { state: State; forwardedTo?: ForwardTarget; message?: string }): Promise<SignalDetail> {
    return this.call(`/signals/${encodeURIComponent(reference)}/state`, { method: 'POST', body: JSON.stringify(change) });
  }

  /**
   * Removes the signal's content now, for good (its data key is destroyed); state and dates stay.
   * Answers the signal as it is afterwards. A second call is refused with `content-removed`.
   */
  erase(reference: string): Promise<SignalDetail> {
    return this.call(`/signals/${encodeURIComponent(reference)}/erase`, { method: 'POST' });
  }
}
