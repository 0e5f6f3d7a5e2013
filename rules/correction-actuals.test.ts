/**
 * The shipped correction table is the one source of the engine's golden compiled file: the file
 * (engine/src/compiler/golden/correction-actuals.compiled.json) must be what compiling
 * rules/correction-actuals.crules gives today, byte for byte. The engine's tests, its hand-written
 * baseline and its benchmarks load that compiled file (the engine cannot parse rules files itself).
 * `UPDATE_GOLDEN=1 npx vitest run rules/correction-actuals.test.ts` rewrites it after a rules change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, compileRuleSetToJson, createExecutor, EXECUTOR_KINDS, runRuleTests } from '#engine';
import { loadRules } from '#language';

const root = resolve(import.meta.dirname, '..');
const golden = resolve(root, 'engine/src/compiler/golden/correction-actuals.compiled.json');

describe('rules/correction-actuals.crules', () => {
  it('compiles to the engine golden file, byte for byte', async () => {
    const loaded = await loadRules([resolve(root, 'rules/correction-actuals.crules')]);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.ruleSets).toHaveLength(1);
    const compiled = compileRuleSetToJson(loaded.ruleSets[0]!, { sourceRoot: root });
    expect(compiled).toContain('"file": "rules/correction-actuals.crules"');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, compiled);
    expect(compiled).toBe(readFileSync(golden, 'utf8'));
  });

  it('passes its own tests, the billing-type ones included, on both executors', async () => {
    const loaded = await loadRules([resolve(root, 'rules')]);
    const compiled = compileRuleSet(loaded.ruleSets[0]!);
    const tests = loaded.tests.flatMap((file) => file.tests);
    const billingTypes = new Set(tests.map((test) => test.given.billingType ?? 'Chargeable'));
    expect([...billingTypes].sort()).toEqual([
      'Chargeable',
      'Complimentary',
      'NonChargeable',
      'NotAvailable',
    ]);
    for (const kind of EXECUTOR_KINDS) {
      const results = await runRuleTests(compiled, tests, createExecutor(kind, compiled));
      expect(results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.failure}`)).toEqual([]);
      expect(results).toHaveLength(tests.length);
    }
  });
});
