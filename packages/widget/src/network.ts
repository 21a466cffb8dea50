/**
 * The delivery chunk, fetched on the first delivery, on opening "my signals", or for
 * `config-src`. The form validates a draft and composes the mailbox route without it.
 */
import { lazy } from './lazy.js';

/** Fetches the delivery chunk once; rejects when it could not be loaded (a later call tries again). */
export const delivery = lazy(() => import('./delivery.js'));
