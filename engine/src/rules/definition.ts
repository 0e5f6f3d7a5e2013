/**
 * The language-neutral form of a rules file and of its tests. The Langium language maps its AST to these
 * plain objects (language -> engine); the engine compiles them to json-rules-engine JSON and runs tests.
 * Amounts and quantities are decimal strings, never JS numbers.
 */
import type { FactName } from './case-space.js';

/** 1-based line and column, as an editor shows them. */
export interface SourceRange {
  file?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FactTest {
  fact: FactName;
  /** `in`: the fact is one of `values`; `notIn`: it is none of them. */
  operator: 'in' | 'notIn';
  values: string[];
  source?: SourceRange;
}

export const TRANSACTION_TYPES = ['BilledSales', 'UnbilledSales'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const BILLING_TYPES = ['Chargeable', 'NonChargeable', 'Complimentary', 'NotAvailable'] as const;
export type BillingType = (typeof BILLING_TYPES)[number];

/** In a `create` action: the new actual takes the billing type of the original line. */
export const AS_ORIGINAL = 'AsOriginal';
/** The billing type a `create` action gives: a fixed one, or the original line's. */
export const ACTION_BILLING_TYPES = [...BILLING_TYPES, AS_ORIGINAL] as const;
export type ActionBillingType = (typeof ACTION_BILLING_TYPES)[number];

/**
 * What quantity and amount an actual is built from:
 * - original: the ILD on the confirmed invoice;
 * - corrected: the ILD as edited on the corrective draft;
 * - remaining: original minus corrected;
 * - reconciliation: the negative unbilled actual that invoicing (or a previous reconciliation of) an
 *   advance left for later reconciliation;
 * - leftover: the corrected advance amount not applied on the corrective invoice (reconciled advances).
 */
export const BASES = ['original', 'corrected', 'remaining', 'reconciliation', 'leftover'] as const;
export type Basis = (typeof BASES)[number];

export const MILESTONE_STATUSES = [
  'NotReady',
  'ReadyToInvoice',
  'CustomerInvoiceCreated',
  'CustomerInvoicePosted',
] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** A new actual of `transactionType` from `basis`, with the basis' sign or negated. */
export interface CreateActualAction {
  kind: 'create';
  transactionType: TransactionType;
  basis: Basis;
  sign: 'positive' | 'negative';
  billingType: ActionBillingType;
  source?: SourceRange;
}

/**
 * A reversal of an actual: for basis `original`/`reconciliation` an existing ledger actual of the line;
 * otherwise the actual of that type and basis created earlier in the same scenario.
 */
export interface ReverseActualAction {
  kind: 'reverse';
  transactionType: TransactionType;
  basis: Basis;
  source?: SourceRange;
}

export interface SetMilestoneStatusAction {
  kind: 'setMilestoneStatus';
  status: MilestoneStatus;
  source?: SourceRange;
}

export type ActionDefinition = CreateActualAction | ReverseActualAction | SetMilestoneStatusAction;

export type ScenarioOutcome =
  | { kind: 'actions'; actions: ActionDefinition[] }
  | { kind: 'unsupported'; message: string; source?: SourceRange };

export interface ScenarioDefinition {
  name: string;
  title?: string;
  /** Conjunction of fact tests; an empty list matches every case. */
  when: FactTest[];
  outcome: ScenarioOutcome;
  source?: SourceRange;
}

export interface RuleSetDefinition {
  name: string;
  title?: string;
  scenarios: ScenarioDefinition[];
  source?: SourceRange;
}

/** One expected actual in a rule test. Quantity and amount are decimal strings. */
export interface ExpectedActual {
  transactionType: TransactionType;
  reversal: boolean;
  quantity?: string;
  amount: string;
  billingType?: BillingType;
  source?: SourceRange;
}

export interface RuleTestDefinition {
  name: string;
  given: {
    class: string;
    billingMethod: string;
    /** The billing type of the original line; default Chargeable. */
    billingType?: string;
    advanceState?: string;
    currency: string;
    original: { quantity: string; amount: string; unitPrice?: string };
    corrected: { quantity?: string; amount?: string; unitPrice?: string };
    /** Advances: the amount applied against charges on the confirmed invoice. */
    reconciledAmount?: string;
  };
  expect: {
    scenario?: string;
    /** When given, the produced actuals must equal this list exactly (order-insensitive). */
    actuals?: ExpectedActual[];
    milestoneStatus?: string;
    /** The correction must be refused: `unsupported` or `uncovered`, with an optional message substring. */
    error?: { kind: 'unsupported' | 'uncovered'; message?: string };
  };
  source?: SourceRange;
}
