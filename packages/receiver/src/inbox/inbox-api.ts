import type { Kind, State } from '@signaal/sdk';
import type { AuditEntry, ForwardTarget, InboxListItem, InboxSignal } from '../storage/inbox-store.js';

export type { AuditEntry, ForwardTarget, InboxListItem, InboxSignal };

/** What `GET /inbox/api/signals/:reference` answers. */
export interface SignalDetail extends InboxSignal {
  indicators: Array<{ id: string; label: { nl: string; en: string } }>;
  audit: AuditEntry[];
}

export interface SessionInfo {
  officer: { username: string; name: string };
  csrfToken: string;
  sso: boolean;
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
    } catch {
      throw new InboxApiError(0, 'network', undefined);
    }
    if (response.status === 204) return undefined as T;
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const retry = Number(response.headers.get('retry-after'));
      const fields = Array.isArray(body['errors']) ? (body['errors'] as Array<{ path: string }>).map((error) => error.path) : [];
      throw new InboxApiError(response.status, typeof body['code'] === 'string' ? body['code'] : 'error', Number.isFinite(retry) && retry > 0 ? retry : undefined, fields);
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

  async list(filter: { state?: State | undefined; kind?: Kind | undefined }): Promise<InboxListItem[]> {
    const query = new URLSearchParams();
    if (filter.state) query.set('state', filter.state);
    if (filter.kind) query.set('kind', filter.kind);
    const search = query.size > 0 ? `?${query}` : '';
    return (await this.call<{ signals: InboxListItem[] }>(`/signals${search}`)).signals;
  }

  signal(reference: string): Promise<SignalDetail> {
    return this.call(`/signals/${encodeURIComponent(reference)}`);
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
