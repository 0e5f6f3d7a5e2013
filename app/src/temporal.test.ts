/**
 * The app on the Temporal runner (TEMPORAL_ADDRESS set): "Đồng bộ ngay" starts the re-sync workflow,
 * the page's progress stream follows it and the rows come back synced, on a real dev server with the
 * workers on this test's own task queues over the simulator.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorCaptchaSolver, createPortalClient } from '#workflows/portal';
import { startSimulator, type Simulator } from '#workflows/simulator';
import { openWorkspaceStore, type WorkspaceStore } from '#workflows/store';
import { requireDevServer, startDevServer, uniqueTaskQueues, workflowBundle } from '#workflows/testing';
import { createSyncWorkers, type SyncWorkers } from '#workflows/worker';
import { startApp, type RunningApp } from './start.js';

const enabled = requireDevServer('invoice workspace on the Temporal runner');
const PERIOD = '2026-10';

describe.skipIf(!enabled)('the app on the Temporal runner', () => {
  let server: TestWorkflowEnvironment;
  let sim: Simulator;
  let opened: WorkspaceStore;
  let workers: SyncWorkers;
  let working: Promise<void>;
  let running: RunningApp;
  const taskQueues = uniqueTaskQueues('app');

  beforeAll(async () => {
    server = await startDevServer();
    const namespace = server.namespace ?? 'default';
    sim = await startSimulator({ seed: 'app-temporal', invoiceCount: 8, period: PERIOD });
    opened = await openWorkspaceStore({ databaseUrl: '', dataDir: 'memory://' });
    workers = await createSyncWorkers({
      portal: createPortalClient({
        baseUrls: [`${sim.url}/api`],
        username: sim.credentials.username,
        password: sim.credentials.password,
        captcha: simulatorCaptchaSolver,
      }),
      store: opened.store,
      connection: server.nativeConnection,
      settings: { namespace, portalRatePerSecond: 200, portalConcurrency: 8 },
      workflowBundle: await workflowBundle(),
      taskQueues,
    });
    working = workers.run();
    running = await startApp({
      port: 0,
      env: { TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: namespace },
      logger: pino({ level: 'silent' }),
      opened,
      taskQueues,
    });
    await running.runner.runner.syncPeriod({
      taxCode: sim.credentials.username,
      period: PERIOD,
      directions: ['purchase', 'sold'],
      parts: [],
    });
  }, 240_000);

  afterAll(async () => {
    await running?.close();
    workers?.shutdown();
    await working?.catch(() => undefined);
    await opened?.close();
    await sim?.close();
    await server?.teardown();
  });

  it('says it runs on Temporal, and "Đồng bộ ngay" syncs the selection through the workflow', async () => {
    expect(running.runner.runner.mode).toBe('temporal');
    const first = await fetch(`${running.url}/?status=not_synced`);
    const cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await first.text();
    expect(page).toContain('Temporal');
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page)![1]!;
    const keys = [...page.matchAll(/<tr data-key="([^"]+)"/g)].map((m) => m[1]!);
    expect(keys).toHaveLength(8);
    const started = await fetch(`${running.url}/api/sync`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ keys: keys.slice(0, 4) }),
    });
    const { jobId } = (await started.json()) as { jobId: string };
    const events = await (
      await fetch(`${running.url}/api/jobs/${jobId}/events`, { headers: { cookie } })
    ).text();
    expect(events).toMatch(/"state":"done"/);
    const { found } = await opened.workspace.byKeys(
      keys.slice(0, 4).map((k) => {
        const [nbmst, khmshdon, khhdon, shdon] = k.split('/');
        return { nbmst: nbmst!, khmshdon: Number(khmshdon), khhdon: khhdon!, shdon: Number(shdon) };
      }),
    );
    expect(found.every((invoice) => invoice.details.status !== 'not_synced')).toBe(true);
    const others = await opened.workspace.byKeys(
      keys.slice(4).map((k) => {
        const [nbmst, khmshdon, khhdon, shdon] = k.split('/');
        return { nbmst: nbmst!, khmshdon: Number(khmshdon), khhdon: khhdon!, shdon: Number(shdon) };
      }),
    );
    expect(others.found.every((invoice) => invoice.details.status === 'not_synced')).toBe(true);
  }, 120_000);
});
