/** Finding and starting a local Temporal dev server (tests, `npm start`). */
export { findTemporalCli, findTestServer, PROJECT_ROOT, TOOLS_BIN } from './find-cli.js';
export {
  cliSearchAttributeType,
  DEFAULT_PORTS,
  devServerPaths,
  devServerStop,
  ensureLocalTemporal,
  ensureSearchAttributes,
  freePort,
  portIsFree,
  processAlive,
  readDevServerState,
  searchAttributeArgs,
  temporalAnswers,
  temporalUiRunUrl,
  type DevServerState,
  type EnsureLocalTemporalOptions,
  type EnsureLocalTemporalResult,
  type LocalTemporal,
} from './local-temporal.js';
export { devServerMessages, devServerTranslator, type DevServerMessageKey } from './messages.js';
