/** Dates in Vietnam (UTC+7, no daylight saving): the portal's JSON writes instants in UTC. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/**
 * `2025-09-21T17:00:00Z` -> `2025-09-22`. A plain date (`2025-09-22`) or a local date-time without
 * offset is already Vietnam's and is cut to its date. Null when unreadable.
 */
export function vietnamDate(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed))
    return /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? trimmed.slice(0, 10) : null;
  const instant = Date.parse(trimmed);
  if (Number.isNaN(instant)) return null;
  return new Date(instant + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
