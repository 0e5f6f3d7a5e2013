/**
 * User-facing messages in English and Vietnamese. Each module keeps its own catalog
 * (`messages.ts` beside it) and builds a translator with `createTranslator`.
 */
export const LANGUAGES = ['en', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Catalog<K extends string> = Record<Language, Record<K, string>>;
export type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

/** `--lang` wins; then LC_ALL / LC_MESSAGES / LANG starting with `vi`; else English. */
export function resolveLanguage(explicit?: string, env: Record<string, string | undefined> = {}): Language {
  const pick = explicit ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? 'en';
  return pick.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** `{name}` placeholders are replaced from params; a missing Vietnamese text falls back to English. */
export function createTranslator<K extends string>(catalog: Catalog<K>, language: Language): Translate<K> {
  return (key, params) => {
    const template = (catalog[language][key] || catalog.en[key]) ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
  };
}
