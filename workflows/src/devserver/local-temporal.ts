/**
 * A local Temporal dev server for `npm start` when TEMPORAL_ADDRESS is unset:
 *
 * 1. reuse the one this project started earlier (`<dataDir>/temporal/server.json`: its pid is alive, is
 *    still that server, and the address answers), registering any search attribute it lacks;
 * 2. else start `temporal server start-dev` DETACHED (it outlives this process, so the workflows can be
 *    looked at in the Web UI afterwards) on a persistent SQLite file, 7233/8233 when free, else free ports;
 * 3. else (no CLI) the SDK's own download of the dev server, with a timeout; on these machines that fails
 *    and the caller gets `{ ok: false, reason }`.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { msToTs } from '@temporalio/common/lib/time.js';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Language } from '#engine/i18n';
import { SEARCH_ATTRIBUTES } from '../temporal-config.js';
import { findTemporalCli } from './find-cli.js';
import { devServerTranslator } from './messages.js';

export const DEFAULT_PORTS = { frontend: 7233, ui: 8233 } as const;
const HOST = '127.0.0.1';

export interface EnsureLocalTemporalOptions {
  /** The project's data folder; the server keeps its state in `<dataDir>/temporal/`. */
  dataDir: string;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  signal?: AbortSignal;
  language?: Language;
  /** The Web UI's remote codec endpoint (`--ui-codec-endpoint`), e.g. `http://127.0.0.1:8234`. */
  codecEndpoint?: string;
  /** Ports to use instead of 7233/8233-when-free (tests never use the user's). */
  ports?: { frontend: number; ui: number };
  /** How long a started server gets to answer (default 30 s). */
  startTimeoutMs?: number;
  /** How long the SDK's download may take (default 120 s). */
  downloadTimeoutMs?: number;
}

export interface LocalTemporal {
  ok: true;
  address: string;
  namespace: string;
  uiUrl: string | null;
  source: 'cli' | 'download' | 'running';
  /** The server's process id (null for the SDK's download, whose process the SDK owns). */
  pid: number | null;
  /** The UI's codec endpoint the server was started with (a reused one keeps its own). */
  codecEndpoint: string | null;
  /** Stops the server and removes the state file. */
  stop(): Promise<void>;
}

export type EnsureLocalTemporalResult = LocalTemporal | { ok: false; reason: string };

/** What `<dataDir>/temporal/server.json` holds. */
export interface DevServerState {
  pid: number;
  address: string;
  namespace: string;
  uiUrl: string | null;
  codecEndpoint: string | null;
  dbFilename: string;
  logFile: string;
  cli: string;
  startedAt: string;
}

export function devServerPaths(dataDir: string): {
  dir: string;
  stateFile: string;
  dbFilename: string;
  logFile: string;
} {
  const dir = resolve(dataDir, 'temporal');
  return {
    dir,
    stateFile: join(dir, 'server.json'),
    dbFilename: join(dir, 'dev.sqlite'),
    logFile: join(dir, 'server.log'),
  };
}

/** `<ui>/namespaces/<ns>/workflows/<id>[/<runId>]`, every part URL-encoded. */
export function temporalUiRunUrl(
  uiUrl: string,
  namespace: string,
  workflowId: string,
  runId?: string,
): string {
  const base = uiUrl.replace(/\/+$/, '');
  const run = runId ? `/${encodeURIComponent(runId)}` : '';
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}${run}`;
}

/** `Keyword`, `Int`, ... as the CLI's `--search-attribute NAME=TYPE` wants them. */
export function cliSearchAttributeType(type: SearchAttributeType): string {
  return type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

export function searchAttributeArgs(): string[] {
  return Object.values(SEARCH_ATTRIBUTES).flatMap((key) => [
    '--search-attribute',
    `${key.name}=${cliSearchAttributeType(key.type)}`,
  ]);
}

// ---------------------------------------------------------------------------------------------- ports

/** True when nothing listens on 127.0.0.1:port (a listener there binds or it does not). */
export function portIsFree(port: number, host = HOST): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.unref();
    server.once('error', () => done(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => done(true)));
  });
}

/** A port the system has just handed out as free. */
export function freePort(host = HOST): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', fail);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

async function pickPorts(
  options: EnsureLocalTemporalOptions,
  t: ReturnType<typeof devServerTranslator>,
): Promise<{ frontend: number; ui: number }> {
  if (options.ports) return options.ports;
  const busy = !(await portIsFree(DEFAULT_PORTS.frontend))
    ? DEFAULT_PORTS.frontend
    : !(await portIsFree(DEFAULT_PORTS.ui))
      ? DEFAULT_PORTS.ui
      : null;
  if (busy === null) return { ...DEFAULT_PORTS };
  const frontend = await freePort();
  let ui = await freePort();
  while (ui === frontend) ui = await freePort();
  options.log(t('portsBusy', { port: busy, frontend, ui }));
  return { frontend, ui };
}

// ------------------------------------------------------------------------------------------ processes

/** Alive and not a zombie (a zombie still answers `kill -0`). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill -0 is all there is
  }
}

/** Whether the pid is still the dev server of this data folder (false if its pid was reused). */
function isOurServer(pid: number, state: DevServerState): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return commandLine.includes(state.dbFilename);
  } catch {
    return true; // no /proc: cannot tell, trust the pid and the address
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 50));
  }
  return true;
}

async function killAndWait(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitFor(() => !processAlive(pid), 10_000)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitFor(() => !processAlive(pid), 5_000);
}

// -------------------------------------------------------------------------------------------- probing

/** Whether a Temporal frontend answers at `address` (a `getSystemInfo` within `timeoutMs`). */
export async function temporalAnswers(address: string, timeoutMs = 2_000): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

async function uiAnswers(uiUrl: string): Promise<boolean> {
  try {
    const response = await fetch(uiUrl, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function lastLine(file: string, fallback: string): string {
  try {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    return lines.at(-1)?.slice(0, 500) ?? fallback;
  } catch {
    return fallback;
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim()) ?? text).trim().slice(0, 500);
}

/** Registers the sync's search attributes the namespace lacks; returns the names added. */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    // A namespace registered a moment ago reaches every service of the server a few seconds later.
    const deadline = Date.now() + 30_000;
    let existing: Awaited<ReturnType<typeof connection.operatorService.listSearchAttributes>>;
    for (;;) {
      try {
        existing = await connection.operatorService.listSearchAttributes({ namespace });
        break;
      } catch (error) {
        if (!/NOT_FOUND/.test(oneLine(error)) || Date.now() > deadline) throw error;
        await new Promise((done) => setTimeout(done, 250));
      }
    }
    const known = new Set([
      ...Object.keys(existing.customAttributes ?? {}),
      ...Object.keys(existing.systemAttributes ?? {}),
    ]);
    const missing = Object.values(SEARCH_ATTRIBUTES).filter((key) => !known.has(key.name));
    if (missing.length === 0) return [];
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
        ),
      });
    } catch (error) {
      // Another process registered them in between.
      if (!/already exists/i.test(oneLine(error))) throw error;
    }
    return missing.map((key) => key.name);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Creates the namespace when the server lacks it (a reused server started for another one). */
async function ensureNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs('7 days'),
      });
    } catch (error) {
      if (!/already/i.test(oneLine(error))) throw error;
    }
    // A new namespace takes a moment to be usable.
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await connection.workflowService.describeNamespace({ namespace });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((done) => setTimeout(done, 200));
      }
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
}

// -------------------------------------------------------------------------------------------- state

export function readDevServerState(dataDir: string): DevServerState | null {
  const { stateFile } = devServerPaths(dataDir);
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as Partial<DevServerState>;
    if (typeof state.pid !== 'number' || typeof state.address !== 'string') return null;
    return {
      pid: state.pid,
      address: state.address,
      namespace: state.namespace ?? 'default',
      uiUrl: state.uiUrl ?? null,
      codecEndpoint: state.codecEndpoint ?? null,
      dbFilename: state.dbFilename ?? devServerPaths(dataDir).dbFilename,
      logFile: state.logFile ?? devServerPaths(dataDir).logFile,
      cli: state.cli ?? 'temporal',
      startedAt: state.startedAt ?? '',
    };
  } catch {
    return null;
  }
}

function removeState(dataDir: string, pid: number): void {
  // Only the state of this server: a newer one may have replaced it meanwhile.
  if (readDevServerState(dataDir)?.pid === pid) rmSync(devServerPaths(dataDir).stateFile, { force: true });
}

/** Stops the dev server recorded in `<dataDir>/temporal/server.json` (`devserver stop`). */
export async function devServerStop(
  dataDir: string,
  options: { log?: (line: string) => void; language?: Language } = {},
): Promise<{ stopped: boolean; pid: number | null }> {
  const t = devServerTranslator(options.language ?? 'en');
  const { stateFile } = devServerPaths(dataDir);
  const state = readDevServerState(dataDir);
  if (!state || !processAlive(state.pid) || !isOurServer(state.pid, state)) {
    rmSync(stateFile, { force: true });
    options.log?.(t('notRunning', { file: stateFile }));
    return { stopped: false, pid: state?.pid ?? null };
  }
  await killAndWait(state.pid);
  removeState(dataDir, state.pid);
  options.log?.(t('stopped', { pid: state.pid }));
  return { stopped: true, pid: state.pid };
}

// --------------------------------------------------------------------------------------------- main

function runningResult(state: DevServerState, namespace: string, dataDir: string): LocalTemporal {
  return {
    ok: true,
    address: state.address,
    namespace,
    uiUrl: state.uiUrl,
    source: 'running',
    pid: state.pid,
    codecEndpoint: state.codecEndpoint,
    stop: async () => {
      if (processAlive(state.pid) && isOurServer(state.pid, state)) await killAndWait(state.pid);
      removeState(dataDir, state.pid);
    },
  };
}

/** The dev server this project started earlier, if it is still there (else its state is cleared). */
async function reuse(
  options: EnsureLocalTemporalOptions,
  namespace: string,
  t: ReturnType<typeof devServerTranslator>,
): Promise<LocalTemporal | null> {
  const { stateFile } = devServerPaths(options.dataDir);
  if (!existsSync(stateFile)) return null;
  const state = readDevServerState(options.dataDir);
  if (!state) {
    rmSync(stateFile, { force: true });
    return null;
  }
  if (!processAlive(state.pid) || !isOurServer(state.pid, state)) {
    options.log(t('stalePid', { file: stateFile, pid: state.pid }));
    removeState(options.dataDir, state.pid);
    return null;
  }
  if (!(await temporalAnswers(state.address, 3_000))) {
    options.log(t('notAnswering', { file: stateFile, pid: state.pid, address: state.address }));
    // It holds our SQLite file: a second server on the same file must not start beside it.
    await killAndWait(state.pid);
    removeState(options.dataDir, state.pid);
    return null;
  }
  options.log(t('reusing', { pid: state.pid, address: state.address }));
  if ((options.codecEndpoint ?? null) !== state.codecEndpoint) {
    options.log(
      t('codecDiffers', {
        theirs: state.codecEndpoint ?? t('none'),
        ours: options.codecEndpoint ?? t('none'),
        command: 'npm run sync -- devserver stop',
      }),
    );
  }
  await ensureNamespace(state.address, namespace);
  const added = await ensureSearchAttributes(state.address, namespace);
  if (added.length > 0) options.log(t('searchAttributesAdded', { names: added.join(', '), namespace }));
  if (state.uiUrl) options.log(t('uiAt', { url: state.uiUrl }));
  return runningResult(state, namespace, options.dataDir);
}

async function startWithCli(
  cli: string,
  options: EnsureLocalTemporalOptions,
  namespace: string,
  t: ReturnType<typeof devServerTranslator>,
): Promise<EnsureLocalTemporalResult> {
  const paths = devServerPaths(options.dataDir);
  mkdirSync(paths.dir, { recursive: true });
  const ports = await pickPorts(options, t);
  const address = `${HOST}:${ports.frontend}`;
  const uiUrl = `http://${HOST}:${ports.ui}`;
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    paths.dbFilename,
    '--ip',
    HOST,
    '--port',
    String(ports.frontend),
    '--ui-port',
    String(ports.ui),
    // No internet here, and nothing of the user's should call out: no news feed in the UI.
    '--ui-disable-news-fetch',
    ...(namespace !== 'default' ? ['--namespace', namespace] : []),
    ...searchAttributeArgs(),
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
  ];
  options.log(t('starting', { cli, address, db: paths.dbFilename }));
  const logFd = openSync(paths.logFile, 'a');
  const exited: { code: string | null } = { code: null };
  let pid: number;
  try {
    const child = spawn(cli, args, {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, ...options.env },
    });
    const spawned = await new Promise<Error | null>((done) => {
      child.once('spawn', () => done(null));
      child.once('error', done);
    });
    if (spawned || child.pid === undefined) {
      return { ok: false, reason: t('spawnFailed', { cli, reason: oneLine(spawned ?? 'no pid') }) };
    }
    pid = child.pid;
    child.once('exit', (code, signal) => {
      exited.code = signal ?? String(code);
    });
    child.unref();
  } finally {
    closeSync(logFd);
  }

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let frontendUp = false;
  for (;;) {
    if (options.signal?.aborted) {
      await killAndWait(pid);
      return { ok: false, reason: t('aborted') };
    }
    if (exited.code !== null) {
      return {
        ok: false,
        reason: t('exitedEarly', {
          code: exited.code,
          line: lastLine(paths.logFile, t('noLog')),
          log: paths.logFile,
        }),
      };
    }
    frontendUp ||= await temporalAnswers(address, 1_000);
    if (frontendUp && (await uiAnswers(uiUrl))) break;
    if (Date.now() > deadline) {
      await killAndWait(pid);
      return {
        ok: false,
        reason: t('startTimeout', {
          address,
          seconds: Math.round(timeoutMs / 1000),
          line: lastLine(paths.logFile, t('noLog')),
          log: paths.logFile,
        }),
      };
    }
    await new Promise((done) => setTimeout(done, 200));
  }

  // `--search-attribute` covers the namespaces created at launch; this makes sure of it (one list call).
  const added = await ensureSearchAttributes(address, namespace);
  if (added.length > 0) options.log(t('searchAttributesAdded', { names: added.join(', '), namespace }));

  const state: DevServerState = {
    pid,
    address,
    namespace,
    uiUrl,
    codecEndpoint: options.codecEndpoint ?? null,
    dbFilename: paths.dbFilename,
    logFile: paths.logFile,
    cli,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  options.log(t('started', { address, pid }));
  options.log(t('uiAt', { url: uiUrl }));
  return { ...runningResult(state, namespace, options.dataDir), source: 'cli' };
}

async function startWithDownload(
  options: EnsureLocalTemporalOptions,
  namespace: string,
  t: ReturnType<typeof devServerTranslator>,
): Promise<EnsureLocalTemporalResult> {
  const ports = await pickPorts(options, t);
  const timeoutMs = options.downloadTimeoutMs ?? 120_000;
  options.log(t('downloading'));
  const starting = TestWorkflowEnvironment.createLocal({
    server: {
      ip: HOST,
      port: ports.frontend,
      ui: true,
      uiPort: ports.ui,
      namespace,
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      dbFilename: devServerPaths(options.dataDir).dbFilename,
      extraArgs: options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : [],
    },
  });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const outcome = await Promise.race([
    starting.then(
      (env) => ({ env }),
      (error: unknown) => ({ failed: oneLine(error) }),
    ),
    new Promise<{ failed: string }>((done) => {
      timer = setTimeout(
        () => done({ failed: t('downloadTimeout', { seconds: Math.round(timeoutMs / 1000) }) }),
        timeoutMs,
      );
      timer.unref();
    }),
    new Promise<{ aborted: true }>((done) => {
      if (!options.signal) return;
      onAbort = () => done({ aborted: true });
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }),
  ]);
  clearTimeout(timer);
  if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  if (!('env' in outcome)) {
    // If it does come up after all, it is nobody's: tear it down.
    starting.then((env) => env.teardown()).catch(() => undefined);
    if ('aborted' in outcome) return { ok: false, reason: t('aborted') };
    return { ok: false, reason: t('downloadFailed', { reason: outcome.failed }) };
  }
  const { env } = outcome;
  const address = `${HOST}:${ports.frontend}`;
  const uiUrl = `http://${HOST}:${ports.ui}`;
  options.log(t('downloaded', { address }));
  options.log(t('uiAt', { url: uiUrl }));
  return {
    ok: true,
    address,
    namespace,
    uiUrl,
    source: 'download',
    pid: null,
    codecEndpoint: options.codecEndpoint ?? null,
    stop: () => env.teardown(),
  };
}

/** A local dev server: the one started earlier, a new one from the CLI, or the SDK's download. */
export async function ensureLocalTemporal(
  options: EnsureLocalTemporalOptions,
): Promise<EnsureLocalTemporalResult> {
  const t = devServerTranslator(options.language ?? 'en');
  const namespace = options.env['TEMPORAL_NAMESPACE']?.trim() || 'default';
  try {
    const running = await reuse(options, namespace, t);
    if (running) return running;
    if (options.signal?.aborted) return { ok: false, reason: t('aborted') };
    const cli = findTemporalCli(options.env);
    return cli
      ? await startWithCli(cli, options, namespace, t)
      : await startWithDownload(options, namespace, t);
  } catch (error) {
    return { ok: false, reason: oneLine(error) };
  }
}
