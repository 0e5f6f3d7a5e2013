/**
 * The local Temporal dev server `npm start` uses when TEMPORAL_ADDRESS is unset (`workflows/src/devserver/`:
 * reuses the one started earlier, starts the `temporal` CLI detached, or the SDK's download), and the one
 * it left running, for `status` and `devserver stop`.
 */
import {
  devServerStop,
  ensureLocalTemporal,
  readDevServerState,
  temporalAnswers,
  type EnsureLocalTemporalResult,
  type LocalTemporal,
} from '../devserver/index.js';

export { devServerStop, ensureLocalTemporal, type EnsureLocalTemporalResult, type LocalTemporal };

/** The project's data folder, where the dev server keeps its state (`.data/temporal/`). */
export const LOCAL_SERVER_DATA_DIR = '.data';

/** A dev server this project started earlier and left running. */
export interface RecordedServer {
  address: string;
  namespace: string;
  uiUrl: string | null;
}

/** The dev server `npm start` left running (`<dataDir>/temporal/server.json`), when it answers; else null. */
export async function recordedLocalServer(
  dataDir: string = LOCAL_SERVER_DATA_DIR,
): Promise<RecordedServer | null> {
  const state = readDevServerState(dataDir);
  if (!state) return null;
  const answers = await temporalAnswers(state.address).catch(() => false);
  return answers ? { address: state.address, namespace: state.namespace, uiUrl: state.uiUrl } : null;
}
