/**
 * `status`: the recent sync runs from the store (`sync_runs`) with their progress counts, and on
 * Temporal also the workflows from visibility: status, start time, the progress query of the running
 * ones, the `OutstandingCount` search attribute and a link to each run in the Temporal UI.
 * `--watch` redraws until Ctrl-C; the store is opened for each refresh only, so a watch never holds an
 * embedded store's folder between refreshes. While another process holds that folder (a sync running),
 * the runs come from the snapshot that process publishes in it (`store/run-snapshot.ts`).
 */
import type { SyncRunSummary } from '../../client/sync-client.js';
import { workflowUiLink } from '../../runner/index.js';
import { RUN_STATUSES, type RunStatus, type SyncRun } from '../../store/types.js';
import type { SyncKind } from '../../temporal-config.js';
import type { SyncProgress } from '../../workflows/definitions.js';
import { StoreError } from '../../store/messages.js';
import { readRunSnapshot } from '../../store/open-store.js';
import {
  connectTemporal,
  openCliStore,
  storeLabel,
  useTemporal,
  type CliContext,
  type ConnectedTemporal,
} from '../config.js';
import { CliError, describeError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';
import { formatTime, runsTable, workflowsTable, type WorkflowRow } from '../tables.js';

export interface StatusFlags {
  limit?: number;
  kind?: string;
  status?: string;
  json?: boolean;
  watch?: boolean;
  /** Seconds between redraws with `--watch`. */
  interval?: number;
}

/** The store's run kinds, as the workflows' `SyncKind` search attribute names them. */
const KIND_OF: Record<string, SyncKind> = {
  sync: 'period',
  period: 'period',
  resync: 'resync',
  recheck: 'recheck',
};

/** The store's run statuses, as visibility's `ExecutionStatus` values. */
const EXECUTION_STATUSES: Record<RunStatus, string[]> = {
  running: ['Running'],
  succeeded: ['Completed'],
  incomplete: ['Completed'],
  failed: ['Failed', 'TimedOut'],
  cancelled: ['Canceled', 'Terminated'],
  interrupted: ['Terminated', 'TimedOut'],
};

/** How long a progress query may take (it needs a worker; a workflow without one never answers). */
const QUERY_TIMEOUT_MS = 3_000;

interface Snapshot {
  store: string;
  runs: SyncRun[];
  /** Null when not on Temporal. */
  workflows: (WorkflowRow & { progress: SyncProgress | null })[] | null;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([work.catch(() => null), timeout]).finally(() => clearTimeout(timer));
}

async function workflowsOf(
  temporal: ConnectedTemporal,
  flags: StatusFlags,
  statuses: RunStatus[] | undefined,
): Promise<NonNullable<Snapshot['workflows']>> {
  const limit = flags.limit ?? 20;
  const kind = flags.kind ? (KIND_OF[flags.kind] ?? (flags.kind as SyncKind)) : undefined;
  const wanted = statuses
    ? [...new Set(statuses.flatMap((status) => EXECUTION_STATUSES[status]))]
    : [undefined];
  const byRun = new Map<string, SyncRunSummary>();
  for (const status of wanted) {
    const runs = await temporal.sync.listRuns({
      limit,
      ...(kind ? { kind } : {}),
      ...(status ? { status } : {}),
    });
    for (const run of runs) byRun.set(run.runId, run);
  }
  const runs = [...byRun.values()]
    .sort((a, b) => b.startTime.getTime() - a.startTime.getTime())
    .slice(0, limit);
  const namespace = temporal.settings.namespace;
  return Promise.all(
    runs.map(async (run) => ({
      ...run,
      progress:
        run.status === 'RUNNING'
          ? await withTimeout(temporal.sync.getProgress(run.workflowId, run.runId), QUERY_TIMEOUT_MS)
          : null,
      uiUrl: workflowUiLink(temporal.uiUrl, namespace, run.workflowId, run.runId),
    })),
  );
}

/** How long one look at Temporal may take before the server counts as unreachable. */
const TEMPORAL_DEADLINE_MS = 15_000;

/** The workflows, given up on Ctrl-C (null) or after the deadline (unreachable, exit 3). */
async function workflowsWithin(
  context: CliContext,
  temporal: ConnectedTemporal,
  flags: StatusFlags,
  statuses: RunStatus[] | undefined,
): Promise<NonNullable<Snapshot['workflows']> | null> {
  const deadline = AbortSignal.timeout(TEMPORAL_DEADLINE_MS);
  const signal = context.io.signal ? AbortSignal.any([context.io.signal, deadline]) : deadline;
  try {
    return await temporal.sync.client.connection.withAbortSignal(signal, () =>
      workflowsOf(temporal, flags, statuses),
    );
  } catch (error) {
    if (context.io.signal?.aborted) return null;
    throw new CliError(
      'temporalUnreachable',
      {
        address: temporal.settings.address,
        reason: deadline.aborted ? `no answer within ${TEMPORAL_DEADLINE_MS / 1000} s` : messageOf(error),
      },
      EXIT.unreachable,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The runs from a PGlite folder another process holds (a sync running): the snapshot that process
 * publishes; null when the error is not that, or no snapshot of the holder is there yet.
 */
function liveRuns(
  context: CliContext,
  error: unknown,
  flags: StatusFlags,
  statuses: RunStatus[] | undefined,
): { store: string; runs: SyncRun[] } | null {
  const cause = error instanceof CliError ? error.cause : undefined;
  if (!(cause instanceof StoreError) || cause.messageKey !== 'store.inUse') return null;
  const pid = Number(cause.params['pid']);
  const snapshot = Number.isInteger(pid) ? readRunSnapshot(String(cause.params['dir']), pid) : null;
  if (!snapshot) return null;
  // What `listRuns` would have selected, from the newest runs the holder published.
  const runs = snapshot.runs
    .filter((run) => flags.kind === undefined || run.kind === flags.kind)
    .filter((run) => statuses === undefined || statuses.includes(run.status))
    .slice(0, flags.limit ?? 20);
  const store = context.t('liveSnapshot', {
    store: storeLabel(context),
    pid,
    time: formatTime(snapshot.writtenAt, context.language),
  });
  return { store, runs };
}

async function storeRuns(
  context: CliContext,
  flags: StatusFlags,
  statuses: RunStatus[] | undefined,
): Promise<{ store: string; runs: SyncRun[] }> {
  let opened;
  try {
    opened = await openCliStore(context, { brief: true });
  } catch (error) {
    const live = liveRuns(context, error, flags, statuses);
    if (live) return live;
    throw error;
  }
  try {
    const runs = await opened.store.listRuns({
      limit: flags.limit ?? 20,
      ...(flags.kind ? { kind: flags.kind } : {}),
      ...(statuses ? { status: statuses } : {}),
    });
    return { store: opened.label, runs };
  } finally {
    await opened.close();
  }
}

async function snapshotOf(
  context: CliContext,
  flags: StatusFlags,
  statuses: RunStatus[] | undefined,
  temporal: ConnectedTemporal | null,
): Promise<Snapshot> {
  const { store, runs } = await storeRuns(context, flags, statuses);
  return {
    store,
    runs,
    workflows: temporal ? await workflowsWithin(context, temporal, flags, statuses) : null,
  };
}

function print(context: CliContext, snapshot: Snapshot, flags: StatusFlags): void {
  const { io, t } = context;
  const now = (io.now ?? Date.now)();
  if (flags.json) {
    // In-process: the runs array, as always; on Temporal the workflows beside them.
    const value = snapshot.workflows ? { runs: snapshot.runs, workflows: snapshot.workflows } : snapshot.runs;
    io.out(flags.watch ? JSON.stringify(value) : JSON.stringify(value, null, 2));
    return;
  }
  if (snapshot.runs.length === 0) io.out(t('noRuns', { store: snapshot.store }));
  else {
    io.out(t('runsHeading', { store: snapshot.store }));
    io.out(runsTable(t, context.language, snapshot.runs, now));
  }
  if (!snapshot.workflows) return;
  if (snapshot.workflows.length === 0) {
    io.out(t('noWorkflows'));
    return;
  }
  io.out(t('workflowsHeading'));
  io.out(workflowsTable(t, context.language, snapshot.workflows));
  io.out(t('workflowLinksHeading'));
  for (const workflow of snapshot.workflows) io.out(`  ${workflow.workflowId}  ${workflow.uiUrl}`);
}

/** Resolves after `ms` or as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function statusCommand(context: CliContext, flags: StatusFlags): Promise<ExitCode> {
  const { io, t } = context;
  const statuses = flags.status?.split(',').map((status) => status.trim()) as RunStatus[] | undefined;
  const unknown = statuses?.find((status) => !(RUN_STATUSES as readonly string[]).includes(status));
  if (unknown !== undefined) {
    throw new CliError('badOption', {
      option: '--status',
      value: flags.status ?? '',
      expected: RUN_STATUSES.join(', '),
    });
  }
  if (flags.interval !== undefined && !flags.watch) {
    throw new CliError('intervalWithoutWatch', {});
  }
  const temporal = useTemporal(context) ? await connectTemporal(context) : null;
  try {
    if (!flags.watch) {
      const snapshot = await snapshotOf(context, flags, statuses, temporal);
      if (!io.signal?.aborted) print(context, snapshot, flags);
      return EXIT.ok;
    }
    const signal = io.signal ?? new AbortController().signal;
    const seconds = flags.interval ?? 2;
    while (!signal.aborted) {
      let snapshot: Snapshot;
      try {
        snapshot = await snapshotOf(context, flags, statuses, temporal);
      } catch (error) {
        // A watch outlives a server restart or a store busy for a moment: one line, then the next try.
        if (!(error instanceof CliError)) throw error;
        io.err(describeError(error, context.language).message);
        await pause(seconds * 1000, signal);
        continue;
      }
      if (signal.aborted) break;
      // A terminal is cleared and redrawn; a log gets one block per refresh.
      if (io.isTTY && !flags.json) io.out('\x1b[2J\x1b[H');
      if (!flags.json) {
        const time = formatTime(new Date((io.now ?? Date.now)()), context.language);
        io.out(t('watchHeading', { time, seconds }));
      }
      print(context, snapshot, flags);
      await pause(seconds * 1000, signal);
    }
    return EXIT.ok;
  } finally {
    await temporal?.close();
  }
}
