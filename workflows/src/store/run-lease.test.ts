/**
 * Liveness leases of sync runs: a run whose process stops heartbeating is `interrupted`, on PGlite,
 * PostgreSQL and the memory store; on PostgreSQL also with a real process killed with SIGKILL.
 */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../sync/testing/memory-store.js';
import { openStore } from './open-store.js';
import { RUN_STALE_AFTER_MS, type InvoiceStore } from './types.js';

const databaseUrl = process.env['DATABASE_URL'] ?? '';
const schema = `lease_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const INTERRUPTED = 'interrupted: the process ended before the run finished';

async function dropSchema(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await client.end();
}

const backends: { name: string; open: () => Promise<InvoiceStore>; cleanup: () => Promise<void> }[] = [
  {
    name: 'PGlite',
    open: () => openStore({ databaseUrl: '', dataDir: 'memory://' }),
    cleanup: async () => {},
  },
  { name: 'the memory store', open: async () => createMemoryStore(), cleanup: async () => {} },
];
if (databaseUrl !== '') {
  backends.push({
    name: 'PostgreSQL',
    open: () => openStore({ databaseUrl, schema }),
    cleanup: () => dropSchema(schema),
  });
}

const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe.each(backends)('run leases on $name', (backend) => {
  let store: InvoiceStore;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('a running run silent for longer than the threshold is listed as interrupted; a heartbeat revives it', async () => {
    const run = await store.startRun('lease-a', { period: '2026-04' });
    expect(run.status).toBe('running');
    expect(run.owner).toMatch(/:\d+$/);
    expect(run.heartbeatAt).toBeInstanceOf(Date);
    const beat = run.heartbeatAt!;

    const fresh = await store.listRuns({ kind: 'lease-a', now: later(beat, RUN_STALE_AFTER_MS - 1_000) });
    expect(fresh[0]).toMatchObject({ id: run.id, status: 'running', error: null, finishedAt: null });

    const stale = await store.listRuns({ kind: 'lease-a', now: later(beat, RUN_STALE_AFTER_MS + 1_000) });
    expect(stale[0]).toMatchObject({ id: run.id, status: 'interrupted', error: INTERRUPTED });
    expect(stale[0]!.finishedAt!.getTime()).toBe(beat.getTime());
    expect(await store.listRuns({ kind: 'lease-a', status: ['interrupted'] })).toHaveLength(1);

    // Its process was only paused: the next heartbeat makes it running again.
    await store.heartbeatRun(run.id);
    const [revived] = await store.listRuns({ kind: 'lease-a' });
    expect(revived).toMatchObject({ status: 'running', error: null, finishedAt: null });
    expect(revived!.heartbeatAt!.getTime()).toBeGreaterThanOrEqual(beat.getTime());
    // A custom threshold.
    const short = await store.listRuns({
      kind: 'lease-a',
      now: later(revived!.heartbeatAt!, 5_001),
      staleAfterMs: 5_000,
    });
    expect(short[0]!.status).toBe('interrupted');
  });

  it('a finished run is never interrupted, and a late heartbeat does not reopen it', async () => {
    const run = await store.startRun('lease-b', {});
    const done = await store.finishRun(run.id, { status: 'incomplete', counts: { 'xml.failed': 54 } });
    expect(done).toMatchObject({ status: 'incomplete', counts: { 'xml.failed': 54 } });
    await store.heartbeatRun(run.id);
    const [listed] = await store.listRuns({
      kind: 'lease-b',
      now: later(new Date(), 10 * RUN_STALE_AFTER_MS),
    });
    expect(listed).toMatchObject({ status: 'incomplete' });
    await expect(store.heartbeatRun(987654)).rejects.toThrow('Sync run 987654 does not exist');
  });
});

const childScript = fileURLToPath(new URL('./testing/start-run-child.ts', import.meta.url));

/** Starts the child, waits for its `started <id>` line, SIGKILLs it and waits for it to end. */
async function runAndKillChild(childSchema: string): Promise<{ runId: number; pid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, childSchema], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  const runId = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /started (\d+)\n/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((how) =>
      reject(new Error(`child ended (${String(how)}) before starting a run: ${stderr}`)),
    );
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return { runId, pid: child.pid! };
}

describe('a run whose process was killed (PostgreSQL)', () => {
  if (databaseUrl === '') {
    console.warn(
      '\n*** DATABASE_URL is not set: the killed-process run-lease test on PostgreSQL is NOT RUN ***\n',
    );
  }
  const childSchema = `${schema}_child`;
  afterAll(async () => {
    if (databaseUrl !== '') await dropSchema(childSchema);
  });

  it.runIf(databaseUrl !== '')(
    'is listed as interrupted once its heartbeat is older than the threshold, and on the next open',
    async () => {
      const first = await runAndKillChild(childSchema);
      const store = await openStore({ databaseUrl, schema: childSchema });
      try {
        const [left] = await store.listRuns({ kind: 'killed-child' });
        // Just killed: nobody can tell yet from its lease alone.
        expect(left).toMatchObject({
          id: first.runId,
          status: 'running',
          owner: `${hostname()}:${first.pid}`,
        });
        const [stale] = await store.listRuns({
          kind: 'killed-child',
          now: later(left!.heartbeatAt!, RUN_STALE_AFTER_MS + 1_000),
        });
        expect(stale).toMatchObject({ id: first.runId, status: 'interrupted', error: INTERRUPTED });
      } finally {
        await store.close();
      }

      // Opening the store marks such runs too (here the killed run's heartbeat is made two minutes old).
      const second = await runAndKillChild(childSchema);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(
          `UPDATE ${childSchema}.sync_runs SET heartbeat_at = now() - INTERVAL '2 minutes' WHERE id = $1`,
          [second.runId],
        );
        const reopened = await openStore({ databaseUrl, schema: childSchema });
        await reopened.close();
        const found = await client.query(`SELECT status, error FROM ${childSchema}.sync_runs WHERE id = $1`, [
          second.runId,
        ]);
        expect(found.rows[0]).toEqual({ status: 'interrupted', error: INTERRUPTED });
      } finally {
        await client.end();
      }
    },
    60_000,
  );
});
