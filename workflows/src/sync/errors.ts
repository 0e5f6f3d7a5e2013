/**
 * Errors of the sync itself (as opposed to portal errors): each carries a message key so the CLI can
 * show it in English or Vietnamese; `message` is English.
 */
import type { Language, Params } from '#engine/i18n';
import { syncTranslator, type SyncMessageKey } from './messages.js';

export class SyncError extends Error {
  override readonly name: string = 'SyncError';
  constructor(
    readonly messageKey: SyncMessageKey,
    readonly params: Params = {},
    /** `ApplicationFailure` type when it crosses Temporal; every type here is non-retryable. */
    readonly failureType: 'invalid_input' | 'bad_credentials' | 'aborted' = 'invalid_input',
  ) {
    super(syncTranslator('en')(messageKey, params));
  }

  localized(language: Language): string {
    return syncTranslator(language)(this.messageKey, this.params);
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}
