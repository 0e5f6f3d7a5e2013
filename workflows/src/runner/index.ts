/** One orchestration, two runners: the sync in this process or through Temporal, behind `SyncRunner`. */
export * from './types.js';
export { createInProcessRunner, type InProcessRunnerOptions } from './in-process.js';
export {
  createTemporalRunner,
  progressEvents,
  reportFromProgress,
  type StartWorker,
  type TemporalRunnerOptions,
} from './temporal.js';
export { WorkflowRunError } from './errors.js';
export { DEFAULT_UI_URL, uiUrlFor, workflowUiLink } from './ui-links.js';
export {
  devServerStop,
  ensureLocalTemporal,
  LOCAL_SERVER_DATA_DIR,
  type EnsureLocalTemporalResult,
  type LocalTemporal,
} from './local-server.js';
