/**
 * The counts of one period in the inbox's figures and export, no content: what the store counts
 * and what the inbox shows for a period without signals. Free of the store, so the inbox's browser
 * bundle reads the same shape.
 */
import { forwardTargets, type ForwardTarget } from './forward-targets.js';

/** Counts for one period of an export, no content. */
export interface PeriodCounts {
  period: string;
  total: number;
  signal: number;
  sparring: number;
  received: number;
  'in-progress': number;
  forwarded: number;
  closed: number;
  forwardedTo: Record<ForwardTarget, number>;
  acknowledgedWithin7Days: number;
  fedBackWithin3Months: number;
}

/** A period in which nothing was counted yet. */
export const emptyPeriodCounts = (period: string): PeriodCounts => ({
  period,
  total: 0,
  signal: 0,
  sparring: 0,
  received: 0,
  'in-progress': 0,
  forwarded: 0,
  closed: 0,
  forwardedTo: Object.fromEntries(forwardTargets.map((target) => [target, 0])) as Record<ForwardTarget, number>,
  acknowledgedWithin7Days: 0,
  fedBackWithin3Months: 0,
});
