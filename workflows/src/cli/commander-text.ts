/**
 * Commander's own words in the user's language: the help headings (`Usage:`, `Options:`, ...), the
 * `(default: …)` note, and its usage errors, which it writes in English only. An error is recognised by
 * its code and its quoted parts are carried over; a text not recognised stays as Commander wrote it.
 */
import { Help, type Command, type Option } from 'commander';
import type { Language } from '#engine/i18n';

const HEADINGS_VI: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Global Options:': 'Tùy chọn chung:',
  'Commands:': 'Lệnh:',
  'Arguments:': 'Đối số:',
};

/** Help settings for `program.configureHelp`, before any subcommand is added (they inherit them). */
export function helpSettings(language: Language): Partial<Help> {
  return {
    // `invoices list --help` also lists --lang, --data-dir and the other program-wide flags.
    showGlobalOptions: true,
    ...(language === 'vi'
      ? {
          styleTitle: (title: string) => HEADINGS_VI[title] ?? title,
          optionDescription(this: Help, option: Option) {
            return Help.prototype.optionDescription
              .call(this, option)
              .replace(/\((default|preset|choices): /g, (_, word: string) => `(${VI_NOTE[word] ?? word}: `);
          },
        }
      : {}),
  };
}

const VI_NOTE: Record<string, string> = { default: 'mặc định', preset: 'giá trị sẵn', choices: 'chọn một' };

type Rewrite = [RegExp, (...parts: string[]) => string];

/** Commander's messages by code (quoted parts captured), in Vietnamese. */
const ERRORS_VI: Record<string, Rewrite[]> = {
  'commander.unknownOption': [[/^unknown option '(.*)'$/, (flag) => `tùy chọn không xác định '${flag}'`]],
  'commander.unknownCommand': [[/^unknown command '(.*)'$/, (name) => `lệnh không xác định '${name}'`]],
  'commander.missingArgument': [
    [/^missing required argument '(.*)'$/, (name) => `thiếu đối số bắt buộc '${name}'`],
  ],
  'commander.optionMissingArgument': [
    [/^option '(.*)' argument missing$/, (flags) => `tùy chọn '${flags}' thiếu giá trị`],
  ],
  'commander.missingMandatoryOptionValue': [
    [/^required option '(.*)' not specified$/, (flags) => `chưa có tùy chọn bắt buộc '${flags}'`],
  ],
  'commander.invalidArgument': [
    [
      /^option '(.*?)' argument '(.*?)' is invalid\.\s*(.*)$/,
      (flags, value, why) =>
        `giá trị '${value}' của tùy chọn '${flags}' không hợp lệ${why ? `: ${why}` : ''}`,
    ],
    [
      /^command-argument value '(.*?)' is invalid for argument '(.*?)'\.\s*(.*)$/,
      (value, name, why) => `giá trị '${value}' của đối số '${name}' không hợp lệ${why ? `: ${why}` : ''}`,
    ],
  ],
  'commander.excessArguments': [
    [
      /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
      (name, expected, got) =>
        `quá nhiều đối số${name ? ` cho '${name}'` : ''}: cần ${expected}, nhận ${got}`,
    ],
  ],
  'commander.conflictingOption': [
    [/^(.*) cannot be used with (.*)$/, (one, other) => `${one} không dùng được cùng ${other}`],
  ],
};

function suggestionVi(text: string): string {
  return text
    .replace(/\(Did you mean one of (.*)\?\)/, '(Có phải ý bạn là một trong $1?)')
    .replace(/\(Did you mean (.*)\?\)/, '(Có phải ý bạn là $1?)');
}

/**
 * The detail of a Commander usage error, on one line, in `language`: `unknown option '--bogus'`
 * becomes `tùy chọn không xác định '--bogus'`.
 */
export function commanderErrorText(error: { code: string; message: string }, language: Language): string {
  const text = error.message.replace(/^error:\s*/i, '');
  const [head = '', ...rest] = text.split('\n');
  const suggestion = rest.join(' ').trim();
  if (language !== 'vi') return [head, suggestion].filter(Boolean).join(' ');
  let translated = head;
  for (const [pattern, rewrite] of ERRORS_VI[error.code] ?? []) {
    const match = pattern.exec(head);
    if (match) {
      translated = rewrite(...match.slice(1).map((part) => part ?? ''));
      break;
    }
  }
  return [translated, suggestion ? suggestionVi(suggestion) : ''].filter(Boolean).join(' ');
}

/** Applies the help settings to a program before its subcommands are defined. */
export function localiseCommander(program: Command, language: Language): Command {
  return program.configureHelp(helpSettings(language));
}
