/**
 * One process at a time per PGlite data folder. PGlite is an in-process database: two processes
 * opening the same folder (a second `sync`, a worker beside the CLI) write over each other. The lock
 * file holds the owner's pid; a lock left by a process that no longer runs (killed, crashed) is taken
 * over. Within one process the folder may be opened more than once (counted).
 *
 * A holder for a moment only (`status` reading the runs) marks its lock `<pid> brief`, so that a sync
 * starting then waits for it instead of being refused (see `openStore`).
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './messages.js';

export const LOCK_FILE = 'invoice-store.lock';

const heldHere = new Map<string, number>();
/** Folders this process is about to open for a moment only (set around the synchronous lock call). */
const briefHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeLock(path: string, brief: boolean): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, brief ? `${process.pid} brief` : String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export interface DataDirLock {
  /** True when this process took the folder over from nobody (no run of another process can be live). */
  firstHolder: boolean;
  release(): void;
}

/** The process holding `dataDir`, and whether it said it holds it for a moment only. */
export function lockOwner(dataDir: string): { pid: number; brief: boolean } | null {
  try {
    const [pid = '', flag] = readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim().split(/\s+/);
    const owner = Number.parseInt(pid, 10);
    return Number.isInteger(owner) ? { pid: owner, brief: flag === 'brief' } : null;
  } catch {
    return null;
  }
}

/** Runs `open`, which locks `dataDir` (through `lockDataDir`), with a lock marked brief. */
export async function lockBriefly<T>(dataDir: string, open: () => Promise<T>): Promise<T> {
  const path = join(dataDir, LOCK_FILE);
  briefHere.add(path);
  try {
    return await open();
  } finally {
    briefHere.delete(path);
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const held = heldHere.get(path) ?? 0;
  const brief = briefHere.has(path);
  if (held === 0) {
    if (!writeLock(path, brief)) {
      const owner = lockOwner(dataDir);
      if (owner && owner.pid !== process.pid && isRunning(owner.pid)) {
        throw new StoreError('store.inUse', { dir: dataDir, pid: owner.pid, brief: owner.brief ? 1 : 0 });
      }
      // Left by a process that ended without closing the store: take it over.
      unlinkSync(path);
      if (!writeLock(path, brief)) throw new StoreError('store.inUse', { dir: dataDir, pid: '?' });
    }
  }
  heldHere.set(path, held + 1);
  let released = false;
  return {
    firstHolder: held === 0,
    release() {
      if (released) return;
      released = true;
      const left = (heldHere.get(path) ?? 1) - 1;
      if (left > 0) return void heldHere.set(path, left);
      heldHere.delete(path);
      try {
        unlinkSync(path);
      } catch {
        // Already gone (the folder was removed): nothing to release.
      }
    },
  };
}
