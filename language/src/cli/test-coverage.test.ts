import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, cli, json } from './cli-harness.js';

const GAPS_TESTS = `${FIXTURES}/gaps/gaps.crtest`;

describe('corrections test', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'corrections-cli-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it.each(['fast', 'reference'])('passes the repository tests on the %s executor', async (executor) => {
    const run = await cli(['test', 'rules', '--executor', executor]);
    expect(run.code).toBe(0);
    const summary = /^(\d+) passed, (\d+) failed$/m.exec(run.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThanOrEqual(30);
    expect(summary![2]).toBe('0');
    expect(run.stdout).toContain('  PASS  time 8 h at 200/h corrected to 6 h (published example)');
  });

  it('shows a failure with its place, the expected/actual diff and where each actual came from', async () => {
    const run = await cli(['test', GAPS_TESTS]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  PASS  time 8 h corrected to 6 h\n');
    expect(run.stdout).toContain(`  FAIL  a wrong expectation <&> "quoted"  (${GAPS_TESTS}:13:1)`);
    expect(run.stdout).toContain('- unbilled sales quantity 2 amount 500 Chargeable\n');
    expect(run.stdout).toContain(
      `+ unbilled sales quantity 2 amount 400 Chargeable   <- TimePartialCredit (${FIXTURES}/gaps/gaps.crules:17:3)`,
    );
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('lists the actuals of a failed test with their rule, in the chosen language', async () => {
    await writeFile(join(folder, 'gaps.crules'), await readFile(`${FIXTURES}/gaps/gaps.crules`, 'utf8'));
    const tests = join(folder, 'wrong-scenario.crtest');
    await writeFile(
      tests,
      'tests for Gaps\ntest "wrong scenario" {\n  given Time line quantity 8 amount 1600 USD corrected to quantity 6\n  expect scenario TimeFullCredit\n}\n',
    );
    const vi = await cli(['test', tests, '--lang', 'vi']);
    expect(vi.code).toBe(1);
    expect(vi.stdout).toMatch(
      /Doanh thu đã lập hóa đơn \(bút toán đảo\) -8 \/ -1600 Tính phí {2}<- TimePartialCredit \(.*gaps\.crules:13:3\)/,
    );
    const en = await cli(['test', tests]);
    expect(en.stdout).toMatch(/ {2}Unbilled sales 2 \/ 400 Chargeable {2}<- TimePartialCredit/);
  });

  it('writes well-formed JUnit XML with escaped names and the failure text', async () => {
    const out = join(folder, 'junit.xml');
    const run = await cli(['test', GAPS_TESTS, '--junit', out]);
    expect(run.code).toBe(1);
    const xml = await readFile(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: {
        tests: string;
        failures: string;
        testsuite: { testcase: Array<{ name: string; classname: string; failure?: { '#text': string } }> };
      };
    };
    expect(parsed.testsuites.tests).toBe('2');
    expect(parsed.testsuites.failures).toBe('1');
    const [passed, failed] = parsed.testsuites.testsuite.testcase;
    expect(passed!.failure).toBeUndefined();
    expect(failed!.name).toBe('a wrong expectation <&> "quoted"');
    expect(failed!.classname).toBe('Gaps');
    expect(failed!.failure!['#text']).toContain('- unbilled sales quantity 2 amount 500');
  });

  it('says it in Vietnamese with --lang vi', async () => {
    const run = await cli(['test', GAPS_TESTS, '--lang', 'vi']);
    expect(run.stdout).toContain('  LỖI  a wrong expectation');
    expect(run.stdout).toContain('Bút toán mong đợi (-) so với thực tế (+):');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 đạt, 1 không đạt');
  });

  it('gives the results as JSON with --json', async () => {
    const run = await cli(['test', GAPS_TESTS, '--json']);
    const report = json<{
      passed: number;
      failed: number;
      files: Array<{ results: Array<{ passed: boolean }> }>;
    }>(run);
    expect([report.passed, report.failed]).toEqual([1, 1]);
    expect(report.files[0]!.results.map((r) => r.passed)).toEqual([true, false]);
  });

  it('refuses to run tests against rules with errors (exit 1)', async () => {
    const run = await cli(['test', `${FIXTURES}/broken`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken.crules:4:17: error:');
  });

  it('says so when there are no tests (exit 2)', async () => {
    const run = await cli(['test', `${FIXTURES}/gaps/gaps.crules`]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`No tests found in ${FIXTURES}/gaps/gaps.crules`);
  });
});

describe('corrections coverage', () => {
  it('draws the matrix of the repository rules, unsupported cells marked, nothing uncovered', async () => {
    const run = await cli(['coverage', 'rules/correction-actuals.crules']);
    expect(run.code).toBe(0);
    const timeRow = run.stdout.split('\n').find((line) => line.includes('│ Time '))!;
    expect(timeRow).toMatch(
      /TimeFullCredit.*ProductBased.*TimePartialCredit.*UnchangedLine.*QuantityIncrease/,
    );
    expect(run.stdout).toContain('(unsupported)');
    expect(run.stdout).toMatch(/│ Retainer\s+│/);
    expect(run.stdout).toContain('Every cell is covered by exactly one scenario.');
  });

  it('marks uncovered cells with — and lists them (exit 1)', async () => {
    const run = await cli(['coverage', `${FIXTURES}/gaps/gaps.crules`]);
    expect(run.code).toBe(1);
    const expenseRow = run.stdout.split('\n').find((line) => line.includes('│ Expense '))!;
    expect(expenseRow.match(/—/g)).toHaveLength(4);
    expect(run.stdout).toContain('Uncovered cells (26):');
    // The cells in the words of the editor's coverage warning, in the chosen language.
    expect(run.stdout).toContain('  Material, partial credit, no advance, resource-based\n');
    expect(run.stdout).toContain('  Retainer, increase, advance reconciled, resource-based\n');
    const vi = await cli(['coverage', `${FIXTURES}/gaps/gaps.crules`, '--lang', 'vi']);
    expect(vi.stdout).toContain('  Material, ghi có một phần, không tạm ứng, theo nguồn lực\n');
  });

  it('shows overlapping scenarios in their cell and lists them, where compile would refuse', async () => {
    const file = `${FIXTURES}/overlap/overlap.crules`;
    expect((await cli(['compile', file])).code).toBe(1);
    const run = await cli(['coverage', file]);
    expect(run.code).toBe(1);
    const timeRow = run.stdout.split('\n').find((line) => line.includes('│ Time '))!;
    expect(timeRow).toMatch(/│ Everything \+\s+│ Everything\s+│/);
    expect(run.stdout).toContain('Cells matched by several scenarios (1):');
    expect(run.stdout).toContain(
      '  Time, full credit, no advance, resource-based: Everything, TimeFullCredit\n',
    );
  });

  it('gives every applicable cell as JSON', async () => {
    const run = await cli(['coverage', `${FIXTURES}/gaps/gaps.crules`, '--json']);
    const report = json<{
      cells: Array<{
        class: string;
        creditKind: string;
        billingMethod: string;
        scenarios: string[];
        unsupported: boolean;
      }>;
      uncovered: unknown[];
    }>(run);
    expect(report.cells).toHaveLength(56);
    expect(report.uncovered).toHaveLength(26);
    expect(report.cells).toContainEqual(
      expect.objectContaining({
        class: 'Fee',
        creditKind: 'full',
        billingMethod: 'product',
        scenarios: ['ProductBased'],
        unsupported: true,
      }),
    );
  });

  it('says per cell which billing type the new actuals of the shipped rules get', async () => {
    const run = await cli(['coverage', 'rules/correction-actuals.crules', '--json']);
    expect(run.code).toBe(0);
    type Cell = { class: string; creditKind: string; billingMethod: string; billingTypes: string[] };
    const { cells } = json<{ cells: Cell[] }>(run);
    const cell = (cls: string, creditKind: string) =>
      cells.find((c) => c.class === cls && c.creditKind === creditKind && c.billingMethod === 'resource')!;
    expect(cell('Time', 'full').billingTypes).toEqual(['AsOriginal']);
    expect(cell('Expense', 'increase').billingTypes).toEqual(['AsOriginal']);
    expect(cell('Time', 'partial').billingTypes).toEqual(['Chargeable']);
    expect(cell('Milestone', 'full').billingTypes).toEqual([]);
  });

  it('is translated', async () => {
    const run = await cli(['coverage', `${FIXTURES}/gaps/gaps.crules`, '--lang', 'vi']);
    expect(run.stdout).toContain('Các ô chưa được phủ (26):');
    expect(run.stdout).toContain('(không hỗ trợ)');
  });
});
