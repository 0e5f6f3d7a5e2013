/**
 * Checks and shapes shared by both re-sync queue implementations (SQL and the in-memory test store), so
 * they accept and refuse the same input with the same messages.
 */
import { formatInvoiceKey, type InvoiceKey } from '../portal/types.js';
import { StoreError } from './messages.js';
import type { QueueItem, QueueSelection, SyncPart } from './types.js';

export const QUEUE_PARTS: readonly SyncPart[] = ['details', 'xml'];
/** How many of the unknown keys an enqueue names. */
export const UNKNOWN_SHOWN = 20;

export function checkQueueId(queueId: string): string {
  if (typeof queueId !== 'string' || queueId.trim() === '' || queueId.length > 400) {
    throw new StoreError('store.invalidQueueArgument', {
      name: 'queueId',
      value: JSON.stringify(queueId) ?? String(queueId),
      expected: 'a non-empty id of at most 400 characters',
    });
  }
  return queueId;
}

export function checkParts(parts: readonly SyncPart[]): SyncPart[] {
  for (const part of parts) {
    if (!QUEUE_PARTS.includes(part)) {
      throw new StoreError('store.invalidQueueArgument', {
        name: 'parts',
        value: JSON.stringify(part) ?? String(part),
        expected: QUEUE_PARTS.join(', '),
      });
    }
  }
  return QUEUE_PARTS.filter((part) => parts.includes(part));
}

export function checkCount(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum || value > 2_147_483_647) {
    throw new StoreError('store.invalidQueueArgument', {
      name,
      value: String(value),
      expected: `a whole number from ${minimum}`,
    });
  }
  return value;
}

/** The requested invoices, each once (parts merged), in the order first asked for. */
export function mergeItems(
  items: readonly QueueItem[],
): { key: InvoiceKey; label: string; parts: SyncPart[] }[] {
  const byKey = new Map<string, { key: InvoiceKey; label: string; parts: Set<SyncPart> }>();
  for (const item of items) {
    const { nbmst, khmshdon, khhdon, shdon } = item.key;
    const label = formatInvoiceKey(item.key);
    const entry = byKey.get(label) ?? { key: { nbmst, khmshdon, khhdon, shdon }, label, parts: new Set() };
    for (const part of checkParts(item.parts)) entry.parts.add(part);
    byKey.set(label, entry);
  }
  return [...byKey.values()]
    .filter((entry) => entry.parts.size > 0)
    .map((entry) => ({ ...entry, parts: QUEUE_PARTS.filter((part) => entry.parts.has(part)) }));
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` or `YYYY-MM..YYYY-MM` as issue dates `from <= date < until` (`YYYY-MM-DD`). */
export function periodRange(period: string): { from: string; until: string } {
  const [first, last = first, extra] = period.split('..');
  const start = MONTH.exec(first?.trim() ?? '');
  const end = MONTH.exec(last.trim());
  if (!start || !end || extra !== undefined || `${end[1]}-${end[2]}` < `${start[1]}-${start[2]}`) {
    throw new StoreError('store.invalidPeriod', { period });
  }
  const endYear = Number(end[1]);
  const endMonth = Number(end[2]);
  const next = endMonth === 12 ? `${endYear + 1}-01` : `${endYear}-${String(endMonth + 1).padStart(2, '0')}`;
  return { from: `${start[1]}-${start[2]}-01`, until: `${next}-01` };
}

export function checkSelection(
  selection: QueueSelection,
): QueueSelection & { range: { from: string; until: string } | null } {
  if (typeof selection.taxCode !== 'string' || selection.taxCode === '') {
    throw new StoreError('store.invalidQueueArgument', {
      name: 'taxCode',
      value: JSON.stringify(selection.taxCode) ?? String(selection.taxCode),
      expected: 'a tax code',
    });
  }
  if (selection.mode !== 'missing' && selection.mode !== 'due') {
    throw new StoreError('store.invalidQueueArgument', {
      name: 'mode',
      value: String(selection.mode),
      expected: 'missing, due',
    });
  }
  if (
    selection.direction !== undefined &&
    selection.direction !== 'purchase' &&
    selection.direction !== 'sold'
  ) {
    throw new StoreError('store.invalidQueueArgument', {
      name: 'direction',
      value: String(selection.direction),
      expected: 'purchase, sold',
    });
  }
  if (!(selection.now instanceof Date) || Number.isNaN(selection.now.getTime())) {
    throw new StoreError('store.invalidQueueArgument', {
      name: 'now',
      value: String(selection.now),
      expected: 'a date',
    });
  }
  if (selection.limit !== undefined) checkCount('limit', selection.limit, 0);
  return {
    ...selection,
    parts: checkParts(selection.parts),
    range: selection.period !== undefined ? periodRange(selection.period) : null,
  };
}
