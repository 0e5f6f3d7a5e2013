import { describe, expect, it } from 'vitest';
import { ExactDecimal } from '../money/decimal.js';
import { limitProblem, plainDecimal } from '../money/limits.js';
import { shippedCompiledRuleSet } from '../testing/shipped-ruleset.js';
import { applyCorrections, readApplyInputs } from './apply-corrections.js';
import { ApplyInputError, formatInputIssue } from './input-issues.js';
import { JsonTextError, parseJsonText } from './json-text.js';
import { applyResultJson, applyResultJsonChunks } from './result-json.js';

const invoice = (lines: unknown[]) => ({
  file: 'invoice.json',
  text: JSON.stringify({ id: 'I', currency: 'USD', lines }),
});
const edits = (lines: unknown[]) => ({ file: 'edits.json', text: JSON.stringify({ lines }) });

function issuesOf(run: () => unknown, language: 'en' | 'vi' = 'en'): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplyInputError)
      return error.issues.map((issue) => formatInputIssue(issue, language));
    throw error;
  }
  return [];
}

describe('parseJsonText', () => {
  it('accepts a byte-order mark, keeps numbers as written, refuses repeated keys and bad syntax once', () => {
    const document = parseJsonText('\uFEFF{"a": [1e400, 0.1], "b": 12345678901234567.89}');
    expect(document.value).toEqual({ a: [Infinity, 0.1], b: 12345678901234568 });
    expect([...document.numbers.values()]).toEqual(['1e400', '0.1', '12345678901234567.89']);
    const problems = (text: string) => {
      try {
        parseJsonText(text);
        return [];
      } catch (error) {
        return (error as JsonTextError).problems;
      }
    };
    expect(problems('{"a": {"k": 1,\n "k": 2}, "k": 3}')).toEqual([
      {
        kind: 'duplicateKey',
        place: { line: 2, column: 2 },
        key: 'k',
        first: { line: 1, column: 8 },
        path: ['a'],
      },
    ]);
    expect(problems('{"a": 1,,\n"b": }')).toEqual([
      { kind: 'syntax', place: { line: 1, column: 9 }, reason: 'PropertyNameExpected' },
    ]);
    expect(problems('')).toHaveLength(1);
  });

  it('finds a repeated key that the native parser would drop, even next to strings holding `":`', () => {
    // The fast path counts keys in the text and in the value; strings that look like keys do not count.
    const text = '{"x": "a\\":", "y": ["\\\\", "k:"], "z": {"x": "\\"", "x": 1}}';
    expect(() => parseJsonText(text)).toThrow(JsonTextError);
    // Whitespace, newlines included, may stand between a key and its colon.
    // (Were one such key missed, it and the repeat would cancel out in the count.)
    expect(() => parseJsonText('{"a"\r\n\t :1, "a":2}')).toThrow(JsonTextError);
    expect(parseJsonText('{"a" :1,\r\n "b"\n\t:2}').value).toEqual({ a: 1, b: 2 });
    expect(parseJsonText('{"x": "a\\":", "y": ["\\\\", "k:"], "z": {"x": 1}}').value).toEqual({
      x: 'a":',
      y: ['\\', 'k:'],
      z: { x: 1 },
    });
  });
});

describe('limits', () => {
  it('refuses more than 15 integer digits or the places of the kind, and prints no exponent', () => {
    expect(limitProblem(new ExactDecimal('999999999999999.99'), 2)).toBeUndefined();
    expect(limitProblem(new ExactDecimal('1000000000000000'), 2)).toEqual({
      code: 'tooManyDigits',
      digits: 15,
    });
    expect(limitProblem(new ExactDecimal('1.001'), 2)).toEqual({ code: 'tooManyDecimals', places: 2 });
    expect(plainDecimal(new ExactDecimal('-1.23e+44'))).toBe(
      '-123000000000000000000000000000000000000000000',
    );
    expect(plainDecimal(new ExactDecimal('-0'))).toBe('0');
  });
});

describe('applyCorrections (the engine boundary, no file system)', () => {
  it('goes from JSON texts to the confirmed correction and its JSON', async () => {
    const result = await applyCorrections(
      {
        invoice: invoice([
          {
            id: 'T1',
            class: 'Time',
            quantity: '8',
            unitPrice: '200',
            amount: '1600',
            billingType: 'NonChargeable',
          },
        ]),
        corrections: edits([{ line: 'T1', quantity: '0' }]),
      },
      shippedCompiledRuleSet(),
      { executor: 'reference' },
    );
    expect(result.lines.map((l) => l.scenario)).toEqual(['TimeFullCredit']);
    const json = applyResultJson(result) as { actuals: Array<{ amount: string; billingType: string }> };
    expect(json.actuals.map((a) => `${a.amount} ${a.billingType}`)).toEqual([
      '-1600 NonChargeable',
      '1600 NonChargeable',
    ]);
  });

  it('names every problem of a file with its path, in English and Vietnamese', () => {
    const model = () =>
      readApplyInputs({
        invoice: invoice([
          { id: 'T1', class: 'Time', quantity: '8.001', amount: '1600' },
          { id: 'T1', class: 'Time', quantity: '1', unitPrice: '10', amount: '11' },
        ]),
        corrections: edits([]),
      });
    expect(issuesOf(model)).toEqual([
      'invoice.json: lines[0].quantity: 8.001 has more than 2 decimal places (the limit for a quantity)',
      'invoice.json: lines[1].id: line id "T1" is used twice',
      'invoice.json: lines[1].amount: amount 11 is not quantity 1 x unit price 10 = 10.00',
    ]);
    expect(issuesOf(model, 'vi')[2]).toBe(
      'invoice.json: lines[1].amount: số tiền 11 không bằng số lượng 1 x đơn giá 10 = 10.00',
    );
  });

  it('refuses a ledger whose actual ids repeat', () => {
    const actual = {
      id: 'X',
      transactionType: 'BilledSales',
      class: 'Time',
      quantity: '8',
      amount: '1600',
      currency: 'USD',
      billingType: 'Chargeable',
      adjustmentStatus: 'InProcess',
      billingStatus: 'CustomerInvoiceCreated',
      reversal: false,
      lineDetailId: 'T1',
    };
    expect(
      issuesOf(() =>
        readApplyInputs({
          invoice: invoice([{ id: 'T1', class: 'Time', quantity: '8', amount: '1600' }]),
          corrections: edits([]),
          ledger: { file: 'ledger.json', text: JSON.stringify({ actuals: [actual, actual] }) },
        }),
      ),
    ).toEqual(['ledger.json: actuals[1].id: actual id "X" is used twice (first at actuals[0])']);
  });
});

describe('applyResultJsonChunks', () => {
  it('writes the JSON of applyResultJson in pieces, one line or actual per text line', async () => {
    // Ids with what JSON must escape (quote, backslash, control character, lone surrogate) or need not.
    const odd = ['q"uote', 'back\\slash', 'new\nline', 'lone\ud800', 'đồng ₫'];
    const lines = Array.from({ length: 400 }, (_, i) => ({
      id: i >= 1 && i <= odd.length ? odd[i - 1]! : `L${i}`,
      class: ['Time', 'Expense', 'Fee', 'Milestone', 'Retainer'][i % 5],
      quantity: '2',
      amount: '100.50',
    }));
    const result = await applyCorrections(
      { invoice: invoice(lines), corrections: edits([{ line: 'L0', quantity: '1' }]) },
      shippedCompiledRuleSet(),
    );
    const chunks = [...applyResultJsonChunks(result)];
    expect(chunks.length).toBeGreaterThan(1);
    const text = chunks.join('');
    expect(JSON.parse(text)).toEqual(applyResultJson(result));
    const actualLines = text.split('\n').filter((line) => line.includes('"transactionType"'));
    expect(actualLines).toHaveLength(result.created.length + result.ledger.actuals.length);
    expect(actualLines[0]).toMatch(
      /^ {4}\{"id":"I-C\/L0:1","transactionType":"BilledSales".*"explanation":\{"ruleSet":"CorrectionActuals","scenario":"TimePartialCredit","at":"rules\/correction-actuals\.crules:\d+:3"\}\},$/,
    );
    // The new actuals again at the end of the ledger (their text reused), a level deeper.
    const indents = actualLines.map((line) => /^ */.exec(line)![0].length);
    expect(indents.slice(0, result.created.length).every((indent) => indent === 4)).toBe(true);
    expect(indents.slice(result.created.length).every((indent) => indent === 6)).toBe(true);

    // A ledger of only the new actuals, and one that does not end with them, come out the same way.
    for (const actuals of [result.created, [...result.created].reverse(), result.ledger.actuals.slice(1)]) {
      const other = { ...result, ledger: { ...result.ledger, actuals } };
      const otherText = [...applyResultJsonChunks(other)].join('');
      expect(JSON.parse(otherText)).toEqual(applyResultJson(other));
      expect(otherText).toContain(`"actuals": [\n      {"id":${JSON.stringify(actuals[0]!.id)}`);
    }
  });
});
