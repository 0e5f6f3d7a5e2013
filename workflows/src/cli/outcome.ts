/** What a finished command reports and exits with: counts for the invoices it worked on. */
import type { Language } from '#engine/i18n';
import type { RunObserver, RunReport } from '../runner/index.js';
import type { InvoiceFilter, InvoiceStore, SyncPart } from '../store/types.js';
import { SYNC_STATUSES } from '../store/types.js';
import type { CliContext, OpenedRunner } from './config.js';
import { EXIT, type ExitCode } from './io.js';
import { createProgress } from './progress.js';
import type { CliMessageKey } from './messages.js';
import { countsTable, statusLabel, type StatusCounts } from './tables.js';

export interface Outcome {
  counts: StatusCounts;
  /** Invoice parts (of the parts asked for) not `synced`. */
  missing: number;
  exitCode: ExitCode;
}

export async function outcomeOf(
  store: InvoiceStore,
  filter: InvoiceFilter,
  parts: readonly SyncPart[],
): Promise<Outcome> {
  const counts = await store.countByStatus(filter);
  let missing = 0;
  for (const part of parts) {
    for (const status of SYNC_STATUSES) if (status !== 'synced') missing += counts[part][status];
  }
  return { counts, missing, exitCode: missing === 0 ? EXIT.ok : EXIT.incomplete };
}

/** The message of a sync or portal error in the user's language; undefined for other errors. */
function localizedMessage(error: unknown, language: Language): string | undefined {
  const localized = (error as { localized?: unknown } | null)?.localized;
  return typeof localized === 'function'
    ? (localized as (language: Language) => string).call(error, language)
    : undefined;
}

/** One line per part of what a run did, e.g. `details: synced 40, incomplete 3`. */
export function printRunResult(context: CliContext, result: RunReport, parts: readonly SyncPart[]): void {
  const { io, t } = context;
  for (const part of parts) {
    const counts = Object.entries(result.counts[part])
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([status, n]) => `${statusLabel(t, status as (typeof SYNC_STATUSES)[number])} ${n}`);
    io.out(`  ${t(part === 'details' ? 'partDetails' : 'partXml')}: ${counts.join(', ') || '-'}`);
  }
  if (result.skipped > 0) io.out(`  ${t('skippedDone', { count: result.skipped })}`);
  if (result.retriesExhausted > 0) io.out(`  ${t('retriesExhausted', { count: result.retriesExhausted })}`);
  for (const error of result.errors.slice(0, 10)) {
    const text = localizedMessage(error.cause, context.language) ?? error.message;
    io.out(`  ${t('itemError', { key: error.key, part: error.part ?? '-', error: text })}`);
  }
  if (result.errors.length > 10) io.out(`  ${t('moreErrors', { count: result.errors.length - 10 })}`);
  // Temporal's progress counts the invoices its batches could not work on, without their keys.
  const uncounted = result.errorCount - result.errors.length;
  if (uncounted > 0) io.out(`  ${t('workflowErrors', { count: uncounted })}`);
  if (result.added && result.added.unknownCount > 0) {
    const keys = result.added.unknown.join(', ');
    io.out(`  ${t('unknownKeys', { count: result.added.unknownCount, keys })}`);
  }
}

/** Invoice parts a run could not work on at all (errors, keys not in the store): never "all synced". */
export function notWorkedOn(report: RunReport, parts: readonly SyncPart[]): number {
  return report.errorCount + (report.added?.unknownCount ?? 0) * parts.length;
}

/**
 * Runs one step with progress (bars on a terminal, lines otherwise); on Temporal it names the
 * workflows started (or joined) with their page in the Temporal UI.
 */
export async function runWithProgress(
  context: CliContext,
  work: (observer: RunObserver) => Promise<RunReport>,
): Promise<RunReport> {
  const { io, t } = context;
  const progress = createProgress(context);
  try {
    return await work({
      onStarted(started) {
        if (started.mode !== 'temporal') return;
        if (started.added) {
          io.out(
            t('temporalResync', {
              workflowId: started.workflows[0]?.workflowId ?? '',
              accepted: started.added.accepted,
              joined: started.added.joined,
            }),
          );
        } else {
          for (const workflow of started.workflows) {
            io.out(t('temporalStarted', { workflowId: workflow.workflowId }));
          }
        }
        for (const workflow of started.workflows) {
          if (workflow.uiUrl) io.out(`  ${t('temporalLink', { url: workflow.uiUrl })}`);
        }
      },
      onProgress: (event) => progress.update(event),
    });
  } finally {
    progress.stop();
  }
}

/** After a run: its counts, the portal calls (in-process), the outcome in the store and the exit code. */
export async function reportRun(
  context: CliContext,
  opened: { store: InvoiceStore; runner: OpenedRunner },
  report: RunReport,
  request: { scope: InvoiceFilter; parts: SyncPart[]; hintScope: string },
): Promise<ExitCode> {
  const { io, t } = context;
  if (report.detached) {
    io.out(t('temporalDetached'));
    return EXIT.incomplete;
  }
  printRunResult(context, report, request.parts);
  const portal = opened.runner.portal;
  if (portal && report.mode === 'in-process') {
    io.out(t('portalCalls', { calls: portal.counters.calls, retries: portal.counters.retries }));
  }
  const exitCode = printOutcome(
    context,
    await outcomeOf(opened.store, request.scope, request.parts),
    request,
    notWorkedOn(report, request.parts),
  );
  if (!report.aborted) return exitCode;
  io.out(t('stopped'));
  return EXIT.incomplete;
}

const PART_NAME: Record<SyncPart, CliMessageKey> = { details: 'partDetails', xml: 'partXml' };

/** The parts of `parts` not synced, by status, e.g. `details: Incomplete 1; XML: Unavailable 2`. */
function breakdownOf(context: CliContext, counts: StatusCounts, parts: readonly SyncPart[]): string {
  const { t } = context;
  return parts
    .map((part) => {
      const missing = SYNC_STATUSES.filter((status) => status !== 'synced' && counts[part][status] > 0);
      if (missing.length === 0) return null;
      const list = missing.map((status) => `${statusLabel(t, status)} ${counts[part][status]}`);
      return `${t(PART_NAME[part])}: ${list.join(', ')}`;
    })
    .filter((text): text is string => text !== null)
    .join('; ');
}

function missingIn(counts: StatusCounts, part: SyncPart): number {
  return SYNC_STATUSES.reduce((sum, status) => sum + (status === 'synced' ? 0 : counts[part][status]), 0);
}

/**
 * The counts table and the closing sentence, which says what the table shows: "All invoices synced."
 * only when every part in it is. Returns the exit code: 0 when every part asked for is synced (parts not
 * asked for are named, not counted against the run), 1 otherwise.
 */
export function printOutcome(
  context: CliContext,
  outcome: Outcome,
  request: { parts: readonly SyncPart[]; hintScope: string },
  /** Invoice parts the run could not work on at all (e.g. keys not in the store): never "all synced". */
  notWorkedOn = 0,
): ExitCode {
  const { io, t } = context;
  const allParts: SyncPart[] = ['details', 'xml'];
  const others = allParts.filter((part) => !request.parts.includes(part));
  const stillMissing = allParts.filter((part) => missingIn(outcome.counts, part) > 0);
  const hint = `sync selected --missing ${stillMissing.join(',')}${request.hintScope}`;
  io.out(countsTable(t, context.language, outcome.counts));
  if (outcome.missing > 0) {
    io.out(
      t('stillMissing', {
        count: outcome.missing,
        breakdown: breakdownOf(context, outcome.counts, request.parts),
        hint,
      }),
    );
  } else if (notWorkedOn > 0) io.out(t('notWorkedOn', { count: notWorkedOn }));
  else if (stillMissing.length > 0) {
    const asked = ['partHeaders' as const, ...request.parts.map((part) => PART_NAME[part])];
    io.out(
      t('othersMissing', {
        asked: (request.parts.length === 0 ? asked : asked.slice(1)).map((key) => t(key)).join(', '),
        count: others.reduce((sum, part) => sum + missingIn(outcome.counts, part), 0),
        breakdown: breakdownOf(context, outcome.counts, others),
        hint,
      }),
    );
  } else io.out(t('allSynced'));
  // `--missing` leaves failed parts alone (a retry would fail the same way): say how to pick them.
  for (const part of allParts.filter((each) => outcome.counts[each].failed > 0)) {
    io.out(
      t('failedHint', {
        count: outcome.counts[part].failed,
        part: t(PART_NAME[part]),
        option: part === 'xml' ? '--xml-status' : '--details-status',
      }),
    );
  }
  return notWorkedOn > 0 ? EXIT.incomplete : outcome.exitCode;
}
