import { EngineError } from '../errors/engine-error.js';
import { CASE_DIMENSIONS, FACT_NAMES, type FactName } from '../rules/case-space.js';
import {
  ACTION_BILLING_TYPES,
  BASES,
  MILESTONE_STATUSES,
  TRANSACTION_TYPES,
  type ActionDefinition,
  type FactTest,
  type RuleSetDefinition,
  type ScenarioDefinition,
  type SourceRange,
} from '../rules/definition.js';
import { canonicalJson } from './canonical-json.js';
import {
  COMPILED_FORMAT,
  COMPILED_VERSION,
  type CompiledRule,
  type CompiledRuleSet,
  type FactCondition,
  type ScenarioEvent,
} from './compiled.js';

/** `file:line:col` of a range, or the fallback when the definition has no source. */
export function describeSource(source: SourceRange | undefined, fallback: string): string {
  if (!source) return fallback;
  return `${source.file ? `${source.file}:` : ''}${source.line}:${source.column}`;
}

function invalidField(where: string, field: string, value: unknown): EngineError {
  return new EngineError('compiler.invalidField', { where, field, value: String(value) });
}

function copySource(source: SourceRange | undefined): SourceRange | undefined {
  if (!source) return undefined;
  const { file, line, column, endLine, endColumn } = source;
  return file === undefined
    ? { line, column, endLine, endColumn }
    : { file, line, column, endLine, endColumn };
}

function compileFactTest(test: FactTest, where: string): FactCondition {
  if (!(FACT_NAMES as string[]).includes(test.fact)) {
    throw new EngineError('compiler.unknownFact', { where, fact: test.fact, allowed: FACT_NAMES.join(', ') });
  }
  const allowed: readonly string[] = CASE_DIMENSIONS[test.fact as FactName];
  for (const value of test.values) {
    if (!allowed.includes(value)) {
      throw new EngineError('compiler.unknownValue', {
        where,
        value,
        fact: test.fact,
        allowed: allowed.join(', '),
      });
    }
  }
  const values = [...test.values];
  if (test.operator === 'in') {
    return values.length === 1
      ? { fact: test.fact, operator: 'equal', value: values[0] }
      : { fact: test.fact, operator: 'in', value: values };
  }
  if (test.operator === 'notIn') return { fact: test.fact, operator: 'notIn', value: values };
  throw invalidField(where, 'operator', test.operator);
}

/** The reversal targets that are actuals already in the ledger (see materialise). */
export function isLedgerTarget(transactionType: string, basis: string): boolean {
  return (
    (transactionType === 'BilledSales' && basis === 'original') ||
    (transactionType === 'UnbilledSales' && basis === 'reconciliation')
  );
}

function compileAction(
  action: ActionDefinition,
  earlier: ActionDefinition[],
  where: string,
): ActionDefinition {
  const source = copySource(action.source);
  switch (action.kind) {
    case 'create':
      if (!TRANSACTION_TYPES.includes(action.transactionType))
        throw invalidField(where, 'transactionType', action.transactionType);
      if (!BASES.includes(action.basis)) throw invalidField(where, 'basis', action.basis);
      if (!ACTION_BILLING_TYPES.includes(action.billingType))
        throw invalidField(where, 'billingType', action.billingType);
      if (action.sign !== 'positive' && action.sign !== 'negative')
        throw invalidField(where, 'sign', action.sign);
      return {
        kind: 'create',
        transactionType: action.transactionType,
        basis: action.basis,
        sign: action.sign,
        billingType: action.billingType,
        source,
      };
    case 'reverse': {
      if (!TRANSACTION_TYPES.includes(action.transactionType))
        throw invalidField(where, 'transactionType', action.transactionType);
      if (!BASES.includes(action.basis)) throw invalidField(where, 'basis', action.basis);
      // Billed sales for original and unbilled sales for reconciliation are ledger actuals; anything else
      // reverses an actual created earlier in the scenario. Each can be reversed once.
      const key = (a: ActionDefinition) =>
        a.kind === 'setMilestoneStatus' ? '' : `${a.transactionType}:${a.basis}`;
      const sameKind = earlier.filter((e) => e.kind !== 'setMilestoneStatus' && key(e) === key(action));
      const reversals = sameKind.filter((e) => e.kind === 'reverse').length;
      const available = isLedgerTarget(action.transactionType, action.basis)
        ? 1
        : sameKind.filter((e) => e.kind === 'create').length;
      if (reversals >= available) {
        throw new EngineError(available === 0 ? 'compiler.reverseNeedsCreate' : 'compiler.reversedTwice', {
          where,
          transactionType: action.transactionType,
          basis: action.basis,
        });
      }
      return { kind: 'reverse', transactionType: action.transactionType, basis: action.basis, source };
    }
    case 'setMilestoneStatus':
      if (!MILESTONE_STATUSES.includes(action.status)) throw invalidField(where, 'status', action.status);
      return { kind: 'setMilestoneStatus', status: action.status, source };
    default:
      throw invalidField(where, 'kind', (action as { kind?: unknown }).kind);
  }
}

function compileScenario(scenario: ScenarioDefinition, ruleSetName: string): CompiledRule {
  const where = describeSource(scenario.source, `${ruleSetName}.${scenario.name}`);
  const conditions = scenario.when.map((test) =>
    compileFactTest(test, describeSource(test.source ?? scenario.source, where)),
  );
  const base = { scenario: scenario.name, title: scenario.title, source: copySource(scenario.source) };
  let event: ScenarioEvent;
  if (scenario.outcome.kind === 'unsupported') {
    event = {
      type: 'unsupported',
      params: {
        ...base,
        message: scenario.outcome.message,
        messageSource: copySource(scenario.outcome.source),
      },
    };
  } else {
    const actions: ActionDefinition[] = [];
    for (const action of scenario.outcome.actions) {
      actions.push(compileAction(action, actions, describeSource(action.source, where)));
    }
    event = { type: 'actions', params: { ...base, actions } };
  }
  return { name: scenario.name, priority: 1, conditions: { all: conditions }, event };
}

export interface CompileOptions {
  /**
   * Source files under this folder are written relative to it ("rules/x.crules" instead of an absolute
   * path), so the compiled JSON is the same on every machine.
   */
  sourceRoot?: string;
}

function relativeSources(definition: RuleSetDefinition, sourceRoot: string): RuleSetDefinition {
  const root = sourceRoot.replace(/\\/g, '/').replace(/\/+$/, '') + '/';
  return JSON.parse(JSON.stringify(definition), (key, value: unknown) => {
    if (key !== 'file' || typeof value !== 'string') return value;
    const file = value.replace(/\\/g, '/');
    return file.startsWith(root) ? file.slice(root.length) : file;
  }) as RuleSetDefinition;
}

/**
 * RuleSetDefinition -> json-rules-engine rules, one per scenario, in the definition's order. Invalid
 * definitions (unknown facts or values, duplicate names, reversals of nothing) are refused with the place.
 */
export function compileRuleSet(input: RuleSetDefinition, options: CompileOptions = {}): CompiledRuleSet {
  const definition = options.sourceRoot ? relativeSources(input, options.sourceRoot) : input;
  const seen = new Set<string>();
  for (const scenario of definition.scenarios) {
    if (seen.has(scenario.name)) {
      throw new EngineError('compiler.duplicateScenario', {
        where: describeSource(scenario.source, scenario.name),
        scenario: scenario.name,
      });
    }
    seen.add(scenario.name);
  }
  return {
    format: COMPILED_FORMAT,
    version: COMPILED_VERSION,
    name: definition.name,
    title: definition.title,
    source: copySource(definition.source),
    facts: [...FACT_NAMES],
    rules: definition.scenarios.map((scenario) => compileScenario(scenario, definition.name)),
  };
}

/** The compiled rule set as canonical JSON: the same definition always gives the same bytes. */
export function compileRuleSetToJson(definition: RuleSetDefinition, options: CompileOptions = {}): string {
  return canonicalJson(compileRuleSet(definition, options));
}
