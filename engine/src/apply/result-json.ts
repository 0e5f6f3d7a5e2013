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
 * explanations as scenario + place) and written at once. Only the text of the new actuals (about 120 MB
 * for 100,000 lines) is kept, until the ledger lists them again.
 */
export function* applyResultJsonChunks(result: ConfirmedCorrection): Generator<string> {
  const adjusted: string[] = [];
  const milestones: Record<string, string> = {};
  for (const line of result.lines) {
    for (const actual of line.adjusted) adjusted.push(actual.id);
    if (line.milestone?.milestoneId) milestones[line.milestone.milestoneId] = line.milestone.status;
  }
  // The ledger ends with the new actuals (confirmCorrection appends them): their text, written for
  // `actuals`, is kept and written again there, a level deeper, instead of being made twice.
  const { actuals } = result.ledger;
  const earlier = actuals.length - result.created.length;
  const reuse =
    result.created.length > 0 &&
    earlier >= 0 &&
    result.created.every((actual, i) => actuals[earlier + i] === actual);
  const recording: Recording = { list: reuse ? result.created : undefined, chunks: [] };
  const document = {
    invoice: result.invoice,
    lines: result.lines.map((line) => ({ line: line.line, scenario: line.scenario })),
    actuals: result.created,
    adjusted,
    milestones,
    ledger: {
      actuals: reuse ? new EndsWithRecorded(actuals.slice(0, earlier)) : actuals,
      milestones: result.ledger.milestones,
    },
  };
  let buffer = '';
  for (const text of pretty(document, '', 0, recording)) {
    buffer += text;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/** The text of one list as it was written, kept to be written again (see EndsWithRecorded). */
interface Recording {
  list: readonly unknown[] | undefined;
  chunks: string[];
}

/** A list of `earlier` elements, then the recorded list's. */
class EndsWithRecorded {
  constructor(readonly earlier: readonly unknown[]) {}
}

/**
 * Objects down to `depth` 2 and every array element by element; below that, each value is made plain
 * (toPlainJson) and written by the native JSON.stringify, which builds flat strings far faster than
 * concatenation in JavaScript. A list's elements are joined into one string per chunk.
 */
function* pretty(value: unknown, indent: string, depth: number, recording: Recording): Generator<string> {
  const inner = `${indent}  `;
  if (value instanceof EndsWithRecorded) {
    yield '[\n';
    if (value.earlier.length > 0) {
      yield* listItems(value.earlier, inner, undefined);
      yield ',\n';
    }
    // Recorded one level up: every line (each starts an element; compact JSON has no newline) moves
    // two spaces right.
    yield '  ';
    for (const chunk of recording.chunks.splice(0)) yield chunk.replaceAll('\n', '\n  ');
    yield `\n${indent}]`;
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    yield '[\n';
    if (depth < 1) {
      for (let i = 0; i < value.length; i++) {
        yield inner;
        yield* pretty(value[i], inner, depth + 1, recording);
        yield i < value.length - 1 ? ',\n' : '\n';
      }
    } else {
      yield* listItems(value, inner, value === recording.list ? recording.chunks : undefined);
      yield '\n';
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
      yield* pretty(member, inner, depth + 1, recording);
      first = false;
    }
    yield first ? '{}' : `\n${indent}}`;
    return;
  }
  yield write(value);
}

/**
 * The elements of a non-empty list, each compact on a line of its own, in chunks; a copy of each chunk
 * goes to `record` when given (in chunks of 256 KB and more, which V8 keeps out of the young
 * generation, so keeping them costs no copying by the garbage collector).
 */
function* listItems(
  list: readonly unknown[],
  inner: string,
  record: string[] | undefined,
): Generator<string> {
  const size = record ? 4 * CHUNK : CHUNK;
  const separator = `,\n${inner}`;
  let text = inner;
  for (let i = 0; i < list.length; i++) {
    text += `${i === 0 ? '' : separator}${write(list[i])}`;
    if (text.length >= size) {
      record?.push(text);
      yield text;
      text = '';
    }
  }
  if (text.length > 0) {
    record?.push(text);
    yield text;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isDecimal(value);
}

/** JSON.stringify(toPlainJson(value)), and `null` for what JSON leaves out (as in an array). */
function write(value: unknown): string {
  return (JSON.stringify(toPlainJson(value)) as string | undefined) ?? 'null';
}
