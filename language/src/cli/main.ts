#!/usr/bin/env node
/** `npm run corrections -- <command>`: the CLI on the real process streams. */
import { once } from 'node:events';
import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import { FileOutput } from './file-output.js';
import { fileOutputIo } from './file-output-io.js';
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

/** Standard error is the file standard output is (`> out 2>&1`). */
function stderrIsStdout(): boolean {
  try {
    const [out, err] = [fstatSync(1), fstatSync(2)];
    return out.dev === err.dev && out.ino === err.ino;
  } catch {
    return false;
  }
}

// Straight to the file, off this thread (file-output.ts): the stream would write synchronously, after
// copying each chunk into a new Buffer.
const stderr = (text: string) => void process.stderr.write(text);
const output = stdoutIsFile()
  ? fileOutputIo(new FileOutput(1), stderr, stderrIsStdout())
  : {
      stdout: (text: string) => void process.stdout.write(text),
      stderr,
      stdoutDrained: () =>
        process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : undefined,
    };

// runCli writes what the file output still holds (CliIo.finish) and reports a failure, translated.
process.exitCode = await runCli(process.argv.slice(2), { ...output, cwd: process.cwd(), env: process.env });
