import { describe, expect, it } from 'vitest';
import { parseTests, recorder, t } from '../test/checks.js';
import { checkGivenLine } from './given-line.js';
import { IssueCodes } from './issue-codes.js';

async function reported(given: string) {
  const document = await parseTests(`tests for R\ntest "t" {\n  ${given}\n}\n`);
  const { accept, reported: list } = recorder();
  checkGivenLine(document.parseResult.value.tests[0]!.given, accept, t);
  return list.map((r) => ({ code: r.info.code, message: r.message }));
}

describe('the given line of a rule test', () => {
  it('accepts a consistent line', async () => {
    expect(await reported('given Time line quantity 10 amount 1000 USD corrected to quantity 8')).toEqual([]);
  });

  it('names an unknown class with the closest one', async () => {
    const [first] = await reported('given Tme line quantity 10 amount 1000 USD corrected to quantity 8');
    expect(first).toEqual({
      code: IssueCodes.unknownFactValue,
      message: expect.stringMatching(/`Tme`.*Did you mean `Time`\?/),
    });
  });

  it('asks for the parts a class takes and refuses the ones it does not', async () => {
    const codes = (
      await reported('given Retainer line quantity 1 amount 100 USD corrected to amount 50')
    ).map((r) => r.code);
    expect(codes).toEqual([IssueCodes.inconsistentGiven, IssueCodes.inconsistentGiven]); // advance state, quantity
    expect((await reported('given Time line amount 100 corrected to quantity 1')).map((r) => r.code)).toEqual(
      [
        IssueCodes.inconsistentGiven, // quantity required
        IssueCodes.typeError, // currency required
      ],
    );
  });

  it('checks currencies: known, and the same on every amount', async () => {
    expect((await reported('given Fee line quantity 1 amount 10 XYZ corrected to quantity 0'))[0]!.code).toBe(
      IssueCodes.typeError,
    );
    expect(
      (await reported('given Milestone line amount 10 USD corrected to amount 5 EUR')).map((r) => r.message),
    ).toEqual([t('test.currencyMismatch', { currency: 'EUR', expected: 'USD' })]);
  });
});
