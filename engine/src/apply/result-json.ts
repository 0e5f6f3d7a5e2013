/**
 * A confirmed correction as plain JSON: Decimals as exact strings of digits (never "-0", never an
 * exponent), explanations as scenario + place; its `ledger` has the `--ledger` input format, so runs chain.
 */
import type { ConfirmedCorrection } from '../correction/confirm.js';
import { ExactDecimal, isDecimal, type Decimal } from '../money/decimal.js';
import { plainDecimal } from '../money/limits.js';
import type { Explanation } from '../model/types.js';

/** `rules/correction-actuals.crules:12:3` for an actual, or the rule set name when there is no source. */
export function explanationPlace(explanation: Explanation | undefined): string {
  const source = explanation?.source ?? explanation?.scenarioSource;
  if (!explanation) return '';
  if (!source) return explanation.ruleSet;
  return `${source.file ?? explanation.ruleSet}:${source.line}:${source.column}`;
}

// Explanations are shared by every actual of an action (see materialise): converted once each.
const plainExplanations = new WeakMap<object, unknown>();

function plainExplanation(explanation: Explanation): unknown {
  let plain = plainExplanations.get(explanation);
  if (!plain) {
    plain = {
      ruleSet: explanation.ruleSet,
      scenario: explanation.scenario,
      at: explanationPlace(explanation),
    };
    plainExplanations.set(explanation, plain);
  }
  return plain;
}

/** Any engine value as plain JSON (one pass, no intermediate arrays: results have 100,000s of actuals). */
export function toPlainJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof ExactDecimal || isDecimal(value)) return plainDecimal(value as Decimal);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toPlainJson(value[i]);
    return out;
  }
  const record = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key in record) {
    const member = record[key];
    if (member === undefined) continue;
    result[key] =
      key === 'explanation' && member !== null && typeof member === 'object'
        ? plainExplanation(member as Explanation)
        : toPlainJson(member);
  }
  return result;
}

export function applyResultJson(result: ConfirmedCorrection): unknown {
  // The new actuals are in `actuals` and again in `ledger`: each is converted once and shared.
  const plainActuals = new Map<object, unknown>();
  const plainActual = (actual: object): unknown => {
    let plain = plainActuals.get(actual);
    if (plain === undefined) {
      plain = toPlainJson(actual);
      plainActuals.set(actual, plain);
    }
    return plain;
  };
  const adjusted: string[] = [];
  const milestones: Record<string, string> = {};
  for (const line of result.lines) {
    for (const actual of line.adjusted) adjusted.push(actual.id);
    if (line.milestone?.milestoneId) milestones[line.milestone.milestoneId] = line.milestone.status;
  }
  return {
    invoice: toPlainJson(result.invoice),
    lines: result.lines.map((line) => ({ line: line.line, scenario: line.scenario })),
    actuals: result.created.map(plainActual),
    adjusted,
    milestones,
    ledger: {
      actuals: result.ledger.actuals.map(plainActual),
      milestones: { ...result.ledger.milestones },
    },
  };
}

/**
 * The same JSON as `JSON.stringify(applyResultJson(result), null, 2)`, as a sequence of text chunks of
 * about 64 KB: the document for 100,000 lines is hundreds of MB, beyond what one JavaScript string may
 * hold, so it is never built whole. Each array element is converted and stringified on its own.
 */
export function* applyResultJsonChunks(result: ConfirmedCorrection): Generator<string> {
  let buffer: string[] = [];
  let size = 0;
  const out = function* (text: string): Generator<string> {
    buffer.push(text);
    size += text.length;
    if (size >= 65_536) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
  };
  for (const text of pretty(applyResultJson(result), '', 0)) yield* out(text);
  if (buffer.length > 0) yield buffer.join('');
}

/** Pretty JSON in pieces: objects down to `depth` 2 and every array element by element. */
function* pretty(value: unknown, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value) && value.length > 0) {
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* pretty(value[i], inner, depth + 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  if (depth < 2 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value).filter(([, member]) => member !== undefined);
    if (entries.length > 0) {
      yield '{\n';
      for (let i = 0; i < entries.length; i++) {
        const [key, member] = entries[i]!;
        yield `${inner}${JSON.stringify(key)}: `;
        yield* pretty(member, inner, depth + 1);
        yield i < entries.length - 1 ? ',\n' : '\n';
      }
      yield `${indent}}`;
      return;
    }
  }
  const text = JSON.stringify(value, null, 2);
  yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}
