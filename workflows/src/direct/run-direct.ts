/**
 * The in-process runner: the same operations as the Temporal activities, the same retry schedule and a
 * rate limit, without a server. Progress is durable because every outcome is stored as it happens:
 * after a crash or an abort, running again skips what is `synced` and repeats nothing twice.
 */
import { createSyncOperations, type SelectedInvoice, type SyncOperations } from '../activities/operations.js';
import type { SyncParsers } from '../activities/parsers.js';
import { isPortalError } from '../portal/errors.js';
import {
  formatInvoiceKey,
  type InvoiceDirection,
  type InvoiceFamily,
  type InvoiceKey,
  type PortalClient,
} from '../portal/types.js';
import {
  RUN_HEARTBEAT_MS,
  type InvoiceStore,
  type RunStatus,
  type SyncPart,
  type SyncStatus,
} from '../store/types.js';
import { ALL_PARTS, normaliseParts, uniqueKeys } from '../sync/batch.js';
import { SyncError } from '../sync/errors.js';
import { nextPage, onPage, startListing } from '../sync/listing.js';
import {
  ALL_DIRECTIONS,
  PeriodError,
  planListing,
  type ListingSlice,
  type WindowSize,
} from '../sync/plan.js';
import type { PortalRetryPolicy } from '../sync/retry-policy.js';
import { createCallPolicy, isRetryable, type PortalCall } from './call-policy.js';
import { pacedPortal } from './pacer.js';

export type ProgressPart = 'headers' | SyncPart;

export interface ProgressEvent {
  part: ProgressPart;
  done: number;
  total: number;
  /** For details/xml: the outcome of the item just finished. */
  status?: SyncStatus | 'skipped' | 'error';
}

export interface DirectCommonOptions {
  portal: PortalClient;
  store: InvoiceStore;
  parse?: SyncParsers;
  parts?: SyncPart[];
  /** Portal requests per second (default 1, the community's safe pace). */
  rateLimitPerSecond?: number;
  /** Portal requests in flight at once (default 4). */
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  retryPolicy?: PortalRetryPolicy;
  now?: () => Date;
  /**
   * The run's liveness lease: `heartbeatRun` every `intervalMs` (default `RUN_HEARTBEAT_MS`) while it runs,
   * so a run whose process is killed is seen as interrupted. `schedule` replaces `setInterval` (tests);
   * it returns the function that stops it.
   */
  heartbeat?: { intervalMs?: number; schedule?: HeartbeatSchedule };
}

export type HeartbeatSchedule = (beat: () => void, intervalMs: number) => () => void;

const intervalSchedule: HeartbeatSchedule = (beat, intervalMs) => {
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};

export interface DirectSyncOptions extends DirectCommonOptions {
  taxCode: string;
  /** `YYYY-MM` or `YYYY-MM..YYYY-MM`. */
  period: string;
  directions?: InvoiceDirection[];
  families?: InvoiceFamily[];
  window?: WindowSize;
}

export type DirectResyncOptions = DirectCommonOptions &
  (
    | { keys: InvoiceKey[]; taxCode?: string; force?: boolean }
    | {
        missing: { taxCode: string; period?: string; direction?: InvoiceDirection; due?: boolean };
        limit?: number;
      }
  );

export interface DirectItemError {
  key: string;
  part: SyncPart;
  /** English message (what the store and logs keep). */
  error: string;
  /** The error itself, so a caller can show it in the user's language (`localized(language)`). */
  cause?: unknown;
}

export interface DirectSyncResult {
  runId: number;
  listed: number;
  counts: Record<SyncPart, Partial<Record<SyncStatus, number>>>;
  skipped: number;
  /** Parts whose retries ran out on passing faults: still `not_synced`, picked up by the next run. */
  retriesExhausted: number;
  /** Single-day windows the portal capped below their total: rows beyond the cap could not be listed. */
  cappedWindows: number;
  /** Slices stopped because the portal sent a cursor it had sent before. */
  repeatedCursors: number;
  errors: DirectItemError[];
  aborted: boolean;
  /**
   * How the run was recorded: `succeeded` only when no part failed, none ran out of retries and no
   * window was capped; else `incomplete` (or `cancelled` when stopped on request).
   */
  status: Extract<RunStatus, 'succeeded' | 'incomplete' | 'cancelled'>;
}

interface Context {
  operations: SyncOperations;
  call: PortalCall;
  stop(): Promise<void>;
  signal: AbortSignal;
  /** Aborts the run from inside (bad credentials). */
  abortRun(reason: unknown): void;
  fatal: { error: unknown } | null;
  store: InvoiceStore;
  runId: number;
  result: DirectSyncResult;
  onProgress: (event: ProgressEvent) => void;
  /** Portal requests in flight at once, and per second. */
  concurrency: number;
  rate: number;
}

function validate(options: DirectCommonOptions): { rate: number; concurrency: number } {
  const rate = options.rateLimitPerSecond ?? 1;
  const concurrency = options.concurrency ?? 4;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new SyncError('invalidRate', { value: String(rate) });
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
    throw new SyncError('configInvalid', {
      variable: 'concurrency',
      reason: `${concurrency} is not a whole number from 1 to 1000`,
    });
  }
  return { rate, concurrency };
}

async function open(
  options: DirectCommonOptions,
  kind: string,
  scope: Record<string, unknown>,
): Promise<Context> {
  const { rate, concurrency } = validate(options);
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const policy = createCallPolicy({
    rateLimitPerSecond: rate,
    concurrency,
    signal: controller.signal,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  });
  const run = await options.store.startRun(kind, scope);
  // Heartbeats never overlap, and a failed one is only a missed beat (the next may succeed).
  let beating = false;
  const stopHeartbeat = (options.heartbeat?.schedule ?? intervalSchedule)(() => {
    if (beating) return;
    beating = true;
    options.store
      .heartbeatRun(run.id)
      .catch(() => undefined)
      .finally(() => (beating = false));
  }, options.heartbeat?.intervalMs ?? RUN_HEARTBEAT_MS);
  let stopped = false;
  const context: Context = {
    concurrency,
    rate,
    operations: createSyncOperations({
      portal: pacedPortal(options.portal, policy.pacer),
      store: options.store,
      ...(options.parse ? { parse: options.parse } : {}),
      ...(options.now ? { now: options.now } : {}),
    }),
    call: policy.call,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      stopHeartbeat();
      options.signal?.removeEventListener('abort', onOuterAbort);
      await policy.stop();
    },
    signal: controller.signal,
    abortRun: (reason) => {
      context.fatal ??= { error: reason };
      controller.abort(reason);
    },
    fatal: null,
    store: options.store,
    runId: run.id,
    result: {
      runId: run.id,
      listed: 0,
      counts: { details: {}, xml: {} },
      skipped: 0,
      retriesExhausted: 0,
      cappedWindows: 0,
      repeatedCursors: 0,
      errors: [],
      aborted: false,
      status: 'succeeded',
    },
    onProgress: options.onProgress ?? (() => undefined),
  };
  return context;
}

function countsOf(result: DirectSyncResult): Record<string, number> {
  const counts: Record<string, number> = {
    listed: result.listed,
    skipped: result.skipped,
    retriesExhausted: result.retriesExhausted,
    cappedWindows: result.cappedWindows,
    repeatedCursors: result.repeatedCursors,
    errors: result.errors.length,
  };
  for (const part of ALL_PARTS) {
    for (const [status, count] of Object.entries(result.counts[part])) counts[`${part}.${status}`] = count;
  }
  return counts;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Parts that failed, ran out of retries or could not be listed: the run did not do all it was asked. */
function outcomeOf(result: DirectSyncResult): 'succeeded' | 'incomplete' {
  const failed = (result.counts.details.failed ?? 0) + (result.counts.xml.failed ?? 0);
  return failed > 0 || result.retriesExhausted > 0 || result.errors.length > 0 || result.cappedWindows > 0
    ? 'incomplete'
    : 'succeeded';
}

/** Ends the run in the store and turns a fatal error into the error the caller sees. */
async function close(context: Context, taxCode: string | undefined): Promise<DirectSyncResult> {
  await context.stop();
  const { result } = context;
  result.aborted = context.signal.aborted && !context.fatal;
  if (context.fatal) {
    const error = context.fatal.error;
    await context.store.finishRun(context.runId, {
      status: 'failed',
      counts: countsOf(result),
      error: messageOf(error),
    });
    if (isPortalError(error) && error.kind === 'bad_credentials') {
      throw new SyncError('credentialsRefused', { taxCode: taxCode ?? '' }, 'bad_credentials');
    }
    throw error;
  }
  result.status = result.aborted ? 'cancelled' : outcomeOf(result);
  await context.store.finishRun(context.runId, { status: result.status, counts: countsOf(result) });
  return result;
}

function isFatal(error: unknown): boolean {
  return isPortalError(error) && error.kind === 'bad_credentials';
}

/**
 * Pages through a slice with the shared listing machine (`sync/listing.ts`, the coordinator workflow's
 * too): a window the portal capped below its total is listed again in halves, down to single days; a
 * cursor that comes back stops the slice. Slices are listed in parallel, one machine each.
 */
async function listSlice(context: Context, taxCode: string, slice: ListingSlice): Promise<void> {
  let listing = startListing([slice]);
  for (let request = nextPage(listing); request !== null; request = nextPage(listing)) {
    if (context.signal.aborted) return;
    const { slice: current, state } = request;
    const page = await context.call((signal) =>
      context.operations.listHeadersPage({ taxCode, slice: current, state }, signal),
    );
    listing = onPage(listing, { rows: page.keys.length, nextState: page.nextState, total: page.total }).state;
  }
  context.result.listed += listing.listed;
  context.result.cappedWindows += listing.cappedWindows;
  context.result.repeatedCursors += listing.repeatedCursors;
}

async function listHeaders(context: Context, taxCode: string, slices: ListingSlice[]): Promise<void> {
  let done = 0;
  context.onProgress({ part: 'headers', done, total: slices.length });
  await Promise.all(
    slices.map(async (slice) => {
      try {
        await listSlice(context, taxCode, slice);
      } catch (error) {
        if (context.signal.aborted) return;
        if (isFatal(error)) return context.abortRun(error);
        throw error;
      }
      done++;
      context.onProgress({ part: 'headers', done, total: slices.length });
    }),
  );
}

async function syncParts(context: Context, items: SelectedInvoice[], force: boolean): Promise<void> {
  const totals: Record<SyncPart, number> = { details: 0, xml: 0 };
  const done: Record<SyncPart, number> = { details: 0, xml: 0 };
  const work = items.flatMap((item) => item.parts.map((part) => ({ key: item.key, part })));
  for (const { part } of work) totals[part]++;
  for (const part of ALL_PARTS)
    if (totals[part] > 0) context.onProgress({ part, done: 0, total: totals[part] });
  let finished = 0;
  const { result } = context;

  // Lanes pull from the list, as the batch workflow does: one pending promise per part (20,000 at 10k
  // invoices) held hundreds of MB of closures while the rate limit let them through one by one.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < work.length && !context.signal.aborted) await syncOne(work[next++]!);
  };
  const syncOne = async ({ key, part }: { key: SelectedInvoice['key']; part: SyncPart }): Promise<void> => {
    if (context.signal.aborted) return;
    let status: ProgressEvent['status'];
    try {
      const input = { key, ...(force ? { force } : {}) };
      const outcome = await context.call((signal) =>
        part === 'details'
          ? context.operations.syncDetails(input, signal)
          : context.operations.syncXml(input, signal),
      );
      status = outcome.skipped ? 'skipped' : outcome.status;
      if (outcome.skipped) result.skipped++;
      else result.counts[part][outcome.status] = (result.counts[part][outcome.status] ?? 0) + 1;
    } catch (error) {
      if (context.signal.aborted) return;
      if (isFatal(error)) return context.abortRun(error);
      status = 'error';
      if (isRetryable(error)) result.retriesExhausted++;
      else result.errors.push({ key: formatInvoiceKey(key), part, error: messageOf(error), cause: error });
    }
    done[part]++;
    context.onProgress({ part, done: done[part], total: totals[part], status });
    if (++finished % 25 === 0) await context.store.updateRunCounts(context.runId, countsOf(result));
  };
  // Enough lanes that parts waiting out a retry's backoff (outside the limiter) never starve it:
  // about ten seconds of requests at the rate.
  const lanes = Math.max(
    1,
    Math.min(work.length, Math.max(context.concurrency * 2, Math.ceil(context.rate * 10)), 2_000),
  );
  await Promise.all(Array.from({ length: lanes }, lane));
}

/** Lists the headers of a period, then syncs details and XML of every invoice that still needs them. */
export async function runDirectSync(options: DirectSyncOptions): Promise<DirectSyncResult> {
  const parts = normaliseParts(options.parts ?? [...ALL_PARTS]);
  const directions = options.directions ?? [...ALL_DIRECTIONS];
  let slices: ListingSlice[];
  try {
    slices = planListing({
      period: options.period,
      directions,
      ...(options.families ? { families: options.families } : {}),
      ...(options.window ? { window: options.window } : {}),
    });
  } catch (error) {
    if (error instanceof PeriodError) throw new SyncError('invalidPeriod', { period: options.period });
    throw error;
  }
  const context = await open(options, 'sync', {
    taxCode: options.taxCode,
    period: options.period,
    directions,
    parts,
  });
  try {
    await listHeaders(context, options.taxCode, slices);
    const items: SelectedInvoice[] = [];
    for (const direction of directions) {
      if (context.signal.aborted) break;
      items.push(
        ...(await context.operations.selectInvoices({
          taxCode: options.taxCode,
          direction,
          period: options.period,
          parts,
          mode: 'missing',
        })),
      );
    }
    if (!context.signal.aborted) await syncParts(context, items, false);
  } catch (error) {
    context.abortRun(error);
  }
  return close(context, options.taxCode);
}

/** Re-syncs chosen invoices (forced by default), or those of a tax code still missing parts. */
export async function runDirectResync(options: DirectResyncOptions): Promise<DirectSyncResult> {
  const parts = normaliseParts(options.parts ?? [...ALL_PARTS]);
  const scope: Record<string, unknown> =
    'keys' in options
      ? { keys: uniqueKeys(options.keys).map(formatInvoiceKey), parts }
      : { ...options.missing, parts };
  const context = await open(options, 'resync', scope);
  try {
    let items: SelectedInvoice[];
    let force = false;
    if ('keys' in options) {
      items = uniqueKeys(options.keys).map((key) => ({ key, parts }));
      force = options.force ?? true;
    } else {
      const { taxCode, period, direction, due } = options.missing;
      items = await context.operations.selectInvoices({
        taxCode,
        ...(period ? { period } : {}),
        ...(direction ? { direction } : {}),
        parts,
        mode: due ? 'due' : 'missing',
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
      });
    }
    context.result.listed = items.length;
    await syncParts(context, items, force);
  } catch (error) {
    context.abortRun(error);
  }
  return close(context, 'keys' in options ? options.taxCode : options.missing.taxCode);
}
