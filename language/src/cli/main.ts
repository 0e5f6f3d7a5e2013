#!/usr/bin/env node
/** `npm run corrections -- <command>`: the CLI on the real process streams. */
import { once } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { runCli } from './run-cli.js';

// `corrections coverage … | head` closes the pipe early: stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** Standard output redirected to a file (or /dev/null), where Node writes synchronously anyway. */
function stdoutIsFile(): boolean {
  try {
    const stat = fstatSync(1);
    return stat.isFile() || (stat.isCharacterDevice() && !isatty(1));
  } catch {
    return false;
  }
}

// One buffer, reused: each chunk is encoded into it and written from it (bytes, so a short write, as on a
// full disk, goes on exactly where it stopped).
let encoded = Buffer.allocUnsafe(1 << 20);

/** Straight to the file: the stream would copy each chunk into a new Buffer first (a third of the time). */
function writeToFile(text: string): void {
  // UTF-8 takes at most 3 bytes for each UTF-16 unit.
  if (text.length * 3 > encoded.length) encoded = Buffer.allocUnsafe(text.length * 3);
  const length = encoded.write(text);
  for (let offset = 0; offset < length;) offset += writeSync(1, encoded, offset, length - offset);
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: stdoutIsFile() ? writeToFile : (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutDrained: () =>
    process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : undefined,
  cwd: process.cwd(),
  env: process.env,
});
