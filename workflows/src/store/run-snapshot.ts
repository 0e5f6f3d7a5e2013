/**
 * Live runs of an embedded store for other processes. A PGlite folder is held by one process (see
 * `data-dir-lock.ts`), so `status` in another process cannot open it while a sync runs. The holder
 * therefore publishes its recent runs to a file in the folder each time a run starts, beats, counts
 * progress or finishes; the file is replaced atomically (written beside, then renamed), so a reader sees
 * one whole snapshot or the previous one, never half of one. The file outlives its writer; readers check
 * that its pid is the folder's live lock holder.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { InvoiceStore, SyncRun } from './types.js';

export const RUN_SNAPSHOT_FILE = 'invoice-store.runs.json';
/** Runs kept in a snapshot: what `status --limit` can ask of a store it cannot open. */
export const RUN_SNAPSHOT_LIMIT = 100;

export interface RunSnapshot {
  /** The process holding the store (the pid in its lock file). */
  pid: number;
  host: string;
  writtenAt: Date;
  runs: SyncRun[];
}

const RUN_METHODS = new Set<PropertyKey>(['startRun', 'heartbeatRun', 'updateRunCounts', 'finishRun']);

/** Per publishing store: resolves once the snapshots asked for so far are written. */
const pendingWrites = new WeakMap<object, () => Promise<void>>();

/** Resolves when `store` (from `publishRunSnapshots`) has written every snapshot asked for so far. */
export function snapshotsWritten(store: object): Promise<void> {
  return pendingWrites.get(store)?.() ?? Promise.resolve();
}

/**
 * The store, publishing its runs to `dataDir` after every change to them. Publications never overlap
 * and never go backwards: a change while one is being written triggers one more afterwards. Failing to
 * publish is only a stale view for watchers, never a failure of the sync.
 */
export function publishRunSnapshots<S extends InvoiceStore>(store: S, dataDir: string): S {
  const file = join(dataDir, RUN_SNAPSHOT_FILE);
  const scratch = `${file}.${process.pid}.tmp`;
  let writing: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const writeOnce = async (): Promise<void> => {
    const runs = await store.listRuns({ limit: RUN_SNAPSHOT_LIMIT });
    if (closed) return;
    const snapshot = { pid: process.pid, host: hostname(), writtenAt: new Date().toISOString(), runs };
    writeFileSync(scratch, JSON.stringify(snapshot));
    renameSync(scratch, file);
  };
  const publish = (): Promise<void> => {
    if (writing) {
      again = true;
      return writing;
    }
    writing = (async () => {
      do {
        again = false;
        await writeOnce().catch(() => undefined);
      } while (again && !closed);
      writing = null;
    })();
    return writing;
  };

  void publish();
  const published = new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'close') {
        return async () => {
          // The last snapshot stays: a reader trusts it only while its writer holds the folder's lock.
          await writing;
          closed = true;
          rmSync(scratch, { force: true });
          return (value as () => Promise<void>).call(target);
        };
      }
      if (!RUN_METHODS.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...args: unknown[]) => Promise<unknown>).apply(target, args);
        void publish();
        return result;
      };
    },
  });
  pendingWrites.set(published, async () => {
    while (writing) await writing;
  });
  return published;
}

function revive(run: SyncRun & { startedAt: string; finishedAt: string | null; heartbeatAt: string | null }) {
  return {
    ...run,
    startedAt: new Date(run.startedAt),
    finishedAt: run.finishedAt === null ? null : new Date(run.finishedAt),
    heartbeatAt: run.heartbeatAt === null || run.heartbeatAt === undefined ? null : new Date(run.heartbeatAt),
  };
}

/**
 * The last snapshot the holder `pid` of `dataDir` published; null when there is none from that process
 * (it has not written one yet, or the file is left over from another one).
 */
export function readRunSnapshot(dataDir: string, pid: number): RunSnapshot | null {
  let parsed: { pid?: unknown; host?: unknown; writtenAt?: unknown; runs?: unknown };
  try {
    parsed = JSON.parse(readFileSync(join(dataDir, RUN_SNAPSHOT_FILE), 'utf8')) as typeof parsed;
  } catch {
    return null;
  }
  if (parsed.pid !== pid || !Array.isArray(parsed.runs) || typeof parsed.writtenAt !== 'string') return null;
  return {
    pid,
    host: typeof parsed.host === 'string' ? parsed.host : '',
    writtenAt: new Date(parsed.writtenAt),
    runs: (parsed.runs as Parameters<typeof revive>[0][]).map(revive),
  };
}
