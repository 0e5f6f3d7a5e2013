/**
 * Random edits of a rules text, as typing produces them: words and keystrokes inserted, ranges deleted,
 * lines duplicated, quotes and braces left open. For property tests of the parser, the validator and
 * the incremental re-parse (positions are fractions of the current text, so any sequence applies).
 */
import fc from 'fast-check';

export type TextEdit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicateLine'; at: number };

/** Pieces an analyst types (and mistypes) in rules and test files. */
const SNIPPETS = [
  ' ',
  '\n',
  'x',
  '}',
  '{',
  '"',
  'Tme',
  'Time',
  'billi ng',
  ' or Fee',
  'class is Time unsupported',
  'set milestone status to',
  'when class is Milestone and billing is resource',
  'create reversal of billed sales for original\n',
  'create unbilled sales chargeable for leftover\n',
  'no actuals',
  'because "why"',
  '// note\n',
  '/* block */',
  'scenario Extra {\n  when class is Fee\n  because "x"\n  no actuals\n}\n',
  'test "t" {\n  expect scenario Others\n}\n',
  'given Time line quantity 1 amount 10 USD corrected to quantity 0\n',
  'expect billed sales reversal quantity -1 amount -10\n',
  'expect milestone status',
  'amount 16.005 USD',
  '-3',
  'row 4',
];

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom(...SNIPPETS),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

export function applyEdit(text: string, edit: TextEdit): string {
  const at = Math.min(text.length, Math.floor(edit.at * text.length));
  switch (edit.kind) {
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'duplicateLine': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return text.slice(0, start) + line + text.slice(start);
    }
  }
}

/**
 * Edits that keep a rules file readable, as most keystrokes of a finished word do: a fact value
 * changed (or mistyped), a scenario added or removed, a comment or blank line inserted, an action
 * swapped. `at` picks the place among the candidates the text offers.
 */
export type RulesEdit =
  | { kind: 'factValue'; at: number; value: string }
  | { kind: 'addScenario'; at: number; name: string }
  | { kind: 'removeScenario'; at: number }
  | { kind: 'commentLine'; at: number }
  | { kind: 'blankLine'; at: number; lineBreak: '\n' | '\r' }
  | { kind: 'action'; at: number; action: string };

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
export const rulesEdit: fc.Arbitrary<RulesEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('factValue' as const),
    at,
    value: fc.constantFrom('Time', 'Tme', 'Fee', 'Expense', 'Milestone', 'Retainer', 'Material', 'Tim'),
  }),
  fc.record({
    kind: fc.constant('addScenario' as const),
    at,
    name: fc.constantFrom('Added', 'S3', 'Others', 'New'),
  }),
  fc.record({ kind: fc.constant('removeScenario' as const), at }),
  fc.record({ kind: fc.constant('commentLine' as const), at }),
  // A lone `\r` is a line break too (for the lexer and the editor), as old Mac files have them.
  fc.record({
    kind: fc.constant('blankLine' as const),
    at,
    lineBreak: fc.constantFrom('\n' as const, '\r' as const),
  }),
  fc.record({
    kind: fc.constant('action' as const),
    at,
    action: fc.constantFrom(
      'create reversal of billed sales for original',
      'create unbilled sales chargeable for leftover',
      'create reversal of unbilled sales for corrected',
      'set milestone status to ReadyToInvoice',
      'set milestone status to Redy',
      'no actuals',
    ),
  }),
);

function offsetsOf(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((match) => match.index);
}

export function applyRulesEdit(text: string, edit: RulesEdit): string {
  const pick = (offsets: number[]) => offsets[Math.floor(edit.at * offsets.length)];
  switch (edit.kind) {
    case 'factValue': {
      const offset = pick(offsetsOf(text, /class is [A-Za-z]+/g));
      if (offset === undefined) return text;
      const end = offset + /^class is [A-Za-z]+/.exec(text.slice(offset))![0].length;
      return `${text.slice(0, offset)}class is ${edit.value}${text.slice(end)}`;
    }
    case 'addScenario': {
      const offset = pick(offsetsOf(text, /^scenario /gm)) ?? text.length;
      const scenario = `scenario ${edit.name} {\n  when class is Fee and credit is full\n  because "added"\n  no actuals\n}\n\n`;
      return text.slice(0, offset) + scenario + text.slice(offset);
    }
    case 'removeScenario': {
      const offset = pick(offsetsOf(text, /^scenario /gm));
      if (offset === undefined) return text;
      const end = text.indexOf('\n}\n', offset);
      return end < 0 ? text : text.slice(0, offset) + text.slice(end + 3);
    }
    case 'commentLine':
    case 'blankLine': {
      const offset = pick(offsetsOf(text, /^/gm).slice(3)) ?? text.length;
      return (
        text.slice(0, offset) +
        (edit.kind === 'commentLine' ? '// a note\n' : edit.lineBreak) +
        text.slice(offset)
      );
    }
    case 'action': {
      const offset = pick(offsetsOf(text, /^ {2}(create|set|no actuals)[^\n]*/gm));
      if (offset === undefined) return text;
      const end = text.indexOf('\n', offset);
      return `${text.slice(0, offset)}  ${edit.action}${text.slice(end)}`;
    }
  }
}
