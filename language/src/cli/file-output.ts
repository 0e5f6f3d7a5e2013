/**
 * Standard output redirected to a file, for outputs of hundreds of megabytes (`apply` on 100,000 lines):
 * chunks are encoded here and written by libuv's thread pool while the next ones are laid out, so the
 * writing overlaps the work on a second core. One write at a time, so the bytes stay in order: it takes
 * every chunk encoded since the last one began (writev), because its end is only seen when this thread
 * next waits. At most QUEUED chunks wait for it; `drained` tells the writer to wait then
 * (CliIo.stdoutDrained).
 */
import { writev } from 'node:fs';
import { promisify } from 'node:util';

const writeBuffers = promisify(writev);
const QUEUED = 8;
const GATHER = 65_536;

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

  constructor(private readonly fd: number) {}

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
    while (this.writing) await this.writing;
    this.throwIfFailed();
  }

  private encode(): void {
    const text = this.text;
    this.text = '';
    if (text.length === 0) return;
    // UTF-8 takes at most 3 bytes for each UTF-16 unit.
    let buffer = this.free.pop();
    if (buffer === undefined || buffer.length < text.length * 3)
      buffer = Buffer.allocUnsafe(Math.max(1 << 18, text.length * 3));
    this.queued.push([buffer.subarray(0, buffer.write(text)), buffer]);
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
          left = rest(left, (await writeBuffers(this.fd, left)).bytesWritten);
        }
      } catch (error) {
        this.failure ??= error;
      }
      for (const [, buffer] of batch) if (this.free.length <= 2 * QUEUED) this.free.push(buffer);
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
