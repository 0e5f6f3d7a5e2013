/**
 * A sync on a real Temporal server for tests: the dev server (or the time-skipping one), the bundled
 * workflows, both workers on task queues of their own over a scripted portal and an in-memory store,
 * and a `SyncClient` pointed at those queues.
 */
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { SyncClient } from '../client/sync-client.js';
import type { PortalClient } from '../portal/types.js';
import type { InvoiceStore } from '../store/types.js';
import { fakeParsers } from '../sync/testing/fake-portal.js';
import { createSyncWorkers, type SyncWorkers } from '../worker/create-workers.js';
import { uniqueTaskQueues } from './temporal.js';

let bundle: Promise<WorkflowBundleWithSourceMap> | null = null;

/** The workflow bundle, built once per test process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
  });
  return bundle;
}

export interface SyncHarness {
  env: TestWorkflowEnvironment;
  sync: SyncClient;
  workers: SyncWorkers;
  taskQueues: { sync: string; portal: string };
  stop(): Promise<void>;
}

export async function startSyncHarness(options: {
  env: TestWorkflowEnvironment;
  portal: PortalClient;
  store: InvoiceStore;
  prefix: string;
  portalRatePerSecond?: number;
  portalConcurrency?: number;
  searchAttributes?: boolean;
  now?: () => Date;
}): Promise<SyncHarness> {
  const taskQueues = uniqueTaskQueues(options.prefix);
  const workers = await createSyncWorkers({
    portal: options.portal,
    store: options.store,
    parse: fakeParsers,
    ...(options.now ? { now: options.now } : {}),
    connection: options.env.nativeConnection,
    settings: {
      namespace: options.env.namespace ?? 'default',
      portalRatePerSecond: options.portalRatePerSecond ?? 200,
      portalConcurrency: options.portalConcurrency ?? 8,
    },
    workflowBundle: await workflowBundle(),
    taskQueues,
  });
  const running = workers.run();
  running.catch((error: unknown) => console.error('sync workers stopped:', error));
  const sync = new SyncClient(options.env.client, {
    taskQueues,
    searchAttributes: options.searchAttributes ?? true,
  });
  return {
    env: options.env,
    sync,
    workers,
    taskQueues,
    stop: async () => {
      workers.shutdown();
      await running.catch(() => undefined);
    },
  };
}
