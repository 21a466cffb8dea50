/** Where the officer can pass a signal on: the one list the store, the API and the inbox read. */
export const forwardTargets = ['police', 'arbeidsinspectie', 'riec', 'comensha', 'other'] as const;
export type ForwardTarget = (typeof forwardTargets)[number];
