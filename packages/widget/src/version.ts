/** The widget's version, sent as the signal's client. */
export const VERSION = '0.1.0';
