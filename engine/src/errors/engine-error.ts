import { createTranslator, type Language, type Params } from '../i18n/translator.js';
import { engineMessages, type EngineMessageKey } from './messages.js';

/**
 * An error the user can act on: a message key and its parameters (the place: line, field, case), so the
 * CLI, the editor and the workers can show it in English or Vietnamese. `message` is the English text.
 */
export class EngineError extends Error {
  readonly code: EngineMessageKey;
  readonly params: Params;

  constructor(code: EngineMessageKey, params: Params = {}) {
    super(createTranslator(engineMessages, 'en')(code, params));
    this.name = 'EngineError';
    this.code = code;
    this.params = params;
  }

  /** The message in the user's language. */
  localized(language: Language): string {
    return createTranslator(engineMessages, language)(this.code, this.params);
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}

export function translateEngineMessage(language: Language, code: EngineMessageKey, params?: Params): string {
  return createTranslator(engineMessages, language)(code, params);
}

/** Several lines of one corrective invoice refused at once: every line's own error, so none is hidden. */
export class CorrectionRejectedError extends EngineError {
  readonly lineErrors: EngineError[];

  constructor(invoice: string, lineErrors: EngineError[]) {
    super('correction.rejected', {
      invoice,
      count: lineErrors.length,
      errors: lineErrors.map((error) => `- ${error.message}`).join('\n'),
    });
    this.name = 'CorrectionRejectedError';
    this.lineErrors = lineErrors;
  }

  override localized(language: Language): string {
    return createTranslator(engineMessages, language)('correction.rejected', {
      ...this.params,
      errors: this.lineErrors.map((error) => `- ${error.localized(language)}`).join('\n'),
    });
  }
}
