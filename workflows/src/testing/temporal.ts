/**
 * Real Temporal servers for tests: a dev server (`temporal server start-dev`, SQLite in memory or in a
 * temp file, the sync's search attributes registered, a namespace of its own) or the time-skipping test
 * server, both started from the binaries `.ci/run` installs. In CI a missing binary fails the suite;
 * elsewhere the suite is skipped with a loud line, never silently.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { findTemporalCli, findTestServer } from '../devserver/index.js';
import { SEARCH_ATTRIBUTES } from '../temporal-config.js';

const inCi = Boolean(process.env['CI']);

export const temporalCliPath = findTemporalCli();
export const testServerPath = findTestServer();

/** False only outside CI with no CLI installed: then the suite says so loudly and is skipped. */
export const devServerAvailable = temporalCliPath !== null || inCi;
export const timeSkippingAvailable = testServerPath !== null || inCi;

function warnNotRun(suite: string, what: string): void {
  console.warn(
    `\n*** ${suite} NOT RUN: no ${what} (run \`npm run temporal:install\`, or set TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH) ***\n`,
  );
}

export function requireDevServer(suite: string): boolean {
  if (!temporalCliPath && !inCi) warnNotRun(suite, 'Temporal CLI');
  return devServerAvailable;
}

export function requireTimeSkipping(suite: string): boolean {
  if (!testServerPath && !inCi) warnNotRun(suite, 'time-skipping test server');
  return timeSkippingAvailable;
}

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by another suite in this process.
  }
}

function missing(what: string): Error {
  return new Error(
    `${what} not found: .ci/run installs it into .tools/temporal-venv (npm run temporal:install)`,
  );
}

/** A dev server with the sync's search attributes, on a namespace of its own. */
export async function startDevServer(
  options: { dbFilename?: string; ui?: boolean; uiPort?: number; extraArgs?: string[] } = {},
): Promise<TestWorkflowEnvironment> {
  if (!temporalCliPath) throw missing('the Temporal CLI');
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath },
      namespace: `test-${randomUUID().slice(0, 8)}`,
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
      ...(options.ui ? { ui: true } : {}),
      ...(options.uiPort ? { uiPort: options.uiPort } : {}),
      ...(options.extraArgs ? { extraArgs: options.extraArgs } : {}),
    },
  });
}

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  if (!testServerPath) throw missing('the time-skipping test server');
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath } },
  });
}

/** Task queues no other test or user worker polls. */
export function uniqueTaskQueues(prefix: string): { sync: string; portal: string } {
  const id = randomUUID().slice(0, 8);
  return { sync: `${prefix}-sync-${id}`, portal: `${prefix}-portal-${id}` };
}

/**
 * A dev server for the suite around the call (started in `beforeAll`, torn down in `afterAll`); call it
 * inside `describe`. The returned function gives the environment to the tests.
 */
export function useDevServer(
  options: Parameters<typeof startDevServer>[0] = {},
): () => TestWorkflowEnvironment {
  return useServer(() => startDevServer(options));
}

/** The same with the time-skipping test server. */
export function useTimeSkippingServer(): () => TestWorkflowEnvironment {
  return useServer(startTimeSkippingServer);
}

function useServer(start: () => Promise<TestWorkflowEnvironment>): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    env = await start();
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });
  return () => {
    if (!env) throw new Error('the Temporal test server did not start (see beforeAll)');
    return env;
  };
}
