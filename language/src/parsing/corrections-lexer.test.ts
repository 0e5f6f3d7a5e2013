import { describe, expect, it } from 'vitest';
import { validationHelper } from 'langium/test';
import type { RuleSet } from '../generated/ast.js';
import { services } from '../test/checks.js';
import { MAX_DOCUMENT_CHARS, MAX_TOKEN_CHARS } from './input-limits.js';

const validate = validationHelper<RuleSet>(services);
let runs = 0;
const check = (text: string) => validate(text, { documentUri: `memory:///lexer-${++runs}.crules` });

describe('the lexer with limits', () => {
  it('reports a quoted text of 4 MB at its place instead of overflowing the stack', async () => {
    const huge = 'x'.repeat(4 * 1024 * 1024);
    const text = `ruleset R\nscenario A {\n  when class is Time\n  unsupported "${huge}"\n}\n`;
    const result = await check(text);
    const tooLong = result.diagnostics.filter((d) => String(d.message).includes('at most'));
    expect(tooLong).toHaveLength(1);
    expect(tooLong[0]!.message).toBe(
      `This word, number, quoted text or comment has ${(huge.length + 2).toLocaleString('en')} characters; at most ${MAX_TOKEN_CHARS.toLocaleString('en')} are allowed.`,
    );
    expect(tooLong[0]!.range.start).toEqual({ line: 3, character: 14 });
    expect(tooLong[0]!.range.end).toEqual({ line: 3, character: 15 });
  });

  it('does not read a document over the size limit, and says so at 1:1', async () => {
    const text = `ruleset R\n// ${'x'.repeat(MAX_DOCUMENT_CHARS)}\n`;
    const result = await check(text);
    expect(result.document.parseResult.lexerErrors).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toMatch(
      /^This file has [\d,]+ characters; a rules file may have at most 8,388,608/,
    );
    expect(result.diagnostics[0]!.range.start).toEqual({ line: 0, character: 0 });
  });

  it('reads a file just under the limits as usual', async () => {
    const text = `ruleset R\nscenario A {\n  when class is Time\n  unsupported "${'x'.repeat(MAX_TOKEN_CHARS - 2)}"\n}\n`;
    const result = await check(text);
    expect(result.document.parseResult.lexerErrors).toEqual([]);
    expect(result.document.parseResult.value.scenarios[0]!.unsupported!.message).toHaveLength(
      MAX_TOKEN_CHARS - 2,
    );
  });
});
