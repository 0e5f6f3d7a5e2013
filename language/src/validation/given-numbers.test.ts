import { describe, expect, it } from 'vitest';
import { parseTests, recorder, t } from '../test/checks.js';
import { checkGivenNumbers } from './given-numbers.js';

async function messages(given: string) {
  const document = await parseTests(`tests for R\ntest "t" {\n  ${given}\n}\n`);
  const line = document.parseResult.value.tests[0]!.given;
  const { accept, reported } = recorder();
  checkGivenNumbers(line, line.amount?.currency, accept, t);
  return reported.map((r) => r.message);
}

describe('the numbers of a test line (the checks `editCorrectiveLine` makes, from the engine)', () => {
  it('refuses negative numbers and numbers finer than the field takes', async () => {
    expect(await messages('given Time line quantity -1 amount 10 USD corrected to quantity 0.125')).toEqual([
      t('test.negative', { value: '-1' }),
      t('test.quantityTooPrecise', { value: '0.125', places: 2 }),
    ]);
    expect(await messages('given Milestone line amount 16.005 USD corrected to amount 0')).toEqual([
      t('test.tooPrecise', { value: '16.005', currency: 'USD', places: 2 }),
    ]);
    expect(await messages('given Milestone line amount 1000.5 VND corrected to amount 0')).toEqual([
      t('test.tooPrecise', { value: '1000.5', currency: 'VND', places: 0 }),
    ]);
  });

  it('refuses fewer units for more money and an advance applying more than itself', async () => {
    expect(
      await messages('given Time line quantity 10 amount 100 USD corrected to quantity 8 amount 120'),
    ).toEqual([t('test.quantityDownAmountUp')]);
    expect(
      await messages(
        'given Retainer line advance reconciled reconciled 80 USD amount 100 USD corrected to amount 50',
      ),
    ).toEqual([t('test.reconciledAboveAdvance', { reconciled: '80', amount: '50' })]);
  });
});
