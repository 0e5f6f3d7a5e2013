/** `invoices list`: the stored invoices with their "Details synced" and "XML synced" statuses. */
import { formatInvoiceKey } from '../../portal/types.js';
import { SYNC_STATUSES, type InvoiceFilter, type StoredInvoice, type SyncStatus } from '../../store/types.js';
import { checkPeriod, checkTaxCode, openCliStore, type CliContext } from '../config.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';
import { formatCount, invoiceTable } from '../tables.js';
import { parseDirections } from './sync.js';

export interface InvoicesListFlags {
  taxCode?: string;
  period?: string;
  direction?: string;
  detailsStatus?: string;
  xmlStatus?: string;
  json?: boolean;
  limit?: number;
  offset?: number;
}

export function parseStatuses(text: string | undefined, option: string): SyncStatus[] | undefined {
  if (text === undefined) return undefined;
  const statuses = text
    .split(',')
    .map((status) => status.trim())
    .filter(Boolean);
  const unknown = statuses.find((status) => !(SYNC_STATUSES as readonly string[]).includes(status));
  if (unknown !== undefined || statuses.length === 0) {
    throw new CliError('badOption', { option, value: text, expected: SYNC_STATUSES.join(', ') });
  }
  return statuses as SyncStatus[];
}

/** What `--json` prints per invoice: stable field names, decimals as strings, dates as ISO text. */
function jsonOf(invoice: StoredInvoice): Record<string, unknown> {
  const part = (state: StoredInvoice['details']) => ({
    status: state.status,
    attempts: state.attempts,
    lastError: state.lastError,
    lastTriedAt: state.lastTriedAt?.toISOString() ?? null,
    nextCheckAt: state.nextCheckAt?.toISOString() ?? null,
  });
  return {
    key: formatInvoiceKey(invoice),
    nbmst: invoice.nbmst,
    khmshdon: invoice.khmshdon,
    khhdon: invoice.khhdon,
    shdon: invoice.shdon,
    taxCode: invoice.taxCode,
    direction: invoice.direction,
    family: invoice.family,
    issueDate: invoice.issueDate,
    sellerName: invoice.sellerName,
    buyerTaxCode: invoice.buyerTaxCode,
    buyerName: invoice.buyerName,
    totalBeforeTax: invoice.totalBeforeTax,
    totalTax: invoice.totalTax,
    totalPayable: invoice.totalPayable,
    currency: invoice.currency,
    details: part(invoice.details),
    xml: part(invoice.xml),
  };
}

export async function invoicesListCommand(context: CliContext, flags: InvoicesListFlags): Promise<ExitCode> {
  const { io, t } = context;
  const directions = parseDirections(flags.direction);
  const detailsStatus = parseStatuses(flags.detailsStatus, '--details-status');
  const xmlStatus = parseStatuses(flags.xmlStatus, '--xml-status');
  const limit = flags.limit ?? 50;
  const filter: InvoiceFilter = {
    ...(flags.taxCode ? { taxCode: checkTaxCode(flags.taxCode) } : {}),
    ...(flags.period ? { period: checkPeriod(flags.period) } : {}),
    ...(directions.length === 1 ? { direction: directions[0]! } : {}),
    ...(detailsStatus ? { detailsStatus } : {}),
    ...(xmlStatus ? { xmlStatus } : {}),
  };
  const opened = await openCliStore(context);
  try {
    const invoices = await opened.store.listInvoices({ ...filter, limit, offset: flags.offset ?? 0 });
    if (flags.json) {
      io.out(JSON.stringify(invoices.map(jsonOf), null, 2));
      return EXIT.ok;
    }
    if (invoices.length === 0) {
      io.out(t('noInvoices', { store: opened.label }));
      return EXIT.ok;
    }
    io.out(invoiceTable(t, context.language, invoices));
    const counts = await opened.store.countByStatus(filter);
    const total = SYNC_STATUSES.reduce((sum, status) => sum + counts.details[status], 0);
    io.out(
      t('shownOf', {
        shown: formatCount(invoices.length, context.language),
        total: formatCount(total, context.language),
      }),
    );
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
