/**
 * Diagnostics that keep up with typing must be the diagnostics of a full check: random edit sequences
 * applied through the editor's update path (partial re-parse, per-scenario results kept) give, after
 * every edit, the same parse and the same diagnostics as parsing and validating the text from scratch.
 * The texts are chosen so that overlaps, uncovered cells, duplicate scenario names and the diagnostic
 * cap (more than 100 overlaps) all occur, and the test checks that they did. Edits reach the document
 * as the language server receives them (incremental changes to a chunked document), and once as whole
 * new texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CorrectionsDocumentFactory } from './parsing/corrections-document-factory.js';
import { comparable, dumpParse, EditingSession, FromScratch } from './test/editing.js';
import { COMPLETE_RULESET } from './test/services.js';
import {
  applyEdit,
  applyRulesEdit,
  rulesEdit,
  textEdit,
  type RulesEdit,
  type TextEdit,
} from './testing/random-edits.js';
import { generateLargeRuleSet } from './testing/generate-large-ruleset.js';
import { IssueCodes } from './validation/issue-codes.js';

const START_TEXTS = [
  COMPLETE_RULESET,
  `// a header comment\n${generateLargeRuleSet({ scenarios: 70, name: 'Generated' })}// the end\n`,
  // Past the cap: 150 overlaps, 100 shown and a summary.
  generateLargeRuleSet({ scenarios: 206, name: 'Capped' }),
];

/** Codes the comparisons must have met (across all runs of a test). */
const MUST_MEET = [
  IssueCodes.overlap,
  IssueCodes.uncovered,
  IssueCodes.duplicateScenario,
  IssueCodes.moreNotShown,
];

type Edit = { rules: RulesEdit } | { text: TextEdit };
const apply = (text: string, edit: Edit) =>
  'rules' in edit ? applyRulesEdit(text, edit.rules) : applyEdit(text, edit.text);

/** Runs edit sequences and compares after each edit; returns how many edits and partial re-parses ran. */
async function compareRuns(
  edits: fc.Arbitrary<Edit[]>,
  seed: number,
  numRuns: number,
  options: { chunked: boolean },
) {
  const scratch = new FromScratch();
  const counts = { edits: 0, partial: 0, codes: new Set<string>() };
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...START_TEXTS), edits, async (start, sequence) => {
      const session = new EditingSession('edited.crules', options);
      await session.open(start);
      const factory = session.services.shared.workspace.LangiumDocumentFactory as CorrectionsDocumentFactory;
      let text = start;
      for (const edit of sequence) {
        text = apply(text, edit);
        const document = await session.change(text);
        const expected = await scratch.check('edited.crules', text);
        expect(dumpParse(document)).toEqual(dumpParse(expected.document));
        expect(comparable(document.diagnostics)).toEqual(comparable(expected.diagnostics));
        for (const diagnostic of expected.diagnostics) counts.codes.add(String(diagnostic.code));
        counts.edits++;
      }
      counts.partial += factory.reparses.partial;
    }),
    { seed, numRuns },
  );
  return counts;
}

describe('incremental diagnostics', () => {
  it('equal a from-scratch check after each edit that keeps the file readable', async () => {
    const counts = await compareRuns(
      fc.array(
        rulesEdit.map((rules) => ({ rules })),
        { minLength: 1, maxLength: 15 },
      ),
      20261202,
      30,
      { chunked: true },
    );
    expect(counts.edits).toBeGreaterThan(150);
    // The property is about the incremental path: most of these edits must have taken it.
    expect(counts.partial / counts.edits).toBeGreaterThan(0.7);
    expect([...counts.codes]).toEqual(expect.arrayContaining(MUST_MEET));
  }, 120_000);

  it('equal a from-scratch check when each edit arrives as a whole new text', async () => {
    const counts = await compareRuns(
      fc.array(
        rulesEdit.map((rules) => ({ rules })),
        { minLength: 1, maxLength: 10 },
      ),
      7,
      15,
      { chunked: false },
    );
    expect(counts.edits).toBeGreaterThan(30);
    expect(counts.partial / counts.edits).toBeGreaterThan(0.7);
  }, 120_000);

  it('equal a from-scratch check after each keystroke-like edit, syntax errors included', async () => {
    const edit = fc.oneof(
      rulesEdit.map((rules): Edit => ({ rules })),
      textEdit.map((text): Edit => ({ text })),
    );
    const counts = await compareRuns(fc.array(edit, { minLength: 1, maxLength: 12 }), 11, 35, {
      chunked: true,
    });
    expect(counts.edits).toBeGreaterThan(150);
    expect(counts.partial).toBeGreaterThan(0);
    expect([...counts.codes]).toEqual(expect.arrayContaining(MUST_MEET));
  }, 120_000);
});
