import { describe, expect, it } from 'vitest';
import * as engine from './index.js';
import { engineMessages } from './errors/messages.js';
import { shippedRuleSet } from './testing/shipped-ruleset.js';

describe('public API', () => {
  it('runs the whole path from a definition to actuals', async () => {
    const compiled = engine.compileRuleSet(shippedRuleSet());
    const fast = engine.createFastExecutor(compiled);
    const reference = engine.createReferenceExecutor(compiled);
    const [test] = await engine.runRuleTests(compiled, [], fast);
    expect(test).toBeUndefined();
    const facts = { class: 'Time', creditKind: 'full', advanceState: 'none', billingMethod: 'resource' };
    expect(engine.selectScenario(fast.match(facts), facts, 'L').scenario).toBe('TimeFullCredit');
    expect(engine.selectScenario(await reference.match(facts), facts, 'L').scenario).toBe('TimeFullCredit');
    expect(typeof engine.handwrittenTable).toBe('function');
    expect(typeof engine.materialise).toBe('function');
  });

  it('has every message in English and Vietnamese', () => {
    const english = Object.keys(engineMessages.en).sort();
    expect(Object.keys(engineMessages.vi).sort()).toEqual(english);
    for (const key of english) {
      const vi = engineMessages.vi[key as keyof typeof engineMessages.vi];
      expect(vi.length, key).toBeGreaterThan(0);
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(vi), key).toEqual(
        placeholders(engineMessages.en[key as keyof typeof engineMessages.en]),
      );
    }
  });
});
