/**
 * The Temporal SDK's own log (workers, native core) through the CLI's logger, one level lower: a worker
 * in the demo's process meets the simulator's seeded faults, and each retried activity would otherwise
 * print a warning with a stack on the terminal. `--log-level info` (or debug) shows them again.
 */
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import type { Logger } from 'pino';

const LOWER = {
  ERROR: 'warn',
  WARN: 'info',
  INFO: 'debug',
  DEBUG: 'trace',
  TRACE: 'trace',
} as const;

let installed = false;

/** Installs the SDK runtime with the CLI's logger; a no-op when a runtime already exists. */
export function routeTemporalLogs(logger: Logger): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({
      logger: new DefaultLogger('DEBUG', (entry: LogEntry) => {
        const level = LOWER[entry.level] ?? 'debug';
        if (logger.isLevelEnabled(level)) logger[level]({ temporal: entry.meta ?? {} }, entry.message);
      }),
    });
  } catch {
    // A runtime was already created in this process (tests, or a worker started earlier): keep it.
  }
}
