/** The SDK's version, sent as the signal's `client` unless the caller names its own. */
export const VERSION = '0.1.0';
