/**
 * The Temporal mode of `sync.bench.ts`: a dev server started for the bench, the sync's workers as child
 * processes (`worker.ts`), the simulator in the bench process (it counts real requests and faults), the
 * store on PostgreSQL when DATABASE_URL is set (a schema per run) or else PGlite opened by the single
 * worker only. Per run: wall time against the ideal at the portal's rate, activity executions on the
 * portal task queue per real portal request, lost invoices and duplicate rows, the largest payload and
 * the longest history of every workflow run, and each worker's peak RSS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import pg from 'pg';
import { SyncClient, emptyProgress, type SyncPeriodInput, type SyncProgress } from '#workflows/client';
import {
  ensureSearchAttributes,
  findTemporalCli,
  freePort,
  searchAttributeArgs,
  temporalAnswers,
} from '#workflows/devserver';
import type { InvoiceDirection } from '#workflows/portal';
import { startSimulator, type SimulatorStats } from '#workflows/simulator';
import { openStore, openPgDriver, openPgliteDriver } from '#workflows/store';
import { recheckScheduleId, planListing, type ListingSlice } from '#workflows/sync';
import { WORKFLOWS_PATH } from '#workflows/worker';
import { checkStore } from '../sync-check.js';
import { shippedNodeSettings } from '../shipped-node-settings.js';
import type { WorkerConfig, WorkerStats } from './worker.js';

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** The portal's endpoints that carry invoice data (login, captcha and profile are not sync work). */
const DATA_ENDPOINTS = ['list', 'detail', 'export-xml', 'relative'];
/** `syncPeriodWorkflow`'s default (`DEFAULT_MAX_PAGES_PER_RUN` in workflows/src/workflows/sync-period.ts). */
export const MAX_PAGES_PER_RUN = 200;
const DIRECTIONS: InvoiceDirection[] = ['purchase', 'sold'];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

// ------------------------------------------------------------------------------------------ dev server

export interface BenchDevServer {
  address: string;
  namespaces: string[];
  stop(): Promise<void>;
}

/** `temporal server start-dev --headless` on a free port, in-memory SQLite, the sync's search attributes. */
export async function startBenchDevServer(namespaces: string[]): Promise<BenchDevServer> {
  const cli = findTemporalCli();
  if (!cli)
    throw new Error('Temporal CLI not found: run `npm run temporal:install` (or set TEMPORAL_CLI_PATH)');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const args = [
    'server',
    'start-dev',
    '--headless',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--log-level',
    'error',
    ...namespaces.flatMap((namespace) => ['--namespace', namespace]),
    ...searchAttributeArgs(),
  ];
  log(`dev server: ${cli} ${args.join(' ')}`);
  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const deadline = Date.now() + 60_000;
  while (!(await temporalAnswers(address, 2_000))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the dev server did not start: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  for (const namespace of namespaces) await ensureSearchAttributes(address, namespace);
  return {
    address,
    namespaces,
    stop: async () => {
      process.removeListener('exit', kill);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The workflow bundle, built once in the bench process (a bundle per worker would be part of its RSS). */
export async function writeWorkflowBundle(dir: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, code);
  return path;
}

// --------------------------------------------------------------------------------------------- workers

interface RunningWorker {
  child: ChildProcess;
  ready: Promise<void>;
  stats: Promise<WorkerStats>;
  /** Largest VmHWM read from /proc while it ran, in MB. */
  peakMb(): number;
  stop(): void;
}

function readHwmMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

function startWorker(config: WorkerConfig, nodeFlags: string[]): RunningWorker {
  // By default the settings `npm run worker` ships (package.json); BENCH_WORKER_NODE_OPTIONS replaces its
  // Node flags to try others (e.g. `--max-old-space-size=256`).
  const shipped = shippedNodeSettings('worker');
  const extra =
    process.env['BENCH_WORKER_NODE_OPTIONS'] === undefined
      ? shipped.nodeFlags
      : process.env['BENCH_WORKER_NODE_OPTIONS'].split(' ').filter(Boolean);
  const args = [
    '--expose-gc',
    ...nodeFlags,
    ...extra,
    '--import',
    'tsx',
    WORKER_SCRIPT,
    JSON.stringify(config),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...shipped.env, ...process.env },
  });
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, readHwmMb(child.pid));
  }, 1_000);
  sampler.unref();
  let readyResolve!: () => void;
  let readyReject!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  const stats = new Promise<WorkerStats>((resolve, reject) => {
    let received: WorkerStats | null = null;
    child.on('message', (message: { type: string; message?: string } & WorkerStats) => {
      if (message.type === 'ready') readyResolve();
      else if (message.type === 'stats') received = message;
      else if (message.type === 'error') {
        const error = new Error(`worker ${config.index} failed: ${message.message}`);
        readyReject(error);
        reject(error);
      }
    });
    child.on('exit', (code) => {
      clearInterval(sampler);
      const error = new Error(`worker ${config.index} exited with ${code} before it was ready`);
      readyReject(error);
      if (received) resolve(received);
      else reject(new Error(`worker ${config.index} exited with ${code} without its figures`));
    });
  });
  stats.catch(() => undefined);
  return {
    child,
    ready,
    stats,
    peakMb: () => {
      if (child.pid && child.exitCode === null) peak = Math.max(peak, readHwmMb(child.pid));
      return peak;
    },
    stop: () => {
      if (child.connected) child.send({ type: 'stop' });
    },
  };
}

// ------------------------------------------------------------------------------------------- histories

interface PayloadLike {
  metadata?: Record<string, Uint8Array> | null;
  data?: Uint8Array | null;
}

function isPayload(value: unknown): value is PayloadLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    (value as PayloadLike).data instanceof Uint8Array &&
    'metadata' in value
  );
}

/** Bytes of a payload as it travels: its data plus its metadata keys and values. */
function payloadBytes(payload: PayloadLike): number {
  let bytes = payload.data?.byteLength ?? 0;
  for (const [key, value] of Object.entries(payload.metadata ?? {})) bytes += key.length + value.byteLength;
  return bytes;
}

function forEachPayload(
  value: unknown,
  path: string,
  visit: (payload: PayloadLike, path: string) => void,
): void {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return;
  if (isPayload(value)) return visit(value, path);
  if (Array.isArray(value)) {
    for (const item of value) forEachPayload(item, path, visit);
    return;
  }
  // Long values (event ids) and other leaves have no payloads below them.
  if ('low' in value && 'high' in value) return;
  for (const [key, child] of Object.entries(value)) {
    if (child !== null && child !== undefined) forEachPayload(child, path ? `${path}.${key}` : key, visit);
  }
}

function decodeJson(payload: PayloadLike | undefined): unknown {
  if (!payload?.data) return undefined;
  try {
    return JSON.parse(Buffer.from(payload.data).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The first key of an event that holds its attributes (`...EventAttributes`), for labels. */
function eventKind(event: Record<string, unknown>): string {
  const key = Object.keys(event).find((name) => name.endsWith('EventAttributes') && event[name]);
  return key ? key.replace(/EventAttributes$/, '') : 'event';
}

export interface RunHistory {
  workflowId: string;
  type: string;
  events: number;
  maxPayloadBytes: number;
  maxPayloadAt: string;
  /** Activity executions on the portal queue, from the final attempt of each activity. */
  portalAttempts: number;
  /** Coordinators: list pages asked for in this run. */
  pages: number;
  /** Coordinators: pages per slice, and the longest cursor seen. */
  pagesBySlice: Map<string, number>;
  maxCursorLength: number;
  input: unknown;
  /** Coordinators: `listed` of the result (the last run of a chain) or of the continue-as-new input. */
  listed: number;
  continuedAsNew: boolean;
}

function asNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(String(value));
}

async function historyOf(
  client: Client,
  workflowId: string,
  runId: string,
  type: string,
  portalQueue: string,
): Promise<RunHistory> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = (history.events ?? []) as Record<string, unknown>[];
  const run: RunHistory = {
    workflowId,
    type,
    events: events.length,
    maxPayloadBytes: 0,
    maxPayloadAt: '',
    portalAttempts: 0,
    pages: 0,
    pagesBySlice: new Map(),
    maxCursorLength: 0,
    input: undefined,
    listed: 0,
    continuedAsNew: false,
  };
  const portalScheduled = new Set<number>();
  for (const event of events) {
    const kind = eventKind(event);
    forEachPayload(event, '', (payload) => {
      const bytes = payloadBytes(payload);
      if (bytes > run.maxPayloadBytes) {
        run.maxPayloadBytes = bytes;
        run.maxPayloadAt = `${type} ${kind}`;
      }
    });
    const started = event['workflowExecutionStartedEventAttributes'] as
      { input?: { payloads?: PayloadLike[] } } | undefined;
    if (started) run.input = decodeJson(started.input?.payloads?.[0]);
    const completed = event['workflowExecutionCompletedEventAttributes'] as
      { result?: { payloads?: PayloadLike[] } } | undefined;
    if (completed)
      run.listed = (decodeJson(completed.result?.payloads?.[0]) as SyncProgress | undefined)?.listed ?? 0;
    const continued = event['workflowExecutionContinuedAsNewEventAttributes'] as
      { input?: { payloads?: PayloadLike[] } } | undefined;
    if (continued) {
      run.continuedAsNew = true;
      run.listed =
        (decodeJson(continued.input?.payloads?.[0]) as SyncPeriodInput | undefined)?.resume?.progress
          .listed ?? 0;
    }
    const scheduled = event['activityTaskScheduledEventAttributes'] as
      | {
          activityType?: { name?: string };
          taskQueue?: { name?: string };
          input?: { payloads?: PayloadLike[] };
        }
      | undefined;
    if (scheduled) {
      if (scheduled.taskQueue?.name === portalQueue) portalScheduled.add(asNumber(event['eventId']));
      if (scheduled.activityType?.name === 'listHeadersPage') {
        run.pages++;
        const input = decodeJson(scheduled.input?.payloads?.[0]) as {
          slice?: ListingSlice;
          state?: string | null;
        };
        const slice = JSON.stringify(input?.slice ?? null);
        run.pagesBySlice.set(slice, (run.pagesBySlice.get(slice) ?? 0) + 1);
        run.maxCursorLength = Math.max(run.maxCursorLength, input?.state?.length ?? 0);
      }
    }
    const activityStarted = event['activityTaskStartedEventAttributes'] as
      { scheduledEventId?: unknown; attempt?: number } | undefined;
    if (activityStarted && portalScheduled.has(asNumber(activityStarted.scheduledEventId))) {
      run.portalAttempts += activityStarted.attempt ?? 1;
    }
  }
  return run;
}

// ------------------------------------------------------------------------------------------------- run

export interface TemporalRunOptions {
  server: BenchDevServer;
  namespace: string;
  bundlePath: string;
  workers: number;
  invoices: number;
  period: string;
  rate: number;
  faultRate: number;
  portalConcurrency: number;
  databaseUrl: string;
  /** PGlite only: the worker's node flags (as in-process). */
  pglite?: { nodeFlags: string[] };
}

export interface TemporalRun {
  workers: number;
  invoices: number;
  listed: number;
  wallMs: number;
  idealMs: number;
  acceptedCalls: number;
  dataRequests: number;
  rateLimited: number;
  faults: number;
  portalExecutions: number;
  portalExecutionsFromHistory: number;
  storeExecutions: number;
  lost: number;
  duplicates: number;
  workerPeakRssMb: number[];
  workerMemory: Pick<WorkerStats, 'index' | 'atPeak' | 'liveHeapMb'>[];
  runs: RunHistory[];
  simulator: SimulatorStats;
  retriesExhausted: number;
  errors: number;
}

async function waitForSyncs(
  sync: SyncClient,
  workflowIds: string[],
  simulator: { stats(): SimulatorStats },
  startedAt: number,
  expectedCalls: number,
): Promise<SyncProgress[]> {
  let done = false;
  const results = Promise.all(workflowIds.map((id) => sync.result(id))).finally(() => (done = true));
  results.catch(() => undefined);
  const timer = setInterval(() => {
    void (async () => {
      const progress = await Promise.all(
        workflowIds.map((id) => sync.getProgress(id).catch(() => emptyProgress())),
      );
      const sum = (pick: (p: SyncProgress) => number) => progress.reduce((total, p) => total + pick(p), 0);
      const parts = (part: 'details' | 'xml') =>
        sum((p) => Object.values(p.counts[part]).reduce((total, n) => total + (n ?? 0), 0));
      const stats = simulator.stats();
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(0);
      if (!done)
        log(
          `  [${seconds} s] listed ${sum((p) => p.listed)}, details ${parts('details')}, xml ${parts('xml')}, ` +
            `batches ${sum((p) => p.batchesDone)}/${sum((p) => p.batchesStarted)}, portal requests ` +
            `${stats.requests - stats.rejectedByRateLimit}/~${expectedCalls}`,
        );
    })();
  }, 10_000);
  try {
    return await results;
  } finally {
    clearInterval(timer);
  }
}

/** One sync of a month of `invoices` on Temporal with `workers` worker processes. */
export async function measureTemporal(options: TemporalRunOptions): Promise<TemporalRun> {
  const { workers: workerCount, invoices } = options;
  log(
    `temporal: ${invoices} invoices, ${workerCount} worker${workerCount > 1 ? 's' : ''}, ${options.rate} requests/s, ` +
      `${options.faultRate * 100}% transient faults, store ${options.databaseUrl ? 'PostgreSQL' : 'PGlite (in the worker)'}`,
  );
  const simulator = await startSimulator({
    seed: 'bench',
    period: options.period,
    invoiceCount: invoices,
    rateLimitPerSecond: options.rate,
    faults: { transient5xx: options.faultRate },
  });
  const tag = randomUUID().slice(0, 8);
  const taskQueues = { sync: `bench-sync-${tag}`, portal: `bench-portal-${tag}` };
  const schema = `bench_${workerCount}w_${tag}`;
  const dataDir = options.databaseUrl ? null : mkdtempSync(join(tmpdir(), 'sync-bench-temporal-'));
  const store: WorkerConfig['store'] = dataDir ? { dataDir } : { databaseUrl: options.databaseUrl, schema };
  if (!dataDir) {
    // Migrate once here, so the workers do not race each other through the migrations.
    await (await openStore({ databaseUrl: options.databaseUrl, schema })).close();
  }
  const connection = await Connection.connect({ address: options.server.address });
  const client = new Client({ connection, namespace: options.namespace });
  const sync = new SyncClient(client, { taskQueues });
  const workers: RunningWorker[] = [];
  try {
    for (let index = 0; index < workerCount; index++) {
      workers.push(
        startWorker(
          {
            index,
            address: options.server.address,
            namespace: options.namespace,
            taskQueues,
            bundlePath: options.bundlePath,
            simulator: {
              url: simulator.url,
              username: simulator.credentials.username,
              password: simulator.credentials.password,
            },
            store,
            portalRatePerSecond: options.rate,
            portalConcurrency: options.portalConcurrency,
          },
          dataDir ? (options.pglite?.nodeFlags ?? []) : [],
        ),
      );
    }
    await Promise.all(workers.map((worker) => worker.ready));
    log(
      `  ${workerCount} worker${workerCount > 1 ? 's' : ''} polling ${taskQueues.sync} and ${taskQueues.portal}`,
    );

    const expectedCalls = Math.round(invoices * 2.1);
    const startedAt = performance.now();
    const workflowIds: string[] = [];
    for (const direction of DIRECTIONS) {
      const input: SyncPeriodInput = {
        taxCode: simulator.credentials.username,
        direction,
        period: options.period,
      };
      workflowIds.push((await sync.startPeriodSync(input)).workflowId);
    }
    const finals = await waitForSyncs(sync, workflowIds, simulator, startedAt, expectedCalls);
    const wallMs = performance.now() - startedAt;
    const stats = simulator.stats();
    log(`  done in ${(wallMs / 1000).toFixed(1)} s; stopping the workers`);
    // The re-check Schedule the period sync creates would outlive the run; this bench does not measure it.
    await client.schedule
      .getHandle(recheckScheduleId(simulator.credentials.username))
      .delete()
      .catch(() => undefined);

    for (const worker of workers) worker.stop();
    const workerStats = await Promise.all(workers.map((worker) => worker.stats));
    const peaks = workers.map((worker, index) => Math.max(worker.peakMb(), workerStats[index]!.maxRssMb));

    const runs: RunHistory[] = [];
    for await (const execution of client.workflow.list({ query: `TaskQueue = '${taskQueues.sync}'` })) {
      runs.push(
        await historyOf(client, execution.workflowId, execution.runId, execution.type, taskQueues.portal),
      );
    }

    const driver = dataDir
      ? await openPgliteDriver(dataDir)
      : await openPgDriver(options.databaseUrl, schema);
    let checked: Awaited<ReturnType<typeof checkStore>>;
    try {
      checked = await checkStore(driver, simulator.invoices);
    } finally {
      await driver.close();
    }

    const executions = (queue: string) =>
      workerStats.reduce(
        (sum, worker) =>
          sum +
          worker.activities
            .filter((count) => count.taskQueue === queue)
            .reduce((total, count) => total + count.executions, 0),
        0,
      );
    const acceptedCalls = stats.requests - stats.rejectedByRateLimit;
    return {
      workers: workerCount,
      invoices,
      listed: finals.reduce((sum, progress) => sum + progress.listed, 0),
      wallMs,
      idealMs: (acceptedCalls / options.rate) * 1000,
      acceptedCalls,
      dataRequests: DATA_ENDPOINTS.reduce((sum, endpoint) => sum + (stats.byEndpoint[endpoint] ?? 0), 0),
      rateLimited: stats.rejectedByRateLimit,
      faults: Object.values(stats.faultsInjected).reduce((sum, n) => sum + n, 0),
      portalExecutions: executions(taskQueues.portal),
      portalExecutionsFromHistory: runs.reduce((sum, run) => sum + run.portalAttempts, 0),
      storeExecutions: executions(taskQueues.sync),
      lost: checked.lost,
      duplicates: checked.duplicates,
      workerPeakRssMb: peaks,
      workerMemory: workerStats.map((worker) => ({
        index: worker.index,
        atPeak: worker.atPeak,
        liveHeapMb: worker.liveHeapMb,
      })),
      runs,
      simulator: stats,
      retriesExhausted: finals.reduce((sum, progress) => sum + progress.retriesExhausted, 0),
      errors: finals.reduce((sum, progress) => sum + progress.errors, 0),
    };
  } finally {
    for (const worker of workers) {
      worker.stop();
      if (worker.child.exitCode === null) setTimeout(() => worker.child.kill('SIGKILL'), 15_000).unref();
    }
    await connection.close().catch(() => undefined);
    await simulator.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    else {
      const admin = new pg.Client({ connectionString: options.databaseUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => admin.end());
    }
  }
}

// ----------------------------------------------------------------------------------------- extrapolation

export interface Extrapolation {
  target: number;
  maxHistoryEvents: number;
  maxPayloadBytes: number;
  formulaEvents: string;
  formulaPayload: string;
  lines: string[];
}

/**
 * Events and payloads at `target` invoices in the period, from the runs measured at `invoices`:
 *  - a batch works on at most `batchSize` invoices (a page), so its events and payloads do not grow;
 *  - a coordinator run lists at most `maxPagesPerRun` pages, so its events are bounded by
 *    (events per page) x min(pages, maxPagesPerRun): more invoices make more runs, not longer ones;
 *  - its continue-as-new input holds the listing cursor: the slices of the plan and the cursors seen in
 *    the current slice, which grow with the pages of the densest slice.
 */
export function extrapolate(
  measured: { invoices: number; runs: RunHistory[]; period: string },
  target: number,
): Extrapolation {
  const scale = target / measured.invoices;
  const lines: string[] = [];
  const coordinators = measured.runs.filter((run) => run.type === 'syncPeriodWorkflow');
  const others = measured.runs.filter((run) => run.type !== 'syncPeriodWorkflow');
  const batchEvents = Math.max(0, ...others.map((run) => run.events));
  const batchPayload = Math.max(0, ...others.map((run) => run.maxPayloadBytes));
  const eventsPerPage = Math.max(
    0,
    ...coordinators.filter((run) => run.pages > 0).map((run) => run.events / run.pages),
  );
  // Pages of a direction at the target: one or more per slice, and a page per 50 rows beyond that.
  const pagesPerDirection = Math.max(0, ...coordinators.map((run) => run.pages));
  const slicesPerDirection = Math.max(0, ...coordinators.map((run) => run.pagesBySlice.size));
  const listedPerDirection = Math.max(0, ...coordinators.map((run) => run.listed));
  const pagesAtTarget = slicesPerDirection + Math.ceil((listedPerDirection * scale) / 50);
  const pagesPerRun = Math.min(MAX_PAGES_PER_RUN, pagesAtTarget);
  const coordinatorEvents = Math.ceil(eventsPerPage * pagesPerRun);
  const runsAtTarget = Math.ceil(pagesAtTarget / MAX_PAGES_PER_RUN);
  const maxHistoryEvents = Math.max(batchEvents, coordinatorEvents);
  lines.push(
    `events: coordinator ${eventsPerPage.toFixed(1)} events/page (measured, incl. its fixed events) x ` +
      `min(${MAX_PAGES_PER_RUN} pages/run, ${pagesAtTarget} pages) = ${coordinatorEvents} per run, ` +
      `${runsAtTarget} run(s) per direction at ${target} (pages = ${slicesPerDirection} slices + ${listedPerDirection} x ` +
      `${scale} rows / 50; measured ${pagesPerDirection} pages at ${measured.invoices}); ` +
      `batch <= ${batchEvents} (50 invoices each, independent of the period's size)`,
  );

  // The continue-as-new input at its largest: the coordinator's input, the plan's slices, and the
  // cursors of the densest slice (all but its last page), at the target's density.
  const coordinatorPayload = Math.max(0, ...coordinators.map((run) => run.maxPayloadBytes));
  const densest = Math.max(0, ...coordinators.flatMap((run) => [...run.pagesBySlice.values()]));
  const cursorLength = Math.max(1, ...coordinators.map((run) => run.maxCursorLength));
  const cursorsAtTarget = Math.max(0, Math.ceil(densest * scale) - 1);
  const input = (coordinators[0]?.input ?? {}) as SyncPeriodInput;
  const slices = coordinators.reduce((max, run) => Math.max(max, run.pagesBySlice.size), 0);
  const plan = planListing({ period: measured.period, directions: [input.direction ?? 'purchase'] });
  const sliceList = Array.from({ length: Math.max(slices, plan.length) }, (_, i) => plan[i % plan.length]!);
  const resume: SyncPeriodInput = {
    ...input,
    resume: {
      listing: {
        slices: sliceList,
        sliceIndex: sliceList.length - 1,
        cursor: 'c'.repeat(cursorLength),
        cursorsSeen: Array.from({ length: cursorsAtTarget }, () => 'c'.repeat(cursorLength)),
        sliceRows: cursorsAtTarget * 50,
        listed: target,
        slicesDone: sliceList.length - 1,
        cappedWindows: 0,
        repeatedCursors: 0,
      },
      batchNumber: Math.ceil(target / 50),
      progress: { ...emptyProgress('listing'), listed: target, batchesStarted: target, batchesDone: target },
    },
  };
  const continueAsNewBytes = Buffer.byteLength(JSON.stringify(resume)) + 'encodingjson/plain'.length;
  const maxPayloadBytes = Math.max(batchPayload, coordinatorPayload, continueAsNewBytes);
  lines.push(
    `payload: continue-as-new input = input + ${sliceList.length} slices + cursors of the densest slice ` +
      `(${densest} pages at ${measured.invoices} -> ${cursorsAtTarget} cursors of ${cursorLength} chars at ${target}) = ` +
      `${continueAsNewBytes} B; other payloads do not grow with the period (page <= 50 keys, batch <= 50 items): ` +
      `coordinator ${coordinatorPayload} B, batch ${batchPayload} B measured`,
  );
  return {
    target,
    maxHistoryEvents,
    maxPayloadBytes,
    formulaEvents: `max(batch ${batchEvents}, ${eventsPerPage.toFixed(1)} events/page x min(${MAX_PAGES_PER_RUN}, pages ${pagesAtTarget}))`,
    formulaPayload: `max(measured ${Math.max(batchPayload, coordinatorPayload)} B, continue-as-new ${sliceList.length} slices + ${cursorsAtTarget} cursors x ${cursorLength} chars = ${continueAsNewBytes} B)`,
    lines,
  };
}
