/** One JSON input of `apply`: text -> parsed -> validated against its schema, every problem an InputIssue. */
import type { z } from 'zod';
import type { Catalog, Language } from '../i18n/translator.js';
import { ExactDecimal } from '../money/decimal.js';
import { MAX_INTEGER_DIGITS, limitProblem } from '../money/limits.js';
import { closestValue } from '../text/closest-value.js';
import { ApplyInputError, type InputIssue } from './input-issues.js';
import { JsonTextError, parseJsonText, pathKey, type JsonDocument } from './json-text.js';
import { translateApplyMessage } from './messages.js';
import { DECIMAL_ISSUE, DECIMAL_TEXT } from './schemas.js';

/** A file given to `apply`: its name as the user should see it, and its text. */
export interface InputText {
  file: string;
  text: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !(part in current)) {
      return { present: false, value: undefined };
    }
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return { present: true, value: current };
}

/** A JSON number where a decimal string belongs: quote it as written, or say it cannot be one. */
function numberIssue(file: string, path: PropertyKey[], written: string): InputIssue {
  let suggestion: string | undefined;
  try {
    const value = new ExactDecimal(written);
    if (limitProblem(value, Infinity)?.code !== 'tooManyDigits')
      suggestion = DECIMAL_TEXT.test(written) ? written : value.toFixed();
  } catch {
    suggestion = undefined;
  }
  return suggestion === undefined
    ? {
        file,
        path,
        key: 'input.decimalNumberTooLarge',
        params: { value: written, digits: MAX_INTEGER_DIGITS },
      }
    : { file, path, key: 'input.decimalNumber', params: { value: written, suggestion } };
}

function issueOf(file: string, document: JsonDocument, issue: z.core.$ZodIssue): InputIssue {
  const path = issue.path;
  const { present, value } = valueAt(document.value, path);
  if (issue.code === 'unrecognized_keys') {
    return { file, path, key: 'input.unknownKeys', params: { keys: issue.keys.join(', ') } };
  }
  if (!present) return { file, path, key: 'input.required' };
  if (issue.message === DECIMAL_ISSUE) {
    return typeof value === 'number'
      ? numberIssue(file, path, document.numbers.get(pathKey(path)) ?? String(value))
      : { file, path, key: 'input.decimalString' };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { file, path, key: 'input.expectedType', params: { expected: issue.expected } };
    case 'invalid_value': {
      const values = issue.values.map(String);
      const suggestion = typeof value === 'string' ? closestValue(value, values) : undefined;
      return suggestion
        ? {
            file,
            path,
            key: 'input.oneOfDidYouMean',
            params: { value: String(value), values: values.join(', '), suggestion },
          }
        : { file, path, key: 'input.oneOf', params: { values: values.join(', ') } };
    }
    case 'too_small':
      return { file, path, key: 'input.tooSmall' };
    default:
      return { file, path, key: 'input.invalid' };
  }
}

/** The JSON parser's reasons (printParseErrorCode), each said in every language. */
type SyntaxReason =
  | 'InvalidSymbol'
  | 'InvalidNumberFormat'
  | 'PropertyNameExpected'
  | 'ValueExpected'
  | 'ColonExpected'
  | 'CommaExpected'
  | 'CloseBraceExpected'
  | 'CloseBracketExpected'
  | 'EndOfFileExpected'
  | 'InvalidCommentToken'
  | 'UnexpectedEndOfString'
  | 'UnexpectedEndOfNumber'
  | 'InvalidEscapeCharacter'
  | 'InvalidCharacter';

const SYNTAX_REASONS: Catalog<SyntaxReason> = {
  en: {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'a property name in double quotes was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a colon was expected',
    CommaExpected: 'a comma was expected',
    CloseBraceExpected: 'a closing } was expected',
    CloseBracketExpected: 'a closing ] was expected',
    EndOfFileExpected: 'nothing may follow the value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'the string is not closed',
    UnexpectedEndOfNumber: 'the number is cut off',
    InvalidEscapeCharacter: 'invalid escape in a string',
    InvalidCharacter: 'a control character in a string',
  },
  vi: {
    InvalidSymbol: 'ký tự không mong đợi',
    InvalidNumberFormat: 'số sai định dạng',
    PropertyNameExpected: 'cần tên thuộc tính trong dấu ngoặc kép',
    ValueExpected: 'cần một giá trị',
    ColonExpected: 'cần dấu hai chấm',
    CommaExpected: 'cần dấu phẩy',
    CloseBraceExpected: 'cần dấu } đóng',
    CloseBracketExpected: 'cần dấu ] đóng',
    EndOfFileExpected: 'không được có gì sau giá trị',
    InvalidCommentToken: 'JSON không cho phép chú thích',
    UnexpectedEndOfString: 'chuỗi chưa được đóng',
    UnexpectedEndOfNumber: 'số bị cắt ngang',
    InvalidEscapeCharacter: 'ký tự thoát không hợp lệ trong chuỗi',
    InvalidCharacter: 'ký tự điều khiển trong chuỗi',
  },
};

/** A reason the parser may add later is shown as its name. */
function syntaxReason(language: Language, reason: string): string {
  return Object.hasOwn(SYNTAX_REASONS.en, reason) ? SYNTAX_REASONS[language][reason as SyntaxReason] : reason;
}

/** Parses and validates one input; throws ApplyInputError naming every problem. */
export function readInput<T>(input: InputText, schema: z.ZodType<T>): { file: string; value: T } {
  const { file } = input;
  let document: JsonDocument;
  try {
    document = parseJsonText(input.text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new ApplyInputError(
      error.problems.map((problem): InputIssue =>
        problem.kind === 'syntax'
          ? {
              file,
              path: [],
              ...problem.place,
              key: 'input.badJson',
              params: { reason: syntaxReason('en', problem.reason!) },
              localize: (language) =>
                translateApplyMessage(language, 'input.badJson', {
                  reason: syntaxReason(language, problem.reason!),
                }),
            }
          : {
              file,
              path: problem.path ?? [],
              ...problem.place,
              key: 'input.duplicateKey',
              params: { key: problem.key!, first: `${problem.first!.line}:${problem.first!.column}` },
            },
      ),
    );
  }
  const parsed = schema.safeParse(document.value);
  if (!parsed.success) {
    throw new ApplyInputError(parsed.error.issues.map((issue) => issueOf(file, document, issue)));
  }
  return { file, value: parsed.data };
}
