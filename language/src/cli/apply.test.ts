import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBenchInputs } from '#bench';
import { FIXTURES, REPO_ROOT, RULES, cli, json } from './cli-harness.js';
import { runCli } from './run-cli.js';

const EXAMPLES = 'engine/examples';
const INPUTS = `${FIXTURES}/inputs`;

interface ActualJson {
  id: string;
  transactionType: string;
  reversal: boolean;
  quantity: string;
  amount: string;
  billingType: string;
  adjustmentStatus: string;
  originalLineDetailId: string;
  explanation: { ruleSet: string; scenario: string; at: string };
}
interface ApplyJson {
  invoice: { id: string; status: string; invoiceAmount: string; excluded: Array<{ lineDetailId: string }> };
  lines: Array<{ line: string; scenario: string }>;
  actuals: ActualJson[];
  adjusted: string[];
  milestones: Record<string, string>;
  ledger: { actuals: ActualJson[]; milestones: Record<string, string> };
}

function apply(currency: 'usd' | 'vnd', extra: string[] = [], rules = RULES) {
  return cli([
    'apply',
    '--rules',
    rules,
    '--invoice',
    `${EXAMPLES}/invoice-${currency}.json`,
    '--corrections',
    `${EXAMPLES}/corrections-${currency}.json`,
    ...extra,
  ]);
}

/** "type[ reversal] quantity amount" per actual of one original line, in creation order. */
function figures(result: ApplyJson, line: string): string[] {
  return result.actuals
    .filter((a) => a.originalLineDetailId === line)
    .map((a) => `${a.transactionType}${a.reversal ? ' reversal' : ''} ${a.quantity} ${a.amount}`);
}

describe('corrections apply on the examples', () => {
  it('USD: time 8 h -> 6 h, fee 2 -> 1, expense and milestone credited, advance 2,000 -> 1,500', async () => {
    const run = await apply('usd', ['--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = json<ApplyJson>(run);
    expect(result.invoice).toMatchObject({
      id: 'INV-2026-0107-C',
      status: 'confirmed',
      invoiceAmount: '-6286.5',
    });
    // The published worked example (corrections.md).
    expect(figures(result, 'T1')).toEqual([
      'BilledSales reversal -8 -1600',
      'UnbilledSales 6 1200',
      'UnbilledSales reversal -6 -1200',
      'BilledSales 6 1200',
      'UnbilledSales 2 400',
    ]);
    expect(figures(result, 'E1')).toEqual(['BilledSales reversal -3 -136.5', 'UnbilledSales 3 136.5']);
    // Row 8: no remaining-amount actual for a fee.
    expect(figures(result, 'F1')).toEqual([
      'BilledSales reversal -2 -500',
      'UnbilledSales 1 250',
      'UnbilledSales reversal -1 -250',
      'BilledSales 1 250',
    ]);
    expect(figures(result, 'M1')).toEqual(['BilledSales reversal -1 -5000']);
    expect(result.milestones).toEqual({ 'MS-DESIGN': 'ReadyToInvoice' });
    // Row 1: the reconciliation actual's reversal is positive; a new negative one for the corrected amount.
    expect(figures(result, 'A1')).toEqual([
      'UnbilledSales reversal 1 2000',
      'BilledSales reversal -1 -2000',
      'BilledSales 1 1500',
      'UnbilledSales -1 -1500',
    ]);
    expect(result.adjusted.sort()).toEqual([
      'A1:billed',
      'A1:reconciliation',
      'E1:billed',
      'F1:billed',
      'M1:billed',
      'T1:billed',
    ]);
    const t1 = result.actuals.find((a) => a.originalLineDetailId === 'T1' && a.reversal)!;
    expect(t1.adjustmentStatus).toBe('Unadjustable');
    expect(t1.explanation.scenario).toBe('TimePartialCredit');
    expect(t1.explanation.at).toMatch(/^rules\/correction-actuals\.crules:\d+:3$/);
    expect(result.lines.map((l) => l.scenario)).toEqual([
      'TimePartialCredit',
      'ExpenseFullCredit',
      'FeePartialCredit',
      'MilestoneFullCredit',
      'AdvanceInvoicedCorrection',
    ]);
  });

  it('VND: whole dong, an increase, a reconciled advance and the product-based line left out', async () => {
    const run = await apply('vnd', ['--json', '--executor', 'reference']);
    expect(run.code).toBe(0);
    const result = json<ApplyJson>(run);
    expect(figures(result, 'T1')).toEqual([
      'BilledSales reversal -3 -1000000',
      'UnbilledSales 2 666667',
      'UnbilledSales reversal -2 -666667',
      'BilledSales 2 666667',
      'UnbilledSales 1 333333',
    ]);
    expect(figures(result, 'V1')).toEqual([
      'BilledSales reversal -10 -1500000',
      'UnbilledSales 12 1800000',
      'UnbilledSales reversal -12 -1800000',
      'BilledSales 12 1800000',
    ]);
    // Row 2: reverse what the previous reconciliation left (10,000,000 - 4,000,000), leftover 8,000,000 - 4,000,000.
    expect(figures(result, 'A1')).toEqual([
      'UnbilledSales reversal 1 6000000',
      'BilledSales reversal -1 -10000000',
      'BilledSales 1 8000000',
      'UnbilledSales -1 -4000000',
    ]);
    expect(result.invoice.excluded.map((e) => e.lineDetailId)).toEqual(['P1']);
    expect(result.invoice.invoiceAmount).toBe('-2033333');
  });

  it('prints tables with each actual explained by scenario and rules file line', async () => {
    const run = await apply('usd');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Corrective invoice INV-2026-0107-C (corrects INV-2026-0107, USD)');
    expect(run.stdout).toMatch(
      /│ T1\s+│ Billed sales reversal\s+│ -8\s+│ -1600\.00\s+│ Chargeable\s+│ Unadjustable\s+│ TimePartialCredit/,
    );
    expect(run.stdout).toMatch(/│\s+│ rules\/correction-actuals\.crules:\d+:3 │/);
    // Amounts with the currency's places, as an accountant reads them; the JSON keeps exact strings.
    expect(run.stdout).toMatch(/│ E1\s+│ Expense\s+│ 3 \/ 136\.50\s+│ 0 \/ 0\.00\s+│ -136\.50 /);
    expect(run.stdout).toContain('Amount to invoice: -6286.50 USD');
    expect(run.stdout).toContain('Milestone MS-DESIGN: status Ready to invoice');
    const vi = await apply('vnd', ['--lang', 'vi']);
    expect(vi.stdout).toContain('Các bút toán thực tế được tạo (13)');
    expect(vi.stdout).toContain(
      'Không sao chép sang hóa đơn điều chỉnh: Dòng P1: không điều chỉnh được dòng thuộc dòng hợp đồng theo sản phẩm',
    );
    // Types, billing types and adjustment statuses in Vietnamese too; VND has no decimals.
    expect(vi.stdout).toMatch(
      /│ T1\s+│ Doanh thu đã lập hóa đơn \(bút toán đảo\)\s+│ -3\s+│ -1000000\s+│ Tính phí\s+│ Không thể điều chỉnh/,
    );
    expect(vi.stdout).not.toMatch(/BilledSales|Chargeable|Unadjustable|InProcess/);
  });
});

describe('corrections apply on bad input', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'corrections-apply-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const run = (invoice: string, corrections: string, extra: string[] = []) =>
    cli(['apply', '--rules', RULES, '--invoice', invoice, '--corrections', corrections, ...extra]);

  it('refuses JSON numbers for amounts and quantities, naming the file and the path', async () => {
    const result = await run(`${INPUTS}/invoice-numbers.json`, `${EXAMPLES}/corrections-usd.json`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `${INPUTS}/invoice-numbers.json: lines[2].quantity: expected a decimal string, got the JSON number 8: write amounts and quantities as strings ("8") so no digit is lost`,
    );
    expect(result.stderr).toContain(
      `${INPUTS}/invoice-numbers.json: lines[2].amount: expected a decimal string, got the JSON number 1600.1`,
    );
  });

  it('lists every field problem of a file at once', async () => {
    const result = await run(`${INPUTS}/invoice-fields.json`, `${EXAMPLES}/corrections-usd.json`);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    const file = `${INPUTS}/invoice-fields.json`;
    expect(lines).toContain(`${file}: id: required`);
    expect(lines).toContain(
      `${file}: lines[0].class: "Tiem" is not one of Time, Expense, Material, Fee, Milestone, Retainer. Did you mean "Time"?`,
    );
    expect(lines).toContain(`${file}: lines[0]: unknown field(s) quantitiy`);
    expect(lines).toContain(`${file}: lines[1].quantity: expected a decimal string such as "1600.00"`);
  });

  it('refuses unknown currencies and amounts finer than the currency', async () => {
    const invoice = join(folder, 'invoice.json');
    await writeFile(
      invoice,
      JSON.stringify({
        id: 'I',
        currency: 'VND',
        lines: [{ id: 'T1', class: 'Time', quantity: '1', amount: '1000.5' }],
      }),
    );
    const fine = await run(invoice, `${INPUTS}/corrections-negative.json`);
    expect(fine.code).toBe(2);
    expect(fine.stderr).toMatch(
      /invoice\.json: lines\[0\]\.amount: more decimal places than VND allows \(0\)/,
    );
    await writeFile(
      invoice,
      JSON.stringify({
        id: 'I',
        currency: 'XYZ',
        lines: [{ id: 'T1', class: 'Time', quantity: '1', amount: '1' }],
      }),
    );
    const unknown = await run(invoice, `${INPUTS}/corrections-negative.json`);
    expect(unknown.stderr).toMatch(/invoice\.json: currency: unknown currency "XYZ"/);
  });

  it('refuses a credit line (negative original) on the confirmed invoice, naming its path', async () => {
    const invoice = join(folder, 'credit-line.json');
    await writeFile(
      invoice,
      JSON.stringify({
        id: 'I',
        currency: 'USD',
        lines: [{ id: 'T1', class: 'Time', quantity: '-8', amount: '-1600' }],
      }),
    );
    const edits = join(folder, 'credit-line-edits.json');
    await writeFile(edits, JSON.stringify({ lines: [{ line: 'T1', quantity: '6' }] }));
    const result = await run(invoice, edits);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /credit-line\.json: lines\[0\]\.quantity: Line T1, quantity: -8 is negative: a credit line .* cannot be corrected$/,
    );
  });

  it('keeps a reconciled advance unchanged when only its unchanged amount is entered', async () => {
    const edits = join(folder, 'advance-same.json');
    await writeFile(edits, JSON.stringify({ lines: [{ line: 'A1', amount: '10000000' }] }));
    const result = await run(`${EXAMPLES}/invoice-vnd.json`, edits, ['--json']);
    expect(result.code).toBe(0);
    const lines = json<ApplyJson>(result).lines;
    expect(lines.find((l) => l.line.endsWith('/A1'))!.scenario).toBe('UnchangedLine');
    await writeFile(edits, JSON.stringify({ lines: [{ line: 'A1', amount: '3000000' }] }));
    const above = await run(`${EXAMPLES}/invoice-vnd.json`, edits);
    expect(above.code).toBe(2);
    expect(above.stderr).toContain(
      'advance-same.json: lines[0]: Line HD-2026-000318-C/A1: the advance applies 4000000 against charges but is only 3000000',
    );
  });

  it('reports invalid JSON and missing files as bad input', async () => {
    const truncated = await run(`${INPUTS}/invoice-truncated.json`, `${EXAMPLES}/corrections-usd.json`);
    expect(truncated.code).toBe(2);
    // One line, one precise place: where the file ends in the middle of an object.
    expect(truncated.stderr).toBe(
      `${INPUTS}/invoice-truncated.json:1:62: not valid JSON: a property name in double quotes was expected\n`,
    );
    const missing = await run(`${INPUTS}/nope.json`, `${EXAMPLES}/corrections-usd.json`);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`${INPUTS}/nope.json: no such file or directory`);
  });

  it('names edits of unknown or repeated lines', async () => {
    const result = await run(`${EXAMPLES}/invoice-usd.json`, `${INPUTS}/corrections-unknown-line.json`);
    expect(result.code).toBe(2);
    const file = `${INPUTS}/corrections-unknown-line.json`;
    expect(result.stderr).toContain(`${file}: lines[1].line: no line "X9" on invoice INV-2026-0107`);
    expect(result.stderr).toContain(`${file}: lines[2].line: line "T1" is edited twice`);
  });

  it('passes the engine refusal of an edit on with the file and the line', async () => {
    const milestone = await run(`${EXAMPLES}/invoice-usd.json`, `${INPUTS}/corrections-milestone.json`);
    expect(milestone.code).toBe(2);
    expect(milestone.stderr).toMatch(
      new RegExp(`^${INPUTS}/corrections-milestone\\.json: lines\\[1\\]: .*M1`),
    );
    const negative = await run(`${EXAMPLES}/invoice-usd.json`, `${INPUTS}/corrections-negative.json`, [
      '--lang',
      'vi',
    ]);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/corrections-negative\.json: lines\[0\]: .*T1/);
    expect(negative.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it('reports lines the rules do not cover, all of them, with exit 1', async () => {
    const result = await apply('usd', [], `${FIXTURES}/gaps/gaps.crules`);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('The correction was refused:');
    expect(result.stderr).toContain('no scenario covers the case Expense, full, advance none, resource');
    expect(result.stderr).toContain(
      'no scenario covers the case Retainer, partial, advance invoiced, resource',
    );
  });

  it('gives the same result with the example ledger as with the ledger derived from the invoice', async () => {
    const derived = json<ApplyJson>(await apply('usd', ['--json']));
    const given = await apply('usd', ['--json', '--ledger', `${EXAMPLES}/ledger-usd.json`]);
    expect(given.code).toBe(0);
    expect(json<ApplyJson>(given)).toEqual(derived);
  });

  it('takes the ledger from --ledger: the ledger after a correction cannot be corrected again', async () => {
    const first = json<ApplyJson>(await apply('usd', ['--json']));
    const ledger = join(folder, 'ledger.json');
    await writeFile(ledger, JSON.stringify(first.ledger));
    const again = await apply('usd', ['--ledger', ledger]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The correction was refused:');
    expect(again.stderr).toContain('Corrective invoice INV-2026-0107-C is already confirmed');
    // A second corrective invoice finds the original billed actuals already Adjusted.
    const second = join(folder, 'second.json');
    await writeFile(
      second,
      JSON.stringify({ id: 'INV-2026-0107-C2', lines: [{ line: 'T1', quantity: '5' }] }),
    );
    const twice = await cli([
      'apply',
      '--rules',
      RULES,
      '--invoice',
      `${EXAMPLES}/invoice-usd.json`,
      '--corrections',
      second,
      '--ledger',
      ledger,
    ]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/INV-2026-0107-C2\/T1.*T1/);
    // A ledger with a JSON number is refused like the invoice.
    await writeFile(ledger, JSON.stringify({ actuals: [{ ...first.ledger.actuals[0], amount: 1600 }] }));
    const bad = await apply('usd', ['--ledger', ledger]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /ledger\.json: actuals\[0\]\.amount: expected a decimal string, got the JSON number 1600/,
    );
  });
});

describe('corrections apply on hostile input', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'corrections-hostile-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const line = { id: 'T1', class: 'Time', quantity: '8', amount: '1600' };
  const invoiceOf = (lines: unknown[], currency = 'USD') => ({ id: 'I', currency, lines });
  async function file(name: string, content: unknown): Promise<string> {
    const path = join(folder, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  }
  async function applyTo(
    invoice: unknown,
    edits: unknown = { lines: [{ line: 'T1', quantity: '6' }] },
    extra: string[] = [],
  ) {
    const invoiceFile = await file('invoice.json', invoice);
    const editsFile = await file('edits.json', edits);
    return cli(['apply', '--rules', RULES, '--invoice', invoiceFile, '--corrections', editsFile, ...extra]);
  }

  it('accepts a byte-order mark at the start of a file', async () => {
    const run = await applyTo('\uFEFF' + JSON.stringify(invoiceOf([line])), undefined, ['--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(json<ApplyJson>(run).lines[0]!.scenario).toBe('TimePartialCredit');
  });

  it('refuses a key given twice in one object, naming both places', async () => {
    const text =
      '{\n  "id": "I",\n  "currency": "USD",\n  "lines": [\n    { "id": "T1", "class": "Time", "quantity": "8", "quantity": "80", "amount": "1600" }\n  ]\n}\n';
    const run = await applyTo(text);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /invoice\.json:5:53: lines\[0\]: the key "quantity" appears twice in the same object \(first at 5:36\)$/,
    );
  });

  it('reports a JSON syntax error once, at its line and column', async () => {
    const run = await applyTo('{\n  "id": "I",\n  "currency": "USD"\n  "lines": []\n}\n');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(/invoice\.json:4:3: not valid JSON: a comma was expected$/);
    const vi = await applyTo('{"id": "I",}', undefined, ['--lang', 'vi']);
    expect(vi.stderr.trim()).toMatch(/invoice\.json:1:12: không phải JSON hợp lệ: cần tên thuộc tính/);
  });

  it('quotes a JSON number as written, not as the float it became', async () => {
    const text = JSON.stringify(invoiceOf([{ ...line, amount: 'AMOUNT', tax: 'TAX', unitPrice: 'PRICE' }]))
      .replace('"AMOUNT"', '999999999999999.99')
      .replace('"PRICE"', '12345678901234567.89')
      .replace('"TAX"', '1e400');
    const run = await applyTo(text);
    expect(run.code).toBe(2);
    // As a float 999999999999999.99 is 1000000000000000: the hint keeps the digits that were written.
    expect(run.stderr).toContain(
      'lines[0].amount: expected a decimal string, got the JSON number 999999999999999.99: write amounts and quantities as strings ("999999999999999.99")',
    );
    expect(run.stderr).toContain(
      'lines[0].unitPrice: expected a decimal string, got the JSON number 12345678901234567.89, which is beyond the limit of 15 digits before the decimal point',
    );
    expect(run.stderr).toContain(
      'lines[0].tax: expected a decimal string, got the JSON number 1e400, which is beyond the limit of 15 digits before the decimal point',
    );
    expect(run.stderr).not.toMatch(/Infinity|12345678901234568|1000000000000000\b/);
    const small = await applyTo(
      JSON.stringify(invoiceOf([{ ...line, tax: 'TAX' }])).replace('"TAX"', '1.5e2'),
    );
    expect(small.stderr).toContain(
      'got the JSON number 1.5e2: write amounts and quantities as strings ("150")',
    );
  });

  it('refuses amounts, quantities and prices beyond the documented limits, never printing an exponent', async () => {
    const digits40 = '1234567890123456789012345678901234567890';
    const digits45 = '-123456789012345678901234567890123456789012345';
    const run = await applyTo(
      invoiceOf([
        { ...line, amount: digits40 },
        { id: 'E1', class: 'Expense', quantity: '1.000000000000000000000000000000000000001', amount: '10' },
        { id: 'F1', class: 'Fee', quantity: '1', unitPrice: '10.123456', amount: '10.12' },
        { id: 'M1', class: 'Milestone', quantity: '1', amount: digits45 },
      ]),
    );
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toContain(
      `${folder}/invoice.json: lines[0].amount: ${digits40} has more than 15 digits before the decimal point (the limit)`.replace(
        `${folder}/`,
        lines[0]!.split('invoice.json')[0]!,
      ),
    );
    expect(run.stderr).toContain(
      'lines[1].quantity: 1.000000000000000000000000000000000000001 has more than 2 decimal places (the limit for a quantity)',
    );
    expect(run.stderr).toContain(
      'lines[2].unitPrice: 10.123456 has more than 4 decimal places (the limit for a unitPrice)',
    );
    expect(run.stderr).toContain(`lines[3].amount: ${digits45} has more than 15 digits`);
    expect(run.stderr).not.toMatch(/e\+\d/);
    // At the limit: exact digits in, exact digits out.
    const max = '999999999999999';
    const ok = await applyTo(
      invoiceOf([{ id: 'T1', class: 'Time', quantity: '99999.99', amount: `${max}.99` }]),
      undefined,
      ['--json'],
    );
    expect(ok.stderr).toBe('');
    const result = json<ApplyJson>(ok);
    expect(result.actuals[0]!.amount).toBe(`-${max}.99`);
    expect(ok.stdout).not.toMatch(/\de[+-]?\d/);
    // The edits of the corrections file have the same limits.
    const edit = await applyTo(invoiceOf([line]), { lines: [{ line: 'T1', quantity: '1234567890123456' }] });
    expect(edit.code).toBe(2);
    expect(edit.stderr).toContain('edits.json: lines[0].quantity: 1234567890123456 has more than 15 digits');
  });

  it('reports an amount that disagrees with quantity x unit price', async () => {
    const run = await applyTo(invoiceOf([{ ...line, unitPrice: '250' }]));
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /lines\[0\]\.amount: amount 1600 is not quantity 8 x unit price 250 = 2000\.00$/,
    );
    const rounded = await applyTo(
      invoiceOf([{ ...line, quantity: '3', unitPrice: '33.3333', amount: '100.00' }]),
      undefined,
      ['--json'],
    );
    expect(rounded.stderr).toBe('');
  });

  it('refuses a ledger with an actual id used twice', async () => {
    const first = json<ApplyJson>(await apply('usd', ['--json']));
    const actual = first.ledger.actuals[0]!;
    const ledger = await file('ledger.json', { actuals: [actual, { ...actual }] });
    const run = await apply('usd', ['--ledger', ledger]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      new RegExp(
        `actuals\\[1\\]\\.id: actual id "${actual.id}" is used twice \\(first at actuals\\[0\\]\\)$`,
      ),
    );
  });

  it.each(['Chargeable', 'NonChargeable', 'Complimentary', 'NotAvailable'])(
    "keeps a %s line's billing type where the table names none",
    async (billingType) => {
      const run = await applyTo(
        invoiceOf([
          { ...line, billingType },
          { id: 'E1', class: 'Expense', quantity: '2', amount: '300', billingType },
          { id: 'A1', class: 'Retainer', quantity: '1', amount: '1000', billingType },
        ]),
        {
          lines: [
            { line: 'T1', quantity: '6' },
            { line: 'A1', amount: '800' },
          ],
        },
        ['--json'],
      );
      expect(run.stderr).toBe('');
      const result = json<ApplyJson>(run);
      const types = (id: string) =>
        result.actuals
          .filter((a) => a.originalLineDetailId === id)
          .map((a) => `${a.reversal ? '~' : ''}${a.billingType}`);
      // Row 5 (expense fully credited): back into the backlog as it was.
      expect(types('E1')).toEqual([`~${billingType}`, billingType]);
      // Row 1 (advance): the new billed and reconciliation actuals keep it too.
      expect(types('A1')).toEqual([`~${billingType}`, `~${billingType}`, billingType, billingType]);
      // Row 4 names its new actuals chargeable.
      expect(types('T1')).toEqual([
        `~${billingType}`,
        'Chargeable',
        '~Chargeable',
        'Chargeable',
        'Chargeable',
      ]);
    },
  );
});

describe('corrections apply on an output that fills up', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'corrections-drain-'));
    // 300 lines: about 1 MB of JSON and 0.7 MB of tables, so both are written in many chunks.
    const inputs = applyBenchInputs(300);
    await writeFile(join(folder, 'invoice.json'), inputs.invoice);
    await writeFile(join(folder, 'corrections.json'), inputs.corrections);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const argv = (extra: string[]) => [
    'apply',
    '--rules',
    resolve(REPO_ROOT, RULES),
    '--invoice',
    'invoice.json',
    '--corrections',
    'corrections.json',
    ...extra,
  ];

  it.each([
    { format: 'JSON', extra: ['--json'] },
    { format: 'tables', extra: [] },
  ])(
    'apply ($format) waits for standard output to drain before writing on, and prints the same text',
    async ({ extra }) => {
      const expected = await cli(argv(extra), {}, folder);
      expect(expected.code).toBe(0);
      let stdout = '';
      let waits = 0;
      let full = false; // between a drain promise and its release, as a pipe whose reader is slow
      let writtenWhileFull = 0;
      const code = await runCli(argv(extra), {
        stdout: (text) => {
          if (full) writtenWhileFull++;
          stdout += text;
        },
        stderr: (text) => expect.fail(text),
        // Every second chunk fills the output; it drains on the next turn of the event loop, after
        // anything the writer does without waiting.
        stdoutDrained: () => {
          if (++waits % 2 === 1) return undefined;
          full = true;
          return new Promise<void>((drained) =>
            setImmediate(() => {
              full = false;
              drained();
            }),
          );
        },
        cwd: folder,
        env: {},
      });
      expect(code).toBe(0);
      expect(waits).toBeGreaterThan(4);
      expect(writtenWhileFull).toBe(0);
      expect(stdout).toBe(expected.stdout);
    },
  );
});
