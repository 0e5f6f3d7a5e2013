/**
 * An in-memory `InvoiceStore` for tests of the sync: same contract as the SQL store (upserts on the
 * natural key, statuses kept on header upsert), plus write counters to prove nothing is duplicated.
 */
import { formatInvoiceKey, type InvoiceKey, type PortalHeader } from '../../portal/types.js';
import { StoreError } from '../../store/messages.js';
import {
  checkCount,
  checkQueueId,
  checkSelection,
  mergeItems,
  UNKNOWN_SHOWN,
} from '../../store/queue-rules.js';
import {
  RUN_STALE_AFTER_MS,
  type EnqueueResult,
  type InvoiceFilter,
  InvoiceStore,
  PartResult,
  PartState,
  QueuedItem,
  RunFilter,
  StoredInvoice,
  StoredLine,
  SyncPart,
  SyncRun,
  SyncStatus,
} from '../../store/types.js';
import { NEEDS_WORK, RECHECKABLE } from '../status.js';

function freshPart(): PartState {
  return { status: 'not_synced', attempts: 0, lastError: null, lastTriedAt: null, nextCheckAt: null };
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export interface MemoryStore extends InvoiceStore {
  writes: { headers: number; details: number; xml: number; attempts: number };
  rawXml: Map<string, string | null>;
  rawDetails: Map<string, unknown>;
  lines: Map<string, unknown[]>;
  /** Heartbeats received, by run id. */
  heartbeats: Map<number, number>;
}

interface QueueRow {
  key: InvoiceKey;
  label: string;
  part: SyncPart;
  force: boolean;
  seq: number;
  batch: number | null;
}

export function createMemoryStore(): MemoryStore {
  const invoices = new Map<string, StoredInvoice>();
  const rawXml = new Map<string, string | null>();
  const rawDetails = new Map<string, unknown>();
  const lines = new Map<string, unknown[]>();
  const runs: SyncRun[] = [];
  const heartbeats = new Map<number, number>();
  const queues = new Map<string, Map<string, QueueRow>>();
  let queueSeq = 0;
  const writes = { headers: 0, details: 0, xml: 0, attempts: 0 };

  function applyResult(state: PartState, result: PartResult): PartState {
    return {
      status: result.status,
      attempts: state.attempts + 1,
      lastError: result.error ?? null,
      lastTriedAt: new Date(),
      nextCheckAt: result.nextCheckAt ?? null,
    };
  }

  function must(key: InvoiceKey): StoredInvoice {
    const invoice = invoices.get(formatInvoiceKey(key));
    if (!invoice) throw new Error(`memory store: no invoice ${formatInvoiceKey(key)}`);
    return invoice;
  }

  function matches(invoice: StoredInvoice, filter: InvoiceFilter): boolean {
    if (filter.taxCode && invoice.taxCode !== filter.taxCode) return false;
    if (filter.direction && invoice.direction !== filter.direction) return false;
    if (filter.period && !invoice.issueDate.startsWith(filter.period)) return false;
    if (filter.detailsStatus && !filter.detailsStatus.includes(invoice.details.status)) return false;
    if (filter.xmlStatus && !filter.xmlStatus.includes(invoice.xml.status)) return false;
    if (filter.keys && !filter.keys.some((key) => formatInvoiceKey(key) === formatInvoiceKey(invoice)))
      return false;
    return true;
  }

  /** Adds the parts not yet in the queue; true when at least one was added (the SQL store's contract). */
  function enqueue(queueId: string, key: InvoiceKey, parts: readonly SyncPart[], force: boolean): boolean {
    const rows = queues.get(queueId) ?? new Map<string, QueueRow>();
    queues.set(queueId, rows);
    const label = formatInvoiceKey(key);
    const { nbmst, khmshdon, khhdon, shdon } = key;
    let added = false;
    for (const part of parts) {
      if (rows.has(`${label}|${part}`)) continue;
      rows.set(`${label}|${part}`, {
        key: { nbmst, khmshdon, khhdon, shdon },
        label,
        part,
        force,
        seq: ++queueSeq,
        batch: null,
      });
      added = true;
    }
    return added;
  }

  function claimedBy(queueId: string, batch: number): QueuedItem[] {
    const items = new Map<string, QueuedItem>();
    const rows = [...(queues.get(queueId)?.values() ?? [])]
      .filter((row) => row.batch === batch)
      .sort((a, b) => a.seq - b.seq);
    for (const row of rows) {
      const item = items.get(row.label) ?? { key: { ...row.key }, parts: [], force: false };
      item.parts.push(row.part);
      item.force ||= row.force;
      items.set(row.label, item);
    }
    for (const item of items.values()) item.parts.sort();
    return [...items.values()];
  }

  function markStale(now: Date, staleAfterMs: number): void {
    for (const run of runs) {
      const beat = run.heartbeatAt ?? run.startedAt;
      if (run.status === 'running' && beat.getTime() < now.getTime() - staleAfterMs) {
        run.status = 'interrupted';
        run.finishedAt = beat;
        run.error = new StoreError('store.interruptedRun', {}).message;
      }
    }
  }

  const clone = (invoice: StoredInvoice): StoredInvoice => ({
    ...invoice,
    details: { ...invoice.details },
    xml: { ...invoice.xml },
  });

  return {
    writes,
    rawXml,
    rawDetails,
    lines,
    heartbeats,
    async migrate() {},
    async upsertHeaders(taxCode: string, headers: PortalHeader[]) {
      for (const header of headers) {
        const key = formatInvoiceKey(header);
        const existing = invoices.get(key);
        writes.headers++;
        invoices.set(key, {
          nbmst: header.nbmst,
          khmshdon: header.khmshdon,
          khhdon: header.khhdon,
          shdon: header.shdon,
          taxCode,
          direction: header.direction,
          family: header.family,
          portalId: header.id,
          issueDate: header.issueDate,
          sellerName: text(header.raw['nbten']),
          buyerTaxCode: text(header.raw['nmmst']),
          buyerName: text(header.raw['nmten']),
          hsgoc: header.hsgoc,
          totalBeforeTax: text(header.raw['tgtcthue']),
          totalTax: text(header.raw['tgtthue']),
          totalPayable: text(header.raw['tgtttbso']),
          currency: text(header.raw['dvtte']),
          details: existing?.details ?? freshPart(),
          xml: existing?.xml ?? freshPart(),
        });
      }
      return headers.length;
    },
    async saveDetails(key, rawJson, detailLines, result) {
      const invoice = must(key);
      writes.details++;
      rawDetails.set(formatInvoiceKey(key), rawJson);
      lines.set(formatInvoiceKey(key), detailLines);
      invoice.details = applyResult(invoice.details, result);
    },
    async saveXml(key, xml, result) {
      const invoice = must(key);
      writes.xml++;
      rawXml.set(formatInvoiceKey(key), xml);
      invoice.xml = applyResult(invoice.xml, result);
    },
    async recordAttempt(key, part: SyncPart, result) {
      const invoice = must(key);
      writes.attempts++;
      invoice[part] = applyResult(invoice[part], result);
    },
    async getInvoice(key) {
      const invoice = invoices.get(formatInvoiceKey(key));
      return invoice ? clone(invoice) : null;
    },
    async listInvoices(filter) {
      const all = [...invoices.values()]
        .filter((invoice) => matches(invoice, filter))
        .sort((a, b) => formatInvoiceKey(a).localeCompare(formatInvoiceKey(b)));
      const offset = filter.offset ?? 0;
      return all.slice(offset, filter.limit !== undefined ? offset + filter.limit : undefined).map(clone);
    },
    async countByStatus(filter) {
      const counts = { details: {} as Record<SyncStatus, number>, xml: {} as Record<SyncStatus, number> };
      for (const status of ['not_synced', 'synced', 'unavailable', 'incomplete', 'failed'] as const) {
        counts.details[status] = 0;
        counts.xml[status] = 0;
      }
      for (const invoice of invoices.values()) {
        if (!matches(invoice, filter)) continue;
        counts.details[invoice.details.status]++;
        counts.xml[invoice.xml.status]++;
      }
      return counts;
    },
    async getRawXml(key) {
      return rawXml.get(formatInvoiceKey(key)) ?? null;
    },
    async getLines(key) {
      return (lines.get(formatInvoiceKey(key)) ?? []) as StoredLine[];
    },
    async getRawDetail(key) {
      return rawDetails.get(formatInvoiceKey(key)) ?? null;
    },
    async enqueueParts(queueId, items, options): Promise<EnqueueResult> {
      checkQueueId(queueId);
      const result: EnqueueResult = { accepted: 0, joined: 0, unknownCount: 0, unknown: [] };
      // Store order, as the SQL store queues (invoice id order): a queue claims in the same order on both.
      const position = new Map([...invoices.keys()].map((label, index) => [label, index]));
      const merged = mergeItems(items).sort(
        (a, b) => (position.get(a.label) ?? Infinity) - (position.get(b.label) ?? Infinity),
      );
      for (const entry of merged) {
        if (!invoices.has(entry.label)) {
          result.unknownCount++;
          if (result.unknown.length < UNKNOWN_SHOWN) result.unknown.push(entry.label);
        } else if (enqueue(queueId, entry.key, entry.parts, options.force)) result.accepted++;
        else result.joined++;
      }
      return result;
    },
    async enqueueSelection(queueId, selection, options): Promise<EnqueueResult> {
      checkQueueId(queueId);
      const checked = checkSelection(selection);
      const wanted = checked.mode === 'due' ? RECHECKABLE : NEEDS_WORK;
      const wants = (invoice: StoredInvoice, part: SyncPart) =>
        checked.parts.includes(part) &&
        wanted.includes(invoice[part].status) &&
        (checked.mode === 'missing' ||
          invoice[part].nextCheckAt === null ||
          invoice[part].nextCheckAt.getTime() <= checked.now.getTime());
      const result: EnqueueResult = { accepted: 0, joined: 0, unknownCount: 0, unknown: [] };
      let selected = 0;
      // Store order: the order invoices were first saved (the SQL store's id order).
      for (const invoice of invoices.values()) {
        if (checked.limit !== undefined && selected >= checked.limit) break;
        if (invoice.taxCode !== checked.taxCode) continue;
        if (checked.direction !== undefined && invoice.direction !== checked.direction) continue;
        if (
          checked.range &&
          (invoice.issueDate < checked.range.from || invoice.issueDate >= checked.range.until)
        )
          continue;
        const parts = (['details', 'xml'] as const).filter((part) => wants(invoice, part));
        if (parts.length === 0) continue;
        selected++;
        if (enqueue(queueId, invoice, parts, options.force)) result.accepted++;
        else result.joined++;
      }
      return result;
    },
    async claimQueued(queueId, batch, limit) {
      checkQueueId(queueId);
      checkCount('batch', batch, 0);
      checkCount('limit', limit, 1);
      const already = claimedBy(queueId, batch);
      if (already.length > 0) return already;
      const unclaimed = [...(queues.get(queueId)?.values() ?? [])]
        .filter((row) => row.batch === null)
        .sort((a, b) => a.seq - b.seq);
      const picked = new Set<string>();
      for (const row of unclaimed) {
        if (picked.size >= limit && !picked.has(row.label)) continue;
        picked.add(row.label);
        row.batch = batch;
      }
      return claimedBy(queueId, batch);
    },
    async queueCounts(queueId) {
      checkQueueId(queueId);
      const unclaimed = new Set<string>();
      const claimed = new Set<string>();
      for (const row of queues.get(queueId)?.values() ?? []) {
        (row.batch === null ? unclaimed : claimed).add(row.label);
      }
      return { unclaimed: unclaimed.size, claimed: claimed.size };
    },
    async dropQueue(queueId) {
      checkQueueId(queueId);
      const removed = queues.get(queueId)?.size ?? 0;
      queues.delete(queueId);
      return removed;
    },
    async close() {},
    async startRun(kind, scope) {
      const now = new Date();
      const run: SyncRun = {
        id: runs.length + 1,
        kind,
        scope,
        status: 'running',
        startedAt: now,
        finishedAt: null,
        counts: {},
        error: null,
        owner: `memory:${process.pid}`,
        heartbeatAt: now,
      };
      runs.push(run);
      return { ...run };
    },
    async heartbeatRun(id) {
      const run = runs[id - 1];
      if (!run) throw new StoreError('store.unknownRun', { id });
      heartbeats.set(id, (heartbeats.get(id) ?? 0) + 1);
      if (run.status !== 'running' && run.status !== 'interrupted') return;
      if (run.status === 'interrupted')
        Object.assign(run, { status: 'running', finishedAt: null, error: null });
      run.heartbeatAt = new Date();
    },
    async updateRunCounts(id, counts) {
      runs[id - 1]!.counts = { ...counts };
    },
    async finishRun(id, outcome) {
      const run = runs[id - 1]!;
      run.status = outcome.status;
      run.finishedAt = new Date();
      if (outcome.counts) run.counts = { ...outcome.counts };
      run.error = outcome.error ?? null;
      return { ...run };
    },
    async listRuns(filter: RunFilter = {}) {
      markStale(filter.now ?? new Date(), filter.staleAfterMs ?? RUN_STALE_AFTER_MS);
      return runs
        .filter(
          (run) =>
            (!filter.kind || run.kind === filter.kind) &&
            (!filter.status || filter.status.includes(run.status)),
        )
        .reverse()
        .slice(0, filter.limit ?? 20)
        .map((run) => ({ ...run }));
    },
  };
}
