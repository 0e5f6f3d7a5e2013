/** Runs the CLI in-process for tests: captured output, the repository as working folder. */
import { resolve } from 'node:path';
import { runCli } from './run-cli.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const FIXTURES = 'language/src/cli/fixtures';
export const RULES = 'rules/correction-actuals.crules';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  argv: string[],
  env: Record<string, string | undefined> = {},
  cwd: string = REPO_ROOT,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/** The JSON document a `--json` run printed. */
export function json<T = unknown>(run: CliRun): T {
  return JSON.parse(run.stdout) as T;
}
