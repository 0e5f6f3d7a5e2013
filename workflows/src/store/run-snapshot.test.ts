/** The runs an embedded store publishes for `status` in other processes while it holds the folder. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { readRunSnapshot, RUN_SNAPSHOT_FILE, snapshotsWritten } from './run-snapshot.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('run snapshots of a PGlite folder', () => {
  it('follow every run change, are read only for the holder pid, and are renamed into place', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-snapshot-'));
    dirs.push(dataDir);
    const store = await openStore({ databaseUrl: '', dataDir });
    try {
      await snapshotsWritten(store);
      expect(readRunSnapshot(dataDir, process.pid)?.runs).toEqual([]);

      const run = await store.startRun('sync', { period: '2026-04' });
      await snapshotsWritten(store);
      expect(readRunSnapshot(dataDir, process.pid)?.runs[0]).toMatchObject({ id: run.id, status: 'running' });

      await store.updateRunCounts(run.id, { listed: 12 });
      await store.finishRun(run.id, { status: 'succeeded', counts: { listed: 12, synced: 12 } });
      await snapshotsWritten(store);
      const last = readRunSnapshot(dataDir, process.pid)!;
      expect(last.runs[0]).toMatchObject({ id: run.id, status: 'succeeded', counts: { synced: 12 } });
      expect(last.runs[0]!.startedAt).toBeInstanceOf(Date);
      // Another pid's view of the folder is not this file.
      expect(readRunSnapshot(dataDir, process.pid + 1)).toBeNull();
      // Only the snapshot itself: the scratch file was renamed over it.
      expect(readdirSync(dataDir).filter((name) => name.startsWith(RUN_SNAPSHOT_FILE))).toEqual([
        RUN_SNAPSHOT_FILE,
      ]);
    } finally {
      await store.close();
    }
    // A brief holder (status) publishes nothing and leaves the last snapshot as it was.
    const reader = await openStore({ databaseUrl: '', dataDir, brief: true });
    await reader.close();
    expect(existsSync(join(dataDir, RUN_SNAPSHOT_FILE))).toBe(true);
    expect(readRunSnapshot(dataDir, process.pid)!.runs[0]!.status).toBe('succeeded');
  }, 60_000);
});
