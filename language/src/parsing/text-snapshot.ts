/**
 * The text of an open document as a list of chunks of about 16 KB, each with its own line breaks: an
 * edit rebuilds the chunk it falls in and the short lists of chunk starts, so typing in a 2.4 MB rules
 * file no longer copies 2.4 MB (and leaves it to the garbage collector) on every keystroke, as a plain
 * string does. The whole text is joined only when something asks for all of it, once per version.
 *
 * Line breaks are `\n`, `\r\n` and `\r`, as in vscode-languageserver-textdocument; a chunk never ends
 * between the two characters of `\r\n`, so each chunk finds its breaks on its own.
 *
 * Each snapshot made by an edit remembers its predecessor and the change, so the re-parse can learn what
 * changed since the text it parsed (changesSince) without comparing the texts.
 */

const CHUNK = 16 * 1024;
/** Links to predecessors kept at most: past that the re-parse compares nothing and parses in full. */
const MAX_HISTORY = 256;

interface Chunk {
  text: string;
  /** Offsets in the chunk just after each line break. */
  breaks: number[];
}

/** `[start, oldEnd)` of the older text became `[start, newEnd)` of the newer one; the rest is the same. */
export interface ChangedWindow {
  start: number;
  oldEnd: number;
  newEnd: number;
}

function chunkOf(text: string): Chunk {
  const breaks: number[] = [];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 13) {
      if (text.charCodeAt(at + 1) === 10) at++;
      breaks.push(at + 1);
    } else if (code === 10) {
      breaks.push(at + 1);
    }
  }
  return { text, breaks };
}

/** Splits a text into chunks of about CHUNK characters, never between `\r` and `\n`. */
function chunksOf(text: string): Chunk[] {
  if (text.length <= 2 * CHUNK) return [chunkOf(text)];
  const chunks: Chunk[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + CHUNK);
    if (text.length - to < CHUNK / 2) to = text.length;
    if (text.charCodeAt(to - 1) === 13 && text.charCodeAt(to) === 10) to++;
    chunks.push(chunkOf(text.slice(from, to)));
    from = to;
  }
  return chunks;
}

/** The last index whose value is at most `value` in a non-decreasing list (0 when none). */
function lastAtMost(values: readonly number[], value: number, count: number): number {
  let low = 0;
  let high = count - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle]! <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

export class TextSnapshot {
  /** Where each chunk starts, then the length. */
  private readonly starts: number[];
  /** Line breaks before each chunk, then their total. */
  private readonly breaksBefore: number[];
  private joined: string | undefined;

  private constructor(
    private readonly chunks: readonly Chunk[],
    joined: string | undefined,
    private previous: TextSnapshot | undefined,
    private change: ChangedWindow | undefined,
    private history: number,
  ) {
    this.joined = joined;
    this.starts = new Array<number>(chunks.length + 1);
    this.breaksBefore = new Array<number>(chunks.length + 1);
    let offset = 0;
    let breaks = 0;
    for (let index = 0; index < chunks.length; index++) {
      this.starts[index] = offset;
      this.breaksBefore[index] = breaks;
      offset += chunks[index]!.text.length;
      breaks += chunks[index]!.breaks.length;
    }
    this.starts[chunks.length] = offset;
    this.breaksBefore[chunks.length] = breaks;
  }

  static of(text: string): TextSnapshot {
    return new TextSnapshot(chunksOf(text), text, undefined, undefined, 0);
  }

  get length(): number {
    return this.starts[this.chunks.length]!;
  }

  /** How many lines (line breaks plus one). */
  get lineCount(): number {
    return this.breaksBefore[this.chunks.length]! + 1;
  }

  /** Whether the whole text has been joined (for tests: an edit should not need it). */
  get isJoined(): boolean {
    return this.joined !== undefined;
  }

  /** The whole text (joined once, then kept). */
  text(): string {
    if (this.joined === undefined) {
      let text = '';
      for (const chunk of this.chunks) text += chunk.text;
      // Flattened once here rather than by whichever reader touches it first.
      text.charCodeAt(0);
      this.joined = text;
    }
    return this.joined;
  }

  private chunkAt(offset: number): number {
    return lastAtMost(this.starts, offset, this.chunks.length);
  }

  charCodeAt(offset: number): number {
    if (this.joined !== undefined) return this.joined.charCodeAt(offset);
    if (offset < 0 || offset >= this.length) return NaN;
    const index = this.chunkAt(offset);
    return this.chunks[index]!.text.charCodeAt(offset - this.starts[index]!);
  }

  slice(from: number, to: number = this.length): string {
    from = Math.max(0, Math.min(from, this.length));
    to = Math.max(from, Math.min(to, this.length));
    if (this.joined !== undefined) return this.joined.slice(from, to);
    let index = this.chunkAt(from);
    let text = '';
    while (index < this.chunks.length && this.starts[index]! < to) {
      const start = this.starts[index]!;
      text += this.chunks[index]!.text.slice(Math.max(0, from - start), to - start);
      index++;
    }
    return text;
  }

  /** Where line `line` starts (0 <= line < lineCount). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    const index = line - 1; // the break ending the line before
    const at = lastAtMost(this.breaksBefore, index, this.chunks.length);
    return this.starts[at]! + this.chunks[at]!.breaks[index - this.breaksBefore[at]!]!;
  }

  /** The line holding `offset`: how many line breaks end at or before it. */
  lineOf(offset: number): number {
    const index = this.chunkAt(offset);
    const breaks = this.chunks[index]!.breaks;
    const inChunk = offset - this.starts[index]!;
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (breaks[middle]! <= inChunk) low = middle + 1;
      else high = middle;
    }
    return this.breaksBefore[index]! + low;
  }

  /** The text with `removed` characters at `offset` replaced by `inserted`. */
  edit(offset: number, removed: number, inserted: string): TextSnapshot {
    offset = Math.max(0, Math.min(offset, this.length));
    const end = Math.max(offset, Math.min(offset + removed, this.length));
    let first = this.chunkAt(offset);
    let last = this.chunkAt(end);
    const chunks = this.chunks;
    let text =
      chunks[first]!.text.slice(0, offset - this.starts[first]!) +
      inserted +
      chunks[last]!.text.slice(end - this.starts[last]!);
    // Small chunks join a neighbour; a `\r\n` is never split between two chunks.
    while (true) {
      if (last + 1 < chunks.length && (text.length < CHUNK / 4 || endsInCr(text, chunks[last + 1]!.text))) {
        text += chunks[++last]!.text;
      } else if (first > 0 && (text.length < CHUNK / 4 || endsInCr(chunks[first - 1]!.text, text))) {
        text = chunks[--first]!.text + text;
      } else {
        break;
      }
    }
    const rebuilt = text.length > 2 * CHUNK ? chunksOf(text) : [chunkOf(text)];
    const next = [...chunks.slice(0, first), ...rebuilt, ...chunks.slice(last + 1)];
    const keep = this.history < MAX_HISTORY;
    return new TextSnapshot(
      next,
      undefined,
      keep ? this : undefined,
      keep ? { start: offset, oldEnd: end, newEnd: offset + inserted.length } : undefined,
      keep ? this.history + 1 : 0,
    );
  }

  /**
   * What changed from `older` (a predecessor) to this text, as one window; undefined when `older` is
   * not among the predecessors still known.
   */
  changesSince(older: TextSnapshot): ChangedWindow | undefined {
    const changes: ChangedWindow[] = [];
    let found = false;
    for (const snapshot of this.lineage()) {
      if (snapshot === older) {
        found = true;
        break;
      }
      if (!snapshot.change) return undefined;
      changes.push(snapshot.change);
    }
    if (!found) return undefined;
    let window: ChangedWindow | undefined;
    for (let index = changes.length - 1; index >= 0; index--) {
      const change = changes[index]!;
      if (!window) {
        window = { ...change };
        continue;
      }
      // The union of both, in the older text's offsets: what lies after the window moved by its growth.
      const start = Math.min(window.start, change.start);
      const end = Math.max(window.newEnd, change.oldEnd);
      window = {
        start,
        oldEnd: end - (window.newEnd - window.oldEnd),
        newEnd: end + (change.newEnd - change.oldEnd),
      };
    }
    return window ?? { start: 0, oldEnd: 0, newEnd: 0 };
  }

  /** The predecessor whose joined text is `text` (the same string), if still known. */
  predecessorWithText(text: string): TextSnapshot | undefined {
    for (const snapshot of this.lineage()) if (snapshot.joined === text) return snapshot;
    return undefined;
  }

  /** This text, then its known predecessors, newest first. */
  private *lineage(): Generator<TextSnapshot> {
    yield this;
    for (let at = this.previous; at; at = at.previous) yield at;
  }

  /** Drops the links to predecessors (the re-parse has caught up with this text). */
  forgetHistory(): void {
    this.previous = undefined;
    this.change = undefined;
    this.history = 0;
  }
}

function endsInCr(before: string, after: string): boolean {
  return before.charCodeAt(before.length - 1) === 13 && after.charCodeAt(0) === 10;
}
