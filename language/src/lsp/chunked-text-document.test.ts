/**
 * The chunked copy of an open document answers as vscode-languageserver-textdocument does, edit after
 * edit (line breaks `\n`, `\r\n` and `\r` included), and reports what changed since an older text.
 */
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { generateLargeRuleSet } from '../testing/generate-large-ruleset.js';
import { ChunkedTextDocument } from './chunked-text-document.js';

const PIECES = [
  'a',
  'scenario X {\n',
  '\n',
  '\r\n',
  '\r',
  '  because "y"\r\n',
  '}',
  '',
  'é'.repeat(3),
  '😀',
  'x\ry',
];

const edit = fc.record({
  from: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.nat({ max: 40 }), fc.nat({ max: 20_000 })),
  text: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((parts) => parts.join('')),
});

/** Compares the whole text last: joining it first would let every other answer read the joined text. */
function sameAnswers(chunked: ChunkedTextDocument, plain: TextDocument, probes: number[]): void {
  expect(chunked.lineCount).toBe(plain.lineCount);
  const length = plain.getText().length;
  for (const probe of probes) {
    const offset = Math.floor(probe * (length + 2)) - 1;
    const position = plain.positionAt(offset);
    expect(chunked.positionAt(offset)).toEqual(position);
    const line = Math.floor(probe * (plain.lineCount + 1));
    for (const at of [
      position,
      { line, character: 0 },
      { line, character: 7 },
      { line: line - 1, character: 500 },
    ]) {
      expect(chunked.offsetAt(at)).toBe(plain.offsetAt(at));
    }
    expect(chunked.getLineRange(line)).toEqual(plain.getLineRange(line));
    expect(chunked.getEOLCharacters(line)).toBe(plain.getEOLCharacters(line));
    const range = { start: plain.positionAt(offset), end: plain.positionAt(offset + 30) };
    expect(chunked.getText(range)).toBe(plain.getText(range));
    const reversed = { start: range.end, end: range.start };
    expect(chunked.getText(reversed)).toBe(plain.getText(reversed));
  }
  expect(chunked.snapshot.isJoined).toBe(false);
  expect(chunked.getText()).toBe(plain.getText());
}

describe('chunked text document', () => {
  it('answers as vscode-languageserver-textdocument after random incremental edits', () => {
    const start = generateLargeRuleSet({ scenarios: 300 }).replace(/\n\n/g, '\r\n\n');
    fc.assert(
      fc.property(
        fc.array(edit, { minLength: 1, maxLength: 25 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (edits, probes) => {
          const chunked = new ChunkedTextDocument('file:///a.crules', 'corrections', 1, start);
          const plain = TextDocument.create('file:///a.crules', 'corrections', 1, start);
          const first = chunked.snapshot;
          let version = 1;
          for (const { from, length, text } of edits) {
            const size = plain.getText().length;
            const offset = Math.floor(from * size);
            const range = { start: plain.positionAt(offset), end: plain.positionAt(offset + length) };
            version++;
            chunked.update([{ range, text }], version);
            TextDocument.update(plain, [{ range, text }], version);
            sameAnswers(chunked, plain, probes);
          }
          // The window of all the edits, applied to the first text, gives the last one.
          const window = chunked.snapshot.changesSince(first)!;
          const before = start;
          const after = plain.getText();
          expect(
            before.slice(0, window.start) +
              after.slice(window.start, window.newEnd) +
              before.slice(window.oldEnd),
          ).toBe(after);
          expect(chunked.version).toBe(version);
        },
      ),
      { seed: 20261202, numRuns: 60 },
    );
  });

  it('joins the whole text only when asked for it', () => {
    const text = generateLargeRuleSet({ scenarios: 400 });
    const chunked = new ChunkedTextDocument('file:///a.crules', 'corrections', 1, text);
    const at = text.indexOf('class is Time') + 9;
    chunked.update(
      [{ range: { start: chunked.positionAt(at), end: chunked.positionAt(at + 4) }, text: 'Tme' }],
      2,
    );
    expect(chunked.snapshot.isJoined).toBe(false);
    expect(chunked.getText({ start: chunked.positionAt(at - 9), end: chunked.positionAt(at + 3) })).toBe(
      'class is Tme',
    );
    expect(chunked.getText()).toBe(text.slice(0, at) + 'Tme' + text.slice(at + 4));
    expect(chunked.snapshot.isJoined).toBe(true);
  });
});
