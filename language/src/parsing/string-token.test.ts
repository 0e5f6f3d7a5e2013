import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotedTextLength } from './string-token.js';

/** The grammar's STRING terminal, which the loop replaces. */
const GRAMMAR_STRING = /"(\\.|[^"\\])*"|'(\\.|[^'\\])*'/y;

function byRegex(text: string, offset: number): number | undefined {
  GRAMMAR_STRING.lastIndex = offset;
  const match = GRAMMAR_STRING.exec(text);
  return match ? match[0].length : undefined;
}

describe('quoted texts read by a loop', () => {
  it('match exactly what the grammar expression matches', () => {
    const piece = fc.constantFrom('"', "'", '\\', 'a', ' ', '\n', '\r', '\u2028', 'é', '\\"', "\\'", '\\\n');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }).map((parts) => parts.join('')),
        (text) => {
          for (let offset = 0; offset < text.length; offset++) {
            expect(quotedTextLength(text, offset)).toBe(byRegex(text, offset));
          }
        },
      ),
      { seed: 4, numRuns: 2_000 },
    );
  });

  it('read a quoted text of 5 MB that overflows the expression', () => {
    const text = `"${'a'.repeat(5 * 1024 * 1024)}"`;
    expect(() => byRegex(text, 0)).toThrow(/Maximum call stack size exceeded/);
    expect(quotedTextLength(text, 0)).toBe(text.length);
  });
});
