import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileOutput } from './file-output.js';

describe('FileOutput', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'file-output-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes every text in order, small ones gathered, and asks the writer to wait while its queue is full', async () => {
    const path = join(folder, 'out.txt');
    const fd = openSync(path, 'w');
    const output = new FileOutput(fd);
    const texts: string[] = [];
    for (let i = 0; i < 40; i++) {
      // Large chunks with box drawing and Vietnamese (several UTF-8 bytes each), and small lines between.
      texts.push(`│ dòng ${i} │ ${'─'.repeat(70_000 + i)}\n`, `line ${i}\n`);
    }
    let waits = 0;
    for (const text of texts) {
      output.write(text);
      const drained = output.drained();
      if (drained) {
        waits++;
        await drained;
      }
    }
    await output.flush();
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe(texts.join(''));
    // Writes finish on another thread, never before the next chunk is queued: the queue fills up.
    expect(waits).toBeGreaterThan(0);
  });

  it('writes a text longer than a buffer in pieces, never splitting a character made of two UTF-16 units', async () => {
    const path = join(folder, 'long.txt');
    const fd = openSync(path, 'w');
    const output = new FileOutput(fd);
    // A piece is 87,381 UTF-16 units (256 KB / 3 bytes): the first emoji (a surrogate pair) straddles its end.
    const text = `${'a'.repeat(87_380)}😀${'é'.repeat(100_000)}😀`;
    output.write(text);
    await output.flush();
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('reports a failed write at the next write and at the end, never silently', async () => {
    const path = join(folder, 'read-only.txt');
    await writeFile(path, '');
    const fd = openSync(path, 'r'); // writing to it fails (EBADF)
    const output = new FileOutput(fd);
    output.write('x'.repeat(70_000));
    output.write('gathered, not yet written');
    await expect(output.flush()).rejects.toThrow(/EBADF/);
    expect(() => output.write('more')).toThrow(/EBADF/);
    await expect(output.flush()).rejects.toThrow(/EBADF/);
    closeSync(fd);
  });

  it('goes on after a short write where it stopped, and fails on a write of no bytes instead of retrying forever', async () => {
    const written: string[] = [];
    let calls = 0;
    // The first write takes 10 bytes, the second all that is left, then nothing more fits.
    const output = new FileOutput(99, async (_fd, buffers) => {
      const bytes = Buffer.concat(buffers);
      const taken = ++calls === 1 ? 10 : calls === 2 ? bytes.length : 0;
      written.push(bytes.subarray(0, taken).toString());
      return { bytesWritten: taken };
    });
    const first = `${'é'.repeat(40_000)}\n`;
    output.write(first);
    await output.flush();
    expect(written.join('')).toBe(first);
    output.write('more\n');
    await expect(output.flush()).rejects.toThrow(/no bytes/);
    expect(calls).toBe(3);
    expect(output.failed).toBe(true);
  });
});
