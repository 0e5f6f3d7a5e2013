import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBenchInputs } from '#bench';
import { REPO_ROOT, RULES } from './cli-harness.js';
import { FileOutput } from './file-output.js';
import { fileOutputIo } from './file-output-io.js';
import { runCli } from './run-cli.js';

describe('corrections with standard output to a file', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'file-output-io-'));
    // 300 lines: about 1 MB of JSON, so a failed write is seen while the command still prints.
    const inputs = applyBenchInputs(300);
    await writeFile(join(folder, 'invoice.json'), inputs.invoice);
    await writeFile(join(folder, 'corrections.json'), inputs.corrections);
    await writeFile(join(folder, 'read-only.txt'), '');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const rules = () => resolve(REPO_ROOT, RULES);
  const commands = {
    // Small: the failure is seen only by the final flush.
    compile: () => ['compile', rules()],
    // Large: a write fails while the command runs, and the final flush fails again.
    apply: () => [
      'apply',
      '--rules',
      rules(),
      '--invoice',
      'invoice.json',
      '--corrections',
      'corrections.json',
      '--json',
    ],
  };

  it.each([
    { command: 'compile', lang: 'en', message: 'Could not write the output: EBADF\n' },
    { command: 'apply', lang: 'en', message: 'Could not write the output: EBADF\n' },
    { command: 'compile', lang: 'vi', message: 'Không ghi được kết quả đầu ra: EBADF\n' },
    { command: 'apply', lang: 'vi', message: 'Không ghi được kết quả đầu ra: EBADF\n' },
  ] as const)(
    '$command ($lang): a failed write is one translated line and a failure exit code',
    async ({ command, lang, message }) => {
      const fd = openSync(join(folder, 'read-only.txt'), 'r'); // writing to it fails (EBADF)
      let stderr = '';
      try {
        const code = await runCli([...commands[command](), '--lang', lang], {
          ...fileOutputIo(new FileOutput(fd), (text) => (stderr += text), false),
          cwd: folder,
          env: {},
        });
        expect(stderr).toBe(message);
        expect(code).toBe(1);
      } finally {
        closeSync(fd);
      }
    },
  );

  it('with standard error to the same file, its texts come after the output written before them', async () => {
    const path = join(folder, 'out.txt');
    const fd = openSync(path, 'w');
    const direct: string[] = [];
    const io = fileOutputIo(new FileOutput(fd), (text) => direct.push(text), true);
    const output = `${'─'.repeat(70_000)}\n`;
    io.stdout(output);
    io.stderr('a warning\n');
    io.stdout('the end\n');
    await io.finish();
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe(`${output}a warning\nthe end\n`);
    expect(direct).toEqual([]);
  });
});
