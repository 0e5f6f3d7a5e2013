import { describe, expect, it } from 'vitest';
import { formatInvoiceKey } from '../portal/types.js';
import { SyncError } from '../sync/errors.js';
import { createFakePortal, fakeKey, fakeParsers, type FakeInvoice } from '../sync/testing/fake-portal.js';
import { createMemoryStore } from '../sync/testing/memory-store.js';
import { runDirectResync, runDirectSync, type HeartbeatSchedule, type ProgressEvent } from './run-direct.js';

/** A heartbeat schedule the test drives: `beat()` fires it; `stopped` tells whether the run stopped it. */
function manualHeartbeat() {
  const state = { beats: [] as (() => void)[], intervals: [] as number[], stopped: 0, started: 0 };
  const schedule: HeartbeatSchedule = (beat, intervalMs) => {
    state.started++;
    state.beats.push(beat);
    state.intervals.push(intervalMs);
    return () => void state.stopped++;
  };
  return { state, schedule, beat: () => state.beats.at(-1)!() };
}

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

describe('runs recorded truthfully', () => {
  it('a run where parts failed or ran out of retries is incomplete, with its counts; a clean one succeeded', async () => {
    // The portal died for the XML: every XML call fails transiently, so every XML part runs out of retries.
    const dying = createFakePortal(
      invoices(6, (index) => ({ xml: ['transient'], ...(index === 0 ? { details: ['not_found'] } : {}) })),
    );
    const store = createMemoryStore();
    const result = await runDirectSync({ ...common, portal: dying, store, directions: ['purchase'] });
    expect(result.status).toBe('incomplete');
    expect(result.retriesExhausted).toBe(6);
    const [run] = await store.listRuns();
    expect(run).toMatchObject({ status: 'incomplete', error: null });
    expect(run!.counts).toMatchObject({
      retriesExhausted: 6,
      'details.synced': 5,
      'details.failed': 1,
      listed: 6,
    });

    const healthy = createFakePortal(invoices(3));
    const clean = await runDirectSync({
      ...common,
      portal: healthy,
      store: createMemoryStore(),
      directions: ['purchase'],
    });
    expect(clean.status).toBe('succeeded');

    // Only a failed part (not_found) is enough.
    const oneFailed = createFakePortal(
      invoices(3, (index) => (index === 1 ? { details: ['not_found'] } : {})),
    );
    const failedStore = createMemoryStore();
    expect(
      (await runDirectSync({ ...common, portal: oneFailed, store: failedStore, directions: ['purchase'] }))
        .status,
    ).toBe('incomplete');
    // A re-sync naming an invoice that is not in the store did not do what it was asked either.
    const resync = await runDirectResync({
      ...common,
      portal: oneFailed,
      store: failedStore,
      keys: [fakeKey(42)],
    });
    expect(resync.status).toBe('incomplete');
    expect((await failedStore.listRuns())[0]).toMatchObject({ kind: 'resync', status: 'incomplete' });
  });

  it('a window the portal capped below its total makes the run incomplete', async () => {
    // Three invoices on one day, but the portal lets only two be paged through.
    const portal = createFakePortal(
      invoices(3, () => ({ ttxly: 5, family: 'query', issueDate: '2026-04-10' })),
      { pageSize: 1, listCap: 2 },
    );
    const store = createMemoryStore();
    const result = await runDirectSync({ ...common, portal, store, directions: ['purchase'], parts: [] });
    expect(result.cappedWindows).toBe(1);
    expect(result.listed).toBe(2);
    expect(result.status).toBe('incomplete');
    expect((await store.listRuns())[0]!.counts['cappedWindows']).toBe(1);
  });
});

describe('the run heartbeat', () => {
  it('beats while the run works and is stopped when it ends: success, cancel, fatal error', async () => {
    // A portal that waits for a heartbeat before answering a detail call: proof that beats reach the store.
    const store = createMemoryStore();
    const heartbeat = manualHeartbeat();
    const inner = createFakePortal(invoices(2));
    const portal = {
      ...inner,
      getDetail: async (...args: Parameters<typeof inner.getDetail>) => {
        heartbeat.beat();
        while ((store.heartbeats.get(1) ?? 0) === 0) await new Promise((resolve) => setImmediate(resolve));
        return inner.getDetail(...args);
      },
    };
    const done = await runDirectSync({
      ...common,
      portal,
      store,
      directions: ['purchase'],
      heartbeat: { intervalMs: 1234, schedule: heartbeat.schedule },
    });
    expect(done.status).toBe('succeeded');
    expect(heartbeat.state).toMatchObject({ started: 1, stopped: 1, intervals: [1234] });
    expect(store.heartbeats.get(1)).toBeGreaterThan(0);

    const controller = new AbortController();
    const cancelPortal = createFakePortal(invoices(4));
    cancelPortal.onCall = (endpoint) => endpoint === 'detail' && controller.abort(new Error('Ctrl+C'));
    const cancelled = manualHeartbeat();
    const stopped = await runDirectSync({
      ...common,
      portal: cancelPortal,
      store: createMemoryStore(),
      directions: ['purchase'],
      signal: controller.signal,
      heartbeat: { schedule: cancelled.schedule },
    });
    expect(stopped.status).toBe('cancelled');
    expect(cancelled.state).toMatchObject({ started: 1, stopped: 1 });

    const refused = manualHeartbeat();
    const badStore = createMemoryStore();
    await expect(
      runDirectSync({
        ...common,
        portal: createFakePortal(invoices(2, () => ({ details: ['bad_credentials'] }))),
        store: badStore,
        directions: ['purchase'],
        heartbeat: { schedule: refused.schedule },
      }),
    ).rejects.toThrow(SyncError);
    expect(refused.state).toMatchObject({ started: 1, stopped: 1 });
    // A heartbeat after the end (a timer already due) does not reopen the run.
    refused.beat();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await badStore.listRuns())[0]!.status).toBe('failed');
  });

  it('the default schedule is an unref-ed interval of RUN_HEARTBEAT_MS, cleared at the end', async () => {
    const store = createMemoryStore();
    const before = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const result = await runDirectResync({
      ...common,
      portal: createFakePortal(invoices(1)),
      store,
      keys: [fakeKey(0)],
    });
    expect(result.status).toBe('incomplete'); // fakeKey(0) was never listed: not in the store
    expect(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length).toBeLessThanOrEqual(
      before,
    );
  });
});
