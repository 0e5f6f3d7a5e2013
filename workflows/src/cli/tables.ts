/** The CLI's tables: invoices with their two sync statuses, status counts, and sync runs. */
import Table from 'cli-table3';
import type { Language, Translate } from '../../../engine/src/i18n/translator.js';
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

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A moment for the user: `dd/MM/yyyy HH:mm` in Vietnam's time (UTC+7, no daylight saving) in
 * Vietnamese; `yyyy-MM-dd HH:mm:ss` UTC otherwise (as the runs table).
 */
export function formatTime(date: Date, language: Language): string {
  if (language === 'vi') {
    const local = new Date(date.getTime() + 7 * 3600_000);
    return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  }
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

export function workflowProgress(t: Translate<CliMessageKey>, progress: SyncProgress): string {
  return t('wfProgress', {
    phase: t(PHASE_LABEL[progress.phase] ?? 'phaseSyncing'),
    listed: progress.listed,
    outstanding: progress.outstanding,
    done: progress.batchesDone,
    started: progress.batchesStarted,
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
      workflow.progress ? workflowProgress(t, workflow.progress) : '',
      workflow.outstanding === null ? '' : String(workflow.outstanding),
    ]);
  }
  return table.toString();
}
