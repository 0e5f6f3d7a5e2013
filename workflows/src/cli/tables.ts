/** The CLI's tables: invoices with their two sync statuses, status counts, and sync runs. */
import Table from 'cli-table3';
import { formatDate, formatDateTime, formatDecimal, formatMoney, ExactDecimal } from '#engine';
import type { Language, Translate } from '#engine/i18n';
import { formatInvoiceKey } from '../portal/types.js';
import {
  SYNC_STATUSES,
  type StoredInvoice,
  type SyncPart,
  type RunStatus,
  type SyncRun,
  type SyncStatus,
} from '../store/types.js';
import type { SyncProgress } from '../workflows/definitions.js';
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
  incomplete: 'runIncomplete',
  failed: 'runFailed',
  cancelled: 'runCancelled',
  interrupted: 'runInterrupted',
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

/** A count as the language groups it: `12.345` (vi), `12,345` (en). */
export function formatCount(n: number, language: Language): string {
  return formatDecimal(new ExactDecimal(n), language);
}

/** An amount stored as decimal text, with its currency: `814.107.140 ₫` (vi), `₫814,107,140` (en). */
function amountText(amount: string | null, currency: string | null, language: Language): string {
  if (amount === null) return '';
  let value;
  try {
    value = new ExactDecimal(amount);
  } catch {
    return amount;
  }
  return currency ? formatMoney(value, currency, language) : formatDecimal(value, language);
}

/** The other party: the seller of a purchase, the buyer of a sale (name, then tax code). */
function partyOf(invoice: StoredInvoice): string {
  const [name, taxCode] =
    invoice.direction === 'purchase'
      ? [invoice.sellerName, invoice.nbmst]
      : [invoice.buyerName, invoice.buyerTaxCode];
  return shorten([name, taxCode].filter(Boolean).join(' · '), 44);
}

export function invoiceTable(
  t: Translate<CliMessageKey>,
  language: Language,
  invoices: StoredInvoice[],
): string {
  const table = newTable([
    t('colInvoice'),
    t('colDirection'),
    t('colIssueDate'),
    t('colParty'),
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
      formatDate(invoice.issueDate),
      partyOf(invoice),
      amountText(invoice.totalPayable, invoice.currency, language),
      statusLabel(t, invoice.details.status),
      statusLabel(t, invoice.xml.status),
      `${invoice.details.attempts}/${invoice.xml.attempts}`,
      shorten(lastError, 48),
    ]);
  }
  return table.toString();
}

export type StatusCounts = Record<SyncPart, Record<SyncStatus, number>>;

export function countsTable(t: Translate<CliMessageKey>, language: Language, counts: StatusCounts): string {
  const table = newTable(['', t('colDetailsSynced'), t('colXmlSynced')]);
  for (const status of SYNC_STATUSES) {
    table.push([
      statusLabel(t, status),
      formatCount(counts.details[status], language),
      formatCount(counts.xml[status], language),
    ]);
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

function describeCounts(counts: Record<string, number>, language: Language): string {
  return Object.entries(counts)
    .filter(([, value]) => value !== 0)
    .map(([name, value]) => `${name}=${formatCount(value, language)}`)
    .join(' ');
}

/** Seconds with one decimal, as the language writes it: `12,3 giây` (vi), `12.3 s` (en). */
export function formatSeconds(t: Translate<CliMessageKey>, language: Language, ms: number): string {
  return t('seconds', { value: formatDecimal(new ExactDecimal(ms).div(1000).toDecimalPlaces(1), language) });
}

function elapsed(t: Translate<CliMessageKey>, language: Language, run: SyncRun, now: number): string {
  const end = run.finishedAt ? run.finishedAt.getTime() : now;
  return formatSeconds(t, language, end - run.startedAt.getTime());
}

export function runsTable(
  t: Translate<CliMessageKey>,
  language: Language,
  runs: SyncRun[],
  now: number,
): string {
  const table = newTable([
    t('colRun'),
    t('colKind'),
    t('colScope'),
    t('colStatus'),
    t(language === 'vi' ? 'colStartedVietnam' : 'colStarted'),
    t('colElapsed'),
    t('colProgress'),
  ]);
  for (const run of runs) {
    table.push([
      String(run.id),
      run.kind,
      shorten(describeScope(run.scope), 60),
      t(RUN_STATUS_LABEL[run.status]) + (run.error ? `: ${shorten(run.error, 40)}` : ''),
      formatTime(run.startedAt, language),
      elapsed(t, language, run, now),
      shorten(describeCounts(run.counts, language), 80),
    ]);
  }
  return table.toString();
}

/**
 * A moment for the user: `dd/MM/yyyy HH:mm` in Vietnam's time (UTC+7, the shared formatter) in
 * Vietnamese; `yyyy-MM-dd HH:mm:ss` UTC otherwise (ISO, unambiguous for readers of English).
 */
export function formatTime(date: Date, language: Language): string {
  if (language === 'vi') return formatDateTime(date);
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** A workflow in `status`: what visibility says, the progress query's answer (running ones) and its UI page. */
export interface WorkflowRow {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  startTime: Date;
  kind: string | null;
  outstanding: number | null;
  progress: SyncProgress | null;
  uiUrl: string;
}

const EXECUTION_STATUS_LABEL: Record<string, CliMessageKey> = {
  RUNNING: 'wfRunning',
  COMPLETED: 'wfCompleted',
  FAILED: 'wfFailed',
  CANCELLED: 'wfCancelled',
  TERMINATED: 'wfTerminated',
  TIMED_OUT: 'wfTimedOut',
  CONTINUED_AS_NEW: 'wfContinuedAsNew',
  PAUSED: 'wfPaused',
};

const PHASE_LABEL: Record<SyncProgress['phase'], CliMessageKey> = {
  listing: 'phaseListing',
  syncing: 'phaseSyncing',
  done: 'phaseDone',
};

const WORKFLOW_KIND: Record<string, string> = {
  syncPeriodWorkflow: 'period',
  resyncInvoicesWorkflow: 'resync',
  recheckWorkflow: 'recheck',
};

export function workflowProgress(
  t: Translate<CliMessageKey>,
  language: Language,
  progress: SyncProgress,
): string {
  return t('wfProgress', {
    phase: t(PHASE_LABEL[progress.phase] ?? 'phaseSyncing'),
    listed: formatCount(progress.listed, language),
    outstanding: formatCount(progress.outstanding, language),
    done: formatCount(progress.batchesDone, language),
    started: formatCount(progress.batchesStarted, language),
  });
}

export function workflowsTable(
  t: Translate<CliMessageKey>,
  language: Language,
  workflows: WorkflowRow[],
): string {
  const table = newTable([
    t('colWorkflow'),
    t('colKind'),
    t('colStatus'),
    t(language === 'vi' ? 'colStartedVietnam' : 'colStarted'),
    t('colProgress'),
    t('colOutstanding'),
  ]);
  for (const workflow of workflows) {
    const label = EXECUTION_STATUS_LABEL[workflow.status];
    table.push([
      workflow.workflowId,
      workflow.kind ?? WORKFLOW_KIND[workflow.type] ?? workflow.type,
      label ? t(label) : workflow.status,
      formatTime(workflow.startTime, language),
      workflow.progress ? workflowProgress(t, language, workflow.progress) : '',
      workflow.outstanding === null ? '' : formatCount(workflow.outstanding, language),
    ]);
  }
  return table.toString();
}
