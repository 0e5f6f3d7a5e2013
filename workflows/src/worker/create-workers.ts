/**
 * The two workers of the sync: `invoice-sync` runs the workflows and store-only activities;
 * `tax-portal` runs the portal-calling activities, rate-limited across every worker of the namespace
 * by the server (`maxTaskQueueActivitiesPerSecond`), so adding workers never speeds up portal calls.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities, portalActivitiesOf, storeActivitiesOf } from '../activities/create-activities.js';
import type { SyncDependencies } from '../activities/operations.js';
import { TASK_QUEUES } from '../temporal-config.js';
import { connectionOptions, type WorkerSettings } from './config.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface CreateWorkersOptions extends SyncDependencies {
  settings: Pick<WorkerSettings, 'namespace' | 'portalRatePerSecond' | 'portalConcurrency'>;
  connection: NativeConnection;
  /** The codec's data converter (encrypted payloads and failure messages), when a key is set. */
  dataConverter?: DataConverter;
  /** A prebuilt bundle (`bundleWorkflowCode`), else the workflows are bundled from source at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Task queue names (tests use unique ones). */
  taskQueues?: { sync: string; portal: string };
}

export interface SyncWorkers {
  sync: Worker;
  portal: Worker;
  /** Runs both until `shutdown()` or a fatal error. */
  run(): Promise<void>;
  shutdown(): void;
}

export async function createSyncWorkers(options: CreateWorkersOptions): Promise<SyncWorkers> {
  const activities = createActivities(options);
  const queues = options.taskQueues ?? TASK_QUEUES;
  const common = {
    connection: options.connection,
    namespace: options.settings.namespace,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  };
  const sync = await Worker.create({
    ...common,
    taskQueue: queues.sync,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH }),
    activities: storeActivitiesOf(activities),
    maxHeartbeatThrottleInterval: '3 seconds',
  });
  const portal = await Worker.create({
    ...common,
    taskQueue: queues.portal,
    activities: portalActivitiesOf(activities),
    maxTaskQueueActivitiesPerSecond: options.settings.portalRatePerSecond,
    maxConcurrentActivityTaskExecutions: options.settings.portalConcurrency,
    // Heartbeats reach the server within seconds, so a cancellation reaches a running portal call soon.
    maxHeartbeatThrottleInterval: '3 seconds',
  });
  return {
    sync,
    portal,
    run: async () => {
      await Promise.all([sync.run(), portal.run()]);
    },
    shutdown: () => {
      for (const worker of [sync, portal]) if (worker.getState() === 'RUNNING') worker.shutdown();
    },
  };
}

export async function connectWorker(settings: WorkerSettings): Promise<NativeConnection> {
  return NativeConnection.connect(
    connectionOptions(settings) as Parameters<typeof NativeConnection.connect>[0],
  );
}
