/**
 * Small counts are not shown to staff outside the officers: with a few signals, a count can point
 * at one of them. One rule for `GET /stats` and the inbox's figures for management.
 */

/** Counts from 1 to `suppressedBelow - 1` are hidden. */
export const suppressedBelow = 5;

/** Whether a count is hidden: above zero and under `suppressedBelow`. */
export const isSmallCount = (count: number): boolean => count > 0 && count < suppressedBelow;

/**
 * Hides small counts in a group that adds up to a shown total. When only one count in the group
 * is hidden, the total would give it away, so the next smallest is hidden too.
 */
export function suppressGroup<K extends string>(counts: Record<K, number>, totalShown: boolean): Record<K, number | null> {
  const entries = Object.entries(counts) as Array<[K, number]>;
  const hidden = new Set(entries.filter(([, count]) => isSmallCount(count)).map(([key]) => key));
  if (hidden.size === 1 && totalShown) {
    const next = entries.filter(([key, count]) => !hidden.has(key) && count > 0).sort(([, a], [, b]) => a - b)[0];
    if (next) hidden.add(next[0]);
  }
  return Object.fromEntries(entries.map(([key, count]) => [key, hidden.has(key) ? null : count])) as Record<K, number | null>;
}
