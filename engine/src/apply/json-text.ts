/**
 * JSON text to a value, for inputs people write by hand: a byte-order mark at the start is accepted;
 * a syntax error is reported once, at its line and column; a key repeated in one object is refused with
 * both places (JSON.parse would silently keep the last); and the source text of every JSON number is
 * kept, so a message can quote 12345678901234567.89 as written rather than as the float it became.
 */
import { printParseErrorCode, visit, type JSONPath } from 'jsonc-parser';

export interface JsonPlace {
  /** 1-based, as editors show them. */
  line: number;
  column: number;
}

export interface JsonProblem {
  place: JsonPlace;
  /** Not valid JSON at all: the parser's reason; or a key repeated in an object. */
  kind: 'syntax' | 'duplicateKey';
  reason?: string;
  key?: string;
  path?: JSONPath;
  first?: JsonPlace;
}

export interface JsonDocument {
  value: unknown;
  /** The source text of each JSON number, by path (see pathKey). */
  numbers: Map<string, string>;
}

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

/** Thrown by parseJsonText; `problems` has one syntax error, or every repeated key. */
export class JsonTextError extends Error {
  constructor(readonly problems: JsonProblem[]) {
    super('invalid JSON');
    this.name = 'JsonTextError';
  }
}

const place = (line: number, character: number): JsonPlace => ({ line: line + 1, column: character + 1 });

/**
 * The keys in a valid JSON text: every string followed by a colon. Scanned from the start of a valid
 * document, each quote found between strings opens one, so the count is exact; indexOf finds the quotes
 * about twice as fast as a regular expression matching whole strings.
 */
function keysInText(text: string): number {
  let keys = 0;
  for (let open = text.indexOf('"'); open >= 0;) {
    // The closing quote: the next one not escaped by an odd number of backslashes.
    let close = text.indexOf('"', open + 1);
    for (;;) {
      if (close < 0) return keys;
      let backslashes = 0;
      while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) break;
      close = text.indexOf('"', close + 1);
    }
    let next = close + 1;
    for (let code = text.charCodeAt(next); code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;)
      code = text.charCodeAt(++next);
    if (text.charCodeAt(next) === 0x3a) keys++;
    open = text.indexOf('"', next);
  }
  return keys;
}

function keysInValue(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const element of value) keys += keysInValue(element);
    return keys;
  }
  for (const key in value) keys += 1 + keysInValue((value as Record<string, unknown>)[key]);
  return keys;
}

export function parseJsonText(input: string): JsonDocument {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Fast path for the files of 100,000 lines: the native parser, and a repeated key shows as fewer keys in
  // the value than in the text. The number texts are only needed for a message, so they are read then.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return visitJsonText(text);
  }
  if (keysInText(text) !== keysInValue(value)) return visitJsonText(text);
  let numbers: Map<string, string> | undefined;
  return {
    value,
    get numbers() {
      return (numbers ??= visitJsonText(text).numbers);
    },
  };
}

/** The careful path: every problem at its line and column, and the text of every number. */
function visitJsonText(text: string): JsonDocument {
  const numbers = new Map<string, string>();
  // Per open object: its keys and where each is (line, character: two numbers per key). Objects have a
  // handful of keys, so a list is cheaper than a Map for each of the 100,000s of objects of a big file.
  const keys: string[][] = [];
  const places: number[][] = [];
  const duplicates: JsonProblem[] = [];
  let syntax: JsonProblem | undefined;
  visit(
    text,
    {
      onObjectBegin: () => {
        keys.push([]);
        places.push([]);
      },
      onObjectEnd: () => {
        keys.pop();
        places.pop();
      },
      onObjectProperty: (property, _offset, _length, line, character, pathSupplier) => {
        const seen = keys[keys.length - 1];
        const at = places[places.length - 1];
        if (!seen || !at) return;
        const index = seen.indexOf(property);
        if (index >= 0) {
          duplicates.push({
            kind: 'duplicateKey',
            place: place(line, character),
            key: property,
            first: place(at[2 * index]!, at[2 * index + 1]!),
            path: pathSupplier(),
          });
        } else {
          seen.push(property);
          at.push(line, character);
        }
      },
      onLiteralValue: (value, offset, length, _line, _character, pathSupplier) => {
        if (typeof value === 'number')
          numbers.set(pathKey(pathSupplier()), text.slice(offset, offset + length));
      },
      onError: (error, _offset, _length, line, character) => {
        // The first error is the one to fix; what follows it is usually its echo.
        syntax ??= { kind: 'syntax', place: place(line, character), reason: printParseErrorCode(error) };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (syntax) throw new JsonTextError([syntax]);
  if (duplicates.length > 0) throw new JsonTextError(duplicates);
  return { value: JSON.parse(text) as unknown, numbers };
}
