/**
 * Where time matters: retries that run out under the shared retry schedule (on the time-skipping test
 * server, so 31 s of backoff take none), and a slow portal call kept alive by its heartbeats on the dev
 * server (a call longer than the heartbeat timeout is neither timed out nor run twice).
 */
import { describe, expect, it } from 'vitest';
import { formatInvoiceKey } from '../portal/types.js';
import { PORTAL_RETRY_POLICY } from '../sync/retry-policy.js';
import { createFakePortal, fakeKey, validXml } from '../sync/testing/fake-portal.js';
import { createMemoryStore } from '../sync/testing/memory-store.js';
import {
  requireDevServer,
  requireTimeSkipping,
  startSyncHarness,
  useDevServer,
  useTimeSkippingServer,
} from '../testing/index.js';
import type { SyncProgress } from './definitions.js';

const TAX_CODE = '0312345678';

describe.skipIf(!requireTimeSkipping('retry schedule on the time-skipping server'))(
  'retry schedule on the time-skipping server',
  () => {
    const server = useTimeSkippingServer();

    it('a part whose passing faults outlast the retries stays not_synced and is counted', async () => {
      const portal = createFakePortal([{ ...fakeKey(1), xml: ['transient'] }, fakeKey(2)]);
      const store = createMemoryStore();
      const h = await startSyncHarness({
        env: server(),
        portal,
        store,
        prefix: 'timers',
        searchAttributes: false,
      });
      try {
        const result = (await server().client.workflow.execute('syncPeriodWorkflow', {
          workflowId: `retries-${Date.now()}`,
          taskQueue: h.taskQueues.sync,
          args: [
            {
              taxCode: TAX_CODE,
              direction: 'purchase',
              period: '2026-04',
              families: ['query'],
              parts: ['xml'],
              portalTaskQueue: h.taskQueues.portal,
            },
          ],
        })) as SyncProgress;
        expect(result.retriesExhausted).toBe(1);
        expect(result.counts.xml).toEqual({ synced: 1 });
        // Six attempts: the shared schedule's maximum.
        expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(1)))).toBe(6);
        const stored = (await store.getInvoice(fakeKey(1)))!;
        expect(stored.xml.status).toBe('not_synced');
        expect(stored.xml.attempts).toBe(6);
      } finally {
        await h.stop();
      }
    }, 120_000);

    it('429s are waited out on timers and do not spend the attempts kept for faults', async () => {
      // 8 refusals and 4 faults: with refusals counted as attempts, 6 attempts would have run out.
      const script = [
        ...Array<'rate_limited'>(8).fill('rate_limited'),
        ...Array<'transient'>(4).fill('transient'),
      ];
      const portal = createFakePortal([
        { ...fakeKey(1), xml: [...script, 'ok'] },
        { ...fakeKey(2), xml: ['rate_limited'] },
      ]);
      const store = createMemoryStore();
      const h = await startSyncHarness({
        env: server(),
        portal,
        store,
        prefix: 'refusals',
        searchAttributes: false,
      });
      try {
        const result = (await server().client.workflow.execute('syncPeriodWorkflow', {
          workflowId: `refusals-${Date.now()}`,
          taskQueue: h.taskQueues.sync,
          args: [
            {
              taxCode: TAX_CODE,
              direction: 'purchase',
              period: '2026-04',
              families: ['query'],
              parts: ['xml'],
              portalTaskQueue: h.taskQueues.portal,
              portalRetry: { ...PORTAL_RETRY_POLICY, maximumRateLimitWaits: 9 },
            },
          ],
        })) as SyncProgress;
        expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(1)))).toBe(script.length + 1);
        expect((await store.getInvoice(fakeKey(1)))!.xml.status).toBe('synced');
        // A portal that never stops refusing: the call and its 9 waited re-sends, then left for the next run.
        expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(2)))).toBe(10);
        expect((await store.getInvoice(fakeKey(2)))!.xml.status).toBe('not_synced');
        expect(result.counts.xml).toEqual({ synced: 1 });
        expect(result.retriesExhausted).toBe(1);
        expect(result.rateLimitWaits).toBe(8 + 9);
      } finally {
        await h.stop();
      }
    }, 120_000);
  },
);

describe.skipIf(!requireDevServer('slow portal calls on the Temporal dev server'))(
  'slow portal calls on the Temporal dev server',
  () => {
    const server = useDevServer();

    it('a call still running keeps heartbeating, and is not timed out or repeated', async () => {
      const portal = createFakePortal([fakeKey(7)]);
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      portal.exportXml = async (_family, key) => {
        portal.calls.xml.set(formatInvoiceKey(key), (portal.calls.xml.get(formatInvoiceKey(key)) ?? 0) + 1);
        await released;
        return validXml(key);
      };
      const h = await startSyncHarness({ env: server(), portal, store: createMemoryStore(), prefix: 'slow' });
      try {
        const started = await h.sync.startPeriodSync({
          taxCode: TAX_CODE,
          direction: 'purchase',
          period: '2026-04',
          families: ['query'],
          parts: ['xml'],
        });
        const batch = server().client.workflow.getHandle(`${started.workflowId}-batch-1`);
        // The server sees heartbeats well after the call started: the activity is alive, not silent.
        await expect
          .poll(
            async () => {
              const pending = (await batch.describe().catch(() => null))?.raw.pendingActivities?.[0];
              const startedAt = Number(pending?.lastStartedTime?.seconds ?? 0);
              const beatAt = Number(pending?.lastHeartbeatTime?.seconds ?? 0);
              return startedAt > 0 && beatAt - startedAt >= 6;
            },
            { timeout: 60_000, interval: 1_000 },
          )
          .toBe(true);
        release();
        const result = await h.sync.result(started.workflowId);
        expect(result.counts.xml).toEqual({ synced: 1 });
        expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(7)))).toBe(1);
      } finally {
        release();
        await h.stop();
      }
    }, 120_000);
  },
);
