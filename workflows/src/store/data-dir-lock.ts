/**
 * One process at a time per PGlite data folder. PGlite is an in-process database: two processes
 * opening the same folder (a second `sync`, a worker beside the CLI) write over each other. The lock
 * file holds the owner's pid; a lock left by a process that no longer runs (killed, crashed) is taken
 * over. Within one process the folder may be opened more than once (counted).
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './messages.js';

export const LOCK_FILE = 'invoice-store.lock';

const heldHere = new Map<string, number>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
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

export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const held = heldHere.get(path) ?? 0;
  if (held === 0) {
    if (!writeLock(path)) {
      const owner = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new StoreError('store.inUse', { dir: dataDir, pid: owner });
      }
      // Left by a process that ended without closing the store: take it over.
      unlinkSync(path);
      if (!writeLock(path)) throw new StoreError('store.inUse', { dir: dataDir, pid: '?' });
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
