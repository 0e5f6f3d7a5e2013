/**
 * The bordered tables of `apply`, for any number of rows. cli-table3 lays a table out in time that grows
 * faster than its rows (1,000 rows 0.3 s, 4,000 rows 1.7 s here) and about 0.25 ms a row even in small
 * blocks, and `apply` prints a row per actual: 100,000 lines make 260,000 rows. This prints the same text
 * as cli-table3 with its default style (block-table.test.ts compares them) in one pass.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// East Asian wide and fullwidth characters take two columns, as cli-table3 counts them.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
// Combining marks, zero-width characters, variation selectors and surrogate pairs: only texts with one of
// these have their graphemes counted one by one.
const COMPLEX_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xd800, 0xdfff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
];

function isSimple(text: string): boolean {
  let below = true; // every unit before U+0300: one column each, no regular expression needed
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x0300) continue;
    below = false;
    for (const [from, to] of COMPLEX_RANGES) if (code >= from && code <= to) return false;
  }
  return below || !WIDE.test(text);
}

/** Columns a text takes in a terminal: graphemes (so combining marks count once), wide ones twice. */
export function displayWidth(text: string): number {
  // Most cells (ids, figures, precomposed Vietnamese) are one column per UTF-16 unit.
  if (isSimple(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text))
    width += WIDE.test(segment) || PICTOGRAPHIC.test(segment) ? 2 : 1;
  return width;
}

/** A cell of several lines: its lines and their display widths. */
interface Lines {
  texts: string[];
  widths: number[];
}

// Cells of several lines (an actual's scenario and rules place) repeat on many rows, often as the very
// same string: each is split and measured once per table.
type LinesCache = Map<string, Lines>;

function linesOf(cell: string, cache: LinesCache): Lines {
  let lines = cache.get(cell);
  if (lines === undefined) {
    const texts = cell.split('\n');
    lines = { texts, widths: texts.map(displayWidth) };
    cache.set(cell, lines);
  }
  return lines;
}

function cellWidth(cell: string, cache: LinesCache): number {
  if (!cell.includes('\n')) return displayWidth(cell);
  let widest = 0;
  for (const width of linesOf(cell, cache).widths) widest = Math.max(widest, width);
  return widest;
}

function border(left: string, middle: string, right: string, widths: number[]): string {
  return left + widths.map((width) => '─'.repeat(width)).join(middle) + right;
}

// What follows a cell's text: its padding and the border, then the next cell's leading space or the end
// of the line. Asked for millions of times with a few dozen lengths: each string is made once.
const afterCells: string[] = [];
const afterLastCells: string[] = [];

function afterCell(padding: number, last: boolean): string {
  const known = last ? afterLastCells : afterCells;
  return (known[padding] ??= `${' '.repeat(padding)} │${last ? '\n' : ' '}`);
}

/**
 * The text lines of one row, each ending in a newline (cells padded by a space each side, top-aligned),
 * appended to `out` piece by piece; returns their length. Joining the pieces once per chunk makes one
 * flat string instead of a tree of concatenations the writer would have to flatten.
 */
function rowLines(cells: string[], widths: number[], cache: LinesCache, out: string[]): number {
  const last = widths.length - 1;
  let multiline = false;
  for (let column = 0; column <= last && !multiline; column++)
    multiline = (cells[column] ?? '').includes('\n');
  let length = 0;
  if (!multiline) {
    out.push('│ ');
    for (let column = 0; column <= last; column++) {
      const text = cells[column] ?? '';
      const after = afterCell(widths[column]! - 2 - displayWidth(text), column === last);
      out.push(text, after);
      length += text.length + after.length;
    }
    return length + 2;
  }
  // Only the cells of several lines go through the cache: the ids and amounts beside them are unique.
  let height = 1;
  for (let column = 0; column <= last; column++) {
    const cell = cells[column] ?? '';
    if (cell.includes('\n')) height = Math.max(height, linesOf(cell, cache).texts.length);
  }
  for (let i = 0; i < height; i++) {
    out.push('│ ');
    length += 2;
    for (let column = 0; column <= last; column++) {
      const cell = cells[column] ?? '';
      let text = i === 0 ? cell : '';
      let width: number | undefined;
      if (cell.includes('\n')) {
        const lines = linesOf(cell, cache);
        text = lines.texts[i] ?? '';
        width = lines.widths[i] ?? 0;
      }
      const after = afterCell(widths[column]! - 2 - (width ?? displayWidth(text)), column === last);
      out.push(text, after);
      length += text.length + after.length;
    }
  }
  return length;
}

/**
 * The bordered table cli-table3 prints for `head` and `rows` (a test compares the two), in time linear in
 * the rows, as text chunks of about 64 KB: the caller writes each as it comes (and may wait for the
 * output to drain between them), so the table is never one string.
 */
export function* tableChunks(head: string[], rows: string[][]): Generator<string> {
  // Content plus one space of padding on each side, as cli-table3 sizes its columns.
  const cache: LinesCache = new Map();
  const widths = head.map((title) => cellWidth(title, cache) + 2);
  for (const row of rows) {
    for (let column = 0; column < widths.length; column++) {
      widths[column] = Math.max(widths[column]!, cellWidth(row[column] ?? '', cache) + 2);
    }
  }
  const separatorLine = `${border('├', '┼', '┤', widths)}\n`;
  const parts: string[] = [`${border('┌', '┬', '┐', widths)}\n`];
  let length = rowLines(head, widths, cache, parts);
  for (const row of rows) {
    parts.push(separatorLine);
    length += separatorLine.length + rowLines(row, widths, cache, parts);
    if (length > 65_536) {
      yield parts.join('');
      parts.length = 0;
      length = 0;
    }
  }
  parts.push(`${border('└', '┴', '┘', widths)}\n`);
  yield parts.join('');
}

/** tableChunks, each chunk written as it is laid out. */
export function printTable(write: (text: string) => void, head: string[], rows: string[][]): void {
  for (const chunk of tableChunks(head, rows)) write(chunk);
}
