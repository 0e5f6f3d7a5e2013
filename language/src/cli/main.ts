#!/usr/bin/env node
/** `npm run corrections -- <command>`: the CLI on the real process streams. */
import { once } from 'node:events';
import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import { FileOutput } from './file-output.js';
import { runCli } from './run-cli.js';

// `corrections coverage … | head` closes the pipe early: stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** Standard output redirected to a file (or /dev/null), where Node would write synchronously. */
function stdoutIsFile(): boolean {
  try {
    const stat = fstatSync(1);
    return stat.isFile() || (stat.isCharacterDevice() && !isatty(1));
  } catch {
    return false;
  }
}

// Straight to the file, off this thread (file-output.ts): the stream would write synchronously, after
// copying each chunk into a new Buffer.
const file = stdoutIsFile() ? new FileOutput(1) : undefined;

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: file ? (text) => file.write(text) : (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutDrained: file
    ? () => file.drained()
    : () =>
        process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : undefined,
  cwd: process.cwd(),
  env: process.env,
});
try {
  await file?.flush();
} catch (error) {
  // The last chunks could not be written (a full disk): the output is incomplete.
  process.stderr.write(`corrections: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
