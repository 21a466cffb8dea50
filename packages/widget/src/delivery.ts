/**
 * What only a delivery needs, in an on-demand chunk (see `network.ts`): the SDK's HTTP client
 * (ky, retries, the contract's answers) and keeping a receipt for "my signals".
 */
export { createClient } from '@signaal/sdk';
export { keepReceipt } from './receipt-store.js';
