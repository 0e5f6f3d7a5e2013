/**
 * Replays a history recorded by the real-server suite (SYNC_RECORD_HISTORY=1) against today's workflow
 * code: a change that breaks determinism fails here, offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, it } from 'vitest';

const historyFile = new URL('./fixtures/sync-period.history.json', import.meta.url);
const recorded = existsSync(historyFile);
if (!recorded) {
  console.warn(
    '\n*** workflow replay test NOT RUN: no recorded history. Record one with the real server suite: ' +
      'TEMPORAL_ADDRESS=... SYNC_RECORD_HISTORY=1 npx vitest run workflows/src/workflows/real-server.test.ts ***\n',
  );
}

describe.skipIf(!recorded)('replay of a recorded syncPeriodWorkflow history', () => {
  it('replays without non-determinism', async () => {
    const history = historyFromJSON(JSON.parse(readFileSync(historyFile, 'utf8')));
    await Worker.runReplayHistory(
      { workflowsPath: fileURLToPath(new URL('./index.ts', import.meta.url)) },
      history,
    );
  }, 60_000);
});
