/**
 * Standard output redirected to a file, for outputs of hundreds of megabytes (`apply` on 100,000 lines):
 * each chunk is encoded here and written by libuv's thread pool while the next one is laid out, so the
 * writing overlaps the work on a second core. One write at a time, so the bytes stay in order; at most
 * QUEUED chunks wait, and `drained` tells the writer to wait for them (CliIo.stdoutDrained).
 */
import { write } from 'node:fs';
import { promisify } from 'node:util';

const writeBytes = promisify(write);
// Enough chunks (of about 200 KB) to ride out a moment when the writing thread is not scheduled.
const QUEUED = 8;
const GATHER = 65_536;

export class FileOutput {
  private last: Promise<void> = Promise.resolve();
  private queued = 0;
  private failure: unknown;
  private readonly waiting: Array<() => void> = [];
  // Buffers are reused: a new one per chunk costs more in garbage collection than the write saves.
  private readonly free: Buffer[] = [];

  constructor(private readonly fd: number) {}

  // Small texts (a title, a line per milestone) are gathered into one write.
  private pending = '';

  /** Queues `text`; a write that failed before (a full disk) is thrown here. */
  write(text: string): void {
    this.throwIfFailed();
    this.pending += text;
    if (this.pending.length >= GATHER) this.queue();
  }

  private queue(): void {
    const text = this.pending;
    this.pending = '';
    if (text.length === 0) return;
    // UTF-8 takes at most 3 bytes for each UTF-16 unit.
    let buffer = this.free.pop();
    if (buffer === undefined || buffer.length < text.length * 3)
      buffer = Buffer.allocUnsafe(Math.max(1 << 18, text.length * 3));
    const bytes = buffer.subarray(0, buffer.write(text));
    const reuse = buffer;
    this.queued++;
    this.last = this.last.then(async () => {
      try {
        // A short write (a full disk) goes on exactly where it stopped, until an error says why.
        for (let offset = 0; offset < bytes.length && this.failure === undefined;) {
          offset += (await writeBytes(this.fd, bytes, offset, bytes.length - offset)).bytesWritten;
        }
      } catch (error) {
        this.failure ??= error;
      } finally {
        this.queued--;
        if (this.free.length <= QUEUED) this.free.push(reuse);
        for (const resume of this.waiting.splice(0)) resume();
      }
    });
  }

  /** A promise while QUEUED chunks wait to be written; undefined when another may be queued now. */
  drained(): Promise<void> | undefined {
    if (this.queued < QUEUED || this.failure !== undefined) return undefined;
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Resolves when everything queued is written; rejects with the first write's error. */
  async flush(): Promise<void> {
    this.queue();
    await this.last;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
