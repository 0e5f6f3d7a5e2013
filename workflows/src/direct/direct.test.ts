import { describe, expect, it } from 'vitest';
import { formatInvoiceKey } from '../portal/types.js';
import { SyncError } from '../sync/errors.js';
import { createFakePortal, fakeKey, fakeParsers, type FakeInvoice } from '../sync/testing/fake-portal.js';
import { createMemoryStore } from '../sync/testing/memory-store.js';
import { runDirectResync, runDirectSync, type ProgressEvent } from './run-direct.js';

const TAX_CODE = '0312345678';
// Fast retries so tests of passing faults take milliseconds.
const FAST_RETRY = { initialIntervalMs: 1, backoffCoefficient: 2, maximumIntervalMs: 5, maximumAttempts: 4 };
const common = {
  parse: fakeParsers,
  rateLimitPerSecond: 1000,
  concurrency: 4,
  retryPolicy: FAST_RETRY,
  taxCode: TAX_CODE,
  period: '2026-04',
};

function invoices(count: number, extra: (index: number) => Partial<FakeInvoice> = () => ({})): FakeInvoice[] {
  return Array.from({ length: count }, (_, index) => ({
    ...fakeKey(index),
    ttxly: ([5, 6, 8] as const)[index % 3],
    family: index % 4 === 0 ? ('sco-query' as const) : ('query' as const),
    ...extra(index),
  }));
}

describe('runDirectSync', () => {
  it('lists every slice, then syncs details and XML of every invoice, with progress per part', async () => {
    const portal = createFakePortal(invoices(10), { pageSize: 3 });
    const store = createMemoryStore();
    const events: ProgressEvent[] = [];
    const result = await runDirectSync({
      ...common,
      portal,
      store,
      directions: ['purchase'],
      onProgress: (event) => events.push(event),
    });
    expect(result.listed).toBe(10);
    expect(result.counts.details.synced).toBe(10);
    expect(result.counts.xml.synced).toBe(10);
    expect(result.aborted).toBe(false);
    const lastOf = (part: string) => events.filter((event) => event.part === part).at(-1);
    expect(lastOf('headers')).toMatchObject({ done: 6, total: 6 });
    expect(lastOf('details')).toMatchObject({ done: 10, total: 10 });
    expect(lastOf('xml')).toMatchObject({ done: 10, total: 10 });
    const counts = await store.countByStatus({ taxCode: TAX_CODE });
    expect(counts.xml.synced).toBe(10);
    const [run] = await store.listRuns();
    expect(run).toMatchObject({ kind: 'sync', status: 'succeeded' });
    expect(run!.counts['xml.synced']).toBe(10);
  });

  it('passing faults are retried with the shared policy; outcomes that belong to the invoice are stored', async () => {
    const portal = createFakePortal(
      invoices(6, (index) =>
        index === 0
          ? { details: ['transient', 'rate_limited', 'ok'] }
          : index === 1
            ? { xml: ['unavailable'] }
            : index === 2
              ? { details: ['incomplete'], xml: ['auth_expired', 'ok'] }
              : index === 3
                ? { xml: ['transient'] }
                : index === 4
                  ? { details: ['not_found'] }
                  : {},
      ),
    );
    const store = createMemoryStore();
    const result = await runDirectSync({ ...common, portal, store, directions: ['purchase'] });
    expect(portal.calls.detail.get(formatInvoiceKey(fakeKey(0)))).toBe(3);
    expect(result.counts.details).toEqual({ synced: 4, incomplete: 1, failed: 1 });
    expect(result.counts.xml).toEqual({ synced: 4, unavailable: 1 });
    // Invoice 3's XML kept failing transiently: retries ran out after 4 attempts; still not_synced.
    expect(result.retriesExhausted).toBe(1);
    expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(3)))).toBe(4);
    expect((await store.getInvoice(fakeKey(3)))!.xml).toMatchObject({ status: 'not_synced', attempts: 4 });
    expect((await store.getInvoice(fakeKey(4)))!.details.status).toBe('failed');
  });

  it('crash and resume: abort midway, run again: nothing lost, nothing fetched or written twice', async () => {
    const all = invoices(24);
    const portal = createFakePortal(all, { pageSize: 5 });
    const store = createMemoryStore();
    const controller = new AbortController();
    let detailCalls = 0;
    portal.onCall = (endpoint) => {
      if (endpoint === 'detail' && ++detailCalls === 9) controller.abort(new Error('user pressed Ctrl+C'));
    };
    const first = await runDirectSync({
      ...common,
      portal,
      store,
      directions: ['purchase'],
      concurrency: 2,
      signal: controller.signal,
    });
    expect(first.aborted).toBe(true);
    const afterFirst = await store.countByStatus({ taxCode: TAX_CODE });
    expect(afterFirst.details.synced).toBeGreaterThan(0);
    expect(afterFirst.details.synced).toBeLessThan(24);
    expect((await store.listRuns())[0]!.status).toBe('cancelled');

    portal.onCall = undefined;
    const second = await runDirectSync({ ...common, portal, store, directions: ['purchase'] });
    expect(second.aborted).toBe(false);
    const final = await store.countByStatus({ taxCode: TAX_CODE });
    expect(final.details.synced).toBe(24);
    expect(final.xml.synced).toBe(24);
    expect(await store.listInvoices({ taxCode: TAX_CODE })).toHaveLength(24);
    // Every invoice's details and XML were saved exactly once, and each part fetched successfully once:
    // an extra call can only be the one in flight when the first run was aborted.
    expect(store.writes.details).toBe(24);
    expect(store.writes.xml).toBe(24);
    const extraDetailCalls = [...portal.calls.detail.values()].reduce((sum, count) => sum + count, 0) - 24;
    expect(extraDetailCalls).toBeLessThanOrEqual(2);
    expect(second.counts.details.synced).toBe(24 - afterFirst.details.synced);
  });

  it('a third run after everything is synced fetches nothing', async () => {
    const portal = createFakePortal(invoices(5));
    const store = createMemoryStore();
    await runDirectSync({ ...common, portal, store, directions: ['purchase'] });
    const before = { details: store.writes.details, xml: store.writes.xml };
    const again = await runDirectSync({ ...common, portal, store, directions: ['purchase'] });
    expect(again.counts).toEqual({ details: {}, xml: {} });
    expect({ details: store.writes.details, xml: store.writes.xml }).toEqual(before);
  });

  it('bad credentials stop the whole sync with a localisable error; the run is failed', async () => {
    const portal = createFakePortal(
      invoices(6, (index) => (index === 2 ? { details: ['bad_credentials'] } : {})),
    );
    const store = createMemoryStore();
    const error = await runDirectSync({
      ...common,
      portal,
      store,
      directions: ['purchase'],
      concurrency: 1,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).localized('vi')).toContain(TAX_CODE);
    expect((error as Error).message).not.toContain('hunter2-password');
    expect((await store.listRuns())[0]).toMatchObject({ status: 'failed' });
  });

  it('refuses bad input with the setting named', async () => {
    const portal = createFakePortal([]);
    const store = createMemoryStore();
    await expect(runDirectSync({ ...common, portal, store, period: '2026/04' })).rejects.toThrow(
      /"2026\/04"/,
    );
    await expect(runDirectSync({ ...common, portal, store, rateLimitPerSecond: 0 })).rejects.toThrow(
      /rate limit 0/,
    );
    await expect(runDirectSync({ ...common, portal, store, concurrency: 0 })).rejects.toThrow(/concurrency/);
  });

  it('honours the rate limit (Bottleneck minTime)', async () => {
    const portal = createFakePortal(
      invoices(3, () => ({ ttxly: 5, family: 'query' })),
      { pageSize: 10 },
    );
    const store = createMemoryStore();
    const started = Date.now();
    // 6 slices + 6 part calls = 12 calls at 40/s: at least 11 gaps of 25 ms.
    await runDirectSync({
      ...common,
      portal,
      store,
      directions: ['purchase'],
      rateLimitPerSecond: 40,
      concurrency: 8,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(11 * 25 - 5);
  });
});

describe('runDirectResync', () => {
  it('re-fetches chosen invoices even when synced (forced); repeated keys once', async () => {
    const portal = createFakePortal(invoices(4));
    const store = createMemoryStore();
    await runDirectSync({ ...common, portal, store, directions: ['purchase'] });
    const result = await runDirectResync({
      ...common,
      portal,
      store,
      keys: [fakeKey(1), fakeKey(1), fakeKey(2)],
      parts: ['xml'],
    });
    expect(result.listed).toBe(2);
    expect(result.counts.xml.synced).toBe(2);
    expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(1)))).toBe(2);
    expect(portal.calls.detail.get(formatInvoiceKey(fakeKey(1)))).toBe(1);
  });

  it('--missing picks only parts not synced yet', async () => {
    const portal = createFakePortal(
      invoices(4, (index) => (index === 3 ? { xml: ['unavailable', 'ok'] } : {})),
    );
    const store = createMemoryStore();
    await runDirectSync({ ...common, portal, store, directions: ['purchase'] });
    const result = await runDirectResync({
      ...common,
      portal,
      store,
      missing: { taxCode: TAX_CODE, period: '2026-04' },
    });
    expect(result.listed).toBe(1);
    expect(result.counts).toEqual({ details: {}, xml: { synced: 1 } });
    expect((await store.getInvoice(fakeKey(3)))!.xml.status).toBe('synced');
  });

  it('an unknown key is reported by key, not thrown', async () => {
    const portal = createFakePortal([]);
    const store = createMemoryStore();
    const result = await runDirectResync({
      ...common,
      portal,
      store,
      keys: [fakeKey(7)],
      parts: ['details'],
    });
    expect(result.errors).toEqual([
      {
        key: formatInvoiceKey(fakeKey(7)),
        part: 'details',
        error: expect.stringContaining('not in the store'),
        cause: expect.objectContaining({ messageKey: 'invoiceNotInStore' }),
      },
    ]);
  });
});
