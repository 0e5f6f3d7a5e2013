/**
 * The server's copy of an open document, kept as chunks (parsing/text-snapshot.ts) instead of one string:
 * an incremental `didChange` costs the size of the edit, not of the file. Positions, offsets and line
 * ranges behave as in vscode-languageserver-textdocument (the test compares both on random edits).
 */
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type {
  Position,
  Range,
  TextDocument,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-textdocument';
import { TextSnapshot } from '../parsing/text-snapshot.js';

const isLineBreak = (code: number) => code === 10 || code === 13;

export class ChunkedTextDocument implements TextDocument {
  private current: TextSnapshot;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private versionNumber: number,
    content: string,
  ) {
    this.current = TextSnapshot.of(content);
  }

  get version(): number {
    return this.versionNumber;
  }

  /** The text as of now; the re-parse asks it what changed since the text it parsed. */
  get snapshot(): TextSnapshot {
    return this.current;
  }

  get lineCount(): number {
    return this.current.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.current.text();
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    // A reversed range reads the same text, as the library's substring does.
    return this.current.slice(Math.min(start, end), Math.max(start, end));
  }

  /** Back over a line break the offset points into or after (vscode's ensureBeforeEOL). */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.current.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.current.length), 0);
    const line = this.current.lineOf(offset);
    const lineStart = this.current.lineStart(line);
    return { line, character: this.beforeLineBreak(offset, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const lines = this.current.lineCount;
    if (position.line >= lines) return this.current.length;
    if (position.line < 0) return 0;
    const lineStart = this.current.lineStart(position.line);
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < lines ? this.current.lineStart(position.line + 1) : this.current.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const lines = this.current.lineCount;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= lines) {
      const last = lines - 1;
      const start = this.current.lineStart(last);
      return {
        start: { line: last, character: 0 },
        end: { line: last, character: this.current.length - start },
      };
    }
    const start = this.current.lineStart(line);
    const next = line + 1 < lines ? this.current.lineStart(line + 1) : this.current.length;
    return {
      start: { line, character: 0 },
      end: { line, character: this.beforeLineBreak(next, start) - start },
    };
  }

  getEOLCharacters(line: number): string {
    const lines = this.current.lineCount;
    if (line < 0 || line >= lines) return '';
    const start = this.current.lineStart(line);
    const next = line + 1 < lines ? this.current.lineStart(line + 1) : this.current.length;
    return this.current.slice(this.beforeLineBreak(next, start), next);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        let { start, end } = change.range;
        if (start.line > end.line || (start.line === end.line && start.character > end.character))
          [start, end] = [end, start];
        const from = this.offsetAt(start);
        this.current = this.current.edit(from, this.offsetAt(end) - from, change.text);
      } else {
        this.current = TextSnapshot.of(change.text);
      }
    }
    this.versionNumber = version;
  }
}

/** For Langium's NormalizedTextDocuments: open documents are made and changed as chunked ones. */
export const chunkedTextDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => new ChunkedTextDocument(uri, languageId, version, content),
  update(document, changes, version) {
    if (!(document instanceof ChunkedTextDocument))
      throw new Error(`${document.uri} is not a chunked document`);
    document.update(changes, version);
    return document;
  },
};
