/** The CLI's tables: invoices with their two sync statuses, status counts, and sync runs. */
import Table from 'cli-table3';
import type { Translate } from '../../../engine/src/i18n/translator.js';
import { formatInvoiceKey } from '../portal/types.js';
import {
  SYNC_STATUSES,
  type StoredInvoice,
  type SyncPart,
  type RunStatus,
  type SyncRun,
  type SyncStatus,
} from '../store/types.js';
import type { CliMessageKey } from './messages.js';

const STATUS_LABEL: Record<SyncStatus, CliMessageKey> = {
  not_synced: 'statusNotSynced',
  synced: 'statusSynced',
  unavailable: 'statusUnavailable',
  incomplete: 'statusIncomplete',
  failed: 'statusFailed',
};

const RUN_STATUS_LABEL: Record<RunStatus, CliMessageKey> = {
  running: 'runRunning',
  succeeded: 'runSucceeded',
  failed: 'runFailed',
  cancelled: 'runCancelled',
};

export function statusLabel(t: Translate<CliMessageKey>, status: SyncStatus): string {
  return t(STATUS_LABEL[status]);
}

function shorten(text: string | null, width: number): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** Plain borders: the table must read the same in a terminal, a log file and a test. */
function newTable(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [], compact: true }, wordWrap: false });
}

export function invoiceTable(t: Translate<CliMessageKey>, invoices: StoredInvoice[]): string {
  const table = newTable([
    t('colInvoice'),
    t('colDirection'),
    t('colIssueDate'),
    t('colTotal'),
    t('colDetailsSynced'),
    t('colXmlSynced'),
    t('colAttempts'),
    t('colLastError'),
  ]);
  for (const invoice of invoices) {
    const lastError = invoice.xml.lastError ?? invoice.details.lastError;
    table.push([
      formatInvoiceKey(invoice),
      t(invoice.direction === 'purchase' ? 'directionPurchase' : 'directionSold'),
      invoice.issueDate,
      `${invoice.totalPayable ?? ''} ${invoice.currency ?? ''}`.trim(),
      statusLabel(t, invoice.details.status),
      statusLabel(t, invoice.xml.status),
      `${invoice.details.attempts}/${invoice.xml.attempts}`,
      shorten(lastError, 48),
    ]);
  }
  return table.toString();
}

export type StatusCounts = Record<SyncPart, Record<SyncStatus, number>>;

export function countsTable(t: Translate<CliMessageKey>, counts: StatusCounts): string {
  const table = newTable(['', t('colDetailsSynced'), t('colXmlSynced')]);
  for (const status of SYNC_STATUSES) {
    table.push([statusLabel(t, status), String(counts.details[status]), String(counts.xml[status])]);
  }
  return table.toString();
}

function describeScope(scope: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(scope)) {
    if (name === 'keys' && Array.isArray(value)) parts.push(`${value.length} keys`);
    else if (Array.isArray(value)) parts.push(`${name}=${value.join(',')}`);
    else if (value !== undefined && value !== null) parts.push(`${name}=${String(value)}`);
  }
  return parts.join(' ');
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, value]) => value !== 0)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}

function elapsed(run: SyncRun, now: number): string {
  const end = run.finishedAt ? run.finishedAt.getTime() : now;
  return `${((end - run.startedAt.getTime()) / 1000).toFixed(1)} s`;
}

export function runsTable(t: Translate<CliMessageKey>, runs: SyncRun[], now: number): string {
  const table = newTable([
    t('colRun'),
    t('colKind'),
    t('colScope'),
    t('colStatus'),
    t('colStarted'),
    t('colElapsed'),
    t('colProgress'),
  ]);
  for (const run of runs) {
    table.push([
      String(run.id),
      run.kind,
      shorten(describeScope(run.scope), 60),
      t(RUN_STATUS_LABEL[run.status]) + (run.error ? `: ${shorten(run.error, 40)}` : ''),
      run.startedAt.toISOString().replace('T', ' ').slice(0, 19),
      elapsed(run, now),
      shorten(describeCounts(run.counts), 80),
    ]);
  }
  return table.toString();
}
