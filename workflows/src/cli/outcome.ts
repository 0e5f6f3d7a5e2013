/** What a finished command reports and exits with: counts for the invoices it worked on. */
import type { Language } from '../../../engine/src/i18n/translator.js';
import type { InvoiceFilter, InvoiceStore, SyncPart } from '../store/types.js';
import { SYNC_STATUSES } from '../store/types.js';
import type { DirectSyncResult } from '../direct/run-direct.js';
import type { CliContext } from './config.js';
import { EXIT, type ExitCode } from './io.js';
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
export function printRunResult(
  context: CliContext,
  result: DirectSyncResult,
  parts: readonly SyncPart[],
): void {
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
    const text = localizedMessage(error.cause, context.language) ?? error.error;
    io.out(`  ${t('itemError', { key: error.key, part: error.part, error: text })}`);
  }
  if (result.errors.length > 10) io.out(`  ${t('moreErrors', { count: result.errors.length - 10 })}`);
}

/** The counts table and the closing sentence; returns the exit code. */
export function printOutcome(
  context: CliContext,
  outcome: Outcome,
  hint: string,
  /** Invoice parts the run could not work on at all (e.g. keys not in the store): never "all synced". */
  notWorkedOn = 0,
): ExitCode {
  const { io, t } = context;
  io.out(countsTable(t, outcome.counts));
  if (outcome.missing > 0) io.out(t('stillMissing', { count: outcome.missing, hint }));
  else if (notWorkedOn > 0) io.out(t('notWorkedOn', { count: notWorkedOn }));
  else io.out(t('allSynced'));
  return notWorkedOn > 0 ? EXIT.incomplete : outcome.exitCode;
}
