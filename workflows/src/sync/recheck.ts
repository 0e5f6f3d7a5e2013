/**
 * When to look again at an invoice whose XML or details the portal does not have yet. Young invoices
 * are re-checked often (their XML usually appears within days), old ones rarely.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface RecheckTier {
  /** Applies while the invoice is younger than this many days. */
  maxAgeDays: number;
  delayMs: number;
}

export const RECHECK_TIERS: readonly RecheckTier[] = [
  { maxAgeDays: 2, delayMs: 1 * HOUR },
  { maxAgeDays: 7, delayMs: 6 * HOUR },
  { maxAgeDays: 30, delayMs: 1 * DAY },
  { maxAgeDays: 90, delayMs: 3 * DAY },
  { maxAgeDays: Number.POSITIVE_INFINITY, delayMs: 7 * DAY },
];

/** Age in whole days between an issue date (`YYYY-MM-DD`, Vietnam) and now; 0 for bad or future dates. */
export function ageInDays(issueDate: string, now: Date): number {
  const issued = Date.parse(`${issueDate}T00:00:00+07:00`);
  if (Number.isNaN(issued)) return 0;
  return Math.max(0, Math.floor((now.getTime() - issued) / DAY));
}

export function recheckDelayMs(
  issueDate: string,
  now: Date,
  tiers: readonly RecheckTier[] = RECHECK_TIERS,
): number {
  const age = ageInDays(issueDate, now);
  return (tiers.find((tier) => age < tier.maxAgeDays) ?? tiers[tiers.length - 1]!).delayMs;
}

export function nextRecheckAt(issueDate: string, now: Date, tiers?: readonly RecheckTier[]): Date {
  return new Date(now.getTime() + recheckDelayMs(issueDate, now, tiers));
}
