/**
 * The correction table of domain/corrections.md as a hand-built RuleSetDefinition, with the decisions on
 * its gaps written down as scenarios. Used by the engine's tests, the golden file and the benchmarks;
 * source ranges point into an imaginary `corrections.rules` laid out one action per line.
 */
import type {
  ActionDefinition,
  BillingType,
  Basis,
  FactTest,
  RuleSetDefinition,
  ScenarioDefinition,
  SourceRange,
  TransactionType,
} from '../rules/definition.js';

const FILE = 'corrections.rules';

class Layout {
  private line = 3;
  next(length = 40, column = 3): SourceRange {
    this.line += 1;
    return { file: FILE, line: this.line, column, endLine: this.line, endColumn: column + length };
  }
  skip(lines: number): void {
    this.line += lines;
  }
}

const layout = new Layout();

function when(tests: Array<[FactTest['fact'], string[], FactTest['operator']?]>): FactTest[] {
  const source = layout.next(60);
  return tests.map(([fact, values, operator]) => ({ fact, operator: operator ?? 'in', values, source }));
}

function create(
  transactionType: TransactionType,
  basis: Basis,
  sign: 'positive' | 'negative' = 'positive',
  billingType: BillingType = 'Chargeable',
): ActionDefinition {
  return { kind: 'create', transactionType, basis, sign, billingType, source: layout.next() };
}

function reverse(transactionType: TransactionType, basis: Basis): ActionDefinition {
  return { kind: 'reverse', transactionType, basis, source: layout.next() };
}

function scenario(
  name: string,
  title: string,
  body: () => Omit<ScenarioDefinition, 'name' | 'title' | 'source'>,
) {
  layout.skip(1);
  const start = layout.next(name.length + title.length + 14, 1);
  const { when: tests, outcome } = body();
  const end = layout.next(1, 1);
  return {
    name,
    title,
    when: tests,
    outcome,
    source: { ...start, endLine: end.line, endColumn: 2 },
  } satisfies ScenarioDefinition;
}

const RESOURCE: [FactTest['fact'], string[]] = ['billingMethod', ['resource']];
const CHARGES = ['Time', 'Expense', 'Material'];

/** Build a fresh copy (tests may mutate what they get). */
export function sampleRuleSet(): RuleSetDefinition {
  return JSON.parse(JSON.stringify(SAMPLE_RULE_SET)) as RuleSetDefinition;
}

export const SAMPLE_RULE_SET: RuleSetDefinition = {
  name: 'CorrectionActuals',
  title: 'Actuals created when a corrective invoice is confirmed',
  source: { file: FILE, line: 1, column: 1, endLine: 1, endColumn: 80 },
  scenarios: [
    // Row 11.
    scenario('ProductBased', 'Corrections of product-based contract lines', () => ({
      when: when([['billingMethod', ['product']]]),
      outcome: {
        kind: 'unsupported',
        message: 'Lines of product-based contract lines cannot be corrected',
        source: layout.next(),
      },
    })),
    // Gap decision: a line corrected to exactly what was billed changes nothing.
    scenario('NoChange', 'Corrected line equal to the original', () => ({
      when: when([['creditKind', ['unchanged']], RESOURCE]),
      outcome: { kind: 'actions', actions: [] },
    })),
    // Row 1.
    scenario('AdvanceInvoicedCorrection', 'Correction of an invoiced advance', () => ({
      when: when([
        ['class', ['Retainer']],
        ['advanceState', ['invoiced']],
        ['creditKind', ['partial', 'increase']],
        RESOURCE,
      ]),
      outcome: {
        kind: 'actions',
        actions: [
          reverse('UnbilledSales', 'reconciliation'),
          reverse('BilledSales', 'original'),
          create('BilledSales', 'corrected'),
          create('UnbilledSales', 'corrected', 'negative'),
        ],
      },
    })),
    // Row 1 with nothing left to bill: no zero-amount actuals.
    scenario('AdvanceInvoicedFullCredit', 'Full credit of an invoiced advance', () => ({
      when: when([
        ['class', ['Retainer']],
        ['advanceState', ['invoiced']],
        ['creditKind', ['full']],
        RESOURCE,
      ]),
      outcome: {
        kind: 'actions',
        actions: [reverse('UnbilledSales', 'reconciliation'), reverse('BilledSales', 'original')],
      },
    })),
    // Row 2.
    scenario('AdvanceReconciledCorrection', 'Correction of a previously reconciled advance', () => ({
      when: when([
        ['class', ['Retainer']],
        ['advanceState', ['reconciled']],
        ['creditKind', ['partial', 'increase']],
        RESOURCE,
      ]),
      outcome: {
        kind: 'actions',
        actions: [
          reverse('UnbilledSales', 'reconciliation'),
          reverse('BilledSales', 'original'),
          create('BilledSales', 'corrected'),
          create('UnbilledSales', 'leftover', 'negative'),
        ],
      },
    })),
    scenario('AdvanceReconciledFullCredit', 'Full credit of a previously reconciled advance', () => ({
      when: when([
        ['class', ['Retainer']],
        ['advanceState', ['reconciled']],
        ['creditKind', ['full']],
        RESOURCE,
      ]),
      outcome: {
        kind: 'actions',
        actions: [reverse('UnbilledSales', 'reconciliation'), reverse('BilledSales', 'original')],
      },
    })),
    // Rows 3, 5, 7; material decided to behave as expense.
    scenario('ChargeFullCredit', 'Full credit of time, expense, material or fee', () => ({
      when: when([['class', [...CHARGES, 'Fee']], ['creditKind', ['full']], RESOURCE]),
      outcome: {
        kind: 'actions',
        actions: [reverse('BilledSales', 'original'), create('UnbilledSales', 'original')],
      },
    })),
    // Rows 4, 6.
    scenario('ChargePartialCredit', 'Partial credit of time, expense or material', () => ({
      when: when([['class', CHARGES], ['creditKind', ['partial']], RESOURCE]),
      outcome: {
        kind: 'actions',
        actions: [
          reverse('BilledSales', 'original'),
          create('UnbilledSales', 'corrected'),
          reverse('UnbilledSales', 'corrected'),
          create('BilledSales', 'corrected'),
          create('UnbilledSales', 'remaining'),
        ],
      },
    })),
    // Row 8: the table lists no remaining-amount actual for fees.
    scenario('FeePartialCredit', 'Partial credit of a fee', () => ({
      when: when([['class', ['Fee']], ['creditKind', ['partial']], RESOURCE]),
      outcome: {
        kind: 'actions',
        actions: [
          reverse('BilledSales', 'original'),
          create('UnbilledSales', 'corrected'),
          reverse('UnbilledSales', 'corrected'),
          create('BilledSales', 'corrected'),
        ],
      },
    })),
    // Gap decision, from the worked example 8 h -> 10 h: as a partial credit, without a remainder.
    scenario('ChargeIncrease', 'Corrected above the original', () => ({
      when: when([['class', [...CHARGES, 'Fee']], ['creditKind', ['increase']], RESOURCE]),
      outcome: {
        kind: 'actions',
        actions: [
          reverse('BilledSales', 'original'),
          create('UnbilledSales', 'corrected'),
          reverse('UnbilledSales', 'corrected'),
          create('BilledSales', 'corrected'),
        ],
      },
    })),
    // Row 9.
    scenario('MilestoneFullCredit', 'Full credit of an invoiced milestone', () => ({
      when: when([['class', ['Milestone']], ['creditKind', ['full']], RESOURCE]),
      outcome: {
        kind: 'actions',
        actions: [
          reverse('BilledSales', 'original'),
          { kind: 'setMilestoneStatus', status: 'ReadyToInvoice', source: layout.next() },
        ],
      },
    })),
    // Row 10.
    scenario('MilestonePartialCredit', 'Partial credit of a milestone', () => ({
      when: when([['class', ['Milestone']], ['creditKind', ['partial', 'increase']], RESOURCE]),
      outcome: {
        kind: 'unsupported',
        message: 'A milestone can only be credited in full',
        source: layout.next(),
      },
    })),
  ],
};
