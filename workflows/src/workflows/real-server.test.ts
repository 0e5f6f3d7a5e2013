/**
 * The sync on a real Temporal server. Runs only when TEMPORAL_ADDRESS (an existing server) or
 * TEMPORAL_CLI_PATH (a `temporal` CLI to start a dev server from) is set: downloading a server is not
 * possible here. With SYNC_RECORD_HISTORY=1 it also records the period workflow's history into
 * `fixtures/` for the offline replay test.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncClient } from '../client/sync-client.js';
import { formatInvoiceKey } from '../portal/types.js';
import { createFakePortal, fakeKey, fakeParsers, type FakeInvoice } from '../sync/testing/fake-portal.js';
import { createMemoryStore } from '../sync/testing/memory-store.js';
import { SEARCH_ATTRIBUTES } from '../temporal-config.js';
import { createSyncWorkers, type SyncWorkers } from '../worker/create-workers.js';

const address = process.env.TEMPORAL_ADDRESS;
const cliPath = process.env.TEMPORAL_CLI_PATH;
const enabled = Boolean(address || cliPath);
if (!enabled) {
  console.warn('\n*** real Temporal server suite NOT RUN: set TEMPORAL_ADDRESS (or TEMPORAL_CLI_PATH) ***\n');
}

const TAX_CODE = '0312345678';
const invoices: FakeInvoice[] = Array.from({ length: 7 }, (_, index) => ({
  ...fakeKey(index),
  ttxly: 5,
  ...(index === 3 ? { xml: ['transient' as const, 'ok' as const] } : {}),
  ...(index === 5 ? { xml: ['unavailable' as const] } : {}),
}));

describe.skipIf(!enabled)('real Temporal server (set TEMPORAL_ADDRESS or TEMPORAL_CLI_PATH)', () => {
  let env: TestWorkflowEnvironment;
  let workers: SyncWorkers;
  let running: Promise<void>;
  let sync: SyncClient;
  const store = createMemoryStore();
  const portal = createFakePortal(invoices, { pageSize: 3 });

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    env = cliPath
      ? await TestWorkflowEnvironment.createLocal({
          server: {
            executable: { type: 'existing-path', path: cliPath },
            extraArgs: Object.values(SEARCH_ATTRIBUTES).flatMap((key) => [
              '--search-attribute',
              `${key.name}=${key.type === 'INT' ? 'Int' : 'Keyword'}`,
            ]),
          },
        })
      : await TestWorkflowEnvironment.createFromExistingServer({
          address: address!,
          namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
        });
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./index.ts', import.meta.url)),
    });
    workers = await createSyncWorkers({
      portal,
      store,
      parse: fakeParsers,
      connection: env.nativeConnection,
      settings: { namespace: env.namespace ?? 'default', portalRatePerSecond: 50, portalConcurrency: 8 },
      workflowBundle,
    });
    running = workers.run();
    // Search attributes are registered on the dev server we start; on an existing one only if told so.
    sync = new SyncClient(env.client, {
      searchAttributes: Boolean(cliPath) || process.env.TEMPORAL_SEARCH_ATTRIBUTES === '1',
    });
  }, 120_000);

  afterAll(async () => {
    workers?.shutdown();
    await running?.catch(() => undefined);
    await env?.teardown();
  });

  it('syncs a period: headers, child batches, retries, statuses; progress is queryable', async () => {
    const started = await sync.startPeriodSync({
      taxCode: TAX_CODE,
      direction: 'purchase',
      period: '2026-04',
      families: ['query'],
      batchSize: 3,
    });
    const again = await sync.startPeriodSync({
      taxCode: TAX_CODE,
      direction: 'purchase',
      period: '2026-04',
      families: ['query'],
      batchSize: 3,
    });
    expect(again.workflowId).toBe(started.workflowId);
    // The second start joined the running coordinator, or (if the first had already finished) began a
    // new run under the same id; either way the first run's outcome is read by its run id.
    const result = await sync.result(started.workflowId, started.runId);
    expect(result).toMatchObject({ phase: 'done', listed: 7, outstanding: 0 });
    expect(result.counts.xml).toEqual({ synced: 6, unavailable: 1 });
    expect((await sync.getProgress(started.workflowId, started.runId)).phase).toBe('done');
    expect((await store.getInvoice(fakeKey(3)))!.xml.status).toBe('synced');
    if (process.env.SYNC_RECORD_HISTORY === '1') {
      const history = await env.client.workflow.getHandle(started.workflowId).fetchHistory();
      writeFileSync(new URL('./fixtures/sync-period.history.json', import.meta.url), historyToJSON(history));
    }
  }, 120_000);

  it('a second re-sync request for the same invoices joins the first (update-with-start)', async () => {
    const keys = [fakeKey(0), fakeKey(1)];
    const [first, second] = await Promise.all([
      sync.resyncSelected({ taxCode: TAX_CODE, keys, parts: ['xml'] }),
      sync.resyncSelected({ taxCode: TAX_CODE, keys: [...keys].reverse(), parts: ['xml'] }),
    ]);
    expect(second.workflowId).toBe(first.workflowId);
    expect(first.added.accepted + second.added.accepted).toBe(2);
    const result = await sync.result(first.workflowId);
    expect(result.counts.xml.synced).toBe(2);
    expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(0)))).toBe(2);
  }, 120_000);
});
