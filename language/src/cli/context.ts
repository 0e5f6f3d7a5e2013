/**
 * What every command gets: where to write, the working directory, the user's language and translator,
 * and the exit codes. Commands never call process.exit: runCli returns the code, so tests run in-process.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Language, Params, Translate } from '#engine/i18n';
import type { CliMessageKey } from './messages.js';

export const EXIT_OK = 0;
/** Failures or errors found in the input (failing tests, rule errors, refused corrections). */
export const EXIT_FAILURES = 1;
/** Bad usage or unreadable input (unknown option, missing file, invalid JSON). */
export const EXIT_USAGE = 2;

export interface CliIo {
  /** Writes to standard output; the text carries its own newlines. */
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * When standard output holds more than it can take at once (a slow pipe or socket): a promise of the
   * moment it has drained; otherwise undefined. Long outputs wait on it between chunks, so hundreds of
   * megabytes never pile up in memory. Without it, output is written as it comes.
   */
  stdoutDrained?(): Promise<void> | undefined;
  /**
   * Called once the command is done, before runCli returns: writes what the output still holds. Its
   * failure (a CliError, such as a full disk) is reported like a command's.
   */
  finish?(): Promise<void>;
  /** Relative paths on the command line are resolved against this folder. */
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface CliContext {
  io: CliIo;
  language: Language;
  t: Translate<CliMessageKey>;
}

/** An error the user caused and can fix: printed as its translated message, never as a stack trace. */
export class CliError extends Error {
  constructor(
    readonly key: CliMessageKey,
    readonly params: Params = {},
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(key);
    this.name = 'CliError';
  }
}

export function resolvePath(context: CliContext, path: string): string {
  return resolve(context.io.cwd, path);
}

/** A path as the user should see it: relative to the working folder when inside it. */
export function displayFile(context: CliContext, file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(context.io.cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}

/** Writes `chunks` to standard output in order, waiting for it to drain between them when it asks to. */
export async function writeChunks(io: CliIo, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    io.stdout(chunk);
    const drained = io.stdoutDrained?.();
    if (drained) await drained;
  }
}

export function println(write: (text: string) => void, text = ''): void {
  write(text + '\n');
}
