/**
 * An in-memory `InvoiceStore` for tests of the sync: same contract as the SQL store (upserts on the
 * natural key, statuses kept on header upsert), plus write counters to prove nothing is duplicated.
 */
import { formatInvoiceKey, type InvoiceKey, type PortalHeader } from '../../portal/types.js';
import type {
  InvoiceFilter,
  InvoiceStore,
  PartResult,
  PartState,
  RunFilter,
  StoredInvoice,
  StoredLine,
  SyncPart,
  SyncRun,
  SyncStatus,
} from '../../store/types.js';

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
}

export function createMemoryStore(): MemoryStore {
  const invoices = new Map<string, StoredInvoice>();
  const rawXml = new Map<string, string | null>();
  const rawDetails = new Map<string, unknown>();
  const lines = new Map<string, unknown[]>();
  const runs: SyncRun[] = [];
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
    async close() {},
    async startRun(kind, scope) {
      const run: SyncRun = {
        id: runs.length + 1,
        kind,
        scope,
        status: 'running',
        startedAt: new Date(),
        finishedAt: null,
        counts: {},
        error: null,
      };
      runs.push(run);
      return { ...run };
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
