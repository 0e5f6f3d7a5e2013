import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadRules } from './workspace.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');

describe('loadRules', () => {
  it('loads a directory into one workspace: rule sets, tests and their cross-file links', async () => {
    const loaded = await loadRules([resolve(fixtures, 'valid')]);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.documents).toHaveLength(2);
    expect(loaded.ruleSets.map((r) => [r.name, r.scenarios.map((s) => s.name)])).toEqual([
      ['Small', ['Products', 'Advances', 'Milestones', 'Others']],
    ]);
    expect(loaded.ruleSets[0]!.source!.file).toBe(resolve(fixtures, 'valid/small.crules'));
    expect(loaded.tests).toHaveLength(1);
    expect(loaded.tests[0]!.file).toBe(resolve(fixtures, 'valid/small.crtest'));
    expect(loaded.tests[0]!.ruleSet).toBe('Small');
    expect(loaded.tests[0]!.tests.map((t) => [t.name, t.expect.scenario])).toEqual([
      ['time back to the backlog', 'Others'],
      ['advance', 'Advances'],
      ['milestone', undefined],
      ['refused', undefined],
    ]);
  });

  it('reports problems as file:line:col diagnostics, never as exceptions', async () => {
    const loaded = await loadRules([
      resolve(fixtures, 'broken/broken.crules'),
      resolve(fixtures, 'broken/broken.crtest'),
      resolve(fixtures, 'broken/README.txt'),
      resolve(fixtures, 'does-not-exist'),
    ]);
    const lines = loaded.diagnostics.map(formatDiagnostic);
    const crules = resolve(fixtures, 'broken/broken.crules');
    const crtest = resolve(fixtures, 'broken/broken.crtest');
    expect(lines).toContain(
      `${crules}:4:17: error: \`Tme\` is not a class value. Valid values: Time, Expense, Material, Fee, Milestone, Retainer. Did you mean \`Time\`? [unknown-fact-value]`,
    );
    expect(lines.some((line) => line.startsWith(`${crules}:1:9: warning: No scenario for 56 case(s)`))).toBe(
      true,
    );
    expect(
      lines.some((line) =>
        line.startsWith(`${crtest}:5:19: error: Rule set \`Broken\` has no scenario \`Missing\`.`),
      ),
    ).toBe(true);
    expect(loaded.diagnostics.find((d) => d.code === 'not-a-rules-file')?.file).toBe(
      resolve(fixtures, 'broken/README.txt'),
    );
    expect(loaded.diagnostics.find((d) => d.code === 'file-not-found')?.message).toContain('does-not-exist');
    // Parsed files still map, so tools can show everything at once.
    expect(loaded.ruleSets.map((r) => r.name)).toEqual(['Broken']);
  });

  it('rejects two rule sets with the same name', async () => {
    const loaded = await loadRules([resolve(fixtures, 'valid/small.crules'), resolve(fixtures, 'duplicate')]);
    const duplicates = loaded.diagnostics.filter((d) => d.code === 'duplicate-ruleset');
    expect(duplicates.map((d) => [d.file, d.line, d.column])).toEqual([
      [resolve(fixtures, 'duplicate/small-again.crules'), 1, 9],
      [resolve(fixtures, 'valid/small.crules'), 1, 9],
    ]);
    expect(duplicates[0]!.message).toBe(
      `Rule set \`Small\` is also defined in ${resolve(fixtures, 'valid/small.crules')}: tests could not tell them apart.`,
    );
  });

  it('keeps the text of syntax errors and skips mapping a file that does not parse', async () => {
    const loaded = await loadRules([resolve(fixtures, 'broken')]);
    expect(loaded.documents).toHaveLength(3);
    const syntax = loaded.diagnostics.filter((d) => d.file === resolve(fixtures, 'broken/syntax.crules'));
    expect(syntax.find((d) => d.severity === 'error')).toMatchObject({ line: 4, column: 10 });
    expect(loaded.ruleSets.map((r) => r.name)).toEqual(['Broken']);
  });
});
