/**
 * Dates as the portal wants them. `tdlap` arrives as a UTC instant; the invoice's date is the
 * Vietnam-local (UTC+7, no daylight saving) date of that instant. Search bounds are local times.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function assertIsoDate(date: string, what = 'date'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`invalid ${what} "${date}": expected YYYY-MM-DD`);
  }
  return date;
}

/** `2026-04-02T17:00:00Z` -> `2026-04-03`. Throws on text that is not an instant. */
export function vietnamDateOf(utcInstant: string): string {
  const ms = Date.parse(utcInstant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: "${utcInstant}"`);
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` -> `dd/MM/yyyyT00:00:00` (start) or `dd/MM/yyyyT23:59:59` (end), local time. */
export function portalBound(date: string, end: boolean): string {
  assertIsoDate(date);
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}T${end ? '23:59:59' : '00:00:00'}`;
}

export function searchFilter(request: { from: string; to: string; ttxly?: number; nbmst?: string }): string {
  const clauses = [
    `tdlap=ge=${portalBound(request.from, false)}`,
    `tdlap=le=${portalBound(request.to, true)}`,
  ];
  if (request.ttxly !== undefined) clauses.push(`ttxly==${request.ttxly}`);
  if (request.nbmst !== undefined) clauses.push(`nbmst==${request.nbmst}`);
  return clauses.join(';');
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${assertIsoDate(date)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface DateWindow {
  from: string;
  to: string;
}

/** Splits an inclusive range at calendar-month boundaries. */
export function splitIntoMonths(from: string, to: string): DateWindow[] {
  assertIsoDate(from, 'start date');
  assertIsoDate(to, 'end date');
  if (from > to) throw new RangeError(`start date ${from} is after end date ${to}`);
  const windows: DateWindow[] = [];
  let start = from;
  while (start <= to) {
    const [year, month] = start.split('-').map(Number) as [number, number];
    const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const end = monthEnd < to ? monthEnd : to;
    windows.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return windows;
}

/** Two halves of a window, or null for a single day. */
export function halve(window: DateWindow): [DateWindow, DateWindow] | null {
  const span = daysBetween(window.from, window.to);
  if (span < 1) return null;
  const middle = addDays(window.from, Math.floor(span / 2));
  return [
    { from: window.from, to: middle },
    { from: addDays(middle, 1), to: window.to },
  ];
}
