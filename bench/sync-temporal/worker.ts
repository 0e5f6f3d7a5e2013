/**
 * One sync worker for the Temporal mode of `sync.bench.ts`, in its own process so its peak RSS is its
 * own: both task queues (`createSyncWorkers`, as `npm run sync -- worker` runs them) over the simulator
 * the bench started and the store it names, with the workflow bundle the bench built once.
 *
 * It counts the activity executions it runs per task queue and activity type: an activity inbound
 * interceptor, added to every `Worker.create` of this process (`createSyncWorkers` takes no
 * interceptors, so the bench wraps `Worker.create` here rather than copying the workers' options).
 *
 * Protocol (IPC): the bench passes a `WorkerConfig` as JSON in argv[2]; the worker sends
 * `{ type: 'ready' }` once both workers poll, and on `{ type: 'stop' }` shuts down and sends
 * `{ type: 'stats', ... }` (a `WorkerStats`), then exits.
 */
import { Context } from '@temporalio/activity';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type ActivityInterceptorsFactory,
  type WorkerOptions,
} from '@temporalio/worker';
import { simulatorCaptchaSolver, createPortalClient } from '#workflows/portal';
import { openStore } from '#workflows/store';
import { createSyncWorkers } from '#workflows/worker';
import { mb, sampleMemoryAtPeak, type MemoryAtPeak } from '../memory-at-peak.js';

export interface WorkerConfig {
  index: number;
  address: string;
  namespace: string;
  taskQueues: { sync: string; portal: string };
  bundlePath: string;
  simulator: { url: string; username: string; password: string };
  /** PostgreSQL (with a schema of the run's own) or a PGlite data directory only this worker opens. */
  store: { databaseUrl: string; schema: string } | { dataDir: string };
  portalRatePerSecond: number;
  portalConcurrency: number;
}

export interface ActivityCount {
  taskQueue: string;
  activityType: string;
  executions: number;
  failures: number;
}

export interface WorkerStats {
  index: number;
  activities: ActivityCount[];
  /** process.resourceUsage().maxRSS at the end, in MB (the bench also samples VmHWM while it runs). */
  maxRssMb: number;
  /** process.memoryUsage() of the sample with the highest RSS, in MB: where the peak went. */
  atPeak: MemoryAtPeak;
  /** Heap in use after a full GC at the end of the run (live data, not garbage), when `--expose-gc` is on. */
  liveHeapMb: number | null;
}

type Message = { type: 'ready' } | ({ type: 'stats' } & WorkerStats) | { type: 'error'; message: string };

function send(message: Message): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
if (!config.address || !process.send) {
  process.stderr.write('worker.ts is started by bench/sync.bench.ts (IPC and a JSON config in argv[2])\n');
  process.exit(2);
}

const counts = new Map<string, ActivityCount>();
const counting: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      const { taskQueue, activityType } = Context.current().info;
      const id = `${taskQueue}\u0000${activityType}`;
      let count = counts.get(id);
      if (!count) counts.set(id, (count = { taskQueue, activityType, executions: 0, failures: 0 }));
      count.executions++;
      try {
        return await next(input);
      } catch (error) {
        count.failures++;
        throw error;
      }
    },
  },
});
const create = Worker.create.bind(Worker);
Worker.create = (options: WorkerOptions) =>
  create({
    ...options,
    interceptors: {
      ...options.interceptors,
      activity: [...(options.interceptors?.activity ?? []), counting],
    },
  });

// Activity failures (the simulator's injected faults) are logged at WARN with a stack each: too loud here.
Runtime.install({ logger: new DefaultLogger('ERROR') });

const memoryAtPeak = sampleMemoryAtPeak();
// BENCH_WORKER_TRACE=1: the worker's memory every 5 s on stderr.
if (process.env['BENCH_WORKER_TRACE']) {
  setInterval(() => {
    const memory = process.memoryUsage();
    process.stderr.write(
      `    worker ${config.index}: rss ${mb(memory.rss)} heap ${mb(memory.heapUsed)}/${mb(memory.heapTotal)} ` +
        `external ${mb(memory.external)} MB\n`,
    );
  }, 5_000).unref();
}

async function main(): Promise<void> {
  const store = await openStore(
    'dataDir' in config.store
      ? { databaseUrl: '', dataDir: config.store.dataDir }
      : { databaseUrl: config.store.databaseUrl, schema: config.store.schema },
  );
  const portal = createPortalClient({
    baseUrls: [`${config.simulator.url}/api`],
    username: config.simulator.username,
    password: config.simulator.password,
    captcha: simulatorCaptchaSolver,
    timeoutMs: 15_000,
  });
  const connection = await NativeConnection.connect({ address: config.address });
  const workers = await createSyncWorkers({
    portal,
    store,
    connection,
    settings: {
      namespace: config.namespace,
      portalRatePerSecond: config.portalRatePerSecond,
      portalConcurrency: config.portalConcurrency,
    },
    workflowBundle: { codePath: config.bundlePath },
    taskQueues: config.taskQueues,
  });
  let liveHeapMb: number | null = null;
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      liveHeapMb = mb(process.memoryUsage().heapUsed);
    }
    workers.shutdown();
  });
  const running = workers.run();
  if (process.env['BENCH_WORKER_TRACE'])
    process.stderr.write(`    worker ${config.index} ready: rss ${mb(process.memoryUsage().rss)} MB\n`);
  await send({ type: 'ready' });
  try {
    await running;
  } finally {
    await connection.close().catch(() => undefined);
    await store.close().catch(() => undefined);
  }
  await send({
    type: 'stats',
    index: config.index,
    activities: [...counts.values()],
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    atPeak: memoryAtPeak(),
    liveHeapMb,
  });
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  },
);
