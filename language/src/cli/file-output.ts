/**
 * Standard output redirected to a file, for outputs of hundreds of megabytes (`apply` on 100,000 lines):
 * chunks are encoded here and written by libuv's thread pool while the next ones are laid out, so the
 * writing overlaps the work on a second core. One write at a time, so the bytes stay in order: it takes
 * every chunk encoded since the last one began (writev), because its end is only seen when this thread
 * next waits. Chunks are pooled buffers of 256 KB (a longer text takes several); at most QUEUED wait
 * for it, and `drained` tells the writer to wait then (CliIo.stdoutDrained).
 */
import { writev } from 'node:fs';
import { promisify } from 'node:util';

/** How buffers reach a file: fs.writev (tests replace it to reproduce what a disk rarely does). */
export type WriteBuffers = (fd: number, buffers: Buffer[]) => Promise<{ bytesWritten: number }>;

const writeBuffers: WriteBuffers = promisify(writev);
const QUEUED = 8;
const GATHER = 65_536;
/** The size of the buffers, all pooled: a longer text is encoded into several. */
const POOLED = 1 << 18;
/** UTF-8 takes at most 3 bytes for each UTF-16 unit. */
const PIECE = Math.floor(POOLED / 3);

/** `buffers` without their first `written` bytes. */
function rest(buffers: Buffer[], written: number): Buffer[] {
  const left: Buffer[] = [];
  for (const buffer of buffers) {
    if (written >= buffer.length) written -= buffer.length;
    else {
      left.push(written > 0 ? buffer.subarray(written) : buffer);
      written = 0;
    }
  }
  return left;
}

export class FileOutput {
  // Small texts (a title, a line per milestone) are gathered into one chunk.
  private text = '';
  /** Encoded chunks the current write did not take: [bytes, the pooled buffer they are in]. */
  private queued: Array<[Buffer, Buffer]> = [];
  private writing: Promise<void> | undefined;
  private failure: unknown;
  private readonly waiting: Array<() => void> = [];
  // Buffers are reused: a new one per chunk costs more in garbage collection than the write saves.
  private readonly free: Buffer[] = [];

  constructor(
    private readonly fd: number,
    private readonly writeTo: WriteBuffers = writeBuffers,
  ) {}

  /** Whether a write failed (a full disk): what is queued after it is never written. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Queues `text`; a write that failed before (a full disk) is thrown here. */
  write(text: string): void {
    this.throwIfFailed();
    this.text += text;
    if (this.text.length >= GATHER) this.encode();
  }

  /** A promise while QUEUED chunks wait to be written; undefined when another may be queued now. */
  drained(): Promise<void> | undefined {
    if (this.queued.length < QUEUED || this.failure !== undefined) return undefined;
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Resolves when everything queued is written; rejects with the first write's error. */
  async flush(): Promise<void> {
    this.encode();
    this.startWriting();
    while (this.writing) await this.writing;
    this.throwIfFailed();
  }

  private encode(): void {
    const text = this.text;
    this.text = '';
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + PIECE);
      // Never between the halves of a surrogate pair: each alone would be encoded as U+FFFD.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      const buffer = this.free.pop() ?? Buffer.allocUnsafe(POOLED);
      const piece = start === 0 && end === text.length ? text : text.slice(start, end);
      this.queued.push([buffer.subarray(0, buffer.write(piece)), buffer]);
      start = end;
    }
    this.startWriting();
  }

  /** Starts writing what is queued unless a write runs (it takes what is queued meanwhile). */
  private startWriting(): void {
    if (this.queued.length === 0 || this.failure !== undefined) return;
    // Cleared in `finally`, always after this assignment, even when nothing is left to write.
    this.writing ??= this.writeQueued().finally(() => {
      this.writing = undefined;
      for (const resume of this.waiting.splice(0)) resume();
    });
  }

  /** Writes what is queued, and what is queued meanwhile, until nothing is left. */
  private async writeQueued(): Promise<void> {
    while (this.queued.length > 0 && this.failure === undefined) {
      const batch = this.queued;
      this.queued = [];
      for (const resume of this.waiting.splice(0)) resume();
      try {
        // A short write (a full disk) goes on exactly where it stopped, until an error says why.
        for (let left = batch.map(([bytes]) => bytes); left.length > 0;) {
          const { bytesWritten } = await this.writeTo(this.fd, left);
          // No error but no progress either: retrying would loop forever.
          if (bytesWritten === 0) throw new Error('no bytes could be written');
          left = rest(left, bytesWritten);
        }
      } catch (error) {
        this.failure ??= error;
      }
      for (const [, buffer] of batch) if (this.free.length < 2 * QUEUED) this.free.push(buffer);
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
