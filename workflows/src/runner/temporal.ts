/**
 * The Temporal runner: starts (or joins) the sync workflows through `SyncClient` and follows them with
 * the `getProgress` query until they finish. Stopped by the signal, it stops waiting and the workflows
 * go on running on the server (`detached`). Optionally runs a worker in this process (the demo).
 */
import type { SyncClient } from '../client/sync-client.js';
import type { SyncPart, SyncStatus } from '../store/types.js';
import { ALL_PARTS } from '../sync/batch.js';
import type { SyncProgress } from '../workflows/definitions.js';
import { reasonOf, WorkflowRunError } from './errors.js';
import {
  emptyReport,
  type ProgressEvent,
  type ResyncRequest,
  type RunObserver,
  type RunReport,
  type StartedWorkflow,
  type SyncPeriodRequest,
  type SyncRunner,
  type TemporalPlace,
} from './types.js';
import { workflowUiLink } from './ui-links.js';

/** Starts a worker in this process; resolves once it polls, to a function that stops it. */
export type StartWorker = () => Promise<() => Promise<void>>;

export interface TemporalRunnerOptions {
  sync: SyncClient;
  /** The server's address, for the user (`host:port`). */
  address: string;
  namespace: string;
  /** The Temporal UI's base URL; links to the workflows are given when set. */
  uiUrl?: string | null;
  /** Stops waiting (the workflows go on). */
  signal?: AbortSignal;
  /** A worker in this process, started before the first run and stopped by `close()`. */
  worker?: StartWorker;
  /** How often to ask the workflows for their progress (default 1 s). */
  pollMs?: number;
}

/** Resolves after `ms`, or as soon as `signal` aborts or `settled` settles. */
function pause(ms: number, signal: AbortSignal | undefined, settled?: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    settled?.then(done, done);
  });
}

function addCounts(
  into: Record<SyncPart, Partial<Record<SyncStatus, number>>>,
  from: SyncProgress['counts'],
): void {
  for (const part of ALL_PARTS) {
    for (const [status, count] of Object.entries(from[part]) as [SyncStatus, number][]) {
      into[part][status] = (into[part][status] ?? 0) + count;
    }
  }
}

/** One report from the progress of every workflow of a run. */
export function reportFromProgress(progress: SyncProgress[], workflows: StartedWorkflow[]): RunReport {
  const report = { ...emptyReport('temporal'), workflows };
  for (const current of progress) {
    report.listed += current.listed;
    addCounts(report.counts, current.counts);
    report.skipped += current.skipped;
    report.retriesExhausted += current.retriesExhausted;
    report.cappedWindows += current.cappedWindows;
    report.errorCount += current.errors;
  }
  return report;
}

function partDone(progress: SyncProgress, part: SyncPart): number {
  let done = 0;
  for (const count of Object.values(progress.counts[part])) done += count ?? 0;
  return done;
}

/** Progress events (as the in-process runner emits them) from the workflows' progress. */
export function progressEvents(progress: SyncProgress[]): ProgressEvent[] {
  const events: ProgressEvent[] = [];
  let slicesDone = 0;
  let slicesTotal = 0;
  let listed = 0;
  const done: Record<SyncPart, number> = { details: 0, xml: 0 };
  for (const current of progress) {
    slicesDone += current.slicesDone;
    slicesTotal += current.slicesTotal;
    listed += Math.max(current.listed, current.outstanding);
    for (const part of ALL_PARTS) done[part] += partDone(current, part);
  }
  if (slicesTotal > 0) events.push({ part: 'headers', done: slicesDone, total: slicesTotal });
  for (const part of ALL_PARTS) {
    if (listed > 0 || done[part] > 0)
      events.push({ part, done: done[part], total: Math.max(listed, done[part]) });
  }
  return events;
}

export function createTemporalRunner(options: TemporalRunnerOptions): SyncRunner {
  const { sync, signal } = options;
  const pollMs = options.pollMs ?? 1000;
  const uiUrl = options.uiUrl ?? null;
  const place: TemporalPlace = { address: options.address, namespace: options.namespace, uiUrl };
  let worker: Promise<() => Promise<void>> | null = null;

  const ensureWorker = async (): Promise<void> => {
    if (!options.worker) return;
    worker ??= options.worker();
    await worker;
  };

  const started = (workflowId: string, runId: string): StartedWorkflow => ({
    workflowId,
    runId,
    uiUrl: uiUrl ? workflowUiLink(uiUrl, options.namespace, workflowId, runId) : null,
  });

  /** Follows the workflows until they finish (or the signal stops the wait). */
  async function follow(workflows: StartedWorkflow[], observer: RunObserver | undefined): Promise<RunReport> {
    let settled = false;
    const results = Promise.all(
      workflows.map((workflow) =>
        sync.result(workflow.workflowId).catch((error: unknown) => {
          throw new WorkflowRunError(workflow.workflowId, reasonOf(error));
        }),
      ),
    ).finally(() => {
      settled = true;
    });
    results.catch(() => undefined);
    const last = new Map<string, SyncProgress>();
    while (!settled && !signal?.aborted) {
      await Promise.all(
        workflows.map(async (workflow) => {
          // A query waits for a worker; never let it hold up the end of the run or the signal.
          const answer = await Promise.race([
            sync.getProgress(workflow.workflowId).catch(() => null),
            pause(Math.max(5 * pollMs, 5000), signal, results).then(() => null),
          ]);
          if (answer) last.set(workflow.workflowId, answer);
        }),
      );
      if (observer?.onProgress && last.size > 0) {
        for (const event of progressEvents([...last.values()])) observer.onProgress(event);
      }
      if (settled || signal?.aborted) break;
      await pause(pollMs, signal, results);
    }
    if (!settled) {
      // Stopped waiting: what the workflows had done when last asked; they go on on the server.
      const report = reportFromProgress([...last.values()], workflows);
      return { ...report, aborted: true, detached: true };
    }
    const finals = await results;
    if (observer?.onProgress) for (const event of progressEvents(finals)) observer.onProgress(event);
    return reportFromProgress(finals, workflows);
  }

  return {
    mode: 'temporal',
    description: `Temporal at ${options.address}, namespace ${options.namespace}${uiUrl ? ` (UI ${uiUrl})` : ''}`,
    temporal: place,

    async syncPeriod(request: SyncPeriodRequest, observer?: RunObserver): Promise<RunReport> {
      await ensureWorker();
      const workflows: StartedWorkflow[] = [];
      for (const direction of request.directions) {
        const run = await sync.startPeriodSync({
          taxCode: request.taxCode,
          direction,
          period: request.period,
          parts: request.parts,
        });
        workflows.push(started(run.workflowId, run.runId));
      }
      observer?.onStarted?.({ mode: 'temporal', workflows });
      return follow(workflows, observer);
    },

    async resync(request: ResyncRequest, observer?: RunObserver): Promise<RunReport> {
      await ensureWorker();
      const run = await sync.resync({
        taxCode: request.taxCode,
        parts: request.parts,
        force: request.force,
        ...(request.keys !== undefined ? { keys: request.keys } : {}),
        ...(request.missing !== undefined ? { missing: request.missing } : {}),
      });
      const workflows = [started(run.workflowId, run.runId)];
      const added = { ...run.added };
      observer?.onStarted?.({ mode: 'temporal', workflows, added });
      // Nothing of this request is in the workflow (no invoice selected, or none in the store).
      if (added.accepted + added.joined === 0) return { ...emptyReport('temporal'), workflows, added };
      const report = await follow(workflows, observer);
      return { ...report, added };
    },

    async close() {
      if (!worker) return;
      const stop = await worker.catch(() => null);
      worker = null;
      await stop?.();
    },
  };
}
