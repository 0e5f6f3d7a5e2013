/**
 * The consistency warnings of the list's "Cảnh báo" column: read from the invoice's XML (with the
 * header compared) or its detail JSON, stored per invoice so the list can filter on them at 100,000
 * invoices. Runs after every sync job and, in the background, over invoices saved since their last check.
 */
import {
  compareWithHeader,
  describeEInvoiceError,
  parseInvoiceXml,
  normaliseDetail,
  type InvoiceWarning,
} from '#einvoice';
import type { InvoiceKey } from '#workflows/portal';
import type { InvoiceStore, StoredWarning, WorkspaceQueries } from '#workflows/store';

function stored(warning: InvoiceWarning): StoredWarning {
  return { code: warning.code, field: warning.field, params: warning.params, message: warning.message };
}

export async function warningsOf(
  store: InvoiceStore,
  workspace: WorkspaceQueries,
  key: InvoiceKey,
): Promise<StoredWarning[]> {
  const invoice = await workspace.one(key);
  if (!invoice) return [];
  const xml = await store.getRawXml(key);
  if (xml !== null) {
    try {
      const parsed = parseInvoiceXml(xml, { invoiceKey: key });
      return [...parsed.warnings, ...compareWithHeader(parsed.invoice, invoice.rawHeader)].map(stored);
    } catch (error) {
      return [
        {
          code: 'unreadable-xml',
          field: null,
          params: { reason: describeEInvoiceError(error, 'vi') },
          message: describeEInvoiceError(error, 'en'),
        },
      ];
    }
  }
  const detail = await store.getRawDetail(key);
  if (detail === null || detail === undefined) return [];
  return normaliseDetail(detail, key).warnings.map(stored);
}

/** Checks these invoices now. */
export async function checkInvoices(
  store: InvoiceStore,
  workspace: WorkspaceQueries,
  keys: readonly InvoiceKey[],
): Promise<void> {
  for (const key of keys) await workspace.saveWarnings(key, await warningsOf(store, workspace, key));
}

/** Works through invoices saved since their last check, `batch` at a time, until none is left. */
export async function checkPending(
  store: InvoiceStore,
  workspace: WorkspaceQueries,
  options: { batch?: number; signal?: AbortSignal } = {},
): Promise<number> {
  let checked = 0;
  for (;;) {
    if (options.signal?.aborted) return checked;
    const keys = await workspace.needingCheck(options.batch ?? 200);
    if (keys.length === 0) return checked;
    await checkInvoices(store, workspace, keys);
    checked += keys.length;
  }
}
