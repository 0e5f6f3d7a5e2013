import { describe, expect, it } from 'vitest';
import type { TestFileRunResult, TestRunResult } from '#language/protocol';
import { uiTranslator } from './i18n.js';
import {
  failureView,
  fileLabel,
  parseTestId,
  planRun,
  ruleSetNameOf,
  runOutput,
  testId,
  testOutput,
} from './test-results.js';

const uri = 'file:///work/rules/correction-actuals.crtest';
const range = { start: { line: 7, character: 0 }, end: { line: 15, character: 1 } };
const t = uiTranslator('en');

const failing: TestRunResult = {
  name: 'time 8 h corrected to 6 h',
  range,
  passed: false,
  durationMs: 3.4,
  scenario: 'TimePartialCredit',
  failure:
    'Expected actuals differ from the produced ones.\n- unbilled sales chargeable quantity 2 amount 400',
  expectedText:
    'billed sales reversal quantity -8 amount -1600\nunbilled sales chargeable quantity 2 amount 400',
  actualText: 'billed sales reversal quantity -8 amount -1600',
  diff: [
    '  billed sales reversal quantity -8 amount -1600',
    '- unbilled sales chargeable quantity 2 amount 400',
  ],
  actuals: [
    {
      text: 'billed sales reversal quantity -8 amount -1600',
      explanation: 'TimePartialCredit (correction-actuals.crules:43:3)',
      source: {
        uri: 'file:///work/rules/correction-actuals.crules',
        range: { start: { line: 42, character: 2 }, end: { line: 42, character: 42 } },
      },
    },
  ],
};

const passing: TestRunResult = {
  name: 'fee fully credited',
  range,
  passed: true,
  durationMs: 1,
  scenario: 'FeeFullCredit',
  actualText: 'billed sales reversal amount -100',
  diff: [],
  actuals: [{ text: 'billed sales reversal amount -100', explanation: 'FeeFullCredit (x.crules:3:3)' }],
};

describe('test ids', () => {
  it('are the uri, and uri#name for a test, and parse back (names may hold #)', () => {
    expect(testId(uri)).toBe(uri);
    expect(testId(uri, 'a # b')).toBe(`${uri}#a # b`);
    expect(parseTestId(testId(uri, 'a # b'))).toEqual({ uri, name: 'a # b' });
    expect(parseTestId(uri)).toEqual({ uri });
  });

  it('file labels are the decoded file name', () => {
    expect(fileLabel('file:///a/b/my%20rules.crtest')).toBe('my rules.crtest');
  });
});

describe('planRun', () => {
  it('runs a whole file without names, and single tests by name', () => {
    const plan = planRun([
      { uri: 'a', children: ['x', 'y'] },
      { uri: 'b', name: 'x' },
      { uri: 'b', name: 'y' },
    ]);
    expect([...plan]).toEqual([
      ['a', undefined],
      ['b', ['x', 'y']],
    ]);
  });

  it('a whole file wins over some of its tests', () => {
    expect([
      ...planRun([
        { uri: 'a', name: 'x' },
        { uri: 'a', children: ['x', 'y'] },
        { uri: 'a', name: 'y' },
      ]),
    ]).toEqual([['a', undefined]]);
  });

  it('leaves out excluded tests and files', () => {
    const plan = planRun(
      [
        { uri: 'a', children: ['x', 'y', 'z'] },
        { uri: 'b', children: ['x'] },
      ],
      [{ uri: 'a', name: 'y' }, { uri: 'b' }],
    );
    expect([...plan]).toEqual([['a', ['x', 'z']]]);
  });
});

describe('failureView', () => {
  it('gives the diff texts (newline-terminated), the message with each produced actual and its rule line', () => {
    const view = failureView(failing, t);
    expect(view.expected).toBe(`${failing.expectedText}\n`);
    expect(view.actual).toBe(`${failing.actualText}\n`);
    expect(view.message.split('\n')[0]).toBe('Expected actuals differ from the produced ones.');
    expect(view.message).toContain(
      'billed sales reversal quantity -8 amount -1600  ← TimePartialCredit (correction-actuals.crules:43:3)',
    );
    expect(view.range).toEqual(range);
    expect(view.frames).toEqual([
      {
        label:
          'billed sales reversal quantity -8 amount -1600 ← TimePartialCredit (correction-actuals.crules:43:3)',
        uri: 'file:///work/rules/correction-actuals.crules',
        range: { start: { line: 42, character: 2 }, end: { line: 42, character: 42 } },
      },
    ]);
  });

  it('has no diff when the failure is not about actuals', () => {
    const view = failureView(
      { ...failing, expectedText: undefined, failure: 'Expected unsupported', actuals: [] },
      t,
    );
    expect(view.expected).toBeUndefined();
    expect(view.message).toBe('Expected unsupported');
  });

  it('is in Vietnamese when asked', () => {
    expect(failureView(failing, uiTranslator('vi')).message).toContain('Các bút toán được tạo');
  });
});

describe('run output', () => {
  it('lists every test with its scenario, actuals and explanations; failures with the diff; CRLF line ends', () => {
    const file: TestFileRunResult = { uri, ruleSet: 'CorrectionActuals', tests: [passing, failing] };
    const out = runOutput(file, 'fast', t);
    expect(out).not.toMatch(/[^\r]\n/);
    // eslint-disable-next-line no-control-regex -- strips the ANSI colours of the output
    const plain = out.replace(/\u001b\[\d+m/g, '');
    expect(plain).toContain(
      'Running the tests of correction-actuals.crtest (rule set CorrectionActuals, fast executor)',
    );
    expect(plain).toContain('PASS fee fully credited (1 ms)');
    expect(plain).toContain('FAIL time 8 h corrected to 6 h (3 ms)');
    expect(plain).toContain('scenario: TimePartialCredit');
    expect(plain).toContain('billed sales reversal amount -100  ← FeeFullCredit (x.crules:3:3)');
    expect(plain).toContain('- unbilled sales chargeable quantity 2 amount 400');
    expect(plain).toContain('1 passed, 1 failed');
  });

  it('says when a file could not run', () => {
    const out = runOutput(
      { uri, ruleSet: 'X', error: 'Rule set `X` has 1 error(s)', tests: [] },
      'reference',
      t,
    );
    expect(out).toContain(
      'The tests of correction-actuals.crtest could not run: Rule set `X` has 1 error(s)',
    );
  });

  it('says when no scenario matched and nothing was produced', () => {
    const plain = testOutput({ ...passing, scenario: undefined, actuals: [] }, t).join('\n');
    expect(plain).toContain('no scenario matched');
    expect(plain).toContain('no actuals produced');
  });
});

describe('ruleSetNameOf', () => {
  it('finds the rule set name, ignoring comments', () => {
    expect(ruleSetNameOf('// ruleset Commented\n/* ruleset Block */\nruleset CorrectionActuals "t"')).toBe(
      'CorrectionActuals',
    );
    expect(ruleSetNameOf('tests for X')).toBeUndefined();
  });
});
