import type { Generated } from 'kysely';
import type { Kind, State } from '@signaal/sdk';
import type { ForwardTarget } from '../forward-targets.js';

export { forwardTargets, type ForwardTarget } from '../forward-targets.js';

/**
 * The receiver's tables as Kysely sees them. Timestamps are ISO 8601 text (UTC, so they sort);
 * `*_ms` and the outbox's times are milliseconds since the epoch. Content is never stored in the
 * clear: `content_sealed` and `message_sealed` are AES-256-GCM under the signal's data key, which
 * is stored wrapped under the content key (see `keyring.ts`).
 */
export interface Tables {
  idempotency: {
    key: string;
    body_hash: string | null;
    state: 'in-flight' | 'done';
    receipt: string | null;
    created_at: string;
  };
  signals: {
    reference: string;
    id: string;
    kind: Kind;
    state: State;
    received_at: string;
    updated_at: string;
    token_hash: Buffer;
    content_sealed: Buffer | null;
    message_sealed: Buffer | null;
    /** The data key wrapped under the content key `key_id`; NULL once the content is erased. */
    data_key: Buffer | null;
    key_id: string | null;
    purged_at: string | null;
    forwarded_to: ForwardTarget | null;
    acknowledged_at: string | null;
    fed_back_at: string | null;
    /** The officer who last changed the signal (their name as shown). */
    changed_by: string | null;
    /** The officer who first handled it (their name as shown). */
    handled_by: string | null;
  };
  outbox: {
    id: Generated<number>;
    reference: string;
    attempts: Generated<number>;
    next_attempt_at: number;
    sent_at: string | null;
    failed_at: string | null;
    last_error: string | null;
    /** A sender holds the item until then, so that two instances never send it both. */
    locked_until: number | null;
  };
  sessions: {
    id_hash: Buffer;
    username: string;
    /** The name shown in the inbox; from the officers file or the identity provider's claims. */
    name: string | null;
    role: Generated<'officer' | 'management'>;
    method: Generated<'password' | 'sso' | 'oidc'>;
    created_at: number;
    last_seen_at: number;
  };
  audit: {
    id: Generated<number>;
    at: string;
    officer: string;
    action: string;
    reference: string | null;
    detail: string | null;
    request_id: string | null;
  };
  /** Failed sign-ins per key (address or username) in a fixed window. */
  throttle: {
    key: string;
    count: number;
    reset_at: number;
  };
  /** Work that one instance at a time may do (a retention run), held until `until`. */
  leases: {
    name: string;
    holder: string;
    until: number;
  };
  /** Secrets the instances share, each wrapped under the content key (the status-token secret). */
  secrets: {
    name: string;
    wrapped: Buffer;
    key_id: string;
  };
}
