/**
 * The compiled form of a rule set: plain json-rules-engine rules plus a small header. Every rule is one
 * scenario; its event carries the scenario's name, source range and actions (each with its own source
 * range), which is the source map that explains every actual.
 */
import type { ActionDefinition, SourceRange } from '../rules/definition.js';

export const COMPILED_FORMAT = 'vn-finance-rules/compiled-ruleset';
export const COMPILED_VERSION = 1;

export type ConditionOperator = 'equal' | 'notEqual' | 'in' | 'notIn';

export interface FactCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  params?: Record<string, unknown>;
}

export type NestedCondition = FactCondition | ConditionGroup;
export type ConditionGroup =
  { all: NestedCondition[] } | { any: NestedCondition[] } | { not: NestedCondition };

export interface ActionsEventParams {
  scenario: string;
  title?: string;
  source?: SourceRange;
  actions: ActionDefinition[];
}

export interface UnsupportedEventParams {
  scenario: string;
  title?: string;
  source?: SourceRange;
  message: string;
  messageSource?: SourceRange;
}

export type ScenarioEvent =
  { type: 'actions'; params: ActionsEventParams } | { type: 'unsupported'; params: UnsupportedEventParams };

export interface CompiledRule {
  name: string;
  priority: number;
  conditions: ConditionGroup;
  event: ScenarioEvent;
}

export interface CompiledRuleSet {
  format: typeof COMPILED_FORMAT;
  version: typeof COMPILED_VERSION;
  name: string;
  title?: string;
  source?: SourceRange;
  /** The facts a case supplies, in case-space order. */
  facts: string[];
  rules: CompiledRule[];
}
