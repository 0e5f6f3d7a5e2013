/**
 * Replays histories recorded on a real Temporal server (`SYNC_RECORD_HISTORY=1 npx vitest run
 * workflows/src/workflows/sync-period.server.test.ts`, committed in `fixtures/`) against today's
 * workflow code: a change that breaks determinism fails here, on every run, offline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../testing/index.js';

const fixtures = new URL('./fixtures/', import.meta.url);
/** Workflow ids matter in replay (child ids derive from them): the ids the recording ran under. */
const WORKFLOW_IDS: Record<string, string> = {
  'sync-period.history.json': 'sync-0312345678-purchase-2026-04',
  'sync-batch.history.json': 'sync-0312345678-purchase-2026-04-batch-1',
};
const recorded = readdirSync(fixtures).filter((name) => name.endsWith('.history.json'));

describe('replay of recorded workflow histories', () => {
  it('has the recorded histories', () => {
    expect(recorded).toEqual(expect.arrayContaining(['sync-period.history.json', 'sync-batch.history.json']));
  });

  it.each(recorded)(
    '%s replays without non-determinism',
    async (name) => {
      const history = historyFromJSON(
        JSON.parse(readFileSync(fileURLToPath(new URL(name, fixtures)), 'utf8')),
      );
      expect(history.events?.length).toBeGreaterThan(10);
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, WORKFLOW_IDS[name]);
    },
    120_000,
  );
});
