/**
 * Errors the CLI shows: every known error becomes one translated sentence and an exit code; nothing
 * reaches the user as a stack trace (the stack goes to the debug log).
 */
import type { Language, Params } from '#engine/i18n';
import { isPortalError } from '../portal/errors.js';
import { WorkflowRunError } from '../runner/index.js';
import { StoreError, type StoreMessageKey } from '../store/messages.js';
import { isSyncError } from '../sync/errors.js';
import { PeriodError } from '../sync/plan.js';
import { commanderErrorText } from './commander-text.js';
import { EXIT, type ExitCode } from './io.js';
import { cliTranslator, type CliMessageKey } from './messages.js';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly messageKey: CliMessageKey,
    readonly params: Params = {},
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(cliTranslator('en')(messageKey, params));
  }
}

export interface DescribedError {
  message: string;
  exitCode: ExitCode;
}

/** Store errors caused by what the user typed or configured, and a database that does not answer. */
const STORE_ERROR_EXIT: Partial<Record<StoreMessageKey, ExitCode>> = {
  'store.keyOutOfRange': EXIT.usage,
  'store.pagingOutOfRange': EXIT.usage,
  'store.badDatabaseUrl': EXIT.usage,
  'store.inUse': EXIT.usage,
  'store.databaseUnreachable': EXIT.unreachable,
};

/** Commander's own error codes that mean "help or version was shown", not a failure. */
const COMMANDER_DONE = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

export function isCommanderDone(error: unknown): boolean {
  return COMMANDER_DONE.has((error as { code?: string })?.code ?? '');
}

export function isCommanderError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('commander.');
}

export function describeError(error: unknown, language: Language): DescribedError {
  const t = cliTranslator(language);
  if (error instanceof CliError) {
    return { message: cliTranslator(language)(error.messageKey, error.params), exitCode: error.exitCode };
  }
  if (isCommanderError(error)) {
    // Commander writes English: its text, recognised by code, is put in the user's language.
    return { message: t('badUsage', { detail: commanderErrorText(error, language) }), exitCode: EXIT.usage };
  }
  if (isPortalError(error)) {
    const unreachable =
      error.kind === 'bad_credentials' ||
      error.kind === 'transient' ||
      error.kind === 'rate_limited' ||
      error.kind === 'auth_expired';
    return {
      message: error.localized(language),
      exitCode: unreachable ? EXIT.unreachable : EXIT.incomplete,
    };
  }
  if (isSyncError(error)) {
    const exitCode =
      error.failureType === 'bad_credentials'
        ? EXIT.unreachable
        : error.failureType === 'aborted'
          ? EXIT.incomplete
          : EXIT.usage;
    return { message: error.localized(language), exitCode };
  }
  if (error instanceof WorkflowRunError) {
    return {
      message: t('workflowFailed', { workflowId: error.workflowId, reason: error.reason }),
      exitCode: EXIT.incomplete,
    };
  }
  if (error instanceof StoreError) {
    return {
      message: error.describe(language),
      exitCode: STORE_ERROR_EXIT[error.messageKey] ?? EXIT.incomplete,
    };
  }
  if (error instanceof PeriodError) {
    return { message: t('badUsage', { detail: error.message }), exitCode: EXIT.usage };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { message: t('unexpected', { reason }), exitCode: EXIT.incomplete };
}
