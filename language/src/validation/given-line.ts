/**
 * The `given` line of a rule test: a class the engine knows, with the parts that class takes (an
 * advance state only on advances, quantities not on amount-only classes), a known currency on the
 * original amount and the same one on the other amounts, and numbers a real invoice could have.
 */
import type { ValidationAcceptor } from 'langium';
import { TRANSACTION_CLASSES, isKnownCurrency } from '#engine';
import type { Translate } from '#engine/i18n';
import { closestValue } from '../cells.js';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { checkGivenNumbers } from './given-numbers.js';
import { IssueCodes, type DidYouMeanData } from './issue-codes.js';
import { withSuggestion } from './suggestions.js';

export const AMOUNT_ONLY_CLASSES = new Set(['Milestone', 'Retainer']);
const CURRENCY_CODE = /^[A-Z]{3}$/;

export function isKnownClass(cls: string | undefined): boolean {
  return cls !== undefined && (TRANSACTION_CLASSES as readonly string[]).includes(cls);
}

export function checkGivenLine(given: ast.Given, accept: ValidationAcceptor, t: Translate<MessageKey>): void {
  const cls = given.class;
  const known = isKnownClass(cls);
  if (!known && typeof cls === 'string') {
    const suggestion = closestValue(cls, TRANSACTION_CLASSES);
    const message = t('test.unknownClass', { value: cls, valid: TRANSACTION_CLASSES.join(', ') });
    accept('error', withSuggestion(t, message, suggestion), {
      node: given,
      property: 'class',
      code: IssueCodes.unknownFactValue,
      data: suggestion ? ({ suggestion } satisfies DidYouMeanData) : undefined,
    });
  }
  const inconsistent = (message: string, property: Exclude<keyof ast.Given, `$${string}`>): void =>
    accept('error', message, { node: given, property, code: IssueCodes.inconsistentGiven });
  const typeError = (message: string, node: ast.Measure): void =>
    accept('error', message, { node, property: 'currency', code: IssueCodes.typeError });

  if (known && cls !== 'Retainer' && given.advanceState) {
    inconsistent(t('test.advanceOnNonAdvance', { class: cls }), 'advanceState');
  }
  if (cls === 'Retainer' && !given.advanceState) inconsistent(t('test.advanceMissing'), 'class');
  if (given.reconciledAmount && given.advanceState !== 'reconciled') {
    inconsistent(t('test.reconciledWithoutReconciledState'), 'reconciledAmount');
  }
  const amountOnly = AMOUNT_ONLY_CLASSES.has(cls);
  for (const property of ['quantity', 'correctedQuantity'] as const) {
    const measure = given[property];
    if (measure && amountOnly) inconsistent(t('test.quantityNotAllowed', { class: cls }), property);
    // No value: the parser already reported the word it could not read as a number.
    if (measure?.currency && measure.value) {
      typeError(t('test.currencyOnQuantity', { currency: measure.currency }), measure);
    }
  }
  if (known && !amountOnly && !given.quantity)
    inconsistent(t('test.quantityRequired', { class: cls }), 'class');
  if (!given.correctedQuantity && !given.correctedAmount) inconsistent(t('test.correctedEmpty'), 'class');

  const currency = currencyOf(given);
  if (!given.amount) {
    inconsistent(t('test.amountRequired'), 'class');
  } else if (!currency) {
    accept('error', t('test.currencyRequired'), {
      node: given.amount,
      property: 'value',
      code: IssueCodes.typeError,
    });
  } else if (!CURRENCY_CODE.test(currency)) {
    typeError(t('test.currencyInvalid', { currency }), given.amount);
  } else if (!isKnownCurrency(currency)) {
    typeError(t('test.currencyUnknown', { currency }), given.amount);
  }
  checkGivenNumbers(given, currency, accept, t);
  checkAmountCurrency(given.correctedAmount, currency, accept, t);
  checkAmountCurrency(given.reconciledAmount, currency, accept, t);
}

/** The currency of a test line: that of its original amount. */
export function currencyOf(given: ast.Given | undefined): string | undefined {
  return given?.amount?.currency;
}

/** Every amount of a test is in the currency of the line's original amount. */
export function checkAmountCurrency(
  measure: ast.Measure | undefined,
  currency: string | undefined,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  if (measure?.currency && currency && measure.currency !== currency) {
    accept('error', t('test.currencyMismatch', { currency: measure.currency, expected: currency }), {
      node: measure,
      property: 'currency',
      code: IssueCodes.typeError,
    });
  }
}
