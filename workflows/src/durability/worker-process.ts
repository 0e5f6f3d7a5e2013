/**
 * A sync worker in a process of its own, for the durability suite: `node --import tsx worker-process.ts`.
 * It connects to the dev server, opens the PostgreSQL store (a schema of the test's), logs in to the
 * simulator the test runs, and runs `createSyncWorkers` on the test's task queues until SIGTERM (or until
 * the test SIGKILLs it). It prints one line when it polls, and its portal calls by method when it stops:
 *
 *   DURABILITY_READY {"pid":123}
 *   DURABILITY_COUNTS {"pid":123,"listHeaders":3,"getDetail":80,"exportXml":70,"failed":4}
 *
 * Settings (environment): TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, SYNC_PORTAL_RATE, SYNC_PORTAL_CONCURRENCY
 * (as the real worker reads them), DATABASE_URL, DURABILITY_SCHEMA, DURABILITY_PORTAL_URL,
 * DURABILITY_PORTAL_USERNAME, DURABILITY_PORTAL_PASSWORD, DURABILITY_SYNC_QUEUE, DURABILITY_PORTAL_QUEUE,
 * DURABILITY_BUNDLE (a prebuilt workflow bundle, so each worker starts in seconds).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { simulatorCaptchaSolver } from '../portal/captcha.js';
import { createPortalClient } from '../portal/client.js';
import type { PortalClient } from '../portal/types.js';
import { openStore } from '../store/open-store.js';
import { workerSettingsFromEnv } from '../worker/config.js';
import { connectWorker, createSyncWorkers } from '../worker/create-workers.js';
import { COUNTS_LINE, READY_LINE, WORKER_ENV, type CountedMethod, type WorkerCounts } from './protocol.js';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`worker-process: ${name} is not set`);
  return value;
}

/** The portal, counting calls per method: one call is one portal activity attempt. */
function countingPortal(inner: PortalClient, counts: WorkerCounts): PortalClient {
  const counted = async <T>(method: CountedMethod, work: () => Promise<T>) => {
    counts[method]++;
    try {
      return await work();
    } catch (error) {
      counts.failed++;
      throw error;
    }
  };
  return {
    listHeaders: (request) => counted('listHeaders', () => inner.listHeaders(request)),
    getDetail: (family, key, signal) => counted('getDetail', () => inner.getDetail(family, key, signal)),
    exportXml: (family, key, signal) => counted('exportXml', () => inner.exportXml(family, key, signal)),
    getRelative: (family, key, signal) =>
      counted('getRelative', () => inner.getRelative(family, key, signal)),
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const settings = workerSettingsFromEnv(process.env);
  if (!settings) throw new Error('worker-process: TEMPORAL_ADDRESS is not set');
  const counts: WorkerCounts = {
    pid: process.pid,
    listHeaders: 0,
    getDetail: 0,
    exportXml: 0,
    getRelative: 0,
    failed: 0,
  };
  const store = await openStore({
    databaseUrl: required('DATABASE_URL'),
    schema: required(WORKER_ENV.schema),
  });
  const portal = countingPortal(
    createPortalClient({
      baseUrls: [`${required(WORKER_ENV.portalUrl)}/api`],
      username: required(WORKER_ENV.username),
      password: required(WORKER_ENV.password),
      captcha: simulatorCaptchaSolver,
      timeoutMs: 10_000,
    }),
    counts,
  );
  const connection = await connectWorker(settings);
  const workers = await createSyncWorkers({
    portal,
    store,
    connection,
    settings,
    workflowBundle: { codePath: required(WORKER_ENV.bundle) },
    taskQueues: { sync: required(WORKER_ENV.syncQueue), portal: required(WORKER_ENV.portalQueue) },
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    workers.shutdown();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const running = workers.run();
  console.log(`${READY_LINE} ${JSON.stringify({ pid: process.pid })}`);
  try {
    await running;
  } finally {
    console.log(`${COUNTS_LINE} ${JSON.stringify(counts)}`);
    await connection.close().catch(() => undefined);
    await store.close().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('worker-process failed:', error);
    process.exit(1);
  },
);
