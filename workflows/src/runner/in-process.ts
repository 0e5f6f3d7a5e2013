/**
 * The in-process runner: `runDirectSync` / `runDirectResync` in this process, with the same retry
 * schedule and rate limit the Temporal activities get. No server needed (offline use, `--direct`).
 */
import type { SyncParsers } from '../activities/parsers.js';
import {
  runDirectResync,
  runDirectSync,
  type DirectCommonOptions,
  type DirectSyncResult,
} from '../direct/run-direct.js';
import type { PortalClient } from '../portal/types.js';
import type { InvoiceStore } from '../store/types.js';
import type { PortalRetryPolicy } from '../sync/retry-policy.js';
import {
  emptyReport,
  type ResyncRequest,
  type RunObserver,
  type RunReport,
  type SyncPeriodRequest,
  type SyncRunner,
} from './types.js';

export interface InProcessRunnerOptions {
  portal: PortalClient;
  store: InvoiceStore;
  /** Portal requests per second. */
  rate: number;
  /** Portal requests in flight at once. */
  concurrency: number;
  signal?: AbortSignal;
  parse?: SyncParsers;
  retryPolicy?: PortalRetryPolicy;
  now?: () => Date;
}

/** The store, with `startRun` reporting the new run's id to the observer. */
function announcingStore(store: InvoiceStore, observer: RunObserver | undefined): InvoiceStore {
  if (!observer?.onStarted) return store;
  const onStarted = observer.onStarted.bind(observer);
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'startRun') {
        return async (...args: Parameters<InvoiceStore['startRun']>) => {
          const run = await target.startRun(...args);
          onStarted({ mode: 'in-process', runId: run.id });
          return run;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function reportOf(result: DirectSyncResult): RunReport {
  return {
    ...emptyReport('in-process'),
    listed: result.listed,
    counts: { details: { ...result.counts.details }, xml: { ...result.counts.xml } },
    skipped: result.skipped,
    retriesExhausted: result.retriesExhausted,
    cappedWindows: result.cappedWindows,
    errors: result.errors.map((error) => ({
      key: error.key,
      part: error.part,
      message: error.error,
      ...(error.cause !== undefined ? { cause: error.cause } : {}),
    })),
    errorCount: result.errors.length,
    aborted: result.aborted,
    runId: result.runId,
  };
}

export function createInProcessRunner(options: InProcessRunnerOptions): SyncRunner {
  const common = (observer: RunObserver | undefined): DirectCommonOptions => ({
    portal: options.portal,
    store: announcingStore(options.store, observer),
    rateLimitPerSecond: options.rate,
    concurrency: options.concurrency,
    ...(observer?.onProgress ? { onProgress: observer.onProgress.bind(observer) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.parse ? { parse: options.parse } : {}),
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    mode: 'in-process',
    description: 'in-process',
    temporal: null,
    async syncPeriod(request: SyncPeriodRequest, observer?: RunObserver): Promise<RunReport> {
      const result = await runDirectSync({
        ...common(observer),
        taxCode: request.taxCode,
        period: request.period,
        directions: request.directions,
        parts: request.parts,
      });
      return reportOf(result);
    },
    async resync(request: ResyncRequest, observer?: RunObserver): Promise<RunReport> {
      const base = { ...common(observer), parts: request.parts };
      const result =
        request.keys !== undefined
          ? await runDirectResync({
              ...base,
              keys: request.keys,
              taxCode: request.taxCode,
              force: request.force,
            })
          : await runDirectResync({
              ...base,
              missing: {
                taxCode: request.taxCode,
                ...(request.missing?.period ? { period: request.missing.period } : {}),
                ...(request.missing?.direction ? { direction: request.missing.direction } : {}),
                ...(request.missing?.due ? { due: true } : {}),
              },
              ...(request.missing?.limit !== undefined ? { limit: request.missing.limit } : {}),
            });
      return reportOf(result);
    },
    async close() {},
  };
}
