import type { CompiledRuleSet } from '../compiler/compiled.js';
import { createFastExecutor } from './fast.js';
import { createReferenceExecutor } from './reference.js';
import type { Executor } from './types.js';

/** The executors a client may choose: the fast compiled one (default) or json-rules-engine itself. */
export const EXECUTOR_KINDS = ['fast', 'reference'] as const;
export type ExecutorKind = (typeof EXECUTOR_KINDS)[number];

/** The one place that builds an executor by name (CLI, language server, engine boundary). */
export function createExecutor(kind: ExecutorKind, ruleSet: CompiledRuleSet): Executor {
  return kind === 'reference' ? createReferenceExecutor(ruleSet) : createFastExecutor(ruleSet);
}
