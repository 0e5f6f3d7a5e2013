/**
 * The case space as the validator sees it: which cells a `when` clause matches, and readable cell names.
 * Each scenario is expanded to its cells once; overlap and coverage then work on a cell index.
 */
import {
  CASE_DIMENSIONS,
  FACT_NAMES,
  applicableCells,
  type CaseCell,
  type FactName,
  type FactTest,
} from '#engine';
import type { Translate } from '#engine/i18n';
import type { MessageKey } from './messages.js';

/** The grammar's fact words and the case-space facts they stand for. */
export const FACT_WORDS: Record<string, FactName> = {
  class: 'class',
  credit: 'creditKind',
  advance: 'advanceState',
  billing: 'billingMethod',
};

export const ALL_CELLS: readonly CaseCell[] = applicableCells();

export function cellKey(cell: CaseCell): string {
  return `${cell.class}|${cell.creditKind}|${cell.advanceState}|${cell.billingMethod}`;
}

export function cellFromKey(key: string): CaseCell {
  const [cls, creditKind, advanceState, billingMethod] = key.split('|');
  return { class: cls, creditKind, advanceState, billingMethod } as CaseCell;
}

/** The valid values of each fact word, for completion and hover. */
export const FACT_VALUES: Record<string, readonly string[]> = {
  class: CASE_DIMENSIONS.class,
  credit: CASE_DIMENSIONS.creditKind,
  advance: CASE_DIMENSIONS.advanceState,
  billing: CASE_DIMENSIONS.billingMethod,
};

export function domainOf(fact: FactName): readonly string[] {
  return CASE_DIMENSIONS[fact];
}

/**
 * Cells matched by a conjunction of fact tests; facts not tested match any value. Values outside a fact's
 * domain simply match nothing (the validator reports them separately).
 */
export function matchedCells(tests: readonly Pick<FactTest, 'fact' | 'operator' | 'values'>[]): CaseCell[] {
  const allowed = new Map<FactName, Set<string>>();
  for (const test of tests) {
    const values = new Set(test.values);
    const set =
      test.operator === 'in' ? values : new Set(domainOf(test.fact).filter((value) => !values.has(value)));
    const previous = allowed.get(test.fact);
    allowed.set(test.fact, previous ? new Set([...previous].filter((value) => set.has(value))) : set);
  }
  return ALL_CELLS.filter((cell) => FACT_NAMES.every((fact) => allowed.get(fact)?.has(cell[fact]) ?? true));
}

/** "Time, partial credit, no advance, resource-based" */
export function describeCell(cell: CaseCell, t: Translate<MessageKey>): string {
  return [
    cell.class,
    t(`cell.${cell.creditKind}` as MessageKey),
    t(`cell.${cell.advanceState}` as MessageKey),
    t(`cell.${cell.billingMethod}` as MessageKey),
  ].join(', ');
}

/**
 * Cells grouped for reading: cells differing only in credit kind become one entry,
 * "Material (no advance, resource-based): full credit, partial credit".
 */
export function describeCells(cells: readonly CaseCell[], t: Translate<MessageKey>): string {
  const groups = new Map<string, { head: string; kinds: string[] }>();
  for (const cell of cells) {
    const key = `${cell.class}|${cell.advanceState}|${cell.billingMethod}`;
    let group = groups.get(key);
    if (!group) {
      const head = `${cell.class} (${t(`cell.${cell.advanceState}` as MessageKey)}, ${t(`cell.${cell.billingMethod}` as MessageKey)})`;
      group = { head, kinds: [] };
      groups.set(key, group);
    }
    group.kinds.push(t(`cell.${cell.creditKind}` as MessageKey));
  }
  return [...groups.values()].map((group) => `${group.head}: ${group.kinds.join(', ')}`).join('; ');
}

/** The `when` clause that selects exactly one cell, as the analyst would write it. */
export function whenClauseFor(cell: CaseCell): string {
  const parts = [`class is ${cell.class}`, `credit is ${cell.creditKind}`];
  if (cell.class === 'Retainer') parts.push(`advance is ${cell.advanceState}`);
  parts.push(`billing is ${cell.billingMethod}`);
  return `when ${parts.join(' and ')}`;
}

/** A scenario name for a cell: TimePartialResource, RetainerIncreaseInvoicedProduct, ... */
export function scenarioNameFor(cell: CaseCell): string {
  const cap = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  const advance = cell.class === 'Retainer' ? cap(cell.advanceState) : '';
  return `${cell.class}${cap(cell.creditKind)}${advance}${cap(cell.billingMethod)}`;
}

/** "Did you mean" comes from the engine, which suggests values in JSON input the same way. */
export { closestValue } from '#engine';
