/**
 * The `invoice-sync` CLI as a user runs it: a real `node main.ts` process (no terminal, as under cron),
 * and `status` watching a sync another process runs on the default embedded (PGlite) store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/server.js';
import { openStore } from '../store/open-store.js';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const PERIOD = '2026-04';
const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

/** The environment of a user's shell, without the settings of the machine running the tests. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(DATABASE_URL|PORTAL_|TEMPORAL_|SYNC_|LOG_LEVEL|CI$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when a stdout line matches. */
  line(pattern: RegExp): Promise<string>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** `node main.ts <args>` with stdin from /dev/null (no terminal, as cron runs it). */
function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: userEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const wait of waiting.splice(0)) {
      const found = out.split('\n').find((line) => wait.pattern.test(line));
      if (found !== undefined) wait.resolve(found);
      else waiting.push(wait);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout: out, stderr: err })),
  );
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const found = out.split('\n').find((line) => pattern.test(line));
        if (found !== undefined) return resolve(found);
        waiting.push({ pattern, resolve });
        void exit.then(({ code }) =>
          reject(new Error(`exited ${code} before printing ${pattern}:\n${out}\n${err}`)),
        );
      }),
  };
}

async function simulator(invoiceCount: number): Promise<Simulator> {
  const sim = await startSimulator({ seed: 'cli-process', invoiceCount, period: PERIOD });
  cleanup.push(() => sim.close());
  return sim;
}

function portalEnv(url: string, sim: Simulator): Record<string, string> {
  return {
    PORTAL_URL: `${url}/api`,
    PORTAL_USERNAME: sim.credentials.username,
    PORTAL_PASSWORD: sim.credentials.password,
  };
}

describe('the captcha prompt with no terminal (cron)', () => {
  it('ends at once with one line naming PORTAL_CAPTCHA and --captcha file:, exit 2 (en and vi)', async () => {
    const sim = await simulator(2);
    // The prompt is the default without PORTAL_CAPTCHA, and what `--captcha prompt` asks for.
    for (const [lang, extra, expected] of [
      ['en', [], /no terminal to type the captcha.*PORTAL_CAPTCHA.*--captcha file:/i],
      ['vi', ['--captcha', 'prompt'], /không có terminal để nhập captcha.*PORTAL_CAPTCHA.*--captcha file:/i],
    ] as const) {
      const run = spawnCli(
        ['--lang', lang, '--data-dir', 'memory://', ...extra, 'sync', '--period', PERIOD],
        portalEnv(sim.url, sim),
      );
      const { code, stderr } = await run.exit;
      expect(stderr).not.toContain('unsettled top-level await');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(expected);
      expect(code).toBe(2);
    }
    // It stops before logging in: the portal never showed a captcha.
    expect(sim.stats().byEndpoint['captcha'] ?? 0).toBe(0);
  }, 90_000);
});

/**
 * A loopback proxy in front of the simulator that holds every detail request until `release()`: the
 * sync stays running, deterministically, while the test looks at it.
 */
async function gatedPortal(sim: Simulator) {
  let release!: () => void;
  const open = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const firstHeld = new Promise<void>((resolve) => (held = resolve));
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const payload = await body(req);
      if (req.url?.includes('/invoices/detail')) {
        held();
        await open;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !['host', 'connection'].includes(name)),
      ) as Record<string, string>;
      const answer = await fetch(`${sim.url}${req.url}`, {
        method: req.method ?? 'GET',
        headers,
        ...(payload.length > 0 ? { body: payload } : {}),
      });
      const out = Buffer.from(await answer.arrayBuffer());
      const forwarded: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) {
          forwarded[name] = value;
        }
      });
      res.writeHead(answer.status, forwarded).end(out);
    })().catch((error: unknown) => res.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  cleanup.push(() => {
    release();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${port}`, release, firstHeld };
}

function capture(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: {},
    isTTY: false,
    ...extra,
  };
  return { io, out, err };
}

describe('status beside a sync on the default embedded store', () => {
  it('status and status --watch show the run another process is syncing into the locked PGlite folder', async () => {
    const sim = await simulator(12);
    const gate = await gatedPortal(sim);
    const dataDir = mkdtempSync(join(tmpdir(), 'cli-status-watch-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));

    const sync = spawnCli(
      ['--lang', 'en', '--data-dir', dataDir, '--rate', '500', 'sync', '--period', PERIOD],
      { ...portalEnv(gate.url, sim), PORTAL_CAPTCHA_SOLVER: 'simulator' },
    );
    // The sync holds the folder (it printed where it syncs to) and is waiting on its detail requests.
    await sync.line(/^Syncing 2026-04/);
    await gate.firstHeld;

    // The watch redraws from the snapshots the sync process publishes until the run shows as running.
    const stop = new AbortController();
    const draws: string[] = [];
    let current: string[] = [];
    let sawRunning!: () => void;
    const running = new Promise<void>((resolve) => (sawRunning = resolve));
    let sawFinished!: () => void;
    const finished = new Promise<void>((resolve) => (sawFinished = resolve));
    const watchIo = capture({
      signal: stop.signal,
      out: (text) => {
        if (text.startsWith('Updated ')) {
          if (current.length > 0) draws.push(current.join('\n'));
          current = [];
        }
        current.push(text);
        const block = current.join('\n');
        if (/│ running\s+│/.test(block) && /live from process \d+/.test(block)) sawRunning();
        if (/│ (succeeded|incomplete)\s+│/.test(block) && !/live from process/.test(block)) sawFinished();
      },
    });
    const watching = runCli(['--data-dir', dataDir, 'status', '--watch', '--interval', '0.1'], watchIo.io);
    await running;

    const once = capture();
    expect(await runCli(['--data-dir', dataDir, 'status', '--json'], once.io)).toBe(0);
    const runs = JSON.parse(once.out.join('\n')) as { kind: string; status: string }[];
    expect(runs[0]).toMatchObject({ kind: 'sync', status: 'running' });
    expect(once.err).toEqual([]);

    const table = capture();
    expect(await runCli(['--lang', 'vi', '--data-dir', dataDir, 'status'], table.io)).toBe(0);
    expect(table.out.join('\n')).toMatch(/trực tiếp từ tiến trình \d+/);
    expect(table.out.join('\n')).toContain('đang chạy');

    // Commands that need the store itself still say who holds it, and point at `status`.
    const list = capture();
    expect(await runCli(['--data-dir', dataDir, 'invoices', 'list'], list.io)).toBe(2);
    expect(list.err.join('\n')).toMatch(/in use by process \d+/);
    expect(list.err.join('\n')).toContain('npm run sync -- status');

    gate.release();
    const ended = await sync.exit;
    expect([0, 1]).toContain(ended.code);
    // Once the sync has ended, the watch reads the store itself and shows the run finished.
    await finished;
    stop.abort();
    expect(await watching).toBe(0);
    expect(watchIo.err).toEqual([]);
  }, 120_000);
});

describe('a sync started while status reads the embedded store', () => {
  it('waits for the brief reader instead of being refused as "in use"', async () => {
    const sim = await simulator(4);
    const dataDir = mkdtempSync(join(tmpdir(), 'cli-brief-reader-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // This process holds the folder the way `status` does, for a moment.
    const reader = await openStore({ databaseUrl: '', dataDir, brief: true });
    const sync = spawnCli(
      ['--lang', 'en', '--data-dir', dataDir, '--rate', '500', 'sync', '--period', PERIOD],
      { ...portalEnv(sim.url, sim), PORTAL_CAPTCHA_SOLVER: 'simulator' },
    );
    const waiting = new Promise<void>((resolve) => {
      const check = () =>
        /being read by process \d+ \(status\): waiting/.test(sync.stderr()) ? resolve() : null;
      sync.child.stderr!.on('data', check);
      check();
    });
    await Promise.race([
      waiting,
      sync.exit.then(({ code, stderr }) => {
        throw new Error(`the sync ended (${code}) instead of waiting: ${stderr}`);
      }),
    ]);
    await reader.close();
    const { code, stdout, stderr } = await sync.exit;
    expect(stderr).not.toContain('in use by process');
    expect(stdout).toContain(`Listed ${sim.invoices.length} invoice headers`);
    expect([0, 1]).toContain(code);
  }, 90_000);
});
