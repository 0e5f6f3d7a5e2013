/**
 * The repository's rules (rules/*.crules, *.crtest) are valid, cover the whole case space without overlaps,
 * have a test per scenario, and those tests pass on the engine (both executors).
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRuleSet, createReferenceExecutor, runRuleTests } from '#engine';
import { TextDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createCorrectionsServices, type CorrectionsServices } from './corrections-module.js';
import { formatDiagnostic, loadRules, type LoadedRules } from './workspace.js';
import { IssueCodes } from './validation/index.js';

const rulesDir = resolve(import.meta.dirname, '../../rules');

describe('rules/', () => {
  let loaded: LoadedRules;
  let services: CorrectionsServices;
  beforeAll(async () => {
    services = createCorrectionsServices(NodeFileSystem).Corrections;
    loaded = await loadRules([rulesDir], { services });
  });

  it('is laid out as the formatter would lay it out', async () => {
    for (const document of loaded.documents) {
      const edits = await services.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() },
        options: { tabSize: 2, insertSpaces: true },
      });
      expect(TextDocument.applyEdits(document.textDocument, edits), document.uri.path).toBe(
        document.textDocument.getText(),
      );
    }
  });

  it('has no errors, no coverage warning and no overlaps', () => {
    const problems = loaded.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic);
    expect(problems).toEqual([]);
    expect(
      loaded.diagnostics.filter((d) => d.code === IssueCodes.uncovered || d.code === IssueCodes.overlap),
    ).toEqual([]);
  });

  it('encodes all 11 rows of the table and writes a decision for every other scenario', () => {
    expect(loaded.ruleSets.map((r) => r.name)).toEqual(['CorrectionActuals']);
    const scenarios = loaded.documents
      .map((d) => d.parseResult.value)
      .flatMap((root) => (root.$type === 'RuleSet' ? root.scenarios : []));
    const rows = scenarios
      .map((s) => s.row)
      .filter((row) => row !== undefined)
      .map(Number);
    expect(rows.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const scenario of scenarios) {
      expect(scenario.row !== undefined || (scenario.reason ?? '').length > 20, scenario.name).toBe(true);
    }
  });

  it('has at least one test for every scenario', () => {
    const tested = new Set(loaded.tests.flatMap((file) => file.tests.map((t) => t.expect.scenario)));
    const untested = loaded.ruleSets[0]!.scenarios.map((s) => s.name).filter((name) => !tested.has(name));
    expect(untested).toEqual([]);
  });

  it('passes its own tests on the fast and the json-rules-engine executors', async () => {
    const compiled = compileRuleSet(loaded.ruleSets[0]!);
    const tests = loaded.tests.flatMap((file) => file.tests);
    expect(tests.length).toBeGreaterThanOrEqual(30);
    for (const executor of [undefined, createReferenceExecutor(compiled)]) {
      const failures = (await runRuleTests(compiled, tests, executor))
        .filter((result) => !result.passed)
        .map((result) => `${result.name}: ${result.failure}`);
      expect(failures).toEqual([]);
    }
  });
});
