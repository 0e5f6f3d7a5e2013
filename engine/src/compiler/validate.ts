import { EngineError } from '../errors/engine-error.js';
import { COMPILED_FORMAT, COMPILED_VERSION, type CompiledRuleSet } from './compiled.js';

function fail(detail: string): never {
  throw new EngineError('compiled.invalid', { detail });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Light load-time check of a compiled rule set (JSON text or parsed), enough to give a clear error for
 * a wrong or truncated file in the browser and workers; the full JSON Schema
 * (compiled-ruleset.schema.json) is checked by the tests and by tools that carry a schema validator.
 */
export function validateCompiledRuleSet(input: unknown): CompiledRuleSet {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }
  if (!isObject(value)) fail('not a JSON object');
  if (value.format !== COMPILED_FORMAT) fail(`format must be "${COMPILED_FORMAT}"`);
  if (value.version !== COMPILED_VERSION) fail(`version ${String(value.version)} is not ${COMPILED_VERSION}`);
  if (typeof value.name !== 'string') fail('name is missing');
  if (!Array.isArray(value.rules)) fail('rules must be a list');
  value.rules.forEach((rule: unknown, index: number) => {
    const where = `rules[${index}]`;
    if (!isObject(rule)) fail(`${where} is not an object`);
    if (typeof rule.name !== 'string') fail(`${where}.name is missing`);
    if (!isObject(rule.conditions)) fail(`${where}.conditions is missing`);
    const event = rule.event;
    if (!isObject(event) || !isObject(event.params)) fail(`${where}.event is missing`);
    if (typeof event.params.scenario !== 'string') fail(`${where}.event.params.scenario is missing`);
    if (event.type === 'actions') {
      if (!Array.isArray(event.params.actions)) fail(`${where}.event.params.actions must be a list`);
    } else if (event.type === 'unsupported') {
      if (typeof event.params.message !== 'string') fail(`${where}.event.params.message is missing`);
    } else {
      fail(`${where}.event.type must be "actions" or "unsupported"`);
    }
  });
  return value as unknown as CompiledRuleSet;
}
