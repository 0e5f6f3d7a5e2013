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

/**
 * Straight to the file: the stream would first copy each chunk into a Buffer (a third of the time of a
 * 300 MB `apply --json`); the string write encodes it once. A short write (a full disk) goes on from there.
 */
function writeToFile(text: string): void {
  const written = writeSync(1, text);
  if (written < Buffer.byteLength(text)) {
    const bytes = Buffer.from(text);
    for (let offset = written; offset < bytes.length;) offset += writeSync(1, bytes, offset);
  }
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: stdoutIsFile() ? writeToFile : (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutDrained: () =>
    process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : undefined,
  cwd: process.cwd(),
  env: process.env,
});
