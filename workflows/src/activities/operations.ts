/**
 * The sync's units of work, free of Temporal: list one page of headers, sync the details or the XML of
 * one invoice, select invoices needing work. Temporal activities (`create-activities.ts`) and the
 * in-process runner (`../direct/`) both call these. Every store write is an upsert on the natural key,
 * so repeating a unit after a crash or a retry changes nothing twice.
 *
 * Failures: an outcome that belongs to the invoice (unavailable, incomplete, malformed, not found) is
 * stored and returned; a passing fault (rate limit, expired session, server trouble) is recorded as an
 * attempt and the `PortalError` is rethrown for the caller's retry policy; bad credentials are rethrown
 * untouched (they concern the account, not the invoice).
 */
import { isPortalError, PortalError } from '../portal/errors.js';
import { formatInvoiceKey, type InvoiceKey, type PortalClient } from '../portal/types.js';
import type { InvoiceStore, StoredInvoice, SyncPart, SyncStatus } from '../store/types.js';
import { uniqueKeys } from '../sync/batch.js';
import { SyncError } from '../sync/errors.js';
import { monthsOf, type ListingSlice } from '../sync/plan.js';
import { decideOnDetails, decideOnPortalError, NEEDS_WORK, RECHECKABLE } from '../sync/status.js';
import { engineParsers, type SyncParsers } from './parsers.js';

export interface SyncDependencies {
  portal: PortalClient;
  store: InvoiceStore;
  parse?: SyncParsers;
  now?: () => Date;
}

export interface ListPageInput {
  taxCode: string;
  slice: ListingSlice;
  state: string | null;
}

/** Small on purpose: it travels through workflow history. */
export interface ListPageResult {
  keys: InvoiceKey[];
  nextState: string | null;
  total: number;
}

export interface PartSyncInput {
  key: InvoiceKey;
  /** Sync even when the part is already `synced` or `failed` (a manual re-sync). */
  force?: boolean;
}

/** Small on purpose: XML and detail bodies go to the store, never into results. */
export interface PartSyncResult {
  key: string;
  part: SyncPart;
  status: SyncStatus;
  /** True when nothing was fetched because the part was already done. */
  skipped: boolean;
  /** The stored reason for `failed`/`incomplete`/`unavailable`. */
  error: string | null;
}

export interface SelectInput {
  taxCode?: string;
  direction?: StoredInvoice['direction'];
  /** `YYYY-MM` or `YYYY-MM..YYYY-MM`. */
  period?: string;
  parts: SyncPart[];
  /** `missing`: parts not synced yet (not_synced, unavailable, incomplete); `due`: re-checks that are due. */
  mode: 'missing' | 'due';
  limit?: number;
}

export interface SelectedInvoice {
  key: InvoiceKey;
  parts: SyncPart[];
}

/** A part of an invoice that needs a real portal call. */
export interface PlannedCall {
  key: InvoiceKey;
  part: SyncPart;
  force: boolean;
}

/** What a batch must do: the portal calls, and what was settled from the store alone. */
export interface PartPlan {
  calls: PlannedCall[];
  /** Parts already `synced`/`failed` (not forced): nothing to do. */
  skipped: number;
  /** Parts settled without a call (the listing said the portal holds no XML yet), by status. */
  settled: Record<SyncPart, Partial<Record<SyncStatus, number>>>;
  /** Invoices that could not be planned (not in the store), with the reason. */
  errors: { key: string; error: string }[];
}

export interface PlanPartsInput {
  items: { key: InvoiceKey; parts: SyncPart[]; force?: boolean }[];
}

export interface SyncOperations {
  listHeadersPage(input: ListPageInput, signal?: AbortSignal): Promise<ListPageResult>;
  syncDetails(input: PartSyncInput, signal?: AbortSignal): Promise<PartSyncResult>;
  syncXml(input: PartSyncInput, signal?: AbortSignal): Promise<PartSyncResult>;
  selectInvoices(input: SelectInput, onPage?: (selected: number) => void): Promise<SelectedInvoice[]>;
  /** Store only: which parts of these invoices need a portal call (so only real calls spend the rate limit). */
  planParts(input: PlanPartsInput): Promise<PartPlan>;
}

const STORE_PAGE = 500;

function keyOf(invoice: InvoiceKey): InvoiceKey {
  return { nbmst: invoice.nbmst, khmshdon: invoice.khmshdon, khhdon: invoice.khhdon, shdon: invoice.shdon };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The listing said the portal holds no original XML record: a first pass trusts it and spends no
 * rate-limited call; later re-checks (and forced re-syncs) ask the portal, as hsgoc may appear.
 */
function trustsMissingXml(invoice: StoredInvoice, force: boolean | undefined): boolean {
  return invoice.hsgoc === null && invoice.xml.attempts === 0 && !force;
}

function noOriginalRecord(invoice: StoredInvoice): PortalError {
  return new PortalError({
    kind: 'unavailable',
    endpoint: `${invoice.family}/invoices/export-xml`,
    invoiceKey: formatInvoiceKey(invoice),
    messageKey: 'noOriginalRecord',
    params: { portalMessage: 'hsgoc = null' },
  });
}

export function createSyncOperations(dependencies: SyncDependencies): SyncOperations {
  const { portal, store } = dependencies;
  const parse = dependencies.parse ?? engineParsers;
  const now = dependencies.now ?? (() => new Date());

  async function storedInvoice(key: InvoiceKey): Promise<StoredInvoice> {
    const invoice = await store.getInvoice(key);
    if (!invoice) throw new SyncError('invoiceNotInStore', { invoiceKey: formatInvoiceKey(key) });
    return invoice;
  }

  /** Handles a failed portal call: stores the outcome, or records the attempt and rethrows. */
  async function onFailure(
    invoice: StoredInvoice,
    part: SyncPart,
    error: unknown,
    save: (status: SyncStatus, reason: string, nextCheckAt: Date | null) => Promise<void>,
  ): Promise<PartSyncResult> {
    const key = formatInvoiceKey(invoice);
    const current = invoice[part].status;
    if (!isPortalError(error)) {
      await store.recordAttempt(invoice, part, { status: current, error: messageOf(error) });
      throw error;
    }
    const decision = decideOnPortalError(error.kind, {
      issueDate: invoice.issueDate,
      now: now(),
      retryAfterMs: error.retryAfterMs,
    });
    if (decision.action !== 'record' || decision.status === null) {
      if (decision.action === 'retry')
        await store.recordAttempt(invoice, part, { status: current, error: error.message });
      throw error;
    }
    await save(decision.status, error.message, decision.nextCheckAt);
    return { key, part, status: decision.status, skipped: false, error: error.message };
  }

  function alreadyDone(
    invoice: StoredInvoice,
    part: SyncPart,
    force: boolean | undefined,
  ): PartSyncResult | null {
    const status = invoice[part].status;
    if (force || (status !== 'synced' && status !== 'failed')) return null;
    return { key: formatInvoiceKey(invoice), part, status, skipped: true, error: invoice[part].lastError };
  }

  return {
    async listHeadersPage({ taxCode, slice, state }, signal) {
      const page = await portal.listHeaders({
        family: slice.family,
        direction: slice.direction,
        from: slice.from,
        to: slice.to,
        ...(slice.ttxly !== undefined ? { ttxly: slice.ttxly } : {}),
        state,
        ...(signal ? { signal } : {}),
      });
      if (page.headers.length > 0) await store.upsertHeaders(taxCode, page.headers);
      return { keys: page.headers.map(keyOf), nextState: page.nextState || null, total: page.total };
    },

    async syncDetails({ key, force }, signal) {
      const invoice = await storedInvoice(key);
      const done = alreadyDone(invoice, 'details', force);
      if (done) return done;
      let detail: Record<string, unknown>;
      try {
        detail = await portal.getDetail(invoice.family, keyOf(invoice), signal);
      } catch (error) {
        return onFailure(invoice, 'details', error, (status, reason, nextCheckAt) =>
          store.recordAttempt(invoice, 'details', { status, error: reason, nextCheckAt }),
        );
      }
      const normalised = parse.normaliseDetail(detail, keyOf(invoice));
      const decision = decideOnDetails(normalised.complete, { issueDate: invoice.issueDate, now: now() });
      const reason = normalised.complete ? null : normalised.problems.join('; ') || 'incomplete details';
      // Incomplete details are kept too: amounts and rates are still worth having while we wait.
      await store.saveDetails(keyOf(invoice), detail, normalised.lines, {
        status: decision.status,
        error: reason,
        nextCheckAt: decision.nextCheckAt,
      });
      return {
        key: formatInvoiceKey(invoice),
        part: 'details',
        status: decision.status,
        skipped: false,
        error: reason,
      };
    },

    async syncXml({ key, force }, signal) {
      const invoice = await storedInvoice(key);
      const done = alreadyDone(invoice, 'xml', force);
      if (done) return done;
      let xml: string;
      try {
        if (trustsMissingXml(invoice, force)) throw noOriginalRecord(invoice);
        xml = await portal.exportXml(invoice.family, keyOf(invoice), signal);
      } catch (error) {
        return onFailure(invoice, 'xml', error, (status, reason, nextCheckAt) =>
          store.recordAttempt(invoice, 'xml', { status, error: reason, nextCheckAt }),
        );
      }
      const invoiceKey = formatInvoiceKey(invoice);
      try {
        parse.parseInvoiceXml(xml, { invoiceKey });
      } catch (error) {
        // Unreadable XML is kept for diagnosis; hostile or oversized XML is not stored at all.
        const refused = parse.isRefusal(error);
        const reason = messageOf(error);
        await store.saveXml(keyOf(invoice), refused ? null : xml, {
          status: 'failed',
          error: reason,
          nextCheckAt: null,
        });
        return { key: invoiceKey, part: 'xml', status: 'failed', skipped: false, error: reason };
      }
      await store.saveXml(keyOf(invoice), xml, { status: 'synced', error: null, nextCheckAt: null });
      return { key: invoiceKey, part: 'xml', status: 'synced', skipped: false, error: null };
    },

    async planParts({ items }) {
      const plan: PartPlan = { calls: [], skipped: 0, settled: { details: {}, xml: {} }, errors: [] };
      for (const item of items) {
        const invoice = await store.getInvoice(item.key);
        if (!invoice) {
          const error = new SyncError('invoiceNotInStore', { invoiceKey: formatInvoiceKey(item.key) });
          plan.errors.push({ key: formatInvoiceKey(item.key), error: error.message });
          continue;
        }
        for (const part of item.parts) {
          if (alreadyDone(invoice, part, item.force)) {
            plan.skipped++;
          } else if (part === 'xml' && trustsMissingXml(invoice, item.force)) {
            const outcome = await onFailure(
              invoice,
              'xml',
              noOriginalRecord(invoice),
              (status, reason, next) =>
                store.recordAttempt(invoice, 'xml', { status, error: reason, nextCheckAt: next }),
            );
            plan.settled.xml[outcome.status] = (plan.settled.xml[outcome.status] ?? 0) + 1;
          } else {
            plan.calls.push({ key: keyOf(invoice), part, force: item.force ?? false });
          }
        }
      }
      return plan;
    },

    async selectInvoices(input, onPage) {
      const periods = input.period ? monthsOf(input.period) : [undefined];
      const wanted = input.mode === 'due' ? RECHECKABLE : NEEDS_WORK;
      const dueBy = now().getTime();
      const byKey = new Map<string, SelectedInvoice>();
      for (const part of input.parts) {
        for (const period of periods) {
          for (let offset = 0; ; offset += STORE_PAGE) {
            const rows = await store.listInvoices({
              ...(input.taxCode ? { taxCode: input.taxCode } : {}),
              ...(input.direction ? { direction: input.direction } : {}),
              ...(period ? { period } : {}),
              ...(part === 'details' ? { detailsStatus: [...wanted] } : { xmlStatus: [...wanted] }),
              limit: STORE_PAGE,
              offset,
            });
            for (const row of rows) {
              const state = row[part];
              if (input.mode === 'due' && state.nextCheckAt && state.nextCheckAt.getTime() > dueBy) continue;
              const text = formatInvoiceKey(row);
              const selected = byKey.get(text) ?? { key: keyOf(row), parts: [] };
              if (!selected.parts.includes(part)) selected.parts.push(part);
              byKey.set(text, selected);
            }
            onPage?.(byKey.size);
            if (rows.length < STORE_PAGE) break;
          }
        }
      }
      const selected = [...byKey.values()];
      return input.limit !== undefined ? selected.slice(0, input.limit) : selected;
    },
  };
}

/** Keys from a selection, deduplicated (helper for callers that only need keys). */
export function keysOf(selection: readonly SelectedInvoice[]): InvoiceKey[] {
  return uniqueKeys(selection.map((selected) => selected.key));
}
