/**
 * Worker entry: `runSyncWorker({ portal, store })` connects with the settings from the environment and
 * runs both task queues until SIGINT/SIGTERM or `signal`. The CLI's `worker` command calls this.
 */
import type { SyncDependencies } from '../activities/operations.js';
import { dataConverterFromEnv } from '../codec/index.js';
import { SyncError } from '../sync/errors.js';
import { workerSettingsFromEnv, type WorkerSettings } from './config.js';
import { connectWorker, createSyncWorkers } from './create-workers.js';

export interface RunWorkerOptions extends SyncDependencies {
  env?: Record<string, string | undefined>;
  settings?: WorkerSettings;
  signal?: AbortSignal;
  onReady?: (settings: WorkerSettings) => void;
  /** Task queues to poll (default `invoice-sync` and `tax-portal`). */
  taskQueues?: { sync: string; portal: string };
}

export async function runSyncWorker(options: RunWorkerOptions): Promise<void> {
  const env = options.env ?? process.env;
  const settings = options.settings ?? workerSettingsFromEnv(env);
  if (!settings)
    throw new SyncError('configInvalid', {
      variable: 'TEMPORAL_ADDRESS',
      reason: 'not set: a worker needs a Temporal server',
    });
  const dataConverter = dataConverterFromEnv(env);
  const connection = await connectWorker(settings);
  try {
    const workers = await createSyncWorkers({
      ...options,
      settings,
      connection,
      ...(dataConverter ? { dataConverter } : {}),
    });
    const stop = () => workers.shutdown();
    options.signal?.addEventListener('abort', stop, { once: true });
    const running = workers.run();
    options.onReady?.(settings);
    await running;
    options.signal?.removeEventListener('abort', stop);
  } finally {
    await connection.close();
  }
}
