/**
 * The numbers of a test line, as the engine takes them on a real invoice (the same checks as
 * `editCorrectiveLine`, from the engine): not negative, amounts within the currency's decimal places,
 * quantities within QUANTITY_PLACES, no fewer units for more money, no advance applying more than
 * itself. Otherwise the test would run a case `apply` refuses, or expect an amount no actual can have.
 */
import type { ValidationAcceptor } from 'langium';
import {
  isQuantityDownAmountUp,
  isReconciledAboveAdvance,
  lineNumberProblem,
  isKnownCurrency,
  minorUnits,
  ExactDecimal,
  type Decimal,
  QUANTITY_PLACES,
} from '#engine';
import type { Translate } from '#engine/i18n';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes } from './issue-codes.js';

/** The value of a measure, or undefined when it is missing or not a number (the parser reported it). */
export function decimalOf(measure: ast.Measure | undefined): Decimal | undefined {
  if (typeof measure?.value !== 'string') return undefined;
  try {
    return new ExactDecimal(measure.value.trim());
  } catch {
    return undefined;
  }
}

/** An amount finer than its currency (16.005 USD) would be rounded away by the engine: say so. */
export function checkPlaces(
  amount: ast.Measure | undefined,
  currency: string | undefined,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const value = decimalOf(amount);
  if (!value || !currency || !isKnownCurrency(currency)) return;
  const places = minorUnits(currency);
  // The sign is checked on its own: here only the places count.
  if (lineNumberProblem(value.abs(), 'money', places) !== 'tooPrecise') return;
  accept('error', t('test.tooPrecise', { value: amount!.value, currency, places }), {
    node: amount!,
    property: 'value',
    code: IssueCodes.typeError,
  });
}

export function checkGivenNumbers(
  given: ast.Given,
  currency: string | undefined,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const quantities = [given.quantity, given.correctedQuantity];
  const amounts = [given.amount, given.correctedAmount, given.reconciledAmount];
  for (const measure of [
    given.quantity,
    given.amount,
    given.correctedQuantity,
    given.correctedAmount,
    given.reconciledAmount,
  ]) {
    const value = decimalOf(measure);
    if (value && lineNumberProblem(value, 'money', Infinity) === 'negative') {
      accept('error', t('test.negative', { value: measure!.value }), {
        node: measure!,
        property: 'value',
        code: IssueCodes.typeError,
      });
    }
  }
  for (const quantity of quantities) {
    const value = decimalOf(quantity);
    if (value && lineNumberProblem(value.abs(), 'quantity', QUANTITY_PLACES) === 'quantityTooPrecise') {
      accept('error', t('test.quantityTooPrecise', { value: quantity!.value, places: QUANTITY_PLACES }), {
        node: quantity!,
        property: 'value',
        code: IssueCodes.typeError,
      });
    }
  }
  for (const amount of amounts) checkPlaces(amount, currency, accept, t);

  const [quantity, correctedQuantity, amount, correctedAmount] = [
    given.quantity,
    given.correctedQuantity,
    given.amount,
    given.correctedAmount,
  ].map(decimalOf);
  if (
    quantity &&
    correctedQuantity &&
    amount &&
    correctedAmount &&
    isQuantityDownAmountUp(quantity, amount, correctedQuantity, correctedAmount)
  ) {
    accept('error', t('test.quantityDownAmountUp'), {
      node: given.correctedAmount!,
      property: 'value',
      code: IssueCodes.typeError,
    });
  }
  const reconciled = decimalOf(given.reconciledAmount);
  for (const measure of [given.amount, given.correctedAmount]) {
    const value = decimalOf(measure);
    if (reconciled && value && isReconciledAboveAdvance(reconciled, value)) {
      accept(
        'error',
        t('test.reconciledAboveAdvance', {
          reconciled: given.reconciledAmount!.value,
          amount: measure!.value,
        }),
        {
          node: given.reconciledAmount!,
          property: 'value',
          code: IssueCodes.typeError,
        },
      );
    }
  }
}
