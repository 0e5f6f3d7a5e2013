/**
 * Durability as Temporal promises it, on a real dev server with worker PROCESSES and a PostgreSQL store
 * they share with this test: a worker SIGKILLed mid-sync and started again, the dev server itself
 * stopped and started again on the same SQLite file mid-sync, and two workers sharing one portal rate
 * limit. Each time the store is compared with the simulator's ground truth: every invoice of the period
 * exactly once, every status what the simulator's data implies, none lost.
 *
 * Needs DATABASE_URL (PostgreSQL) and the Temporal CLI: without them the suite says so loudly and is
 * skipped, except in CI, where it fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { SyncClient } from '../client/sync-client.js';
import { freePort } from '../devserver/local-temporal.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server.js';
import { openStore } from '../store/open-store.js';
import type { PortalRetryPolicy } from '../sync/retry-policy.js';
import { requireDevServer, temporalCliPath, uniqueTaskQueues, workflowBundle } from '../testing/index.js';
import type { SyncProgress } from '../workflows/definitions.js';
import {
  compareWithSimulator,
  DATA_ENDPOINTS,
  DevServer,
  killAll,
  maxInWindow,
  portalCallsOf,
  RecordingProxy,
  settledParts,
  waitFor,
  WorkerProcess,
  type Comparison,
} from './harness.js';

const SUITE = 'durability suite';
const inCi = Boolean(process.env['CI']);
const databaseUrl = process.env['DATABASE_URL']?.trim() ?? '';
if (!databaseUrl && !inCi) {
  console.warn(`\n*** ${SUITE} NOT RUN: needs DATABASE_URL (PostgreSQL) ***\n`);
}
// In CI both are required: the suite runs, and its tests fail naming what is missing.
const enabled = (Boolean(databaseUrl) || inCi) && requireDevServer(SUITE);

const PERIOD = '2026-04';
/**
 * The portal rate of the two-worker test. Low on purpose: a limit only shows when it binds, and on a
 * 2-core machine shared with other suites the sync's own pace (batch lanes waiting on workflow tasks)
 * was measured at 7-20 portal calls/s; at 10/s and 20/s the limit hardly ever bound.
 */
const RATE = Number(process.env['DURABILITY_RATE'] ?? 5);
/**
 * The server's default `matching.numTaskqueueReadPartitions`. Each partition of the portal queue has a
 * token bucket of rate R/P holding ceil(R/P) tokens (Temporal 1.2x-1.3x `rateLimitManager`: burst = one
 * second of tokens), so the buckets together hold B = P * ceil(R/P) >= R tokens after an idle spell.
 */
const READ_PARTITIONS = 4;

/**
 * What Temporal promises for any window of `seconds`: the R * seconds tokens minted during it, plus
 * what the buckets held at its start (at most B), plus an allowance for delivery jitter: a call reaches
 * the simulator some milliseconds after the server handed out its token (the poll answer, the hop to the
 * worker, a store read, then HTTP), and on a loaded machine that delay varies by up to about
 * 200 ms, so calls dispatched over 1.2 s can land within 1 s: ceil(0.2 R) + 1 more.
 */
function tokenBucketBound(rate: number, seconds: number): number {
  const burst = READ_PARTITIONS * Math.ceil(rate / READ_PARTITIONS);
  return rate * seconds + burst + Math.ceil(rate * 0.2) + 1;
}
/** Quick retries, and enough of them that seeded transient faults never exhaust a part. */
const RETRY: PortalRetryPolicy = {
  initialIntervalMs: 200,
  backoffCoefficient: 2,
  maximumIntervalMs: 2_000,
  maximumAttempts: 12,
};

function taxCodeFor(): string {
  return `08${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
}

interface Case {
  name: string;
  taxCode: string;
  schema: string;
  simulator: Simulator;
  proxy: RecordingProxy;
  taskQueues: { sync: string; portal: string };
  workers: WorkerProcess[];
  startedAt: number;
}

describe.skipIf(!enabled)(SUITE, () => {
  let tmp = '';
  let server: DevServer;
  let connection: Connection | null = null;
  let client: Client;
  let admin: pg.Client | null = null;
  let bundlePath = '';
  const cases: Case[] = [];

  // In CI a missing prerequisite fails every test by name (a failed beforeAll would leave them
  // "skipped", and the summary line counts tests).
  const missing = !databaseUrl
    ? `${SUITE}: DATABASE_URL (PostgreSQL) is required in CI`
    : !temporalCliPath
      ? `${SUITE}: the Temporal CLI is required in CI (npm run temporal:install)`
      : null;

  beforeAll(async () => {
    if (missing || !temporalCliPath) return;
    tmp = mkdtempSync(join(tmpdir(), 'durability-'));
    server = new DevServer(
      temporalCliPath,
      await freePort(),
      join(tmp, 'dev.sqlite'),
      `durability-${randomBytes(3).toString('hex')}`,
    );
    // Bundle once here: each worker process then loads the bundle instead of running webpack.
    const [bundle] = await Promise.all([workflowBundle(), server.start()]);
    bundlePath = join(tmp, 'workflows-bundle.js');
    writeFileSync(bundlePath, bundle.code);
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection, namespace: server.namespace });
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
  }, 180_000);

  /** Ends a test's workers, proxy and simulator, and drops its schema (idempotent). */
  async function closeCase(c: Case): Promise<void> {
    await Promise.all(c.workers.map((worker) => worker.stop().catch(() => null)));
    await c.proxy.close().catch(() => undefined);
    await c.simulator.close().catch(() => undefined);
    await admin?.query(`DROP SCHEMA IF EXISTS ${c.schema} CASCADE`).catch(() => undefined);
  }

  afterAll(async () => {
    for (const c of cases) await closeCase(c);
    await connection?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await killAll();
    await admin?.end().catch(() => undefined);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  async function openCase(name: string, simulator: SimulatorOptions): Promise<Case> {
    if (missing) throw new Error(missing);
    const taxCode = taxCodeFor();
    const schema = `durability_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    // Migrate once here, so workers starting together find the schema ready.
    const store = await openStore({ databaseUrl, schema });
    await store.close();
    const sim = await startSimulator({ period: PERIOD, taxCode, ...simulator });
    const c: Case = {
      name,
      taxCode,
      schema,
      simulator: sim,
      proxy: await RecordingProxy.start(sim.url),
      taskQueues: uniqueTaskQueues(`durability-${name}`),
      workers: [],
      startedAt: Date.now(),
    };
    cases.push(c);
    // Also after a failure: no worker of this test keeps running into the next one.
    onTestFinished(() => closeCase(c), 60_000);
    return c;
  }

  function startWorker(
    c: Case,
    label: string,
    options: { rate: number; concurrency: number },
  ): WorkerProcess {
    const worker = new WorkerProcess(`${c.name}/${label}`, {
      address: server.address,
      namespace: server.namespace,
      databaseUrl,
      schema: c.schema,
      portalUrl: c.proxy.url,
      username: c.simulator.credentials.username,
      password: c.simulator.credentials.password,
      taskQueues: c.taskQueues,
      bundlePath,
      portalRatePerSecond: options.rate,
      portalConcurrency: options.concurrency,
    });
    c.workers.push(worker);
    return worker;
  }

  function syncClient(c: Case): SyncClient {
    return new SyncClient(client, { taskQueues: c.taskQueues });
  }

  async function startSync(c: Case): Promise<string> {
    const started = await syncClient(c).startPeriodSync({
      taxCode: c.taxCode,
      direction: 'purchase',
      period: PERIOD,
      portalRetry: RETRY,
    });
    return started.workflowId;
  }

  /** The result, retried while the frontend is away (a restarted server takes a moment to answer). */
  async function resultOf(c: Case, workflowId: string, timeoutMs: number): Promise<SyncProgress> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await syncClient(c).result(workflowId);
      } catch (error) {
        const code = (error as { code?: number }).code;
        const transport =
          code === 14 || code === 4 || /UNAVAILABLE|DEADLINE|ECONNREFUSED/i.test(String(error));
        if (!transport || Date.now() > deadline) throw error;
        await new Promise((done) => setTimeout(done, 500));
      }
    }
  }

  async function settled(c: Case): Promise<number> {
    return settledParts(admin!, c.schema, c.taxCode);
  }

  function purchaseCount(c: Case): number {
    return c.simulator.invoices.filter((invoice) => invoice.direction === 'purchase').length;
  }

  async function compare(c: Case): Promise<Comparison> {
    return compareWithSimulator({
      databaseUrl,
      schema: c.schema,
      taxCode: c.taxCode,
      direction: 'purchase',
      invoices: c.simulator.invoices,
    });
  }

  function expectGroundTruth(comparison: Comparison, result: SyncProgress): void {
    expect(comparison.lost).toEqual([]);
    expect(comparison.unexpected).toEqual([]);
    expect(comparison.duplicateKeys).toBe(0);
    expect(comparison.stored).toBe(comparison.expected);
    expect(comparison.wrongStatus).toEqual([]);
    expect(comparison.wrongLines).toEqual([]);
    expect(result).toMatchObject({ phase: 'done', outstanding: 0, errors: 0, retriesExhausted: 0 });
    expect(result.listed).toBe(comparison.expected);
  }

  /** The figures CI logs show: one line per test. */
  function report(c: Case, extra: Record<string, unknown>, comparison: Comparison): Record<string, unknown> {
    const data = c.proxy.calls.filter((call) => DATA_ENDPOINTS.has(call.endpoint));
    const times = data.map((call) => call.at);
    const first = Math.min(...times);
    const stats = c.simulator.stats();
    const figures = {
      test: c.name,
      invoices: comparison.expected,
      stored: comparison.stored,
      lost: comparison.lost.length,
      duplicates: comparison.duplicateKeys,
      wrongStatus: comparison.wrongStatus.length,
      statuses: comparison.byStatus,
      portalRequests: c.proxy.calls.length,
      dataCalls: data.length,
      maxCallsPerSecond: maxInWindow(times, 1_000, first + 1_000),
      rejected429: stats.rejectedByRateLimit,
      faultsInjected: stats.faultsInjected,
      seconds: Number(((Date.now() - c.startedAt) / 1000).toFixed(1)),
      ...extra,
    };
    console.log(`[durability] ${JSON.stringify(figures)}`);
    return figures;
  }

  it('a worker SIGKILLed mid-sync: a new worker finishes it, 0 lost, 0 duplicated, every status right', async () => {
    const c = await openCase('sigkill', {
      seed: 'durability-sigkill',
      invoiceCount: 440,
      rateLimitPerSecond: 100,
      faults: { transient5xx: 0.08, firewallPage: 0.02, sessionExpiry: { afterCalls: 150 } },
    });
    const expectedParts = purchaseCount(c) * 2;
    const first = startWorker(c, 'first', { rate: 40, concurrency: 8 });
    await first.ready;
    const workflowId = await startSync(c);

    const atKill = await waitFor(
      'a third of the parts synced',
      async () => {
        const n = await settled(c);
        return n >= expectedParts * 0.3 ? n : null;
      },
      { timeoutMs: 90_000, intervalMs: 50 },
    );
    const killed = await first.sigkill();
    const killedAt = Date.now();
    expect(killed.signal).toBe('SIGKILL');
    expect(first.counts()).toBeNull(); // it had no chance to say goodbye
    const afterKill = await settled(c);
    expect(atKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(expectedParts);

    const second = startWorker(c, 'second', { rate: 40, concurrency: 8 });
    await second.ready;
    const result = await resultOf(c, workflowId, 150_000);
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    const secondCounts = await second.stop();
    expect(portalCallsOf(secondCounts)).toBeGreaterThan(0);

    const comparison = await compare(c);
    report(
      c,
      {
        partsSettledAtKill: afterKill,
        parts: expectedParts,
        recoverySeconds: Number(recoverySeconds.toFixed(1)),
        secondWorkerCalls: portalCallsOf(secondCounts),
        resultCounts: result.counts,
        skipped: result.skipped,
      },
      comparison,
    );
    expectGroundTruth(comparison, result);
  }, 240_000);

  it('the dev server stopped and started again mid-sync: the worker reconnects and finishes it', async () => {
    const c = await openCase('restart', {
      seed: 'durability-restart',
      invoiceCount: 440,
      rateLimitPerSecond: 100,
      faults: { transient5xx: 0.08, sessionExpiry: { afterCalls: 150 } },
    });
    const expectedParts = purchaseCount(c) * 2;
    const worker = startWorker(c, 'worker', { rate: 40, concurrency: 8 });
    await worker.ready;
    const workflowId = await startSync(c);

    await waitFor('a third of the parts synced', async () => (await settled(c)) >= expectedParts * 0.3, {
      timeoutMs: 90_000,
      intervalMs: 50,
    });
    const serverPid = server.pid;
    await server.stop();
    const stoppedAt = Date.now();
    const atStop = await settled(c);
    expect(atStop).toBeLessThan(expectedParts);
    // Down long enough that polls, heartbeats and completions fail.
    await new Promise((done) => setTimeout(done, 3_000));
    const whileDown = await settled(c);
    await server.start();
    expect(server.pid).not.toBe(serverPid);
    const downSeconds = (Date.now() - stoppedAt) / 1000;

    // The same worker process, never restarted, makes progress against the new server process.
    const resumed = await waitFor(
      'progress after the restart',
      async () => {
        if (!worker.alive) throw new Error(`the worker died with the server:\n${worker.tail()}`);
        const n = await settled(c);
        return n > whileDown ? n : null;
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    const result = await resultOf(c, workflowId, 150_000);
    expect(worker.alive).toBe(true);
    const counts = await worker.stop();

    const comparison = await compare(c);
    report(
      c,
      {
        partsSettledAtStop: atStop,
        partsSettledWhileDown: whileDown,
        partsSettledSoonAfterRestart: resumed,
        parts: expectedParts,
        serverDownSeconds: Number(downSeconds.toFixed(1)),
        workerPid: worker.pid,
        workerRestarted: false,
        workerCalls: portalCallsOf(counts),
        resultCounts: result.counts,
      },
      comparison,
    );
    expectGroundTruth(comparison, result);
  }, 240_000);

  it('two workers on one task queue share the work, and the portal rate limit holds across them', async () => {
    const c = await openCase('two-workers', {
      seed: 'durability-two-workers',
      invoiceCount: 130,
      // The portal would take four times more: whatever bounds the rate here is Temporal, not 429s.
      rateLimitPerSecond: RATE * 4,
      faults: { transient5xx: 0.05 },
    });
    const workers = [
      startWorker(c, 'a', { rate: RATE, concurrency: 8 }),
      startWorker(c, 'b', { rate: RATE, concurrency: 8 }),
    ];
    await Promise.all(workers.map((worker) => worker.ready));
    const workflowId = await startSync(c);
    // What the server enforces on the portal queue: the workers' rate, for the queue as a whole.
    await waitFor('a portal call', () => c.proxy.calls.some((call) => DATA_ENDPOINTS.has(call.endpoint)), {
      timeoutMs: 60_000,
    });
    const described = await client.workflowService.describeTaskQueue({
      namespace: server.namespace,
      taskQueue: {
        name: c.taskQueues.portal,
        kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
      },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      reportConfig: true,
    });
    const result = await resultOf(c, workflowId, 150_000);
    const counts = await Promise.all(workers.map((worker) => worker.stop()));

    const data = c.proxy.calls.filter((call) => DATA_ENDPOINTS.has(call.endpoint));
    const times = data.map((call) => call.at).sort((a, b) => a - b);
    const first = times[0]!;
    const last = times.at(-1)!;
    // Batch work starts with the first detail or XML call; before it the queue idled (sequential
    // list pages), so the server's buckets were full: that burst is by design, and spent in a second.
    const batchStart = Math.min(...data.filter((call) => call.endpoint !== 'list').map((call) => call.at));
    const sustained = maxInWindow(times, 1_000, batchStart + 1_000);
    const anyWindow = (seconds: number) => maxInWindow(times, seconds * 1_000, first);
    const meanPerSecond = (times.length - 1) / ((last - first) / 1000);
    const perWorker = counts.map(portalCallsOf);
    const comparison = await compare(c);
    report(
      c,
      {
        rateLimit: RATE,
        serverRateLimit: described.effectiveRateLimit?.requestsPerSecond ?? null,
        serverRateLimitSource: described.effectiveRateLimit?.rateLimitSource ?? null,
        maxCallsPerSecondAfterFirstSecond: sustained,
        maxCallsIn1s: anyWindow(1),
        maxCallsIn2s: anyWindow(2),
        maxCallsIn5s: anyWindow(5),
        maxCallsIn10s: anyWindow(10),
        bounds: [1, 2, 5, 10].map((seconds) => tokenBucketBound(RATE, seconds)),
        meanCallsPerSecond: Number(meanPerSecond.toFixed(2)),
        callsPerWorker: perWorker,
        syncSeconds: Number(((last - first) / 1000).toFixed(1)),
        perSecond: perSecondCounts(times),
        per100ms: process.env['DURABILITY_DEBUG'] ? perSecondCounts(times, 100) : undefined,
      },
      comparison,
    );
    expectGroundTruth(comparison, result);
    // Every portal call came from one of the two workers, and each did a real share.
    expect(perWorker[0]! + perWorker[1]!).toBe(data.length);
    for (const calls of perWorker) expect(calls).toBeGreaterThan(data.length * 0.15);
    expect(described.effectiveRateLimit?.requestsPerSecond).toBeCloseTo(RATE, 5);
    // The rate limit across both workers: every sliding window, from the very first call, within the
    // token-bucket bound; over longer windows the average converges on R (bound/T -> R).
    for (const seconds of [1, 2, 5, 10]) {
      expect(anyWindow(seconds), `calls in ${seconds} s`).toBeLessThanOrEqual(
        tokenBucketBound(RATE, seconds),
      );
    }
    const wholeRun = (last - first) / 1000;
    expect(times.length).toBeLessThanOrEqual(tokenBucketBound(RATE, wholeRun));
    expect(c.simulator.stats().rejectedByRateLimit).toBe(0);
  }, 240_000);
});

function perSecondCounts(times: readonly number[], bucketMs = 1_000): number[] {
  const first = Math.min(...times);
  const counts: number[] = [];
  for (const at of times) {
    const bucket = Math.floor((at - first) / bucketMs);
    while (counts.length <= bucket) counts.push(0);
    counts[bucket]!++;
  }
  return counts;
}
