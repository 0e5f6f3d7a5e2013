/**
 * The period coordinator on a real Temporal dev server: paging, capped windows halved, batches as
 * children, continue-as-new through real serialisation with no invoice keys in its state, progress
 * queries, search attributes, no portal-queue work for parts already done, non-retryable failures and a
 * cancellation that reaches the portal call. With SYNC_RECORD_HISTORY=1 it records the history the
 * replay test replays.
 */
import { writeFileSync } from 'node:fs';
import { WorkflowFailedError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { formatInvoiceKey, type PortalClient } from '../portal/types.js';
import { createFakePortal, fakeKey, type FakeInvoice } from '../sync/testing/fake-portal.js';
import { createMemoryStore } from '../sync/testing/memory-store.js';
import { SEARCH_ATTRIBUTES } from '../temporal-config.js';
import {
  requireDevServer,
  useDevServer,
  startSyncHarness,
  workflowBundle,
  type SyncHarness,
} from '../testing/index.js';

const enabled = requireDevServer('period coordinator on the Temporal dev server');
const TAX_CODE = '0312345678';
const FAST_RETRY = {
  initialIntervalMs: 50,
  backoffCoefficient: 1,
  maximumIntervalMs: 50,
  maximumAttempts: 3,
};

function decodedJson(payload: { data?: Uint8Array | null } | null | undefined): string {
  return Buffer.from(payload?.data ?? new Uint8Array()).toString('utf8');
}

describe.skipIf(!enabled)('period coordinator on the Temporal dev server', () => {
  const server = useDevServer();

  async function harness(portal: PortalClient, store = createMemoryStore()): Promise<SyncHarness> {
    return startSyncHarness({ env: server(), portal, store, prefix: 'period' });
  }

  it('pages, batches, continues as new with a small keyless state, and answers progress', async () => {
    const invoices: FakeInvoice[] = Array.from({ length: 20 }, (_, index) => ({
      ...fakeKey(index),
      ...(index === 3 ? { xml: ['transient' as const, 'ok' as const] } : {}),
      ...(index === 5 ? { xml: ['unavailable' as const] } : {}),
    }));
    const portal = createFakePortal(invoices, { pageSize: 3 });
    const store = createMemoryStore();
    const h = await harness(portal, store);
    try {
      const input = {
        taxCode: TAX_CODE,
        direction: 'purchase' as const,
        period: '2026-04',
        families: ['query' as const],
        batchSize: 2,
        maxPagesPerRun: 3,
        portalRetry: FAST_RETRY,
      };
      const started = await h.sync.startPeriodSync(input);
      const again = await h.sync.startPeriodSync(input);
      expect(again.workflowId).toBe(started.workflowId);
      const result = await h.sync.result(started.workflowId);
      expect(result).toMatchObject({ phase: 'done', listed: 20, outstanding: 0, errors: 0 });
      expect(result.counts.details).toEqual({ synced: 20 });
      expect(result.counts.xml).toEqual({ synced: 19, unavailable: 1 });
      expect(result.continuedAsNew).toBeGreaterThanOrEqual(2);
      expect(result.slicesTotal).toBe(3);
      expect(result.slicesDone).toBe(3);
      // Every part fetched once; the transient XML twice.
      for (const [index, invoice] of invoices.entries()) {
        expect(portal.calls.detail.get(formatInvoiceKey(invoice))).toBe(1);
        expect(portal.calls.xml.get(formatInvoiceKey(invoice))).toBe(index === 3 ? 2 : 1);
      }
      expect((await store.getInvoice(fakeKey(3)))!.xml.status).toBe('synced');
      // A closed run answers the progress query from its history.
      expect((await h.sync.getProgress(started.workflowId)).phase).toBe('done');

      // The first run's continue-as-new input: a cursor and counters, no invoice key.
      const history = await server()
        .client.workflow.getHandle(started.workflowId, started.runId)
        .fetchHistory();
      const continued = history.events?.find((event) => event.workflowExecutionContinuedAsNewEventAttributes);
      const carried = decodedJson(
        continued!.workflowExecutionContinuedAsNewEventAttributes!.input!.payloads![0],
      );
      expect(carried).toContain('"listing"');
      for (const invoice of invoices) expect(carried).not.toContain(`"shdon":${invoice.shdon}`);
      expect(carried.length).toBeLessThan(4_000);

      const described = await server().client.workflow.getHandle(started.workflowId).describe();
      expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.taxCode)).toBe(TAX_CODE);
      expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.syncKind)).toBe('period');
      expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.outstandingCount)).toBe(0);
      // Visibility lists the sync's runs on a SQL-visibility server (no ORDER BY in the query).
      const runs = await h.sync.listRuns({ taxCode: TAX_CODE, kind: 'period' });
      expect(runs.map((run) => run.workflowId)).toContain(started.workflowId);
      expect(runs[0]).toMatchObject({ taxCode: TAX_CODE, kind: 'period', outstanding: 0 });
      // The history just made on the server replays against this code (continue-as-new, children and all).
      const latest = await server().client.workflow.getHandle(started.workflowId).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, latest, started.workflowId);
      if (process.env['SYNC_RECORD_HISTORY'] === '1') {
        writeFileSync(
          new URL('./fixtures/sync-period.history.json', import.meta.url),
          historyToJSON(await server().client.workflow.getHandle(started.workflowId).fetchHistory()),
        );
        const batch = await server()
          .client.workflow.getHandle(`${started.workflowId}-batch-1`)
          .fetchHistory();
        writeFileSync(new URL('./fixtures/sync-batch.history.json', import.meta.url), historyToJSON(batch));
      }

      // The same period again: every part is done, so the portal queue carries only the list pages.
      const detailCalls = [...portal.calls.detail.values()].reduce((a, b) => a + b, 0);
      const xmlCalls = [...portal.calls.xml.values()].reduce((a, b) => a + b, 0);
      const listCalls = portal.calls.list;
      const rerun = await h.sync.startPeriodSync(input);
      const second = await h.sync.result(rerun.workflowId);
      expect(second.skipped).toBe(39);
      // Only the unavailable XML is asked for again (it may have appeared since).
      expect(second.counts.xml).toEqual({ unavailable: 1 });
      expect(second.portalCalls).toBe(portal.calls.list - listCalls + 1);
      expect([...portal.calls.detail.values()].reduce((a, b) => a + b, 0)).toBe(detailCalls);
      expect([...portal.calls.xml.values()].reduce((a, b) => a + b, 0)).toBe(xmlCalls + 1);
    } finally {
      await h.stop();
    }
  }, 180_000);

  it('halves a capped window and lists each reachable invoice once', async () => {
    const sameDay = Array.from({ length: 6 }, (_, index) => ({
      ...fakeKey(100 + index),
      issueDate: '2026-04-03',
    }));
    const others = [8, 12, 20, 27].map((day, index) => ({
      ...fakeKey(200 + index),
      issueDate: `2026-04-${String(day).padStart(2, '0')}`,
    }));
    const portal = createFakePortal([...sameDay, ...others], { pageSize: 2, listCap: 4 });
    const h = await harness(portal);
    try {
      const started = await h.sync.startPeriodSync({
        taxCode: TAX_CODE,
        direction: 'purchase',
        period: '2026-04',
        families: ['query'],
        parts: ['details'],
      });
      const result = await h.sync.result(started.workflowId);
      // The single day 04-03 holds 6 rows but the portal pages through 4: counted as capped.
      expect(result.cappedWindows).toBe(1);
      expect(result.listed).toBe(8);
      expect(result.counts.details).toEqual({ synced: 8 });
      for (const count of portal.calls.detail.values()) expect(count).toBe(1);
      expect(portal.calls.detail.size).toBe(8);
    } finally {
      await h.stop();
    }
  }, 120_000);

  it('stops at once on bad credentials and on an invalid period (non-retryable)', async () => {
    const portal = createFakePortal([fakeKey(1)]);
    portal.listHeaders = async () => {
      portal.calls.list++;
      const { PortalError } = await import('../portal/errors.js');
      throw new PortalError({
        kind: 'bad_credentials',
        endpoint: 'query/invoices/purchase',
        messageKey: 'badCredentials',
        params: {},
      });
    };
    const h = await harness(portal);
    try {
      const started = await h.sync.startPeriodSync({
        taxCode: TAX_CODE,
        direction: 'sold',
        period: '2026-05',
        families: ['query'],
      });
      const failure = await h.sync.result(started.workflowId).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect(JSON.stringify((failure as WorkflowFailedError).cause?.cause)).toContain('bad_credentials');
      expect(portal.calls.list).toBe(1);

      const handle = await server().client.workflow.start('syncPeriodWorkflow', {
        workflowId: `bad-period-${Date.now()}`,
        taskQueue: h.taskQueues.sync,
        args: [
          { taxCode: TAX_CODE, direction: 'sold', period: '2026-13', portalTaskQueue: h.taskQueues.portal },
        ],
      });
      const invalid = await handle.result().catch((error: unknown) => error);
      expect(invalid).toBeInstanceOf(WorkflowFailedError);
      expect((invalid as WorkflowFailedError).cause?.message).toContain('2026-13');
    } finally {
      await h.stop();
    }
  }, 120_000);

  it('a cancelled sync aborts the portal call in flight', async () => {
    const portal = createFakePortal([fakeKey(1), fakeKey(2)]);
    let aborted: () => void = () => undefined;
    const abortSeen = new Promise<void>((resolve) => (aborted = resolve));
    let callStarted: () => void = () => undefined;
    const callSeen = new Promise<void>((resolve) => (callStarted = resolve));
    portal.exportXml = (_family, _key, signal) =>
      new Promise((_resolve, reject) => {
        callStarted();
        signal?.addEventListener('abort', () => {
          aborted();
          reject(new Error('aborted by cancellation'));
        });
      });
    const h = await harness(portal);
    try {
      const started = await h.sync.startPeriodSync({
        taxCode: TAX_CODE,
        direction: 'purchase',
        period: '2026-04',
        families: ['query'],
        parts: ['xml'],
      });
      await callSeen;
      await h.sync.cancel(started.workflowId);
      await abortSeen;
      const outcome = await h.sync.result(started.workflowId).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(WorkflowFailedError);
      const described = await server().client.workflow.getHandle(started.workflowId).describe();
      expect(described.status.name).toBe('CANCELLED');
    } finally {
      await h.stop();
    }
  }, 120_000);
});
