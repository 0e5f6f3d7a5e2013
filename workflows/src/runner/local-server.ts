/**
 * The local Temporal dev server `npm start` uses when TEMPORAL_ADDRESS is unset (`workflows/src/devserver/`:
 * reuses the one started earlier, starts the `temporal` CLI detached, or the SDK's download), and
 * stopping the one it left running (`devserver stop`).
 */
import {
  devServerStop,
  ensureLocalTemporal,
  type EnsureLocalTemporalResult,
  type LocalTemporal,
} from '../devserver/index.js';

export { devServerStop, ensureLocalTemporal, type EnsureLocalTemporalResult, type LocalTemporal };

/** The project's data folder, where the dev server keeps its state (`.data/temporal/`). */
export const LOCAL_SERVER_DATA_DIR = '.data';
