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

const CHUNK = 65_536;

/**
 * The JSON of `applyResultJson(result)` as text chunks of about 64 KB, laid out for reading and for
 * line tools: the outer objects indented, every line, actual and id of a list on a line of its own
 * (compact). The document for 100,000 lines is about 300 MB, beyond what one JavaScript string may
 * hold, so it is never built whole; each element is made plain on its own (Decimals as digits,
 * explanations as scenario + place) and written at once, so only one element's copy lives at a time.
 */
export function* applyResultJsonChunks(result: ConfirmedCorrection): Generator<string> {
  const adjusted: string[] = [];
  const milestones: Record<string, string> = {};
  for (const line of result.lines) {
    for (const actual of line.adjusted) adjusted.push(actual.id);
    if (line.milestone?.milestoneId) milestones[line.milestone.milestoneId] = line.milestone.status;
  }
  const document = {
    invoice: result.invoice,
    lines: result.lines.map((line) => ({ line: line.line, scenario: line.scenario })),
    actuals: result.created,
    adjusted,
    milestones,
    ledger: { actuals: result.ledger.actuals, milestones: result.ledger.milestones },
  };
  let buffer = '';
  for (const text of pretty(document, '', 0)) {
    buffer += text;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * Objects down to `depth` 2 and every array element by element; below that, each value is made plain
 * (toPlainJson) and written by the native JSON.stringify, which builds flat strings far faster than
 * concatenation in JavaScript. A list's elements are joined into one string per chunk.
 */
function* pretty(value: unknown, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value) && value.length > 0) {
    yield '[\n';
    if (depth < 1) {
      for (let i = 0; i < value.length; i++) {
        yield inner;
        yield* pretty(value[i], inner, depth + 1);
        yield i < value.length - 1 ? ',\n' : '\n';
      }
    } else {
      const separator = `,\n${inner}`;
      let text = inner;
      for (let i = 0; i < value.length; i++) {
        text += `${i === 0 ? '' : separator}${write(value[i])}`;
        if (text.length >= CHUNK) {
          yield text;
          text = '';
        }
      }
      yield `${text}\n`;
    }
    yield `${indent}]`;
    return;
  }
  if (depth < 2 && isPlainObject(value)) {
    let first = true;
    for (const key in value) {
      const member = value[key];
      if (member === undefined) continue;
      yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `;
      yield* pretty(member, inner, depth + 1);
      first = false;
    }
    yield first ? '{}' : `\n${indent}}`;
    return;
  }
  yield write(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isDecimal(value);
}

/** JSON.stringify(toPlainJson(value)), and `null` for what JSON leaves out (as in an array). */
function write(value: unknown): string {
  return (JSON.stringify(toPlainJson(value)) as string | undefined) ?? 'null';
}
