import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { translatorFor } from '../messages.js';
import { capDiagnostics, DiagnosticBudget } from './diagnostic-cap.js';
import { IssueCodes } from './issue-codes.js';

const at = (line: number, code: string, severity: 1 | 2 = 1): Diagnostic => ({
  range: { start: { line, character: 2 }, end: { line, character: 5 } },
  message: `${code} at ${line}`,
  code,
  severity,
});

describe('the cap on repeated diagnostics', () => {
  const t = translatorFor('en');

  it('keeps the first ones per code in document order and summarises the rest where the first left out is', () => {
    const diagnostics = [
      ...Array.from({ length: 7 }, (_, i) => at(20 - i, 'overlap')),
      at(1, 'matches-nothing', 2),
      at(2, 'matches-nothing', 2),
    ];
    const capped = capDiagnostics(diagnostics, t, { maxPerCode: 3 });
    expect(capped.map((d) => `${d.code}@${d.range.start.line}`)).toEqual([
      'matches-nothing@1',
      'matches-nothing@2',
      'overlap@14',
      'overlap@15',
      'overlap@16',
      `${IssueCodes.moreNotShown}@17`,
    ]);
    expect(capped.at(-1)!.message).toBe(
      '4 more `overlap` problems in this file are not listed (the first 3 are): fix those first.',
    );
    expect(capped.at(-1)!.data).toEqual({ code: IssueCodes.moreNotShown, of: 'overlap', count: 4 });
  });

  it('counts what a budget kept from being made', () => {
    const budget = new DiagnosticBudget(2);
    expect([1, 2, 3, 4, 5].map(() => budget.take('overlap'))).toEqual([true, true, true, false, false]);
    budget.skip('overlap', 10);
    const made = [at(1, 'overlap'), at(2, 'overlap'), at(3, 'overlap')];
    const capped = capDiagnostics(made, t, { maxPerCode: 2, skipped: budget.skipped });
    expect(capped.at(-1)!.data).toEqual({ code: IssueCodes.moreNotShown, of: 'overlap', count: 13 });
    expect(capped.at(-1)!.message).toMatch(/^13 more `overlap`/);
  });

  it('leaves a file under the cap as it is', () => {
    const diagnostics = [at(3, 'a'), at(1, 'b')];
    expect(capDiagnostics(diagnostics, t, { maxPerCode: 3 })).toEqual(diagnostics);
  });
});
