/**
 * A synthetic rule set of any size, for benchmarks of parsing and validation. Scenario i selects cell
 * i mod 56 of the case space (sometimes with `or` / `is not` tests that widen it), so the first 56
 * scenarios cover everything and every later one overlaps an earlier one: the overlap check has work
 * on every scenario.
 */
import type { CaseCell } from '#engine';
import { ALL_CELLS } from '../cells.js';

export interface LargeRuleSetOptions {
  /** Number of scenarios (default 2,000). */
  scenarios?: number;
  /** Rule set name (default `Large`). */
  name?: string;
}

const ACTION_SETS = [
  ['create reversal of billed sales for original', 'create unbilled sales chargeable for original'],
  [
    'create reversal of billed sales for original',
    'create unbilled sales chargeable for corrected',
    'create reversal of unbilled sales for corrected',
    'create billed sales chargeable for corrected',
    'create unbilled sales chargeable for remaining',
  ],
  ['no actuals'],
];

const WIDENABLE = new Set(['Time', 'Expense', 'Material', 'Fee']);

function whenFor(cell: CaseCell, variant: number): string {
  const tests = [
    // Widen only between classes that share actions, so the file stays free of type errors.
    variant % 5 === 0 && WIDENABLE.has(cell.class)
      ? `class is ${cell.class} or ${cell.class === 'Time' ? 'Expense' : 'Time'}`
      : `class is ${cell.class}`,
    variant % 7 === 0
      ? `credit is not ${cell.creditKind === 'full' ? 'partial' : 'full'}`
      : `credit is ${cell.creditKind}`,
  ];
  if (cell.class === 'Retainer') tests.push(`advance is ${cell.advanceState}`);
  tests.push(`billing is ${cell.billingMethod}`);
  return `when ${tests.join(' and ')}`;
}

function actionsFor(cell: CaseCell, variant: number): string[] {
  if (cell.billingMethod === 'product') return [`unsupported "Product-based line (${variant})"`];
  if (cell.class === 'Retainer') {
    return [
      'create reversal of unbilled sales for reconciliation',
      'create reversal of billed sales for original',
      'create billed sales for corrected',
      `create negative unbilled sales for ${cell.advanceState === 'reconciled' ? 'leftover' : 'corrected'}`,
    ];
  }
  if (cell.class === 'Milestone') {
    return ['create reversal of billed sales for original', 'set milestone status to ReadyToInvoice'];
  }
  return ACTION_SETS[variant % ACTION_SETS.length]!;
}

/** The text of a `.crules` file with `scenarios` scenarios. */
export function generateLargeRuleSet(options: LargeRuleSetOptions = {}): string {
  const count = options.scenarios ?? 2000;
  const lines = [
    `// Generated: ${count} scenarios for benchmarks.`,
    `ruleset ${options.name ?? 'Large'} "Generated"`,
    '',
  ];
  for (let i = 0; i < count; i++) {
    const cell = ALL_CELLS[i % ALL_CELLS.length]!;
    lines.push(`scenario S${i} "Generated scenario ${i}" {`);
    lines.push(`  ${whenFor(cell, i)}`);
    lines.push(`  because "Generated decision ${i}"`);
    for (const action of actionsFor(cell, i)) lines.push(`  ${action}`);
    lines.push('}', '');
  }
  return lines.join('\n');
}
