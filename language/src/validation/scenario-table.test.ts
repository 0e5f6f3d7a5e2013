/**
 * The scenario table updated by difference counts overlaps as a full check does when a cell changes
 * owner: the owner removed (the next scenario of the cell takes it), a new first scenario put before
 * it (the old owner now overlaps), the owner mistyped and fixed. The file is past the diagnostic cap,
 * so the summary's count shows any overlap counted wrong.
 */
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { CorrectionsDocumentFactory } from '../parsing/corrections-document-factory.js';
import { comparable, EditingSession, FromScratch } from '../test/editing.js';
import { generateLargeRuleSet } from '../testing/generate-large-ruleset.js';
import { IssueCodes } from './issue-codes.js';
import { ScenarioTable } from './scenario-table.js';

const scenarioText = (text: string, name: string) => {
  const start = text.indexOf(`scenario ${name} `);
  return text.slice(start, text.indexOf('\n}\n', start) + 3);
};

/**
 * The update under test ran: the session's document had one table built (when opened), every edit
 * updated it, and every edit was re-parsed in part. (The from-scratch checks build tables of their own.)
 */
function expectUpdatedInPlace(session: EditingSession, builds: MockInstance<typeof ScenarioTable.build>) {
  const factory = session.services.shared.workspace.LangiumDocumentFactory as CorrectionsDocumentFactory;
  expect(factory.reparses.full).toBe(0);
  expect(factory.reparses.partial).toBeGreaterThan(0);
  const own = builds.mock.calls.filter(
    ([ruleSet]) => ruleSet.$document?.uri.toString() === session.uri.toString(),
  );
  expect(own).toHaveLength(1);
}

describe('the scenario table', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('counts overlaps as a full check when cells change owner', async () => {
    const start = generateLargeRuleSet({ scenarios: 230, name: 'Owners' });
    const session = new EditingSession('owners.crules', { chunked: true });
    const builds = vi.spyOn(ScenarioTable, 'build');
    await session.open(start);
    const scratch = new FromScratch();
    const first = scenarioText(start, 'S0');
    const edits = [
      (text: string) => text.replace(first, ''), // the owner of S0's cells removed
      (text: string) => text.replace('scenario S1 ', `${first.replace('S0', 'Again')}\nscenario S1 `),
      (text: string) => text.replace(scenarioText(text, 'S1'), `${first}\n${scenarioText(text, 'S1')}`),
      (text: string) => text.replace(/class is [A-Za-z]+/, 'class is Tme'),
      (text: string) => text.replace('class is Tme', 'class is Time'),
      // Owners removed one after another: each time the next scenario of their cells takes them.
      ...Array.from(
        { length: 40 },
        (_, index) => (text: string) => text.replace(scenarioText(text, `S${index + 2}`), ''),
      ),
    ];
    let text = start;
    for (const edit of edits) {
      text = edit(text);
      const document = await session.change(text);
      const expected = await scratch.check('owners.crules', text);
      expect(comparable(document.diagnostics)).toEqual(comparable(expected.diagnostics));
      const summary = expected.diagnostics.find(
        (d) => d.code === IssueCodes.moreNotShown && (d.data as { of?: string }).of === IssueCodes.overlap,
      );
      expect(summary).toBeDefined();
    }
    expectUpdatedInPlace(session, builds);
  }, 60_000);

  it('counts right when the scenario taking a cell of one comes after the cap', async () => {
    // First owns one cell; 150 copies of one scenario overlap each other (past the cap); a last
    // scenario of that one cell takes it when First goes.
    const products =
      'scenario First {\n  when class is Retainer and credit is full and advance is reconciled and billing is resource\n  because "one cell"\n  no actuals\n}\n\n';
    const copies = Array.from(
      { length: 150 },
      (_, index) =>
        `scenario Copy${index} {\n  when class is Fee and credit is full and billing is resource\n  because "copy"\n  no actuals\n}\n\n`,
    ).join('');
    const start = `ruleset Late "Late owner"\n\n${products}${copies}${products.replace('First {', 'Last {')}`;
    const session = new EditingSession('late.crules', { chunked: true });
    const builds = vi.spyOn(ScenarioTable, 'build');
    await session.open(start);
    const scratch = new FromScratch();
    let text = start;
    for (const edit of [(t: string) => t.replace(products, ''), (t: string) => `${t}${products}`]) {
      text = edit(text);
      const document = await session.change(text);
      const expected = await scratch.check('late.crules', text);
      expect(comparable(document.diagnostics)).toEqual(comparable(expected.diagnostics));
    }
    expectUpdatedInPlace(session, builds);
  }, 60_000);
});
