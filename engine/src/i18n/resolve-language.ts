import { LANGUAGES, type Language } from './translator.js';

/**
 * One language candidate as a client found it: a `--lang` value, a POSIX locale (`vi_VN.UTF-8`), a BCP 47
 * tag (`vi-VN`, VS Code's display language, `navigator.languages`), a `?lang=` parameter, a stored choice.
 * `undefined`, `null`, `''` and `auto` state no preference.
 */
export type LanguageCandidate = string | null | undefined;

/** `vi_VN.UTF-8@euro` → `vi`, `en-US` → `en`: the primary language subtag, lower-cased. */
function primarySubtag(candidate: string): string {
  return candidate
    .trim()
    .toLowerCase()
    .split(/[-_.@]/, 1)[0]!;
}

/**
 * The first candidate naming a language we speak wins; the others (`auto`, `fr-FR`, `C`) are skipped, so a
 * client lists its candidates in priority order and this decides for every client the same way.
 */
export function resolveLanguage(
  candidates: readonly LanguageCandidate[],
  fallback: Language = 'en',
): Language {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const code = primarySubtag(candidate);
    if ((LANGUAGES as readonly string[]).includes(code)) return code as Language;
  }
  return fallback;
}

/**
 * The locale in effect for messages as POSIX defines it: the first non-empty of LC_ALL, LC_MESSAGES, LANG.
 * It is one candidate: `LC_ALL=C` means English even when LANG says Vietnamese.
 */
export function localeOfEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;
}
