/**
 * The contract's fixed lists, as plain arrays: the one source the zod enums, the receiver's SQL
 * and the user interfaces read. Importing these pulls in no validation code.
 */

/** The two kinds of request: a report of a signal, or a request for a sparring conversation. */
export const kinds = ['signal', 'sparring'] as const;

/** Where the reporter noticed something. */
export const settings = ['counter', 'home-visit', 'inspection', 'phone', 'other'] as const;

/** How confidential the reporter wants to be. */
export const confidentialities = ['confidential', 'anonymous'] as const;

/** How the officer may call back. */
export const callbackWays = ['phone', 'email', 'in-person', 'chat'] as const;

/** The states a signal moves through at the officer. */
export const states = ['received', 'in-progress', 'forwarded', 'closed'] as const;

/** The languages Signaal ships. */
export const locales = ['nl', 'en'] as const;
