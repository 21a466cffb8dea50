import type { Signal } from '@signaal/sdk';
import { open, seal, type Keyring } from '../keyring.js';
import { contentBinding } from './migrations.js';

/** The columns that hold a signal's sealed content. */
export interface SealedColumns {
  reference: string;
  data_key: Buffer | null;
  key_id: string | null;
  content_sealed: Buffer | null;
  message_sealed: Buffer | null;
}

/**
 * Seals and opens one signal's content and the officer's message. Each signal has its own data
 * key, wrapped under the content key and bound to the reference; erasing the wrapped key erases
 * the content, wherever copies of the ciphertext went.
 */
export class Sealer {
  constructor(private readonly keyring: Keyring) {}

  /** A new data key for a signal, and its wrapped form to store. */
  newKey(reference: string): { dataKey: Buffer; keyId: string; wrapped: Buffer } {
    const dataKey = this.keyring.newDataKey();
    return { dataKey, ...this.keyring.wrap(dataKey, reference) };
  }

  /** The signal's data key, or undefined once its content was erased. */
  dataKey(row: Pick<SealedColumns, 'reference' | 'data_key' | 'key_id'>): Buffer | undefined {
    if (row.data_key === null || row.key_id === null) return undefined;
    return this.keyring.unwrap(row.data_key, row.key_id, row.reference);
  }

  sealSignal(dataKey: Buffer, reference: string, signal: Signal): Buffer {
    return seal(dataKey, JSON.stringify(signal), contentBinding(reference, 'content'));
  }

  /** An empty message is stored as none. */
  sealMessage(dataKey: Buffer, reference: string, message: string | undefined): Buffer | null {
    return message === undefined || message === '' ? null : seal(dataKey, message, contentBinding(reference, 'message'));
  }

  /** The signal and message as the officer reads them; both undefined once erased. */
  open(row: SealedColumns): { signal: Signal | undefined; message: string | undefined } {
    const dataKey = this.dataKey(row);
    if (!dataKey) return { signal: undefined, message: undefined };
    return {
      signal: row.content_sealed
        ? (JSON.parse(open(dataKey, row.content_sealed, contentBinding(row.reference, 'content'))) as Signal)
        : undefined,
      message: row.message_sealed ? open(dataKey, row.message_sealed, contentBinding(row.reference, 'message')) : undefined,
    };
  }

  /** The message only (the reporter's status view). */
  openMessage(row: Pick<SealedColumns, 'reference' | 'data_key' | 'key_id' | 'message_sealed'>): string | undefined {
    if (!row.message_sealed) return undefined;
    const dataKey = this.dataKey(row);
    return dataKey ? open(dataKey, row.message_sealed, contentBinding(row.reference, 'message')) : undefined;
  }

  needsRewrap(keyId: string): boolean {
    return !this.keyring.isCurrent(keyId);
  }

  rewrap(wrapped: Buffer, keyId: string, binding: string): { keyId: string; wrapped: Buffer } {
    return this.keyring.wrap(this.keyring.unwrap(wrapped, keyId, binding), binding);
  }
}
