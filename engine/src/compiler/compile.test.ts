import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error.js';
import type { RuleSetDefinition } from '../rules/definition.js';
import { randomRuleSet } from '../testing/random-ruleset.js';
import { shippedRuleSet } from '../testing/shipped-ruleset.js';
import { canonicalJson } from './canonical-json.js';
import { compileRuleSet, compileRuleSetToJson } from './compile.js';
import { validateCompiledRuleSet } from './validate.js';

const schema = JSON.parse(readFileSync(new URL('./compiled-ruleset.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function golden(name: string, actual: string): void {
  const url = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, actual);
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

const small: RuleSetDefinition = {
  name: 'Small',
  scenarios: [
    {
      name: 'NotTime',
      when: [{ fact: 'class', operator: 'notIn', values: ['Time'] }],
      outcome: {
        kind: 'unsupported',
        message: 'only time',
        source: { line: 3, column: 3, endLine: 3, endColumn: 20 },
      },
    },
    {
      name: 'TimeAnything',
      when: [{ fact: 'class', operator: 'in', values: ['Time'] }],
      outcome: {
        kind: 'actions',
        actions: [{ kind: 'reverse', transactionType: 'BilledSales', basis: 'original' }],
      },
    },
  ],
};

describe('compiler', () => {
  it('compiles the shipped table back to its golden file, byte for byte', () => {
    // rules/correction-actuals.test.ts keeps the golden file equal to compiling the rules file; here the
    // definition read back from it must compile to the same bytes (no field lost on the way).
    const url = new URL('./golden/correction-actuals.compiled.json', import.meta.url);
    expect(compileRuleSetToJson(shippedRuleSet())).toBe(readFileSync(url, 'utf8'));
  });

  it('compiles a small rule set with notIn and an unsupported outcome to its golden file', () => {
    golden('small.compiled.json', compileRuleSetToJson(small));
  });

  it('maps a single value to equal, several to in, and keeps notIn', () => {
    const rules = compileRuleSet(shippedRuleSet()).rules;
    const product = rules.find((r) => r.name === 'ProductBased')!;
    expect(product.conditions).toEqual({
      all: [{ fact: 'billingMethod', operator: 'equal', value: 'product' }],
    });
    const increase = rules.find((r) => r.name === 'QuantityIncrease')!;
    expect(increase.conditions).toMatchObject({
      all: [{ fact: 'class', operator: 'in', value: ['Time', 'Expense', 'Material'] }, {}, {}],
    });
    expect(rules.find((r) => r.name === 'UnchangedLine')!.conditions).toMatchObject({
      all: [{ fact: 'class', operator: 'notIn', value: ['Milestone'] }, {}, {}],
    });
    expect(compileRuleSet(small).rules[0]!.conditions).toEqual({
      all: [{ fact: 'class', operator: 'notIn', value: ['Time'] }],
    });
  });

  it('keeps a source map: every action names its scenario and source range', () => {
    for (const rule of compileRuleSet(shippedRuleSet()).rules) {
      expect(rule.event.params.scenario).toBe(rule.name);
      expect(rule.event.params.source?.file).toBe('rules/correction-actuals.crules');
      if (rule.event.type === 'actions') {
        for (const action of rule.event.params.actions) expect(action.source?.line).toBeGreaterThan(0);
      }
    }
  });

  it('validates against the JSON Schema, for the shipped table and for random rule sets', () => {
    const sample = JSON.parse(compileRuleSetToJson(shippedRuleSet()));
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    fc.assert(
      fc.property(randomRuleSet, (definition) => {
        const compiled = JSON.parse(compileRuleSetToJson(definition));
        expect(validate(compiled), JSON.stringify(validate.errors)).toBe(true);
        expect(validateCompiledRuleSet(compiled).rules).toHaveLength(definition.scenarios.length);
      }),
      { numRuns: 200 },
    );
  });

  it('the schema rejects what json-rules-engine would misread', () => {
    const compiled = JSON.parse(compileRuleSetToJson(small));
    compiled.rules[0].conditions.all[0].operator = 'greaterThan';
    expect(validate(compiled)).toBe(false);
    compiled.rules[0].conditions = { fact: 'class', operator: 'equal', value: 'Time' };
    expect(validate(compiled)).toBe(false);
  });

  it('is reproducible: key order and object identity do not matter', () => {
    fc.assert(
      fc.property(randomRuleSet, (definition) => {
        const shuffled = JSON.parse(JSON.stringify(definition), (_key, value) =>
          value && typeof value === 'object' && !Array.isArray(value)
            ? Object.fromEntries(Object.entries(value).reverse())
            : value,
        ) as RuleSetDefinition;
        expect(compileRuleSetToJson(shuffled)).toBe(compileRuleSetToJson(definition));
      }),
      { numRuns: 100 },
    );
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: 3 } })).toBe(
      '{\n  "a": {\n    "c": 3,\n    "d": [\n      2,\n      {\n        "f": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('writes source files relative to a root, so the output does not depend on the machine', () => {
    const absolute = shippedRuleSet();
    const rewrite = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(rewrite);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (typeof record.file === 'string') record.file = `/home/ana/work/rules/${record.file}`;
        Object.values(record).forEach(rewrite);
      }
    };
    rewrite(absolute);
    expect(JSON.stringify(absolute)).toContain('/home/ana/work/rules/rules/correction-actuals.crules');
    const compiled = compileRuleSetToJson(absolute, { sourceRoot: '/home/ana/work/' });
    expect(compiled).not.toContain('/home/ana');
    expect(compiled).toBe(
      compileRuleSetToJson(shippedRuleSet()).replaceAll(
        '"rules/correction-actuals.crules"',
        '"rules/rules/correction-actuals.crules"',
      ),
    );
  });

  it('refuses invalid definitions with the place', () => {
    const at = { file: 'x.rules', line: 4, column: 9, endLine: 4, endColumn: 20 };
    const bad = (scenario: Partial<RuleSetDefinition['scenarios'][number]>) => () =>
      compileRuleSet({
        name: 'Bad',
        scenarios: [{ name: 'S', when: [], outcome: { kind: 'actions', actions: [] }, ...scenario }],
      });
    expect(bad({ when: [{ fact: 'class', operator: 'in', values: ['Hours'], source: at }] })).toThrow(
      'x.rules:4:9: "Hours" is not a value of class',
    );
    expect(
      bad({
        outcome: {
          kind: 'actions',
          actions: [{ kind: 'reverse', transactionType: 'UnbilledSales', basis: 'corrected', source: at }],
        },
      }),
    ).toThrow(
      /x.rules:4:9: a reversal of UnbilledSales for corrected needs that actual to be created earlier/,
    );
    expect(
      bad({
        outcome: {
          kind: 'actions',
          actions: [
            { kind: 'reverse', transactionType: 'BilledSales', basis: 'original' },
            { kind: 'reverse', transactionType: 'BilledSales', basis: 'original', source: at },
          ],
        },
      }),
    ).toThrow('x.rules:4:9: BilledSales for original is already reversed in this scenario');
    expect(
      bad({
        outcome: {
          kind: 'actions',
          actions: [
            {
              kind: 'create',
              transactionType: 'UnbilledSales',
              basis: 'original',
              sign: 'positive',
              billingType: 'Chargeable',
            },
            { kind: 'reverse', transactionType: 'UnbilledSales', basis: 'original' },
            { kind: 'reverse', transactionType: 'UnbilledSales', basis: 'original', source: at },
          ],
        },
      }),
    ).toThrow('x.rules:4:9: UnbilledSales for original is already reversed in this scenario');
    const duplicate = () =>
      compileRuleSet({
        name: 'Dup',
        scenarios: [
          { name: 'A', when: [], outcome: { kind: 'actions', actions: [] } },
          { name: 'A', when: [], outcome: { kind: 'actions', actions: [] }, source: at },
        ],
      });
    expect(
      bad({ when: [{ fact: 'currency' as never, operator: 'in', values: ['VND'], source: at }] }),
    ).toThrow('x.rules:4:9: unknown fact "currency" (one of class, creditKind, advanceState, billingMethod)');
    try {
      bad({ when: [{ fact: 'class', operator: 'in', values: ['Hours'], source: at }] })();
    } catch (error) {
      expect((error as EngineError).localized('vi')).toBe(
        'x.rules:4:9: "Hours" không phải là giá trị của class (một trong Time, Expense, Material, Fee, Milestone, Retainer)',
      );
    }
    expect(duplicate).toThrow(EngineError);
    expect(duplicate).toThrow('x.rules:4:9: duplicate scenario "A"');
  });

  it('load-time validation names what is wrong', () => {
    expect(() => validateCompiledRuleSet('{"format":"other"}')).toThrow('format must be');
    expect(() => validateCompiledRuleSet('{not json')).toThrow('Compiled rule set is not valid');
    const compiled = JSON.parse(compileRuleSetToJson(small));
    delete compiled.rules[1].event.params.actions;
    expect(() => validateCompiledRuleSet(compiled)).toThrow('rules[1].event.params.actions must be a list');
  });
});
