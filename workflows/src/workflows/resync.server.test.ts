/**
 * The bulk re-sync and the scheduled re-check on a real Temporal dev server: update-with-start with
 * overlapping requests joining (nothing synced twice), a selection above the old per-update cap, a
 * selection made in the store, the signal-with-start fallback, requests arriving as a run ends, and the
 * re-check Schedule created with the period sync and re-checking what became due.
 */
import { describe, expect, it } from 'vitest';
import { SyncClient } from '../client/sync-client.js';
import { formatInvoiceKey, type InvoiceKey, type PortalHeader } from '../portal/types.js';
import { recheckScheduleId } from '../sync/batch.js';
import { createFakePortal, fakeKey, validXml, type FakeInvoice } from '../sync/testing/fake-portal.js';
import { createMemoryStore, type MemoryStore } from '../sync/testing/memory-store.js';
import { requireDevServer, useDevServer, startSyncHarness, type SyncHarness } from '../testing/index.js';

const enabled = requireDevServer('re-sync and re-check on the Temporal dev server');
const TAX_CODE = '0312345678';

function header(key: InvoiceKey): PortalHeader {
  return {
    ...key,
    id: `id-${formatInvoiceKey(key)}`,
    family: 'query',
    direction: 'purchase',
    issueDate: '2026-04-10',
    tthai: 1,
    ttxly: 5,
    hsgoc: `hs-${formatInvoiceKey(key)}`,
    raw: {},
  };
}

async function seed(store: MemoryStore, keys: InvoiceKey[]): Promise<void> {
  await store.upsertHeaders(TAX_CODE, keys.map(header));
}

function total(calls: Map<string, number>): number {
  return [...calls.values()].reduce((sum, count) => sum + count, 0);
}

describe.skipIf(!enabled)('re-sync and re-check on the Temporal dev server', () => {
  const server = useDevServer();

  async function harness(invoices: FakeInvoice[], store: MemoryStore): Promise<SyncHarness> {
    return startSyncHarness({ env: server(), portal: createFakePortal(invoices), store, prefix: 'resync' });
  }

  it('overlapping requests join one run per tax code and nothing is synced twice', async () => {
    const keys = Array.from({ length: 9 }, (_, index) => fakeKey(index));
    const store = createMemoryStore();
    await seed(store, keys);
    const portal = createFakePortal(keys);
    const h = await startSyncHarness({ env: server(), portal, store, prefix: 'resync' });
    try {
      const [first, second] = await Promise.all([
        h.sync.resync({ taxCode: TAX_CODE, keys: keys.slice(0, 6), parts: ['xml'] }),
        h.sync.resync({ taxCode: TAX_CODE, keys: keys.slice(3), parts: ['xml'] }),
      ]);
      expect(second.workflowId).toBe(first.workflowId);
      expect(first.added.accepted + second.added.accepted).toBe(9);
      expect(first.added.joined + second.added.joined).toBe(3);
      const result = await h.sync.result(first.workflowId);
      expect(result.counts.xml).toEqual({ synced: 9 });
      for (const key of keys) expect(portal.calls.xml.get(formatInvoiceKey(key))).toBe(1);
      // A key not in the store is reported, not queued.
      const unknown = await h.sync.resync({ taxCode: TAX_CODE, keys: [fakeKey(999)], parts: ['xml'] });
      expect(unknown.added).toMatchObject({
        accepted: 0,
        unknownCount: 1,
        unknown: [formatInvoiceKey(fakeKey(999))],
      });
      await h.sync.result(unknown.workflowId);
    } finally {
      await h.stop();
    }
  }, 120_000);

  it('takes a selection of 10,001 keys (above the old cap) in bounded requests; done parts spend no portal call', async () => {
    const keys = Array.from({ length: 10_001 }, (_, index) => ({ ...fakeKey(index), shdon: 50_000 + index }));
    const store = createMemoryStore();
    await seed(store, keys);
    for (const key of keys)
      await store.saveXml(key, validXml(key), { status: 'synced', error: null, nextCheckAt: null });
    const h = await harness([], store);
    try {
      const started = await h.sync.resync({ taxCode: TAX_CODE, keys, parts: ['xml'], force: false });
      expect(started.added.accepted).toBe(10_001);
      const result = await h.sync.result(started.workflowId);
      expect(result).toMatchObject({ listed: 10_001, skipped: 10_001, outstanding: 0, portalCalls: 0 });
      expect(result.continuedAsNew).toBeGreaterThanOrEqual(1);
      expect(result.batchesDone).toBe(Math.ceil(10_001 / 50));
    } finally {
      await h.stop();
    }
  }, 300_000);

  it('selects the invoices still missing parts in the store; the signal-with-start fallback works too', async () => {
    const invoices: FakeInvoice[] = Array.from({ length: 6 }, (_, index) => fakeKey(300 + index));
    const store = createMemoryStore();
    await seed(store, invoices);
    const portal = createFakePortal(invoices);
    const h = await startSyncHarness({ env: server(), portal, store, prefix: 'resync' });
    try {
      const missing = await h.sync.resync({
        taxCode: TAX_CODE,
        missing: {},
        parts: ['details'],
        force: false,
      });
      expect(missing.added.accepted).toBe(6);
      expect((await h.sync.result(missing.workflowId)).counts.details).toEqual({ synced: 6 });
      expect(total(portal.calls.detail)).toBe(6);

      const signalled = await h.sync.resyncWithSignal({
        taxCode: TAX_CODE,
        keys: invoices.slice(0, 2),
        parts: ['xml'],
      });
      const result = await h.sync.result(signalled.workflowId, signalled.runId);
      expect(result.counts.xml).toEqual({ synced: 2 });
      expect(total(portal.calls.xml)).toBe(2);
    } finally {
      await h.stop();
    }
  }, 120_000);

  it('requests arriving while a run ends are never lost (the ending run refuses them; the next run takes them)', async () => {
    const keys = Array.from({ length: 12 }, (_, index) => fakeKey(400 + index));
    const store = createMemoryStore();
    await seed(store, keys);
    const portal = createFakePortal(keys);
    const h = await startSyncHarness({ env: server(), portal, store, prefix: 'resync' });
    const eager = new SyncClient(server().client, { taskQueues: h.taskQueues, resyncLingerMs: 0 });
    try {
      let accepted = 0;
      const ids = new Set<string>();
      for (const [index, key] of keys.entries()) {
        // Requests at varied moments of a run's life: while it syncs, lingers, or ends.
        await new Promise((resolve) => setTimeout(resolve, (index % 4) * 120));
        const started = await eager.resync({ taxCode: TAX_CODE, keys: [key], parts: ['xml'] });
        accepted += started.added.accepted;
        ids.add(started.runId);
      }
      expect(accepted).toBe(12);
      console.log(`requests while runs end: 12 requests went to ${ids.size} run(s)`);
      await eager.result(`resync-${TAX_CODE}`);
      for (const key of keys) {
        await expect
          .poll(async () => (await store.getInvoice(key))!.xml.status, { timeout: 30_000 })
          .toBe('synced');
        expect(portal.calls.xml.get(formatInvoiceKey(key))).toBe(1);
      }
    } finally {
      await h.stop();
    }
  }, 180_000);

  it('the period sync creates the re-check Schedule; a triggered re-check syncs what became due', async () => {
    const invoices: FakeInvoice[] = [{ ...fakeKey(500), xml: ['unavailable', 'ok'] }, fakeKey(501)];
    const store = createMemoryStore();
    const portal = createFakePortal(invoices);
    const h = await startSyncHarness({ env: server(), portal, store, prefix: 'recheck' });
    try {
      const started = await h.sync.startPeriodSync({
        taxCode: TAX_CODE,
        direction: 'purchase',
        period: '2026-04',
        families: ['query'],
      });
      expect((await h.sync.result(started.workflowId)).counts.xml).toEqual({ synced: 1, unavailable: 1 });
      const schedule = server().client.schedule.getHandle(recheckScheduleId(TAX_CODE));
      const described = await schedule.describe();
      expect(described.action.type).toBe('startWorkflow');
      // The part's next check is due now.
      await store.recordAttempt(fakeKey(500), 'xml', {
        status: 'unavailable',
        error: 'not yet',
        nextCheckAt: new Date(Date.now() - 60_000),
      });
      await schedule.trigger();
      await expect
        .poll(async () => (await schedule.describe()).info.recentActions.length, { timeout: 30_000 })
        .toBeGreaterThan(0);
      const action = (await schedule.describe()).info.recentActions[0]!.action;
      const recheck = await server().client.workflow.getHandle(action.workflow.workflowId).result();
      expect(recheck.counts.xml).toEqual({ synced: 1 });
      expect((await store.getInvoice(fakeKey(500)))!.xml.status).toBe('synced');
      await schedule.delete();
    } finally {
      await h.stop();
    }
  }, 120_000);
});
