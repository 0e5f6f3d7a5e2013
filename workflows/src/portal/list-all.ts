/**
 * All headers of a date range, whatever the portal's limits: the range is cut into calendar months,
 * each window is paged through with the cursor, and a window whose `total` exceeds what the portal
 * let us page through is halved until every row is reachable. Rows are deduplicated by portal id.
 */
import { halve, splitIntoMonths, type DateWindow } from './dates.js';
import { PortalError } from './errors.js';
import type { InvoiceDirection, InvoiceFamily, PortalClient, PortalHeader } from './types.js';

export interface ListAllRequest {
  family: InvoiceFamily;
  direction: InvoiceDirection;
  /** Inclusive Vietnam-local dates, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Purchases: the processing states to query; default all of 5, 6 and 8. Ignored for sales. */
  ttxly?: readonly (5 | 6 | 8)[];
  signal?: AbortSignal;
}

export interface ListAllOptions {
  /** Called after each window is complete (for progress and heartbeats). */
  onWindow?(info: { window: DateWindow; ttxly: number | undefined; rows: number; total: number }): void;
}

async function collectWindow(
  client: PortalClient,
  request: ListAllRequest,
  window: DateWindow,
  ttxly: 5 | 6 | 8 | undefined,
): Promise<{ rows: PortalHeader[]; total: number }> {
  const rows: PortalHeader[] = [];
  const seenStates = new Set<string>();
  let state: string | null = null;
  let total: number;
  do {
    const page = await client.listHeaders({
      family: request.family,
      direction: request.direction,
      from: window.from,
      to: window.to,
      ...(ttxly !== undefined ? { ttxly } : {}),
      state,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    rows.push(...page.headers);
    total = page.total;
    state = page.nextState;
    if (state !== null && (seenStates.has(state) || page.headers.length === 0)) {
      throw new PortalError({
        kind: 'malformed',
        endpoint: `${request.family}/invoices/${request.direction}`,
        messageKey: 'cursorLoop',
      });
    }
    if (state !== null) seenStates.add(state);
  } while (state !== null);
  return { rows, total };
}

export async function* listAllHeaders(
  client: PortalClient,
  request: ListAllRequest,
  options: ListAllOptions = {},
): AsyncGenerator<PortalHeader> {
  const states: readonly (5 | 6 | 8 | undefined)[] =
    request.direction === 'purchase' ? (request.ttxly ?? [5, 6, 8]) : [undefined];
  const seen = new Set<string>();
  for (const ttxly of states) {
    const pending: DateWindow[] = splitIntoMonths(request.from, request.to);
    while (pending.length > 0) {
      const window = pending.shift()!;
      const { rows, total } = await collectWindow(client, request, window, ttxly);
      if (rows.length < total) {
        const halves = halve(window);
        if (!halves) {
          throw new PortalError({
            kind: 'malformed',
            endpoint: `${request.family}/invoices/${request.direction}`,
            messageKey: 'windowCapped',
            params: { received: rows.length, total, from: window.from, to: window.to },
          });
        }
        pending.unshift(...halves);
        continue;
      }
      options.onWindow?.({ window, ttxly, rows: rows.length, total });
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        yield row;
      }
    }
  }
}
