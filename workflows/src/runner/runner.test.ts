/**
 * The in-process runner against the scripted portal and the memory store, and the pure parts of the
 * Temporal runner (its report and progress from the workflows' progress, UI links). The Temporal runner
 * itself runs on a real server in `cli/cli-temporal.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { formatInvoiceKey } from '../portal/types.js';
import { createFakePortal, fakeKey, fakeParsers, type FakeInvoice } from '../sync/testing/fake-portal.js';
import { createMemoryStore } from '../sync/testing/memory-store.js';
import { emptyProgress } from '../workflows/definitions.js';
import {
  createInProcessRunner,
  progressEvents,
  reportFromProgress,
  uiUrlFor,
  workflowUiLink,
  type ProgressEvent,
  type RunStarted,
} from './index.js';

const TAX_CODE = '0312345678';
const FAST_RETRY = { initialIntervalMs: 1, backoffCoefficient: 2, maximumIntervalMs: 5, maximumAttempts: 3 };

function invoices(count: number, extra: (index: number) => Partial<FakeInvoice> = () => ({})): FakeInvoice[] {
  return Array.from({ length: count }, (_, index) => ({ ...fakeKey(index), ttxly: 5, ...extra(index) }));
}

function setup(fake: FakeInvoice[], signal?: AbortSignal) {
  const portal = createFakePortal(fake, { pageSize: 3 });
  const store = createMemoryStore();
  const runner = createInProcessRunner({
    portal,
    store,
    rate: 1000,
    concurrency: 4,
    parse: fakeParsers,
    retryPolicy: FAST_RETRY,
    ...(signal ? { signal } : {}),
  });
  return { portal, store, runner };
}

describe('createInProcessRunner', () => {
  it('syncs a period: started with the store run first, progress per part, counts in the report', async () => {
    const { store, runner } = setup(invoices(7, (index) => (index === 2 ? { xml: ['unavailable'] } : {})));
    expect(runner).toMatchObject({ mode: 'in-process', description: 'in-process', temporal: null });
    const seen: (RunStarted | ProgressEvent)[] = [];
    const report = await runner.syncPeriod(
      { taxCode: TAX_CODE, period: '2026-04', directions: ['purchase'], parts: ['details', 'xml'] },
      { onStarted: (started) => seen.push(started), onProgress: (event) => seen.push(event) },
    );
    const [run] = await store.listRuns();
    expect(seen[0]).toEqual({ mode: 'in-process', runId: run!.id });
    expect(seen.filter((item) => 'mode' in item)).toHaveLength(1);
    const last = (part: string) => seen.filter((item) => 'part' in item && item.part === part).at(-1);
    expect(last('details')).toMatchObject({ done: 7, total: 7 });
    expect(last('xml')).toMatchObject({ done: 7, total: 7 });
    expect(report).toMatchObject({
      mode: 'in-process',
      listed: 7,
      counts: { details: { synced: 7 }, xml: { synced: 6, unavailable: 1 } },
      skipped: 0,
      errors: [],
      errorCount: 0,
      aborted: false,
      detached: false,
      runId: run!.id,
      workflows: [],
      added: null,
    });
    await runner.close();
  });

  it('re-syncs chosen keys (forced) and reports a key not in the store with key, part and message', async () => {
    const { portal, runner } = setup(invoices(4));
    await runner.syncPeriod({
      taxCode: TAX_CODE,
      period: '2026-04',
      directions: ['purchase'],
      parts: ['details', 'xml'],
    });
    const stranger = { ...fakeKey(99), khhdon: 'C26TZZ' };
    const report = await runner.resync({
      taxCode: TAX_CODE,
      parts: ['details'],
      force: true,
      keys: [fakeKey(1), stranger],
    });
    expect(portal.calls.detail.get(formatInvoiceKey(fakeKey(1)))).toBe(2);
    expect(report.listed).toBe(2);
    expect(report.counts.details).toEqual({ synced: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({
        key: formatInvoiceKey(stranger),
        part: 'details',
        message: expect.stringContaining('not in the store'),
      }),
    ]);
    expect(report.errorCount).toBe(1);
  });

  it('re-syncs what is missing, narrowed by the request, without forcing', async () => {
    const fake = invoices(6, (index) => (index < 2 ? { xml: ['unavailable', 'ok'] } : {}));
    const { portal, runner } = setup(fake);
    await runner.syncPeriod({
      taxCode: TAX_CODE,
      period: '2026-04',
      directions: ['purchase'],
      parts: ['details', 'xml'],
    });
    const report = await runner.resync({
      taxCode: TAX_CODE,
      parts: ['xml'],
      force: false,
      missing: { period: '2026-04', limit: 1 },
    });
    expect(report.listed).toBe(1);
    expect(report.counts.xml).toEqual({ synced: 1 });
    const again = await runner.resync({ taxCode: TAX_CODE, parts: ['xml'], force: false, missing: {} });
    expect(again.listed).toBe(1);
    expect(again.counts.xml).toEqual({ synced: 1 });
    // Every XML fetched once, the two late ones once more; details never again.
    expect([...portal.calls.xml.values()].reduce((a, b) => a + b, 0)).toBe(8);
    expect([...portal.calls.detail.values()].reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('stopped by the signal: the report says aborted, the store run is cancelled', async () => {
    const controller = new AbortController();
    const { portal, store, runner } = setup(invoices(12), controller.signal);
    portal.onCall = (endpoint) => {
      if (endpoint === 'detail') controller.abort();
    };
    const report = await runner.syncPeriod({
      taxCode: TAX_CODE,
      period: '2026-04',
      directions: ['purchase'],
      parts: ['details', 'xml'],
    });
    expect(report.aborted).toBe(true);
    expect(report.detached).toBe(false);
    expect((await store.listRuns())[0]!.status).toBe('cancelled');
  });
});

describe('the Temporal runner report', () => {
  const progress = (
    listed: number,
    synced: number,
    extra: Partial<ReturnType<typeof emptyProgress>> = {},
  ) => ({
    ...emptyProgress('syncing'),
    slicesTotal: 4,
    slicesDone: 2,
    listed,
    counts: { details: { synced }, xml: { synced, unavailable: 1 } },
    ...extra,
  });

  it('adds up the workflows of a run', () => {
    const workflows = [{ workflowId: 'a', runId: 'r', uiUrl: null }];
    const report = reportFromProgress(
      [progress(10, 8, { skipped: 2, errors: 1, retriesExhausted: 1 }), progress(5, 5, { cappedWindows: 1 })],
      workflows,
    );
    expect(report).toMatchObject({
      mode: 'temporal',
      listed: 15,
      counts: { details: { synced: 13 }, xml: { synced: 13, unavailable: 2 } },
      skipped: 2,
      retriesExhausted: 1,
      cappedWindows: 1,
      errors: [],
      errorCount: 1,
      workflows,
    });
  });

  it('turns progress into the in-process runner progress events', () => {
    expect(progressEvents([progress(10, 3), progress(6, 1)])).toEqual([
      { part: 'headers', done: 4, total: 8 },
      { part: 'details', done: 4, total: 16 },
      { part: 'xml', done: 6, total: 16 },
    ]);
    expect(progressEvents([emptyProgress()])).toEqual([]);
  });

  it('links to a run in the Temporal UI, and finds the UI of a local dev server', () => {
    expect(
      workflowUiLink('http://127.0.0.1:8233/', 'default', 'sync-0312345678-purchase-2026-04', 'abc'),
    ).toBe('http://127.0.0.1:8233/namespaces/default/workflows/sync-0312345678-purchase-2026-04/abc');
    expect(workflowUiLink('http://ui', 'n s', 'a/b')).toBe('http://ui/namespaces/n%20s/workflows/a%2Fb');
    expect(uiUrlFor('127.0.0.1:7233', {})).toBe('http://127.0.0.1:8233');
    expect(uiUrlFor('localhost:17233', {})).toBe('http://localhost:18233');
    expect(uiUrlFor('temporal.example:7233', {})).toBe('http://localhost:8233');
    expect(uiUrlFor('127.0.0.1:7233', { TEMPORAL_UI_URL: 'https://ui.example/' })).toBe('https://ui.example');
  });
});
