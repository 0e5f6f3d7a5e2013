/** Test support for suites that need a real Temporal server. */
export {
  devServerAvailable,
  requireDevServer,
  requireTimeSkipping,
  startDevServer,
  startTimeSkippingServer,
  temporalCliPath,
  testServerPath,
  timeSkippingAvailable,
  uniqueTaskQueues,
  useDevServer,
  useTimeSkippingServer,
} from './temporal.js';
export { startSyncHarness, workflowBundle, type SyncHarness } from './sync-harness.js';
