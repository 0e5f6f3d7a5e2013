/** Messages in English and Vietnamese: catalogues, translators, and the choice of language. */
export {
  LANGUAGES,
  createTranslator,
  type Catalog,
  type Language,
  type Params,
  type Translate,
} from './translator.js';
export { localeOfEnv, resolveLanguage, type LanguageCandidate } from './resolve-language.js';
