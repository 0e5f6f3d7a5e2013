/**
 * Problems found in `apply`'s inputs: each names its file and JSON path (`lines[2].quantity`), or its
 * line and column for JSON that does not parse, with a message key of the apply catalogue (or a message
 * already translated, for engine refusals of an edit). Thrown together, so a file is fixed in one go.
 */
import type { Language, Params } from '../i18n/translator.js';
import { translateApplyMessage, type ApplyMessageKey } from './messages.js';

export interface InputIssue {
  file: string;
  path: PropertyKey[];
  /** For problems found before there is a value (JSON syntax, repeated keys). */
  line?: number;
  column?: number;
  key: ApplyMessageKey;
  params?: Params;
  /** Engine refusals carry their own message, translated when shown. */
  localize?: (language: Language) => string;
}

export class ApplyInputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((issue) => formatInputIssue(issue, 'en')).join('\n'));
    this.name = 'ApplyInputError';
  }
}

export function isApplyInputError(error: unknown): error is ApplyInputError {
  return error instanceof ApplyInputError;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(root)' : text;
}

/** `invoice.json: lines[2].quantity: <message>`, or `invoice.json:3:14: <message>` for JSON syntax. */
export function formatInputIssue(issue: InputIssue, language: Language): string {
  const message = issue.localize
    ? issue.localize(language)
    : translateApplyMessage(language, issue.key, issue.params);
  if (issue.line !== undefined) {
    const at = issue.path.length > 0 ? ` ${formatPath(issue.path)}:` : '';
    return `${issue.file}:${issue.line}:${issue.column ?? 1}:${at} ${message}`;
  }
  return `${issue.file}: ${formatPath(issue.path)}: ${message}`;
}
