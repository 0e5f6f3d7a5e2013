/**
 * What a sync of one period lists: date windows (months, or weeks like the vendor in the seed) times
 * families times, for purchases, the processing states 5, 6 and 8. Pure, so the coordinator workflow
 * and the in-process runner walk the same slices in the same order.
 */
import { halve } from '../portal/dates.js';
import type { InvoiceDirection, InvoiceFamily } from '../portal/types.js';

export const ALL_FAMILIES: readonly InvoiceFamily[] = ['query', 'sco-query'];
export const ALL_DIRECTIONS: readonly InvoiceDirection[] = ['purchase', 'sold'];
export const PURCHASE_STATES: readonly (5 | 6 | 8)[] = [5, 6, 8];

export type WindowSize = 'month' | 'week';

export interface DateWindow {
  /** Inclusive Vietnam-local dates, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

/** One list query: a window, a family, a direction and (purchases only) a processing state. */
export interface ListingSlice extends DateWindow {
  family: InvoiceFamily;
  direction: InvoiceDirection;
  ttxly?: 5 | 6 | 8;
}

export interface PlanRequest {
  /** `YYYY-MM` (one month) or `YYYY-MM..YYYY-MM` (inclusive range of months). */
  period: string;
  directions: readonly InvoiceDirection[];
  families?: readonly InvoiceFamily[];
  window?: WindowSize;
}

export class PeriodError extends Error {
  override readonly name = 'PeriodError';
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseMonth(text: string): { year: number; month: number } {
  const match = MONTH.exec(text.trim());
  if (!match) throw new PeriodError(`invalid period "${text}": expected YYYY-MM or YYYY-MM..YYYY-MM`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The months of a period, first to last, as `YYYY-MM`. */
export function monthsOf(period: string): string[] {
  const [first, last = first] = period.split('..') as [string, string?];
  const start = parseMonth(first);
  const end = parseMonth(last);
  const startIndex = start.year * 12 + start.month - 1;
  const endIndex = end.year * 12 + end.month - 1;
  if (endIndex < startIndex) throw new PeriodError(`invalid period "${period}": it ends before it starts`);
  if (endIndex - startIndex >= 120) throw new PeriodError(`invalid period "${period}": more than 10 years`);
  const months: string[] = [];
  for (let index = startIndex; index <= endIndex; index++) {
    months.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
  }
  return months;
}

/** Date windows covering a period: whole months, or 7-day weeks cut at month ends. */
export function windowsOf(period: string, size: WindowSize = 'month'): DateWindow[] {
  const windows: DateWindow[] = [];
  for (const month of monthsOf(period)) {
    const { year, month: monthNumber } = parseMonth(month);
    const lastDay = daysInMonth(year, monthNumber);
    const step = size === 'week' ? 7 : lastDay;
    for (let day = 1; day <= lastDay; day += step) {
      const end = Math.min(day + step - 1, lastDay);
      windows.push({ from: `${month}-${pad(day)}`, to: `${month}-${pad(end)}` });
    }
  }
  return windows;
}

/** Every list query of a period, in a stable order (direction, family, state, window). */
export function planListing(request: PlanRequest): ListingSlice[] {
  const families = request.families ?? ALL_FAMILIES;
  const windows = windowsOf(request.period, request.window);
  const slices: ListingSlice[] = [];
  for (const direction of request.directions) {
    for (const family of families) {
      const states = direction === 'purchase' ? PURCHASE_STATES : [undefined];
      for (const ttxly of states) {
        for (const window of windows) {
          slices.push({ ...window, family, direction, ...(ttxly !== undefined ? { ttxly } : {}) });
        }
      }
    }
  }
  return slices;
}

/** Short label for logs and progress: `purchase/query/ttxly=5 2026-04-01..2026-04-30`. */
export function describeSlice(slice: ListingSlice): string {
  const state = slice.ttxly !== undefined ? `/ttxly=${slice.ttxly}` : '';
  return `${slice.direction}/${slice.family}${state} ${slice.from}..${slice.to}`;
}

/**
 * The two halves of a slice whose window the portal capped (it let us page through fewer rows than its
 * `total`), or null when the window is a single day and cannot be split.
 */
export function halveSlice(slice: ListingSlice): [ListingSlice, ListingSlice] | null {
  const halves = halve(slice);
  if (!halves) return null;
  return [
    { ...slice, ...halves[0] },
    { ...slice, ...halves[1] },
  ];
}
