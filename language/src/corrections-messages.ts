/**
 * The message language of one set of language services (a Langium service: `services.i18n.Messages`).
 * The server sets it from `--lang`, the client's setting or the `corrections/setLanguage` request; every
 * diagnostic, hover and quick fix of these services is worded through it.
 */
import { createTranslator, type Language, type Translate } from '#engine/i18n';
import { LANGUAGE_MESSAGES, type MessageKey } from './messages.js';

export class CorrectionsMessages {
  private current: Language;
  private translate: Translate<MessageKey>;

  constructor(language: Language = 'en') {
    this.current = language;
    this.translate = createTranslator(LANGUAGE_MESSAGES, language);
  }

  get language(): Language {
    return this.current;
  }

  setLanguage(language: Language): void {
    this.current = language;
    this.translate = createTranslator(LANGUAGE_MESSAGES, language);
  }

  /** The translator of the current language (a new function when the language changes). */
  get t(): Translate<MessageKey> {
    return this.translate;
  }
}
