/**
 * User-facing messages in English and Vietnamese. Each module keeps its own catalog
 * (`messages.ts` beside it, a `Catalog`) and builds a translator with `createTranslator`; which language a
 * client speaks is decided by `resolveLanguage` (resolve-language.ts) from candidates the client gathers.
 */
export const LANGUAGES = ['en', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Catalog<K extends string> = Record<Language, Record<K, string>>;
export type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

/** `{name}` placeholders are replaced from params; a missing Vietnamese text falls back to English. */
export function createTranslator<K extends string>(catalog: Catalog<K>, language: Language): Translate<K> {
  return (key, params) => {
    const template = (catalog[language][key] || catalog.en[key]) ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
  };
}
