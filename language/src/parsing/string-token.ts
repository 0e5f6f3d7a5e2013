/**
 * The STRING terminal read by a loop instead of the grammar's regular expression: V8 runs
 * `"(\\.|[^"\\])*"` with a backtracking stack, and a quoted text of a few megabytes overflows it
 * ("Maximum call stack size exceeded" out of the lexer, which ended the language server). The loop
 * accepts exactly what the expression accepts, in linear time and constant stack.
 */

/** Line terminators: `.` in a regular expression does not match them, so `\` cannot escape them. */
function isLineTerminator(char: string): boolean {
  return char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029';
}

/** The length of the quoted text starting at `offset`, or undefined when none starts there. */
export function quotedTextLength(text: string, offset: number): number | undefined {
  const quote = text[offset];
  if (quote !== '"' && quote !== "'") return undefined;
  let at = offset + 1;
  while (at < text.length) {
    const char = text[at]!;
    if (char === quote) return at + 1 - offset;
    if (char === '\\') {
      const escaped = text[at + 1];
      if (escaped === undefined || isLineTerminator(escaped)) return undefined;
      at += 2;
    } else {
      at++;
    }
  }
  return undefined; // not closed
}

/** A Chevrotain custom token pattern for quoted texts. */
export function matchQuotedText(text: string, offset: number): RegExpExecArray | null {
  const length = quotedTextLength(text, offset);
  if (length === undefined) return null;
  const match = [text.substring(offset, offset + length)] as unknown as RegExpExecArray;
  match.index = offset;
  return match;
}
