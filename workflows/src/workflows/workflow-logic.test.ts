/**
 * Workflow logic against a stand-in for `@temporalio/workflow` (no server needed): activities are the
 * real sync operations over the fake portal and in-memory store, retried per the shared policy without
 * waiting; children run inline; continue-as-new is captured and re-run; handlers are callable.
 * The real-server suite (`real-server.test.ts`) covers the genuine SDK when a server is configured.
 */
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, RetryState } from '@temporalio/common';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncOperations } from '../activities/operations.js';
import { toActivityFailure } from '../activities/failures.js';
import { formatInvoiceKey, type InvoiceKey } from '../portal/types.js';
import { temporalRetryPolicy } from '../sync/retry-policy.js';
import {
  createFakePortal,
  fakeKey,
  fakeParsers,
  type FakeInvoice,
  type FakePortal,
} from '../sync/testing/fake-portal.js';
import { createMemoryStore, type MemoryStore } from '../sync/testing/memory-store.js';

interface Scope {
  workflowId: string;
  handlers: Map<
    string,
    { handler: (...args: unknown[]) => unknown; validator?: (...args: unknown[]) => void }
  >;
}

const sandbox = vi.hoisted(() => ({
  scope: { workflowId: 'root', handlers: new Map() } as Scope,
  activities: {} as Record<string, (input: unknown) => Promise<unknown>>,
  continueAsNewSuggested: false,
  searchAttributesSet: true,
  upserts: [] as { key: { name: string }; value: unknown }[],
  children: [] as { workflowId: string; args: unknown[] }[],
  ContinueAsNew: class ContinueAsNew extends Error {
    constructor(readonly args: unknown[]) {
      super('continue-as-new');
    }
  },
}));

vi.mock('@temporalio/workflow', async () => {
  const common = await import('@temporalio/common');
  const define = (name: string) => ({ name });
  return {
    ActivityFailure: common.ActivityFailure,
    ApplicationFailure: common.ApplicationFailure,
    ChildWorkflowFailure: common.ChildWorkflowFailure,
    defineQuery: define,
    defineSignal: define,
    defineUpdate: define,
    proxyActivities: () =>
      new Proxy({}, { get: (_target, name: string) => (input: unknown) => sandbox.activities[name]!(input) }),
    setHandler: (
      definition: { name: string },
      handler: (...args: unknown[]) => unknown,
      options?: { validator?: (...args: unknown[]) => void },
    ) => {
      sandbox.scope.handlers.set(definition.name, {
        handler,
        ...(options?.validator ? { validator: options.validator } : {}),
      });
    },
    workflowInfo: () => ({
      workflowId: sandbox.scope.workflowId,
      continueAsNewSuggested: sandbox.continueAsNewSuggested,
      typedSearchAttributes: { get: () => (sandbox.searchAttributesSet ? 'set' : undefined) },
    }),
    upsertSearchAttributes: (pairs: { key: { name: string }; value: unknown }[]) =>
      sandbox.upserts.push(...pairs),
    continueAsNew: async (...args: unknown[]) => {
      throw new sandbox.ContinueAsNew(args);
    },
    allHandlersFinished: () => true,
    condition: async (predicate: () => boolean, timeout?: number) => {
      const until = timeout === undefined ? Number.POSITIVE_INFINITY : Date.now() + Number(timeout);
      while (!predicate()) {
        if (Date.now() >= until) return false;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return true;
    },
    executeChild: (
      workflow: (...args: unknown[]) => Promise<unknown>,
      options: { workflowId: string; args: unknown[] },
    ) => {
      sandbox.children.push({ workflowId: options.workflowId, args: options.args });
      const parent = sandbox.scope;
      sandbox.scope = { workflowId: options.workflowId, handlers: new Map() };
      const running = workflow(...options.args);
      sandbox.scope = parent;
      return running.catch((error: unknown) => {
        throw new common.ChildWorkflowFailure(
          'default',
          { workflowId: options.workflowId, runId: 'r' },
          'child',
          common.RetryState.NON_RETRYABLE_FAILURE,
          error as Error,
        );
      });
    },
  };
});

const { syncPeriodWorkflow } = await import('./sync-period.js');
const { resyncInvoicesWorkflow } = await import('./resync-invoices.js');
const { recheckWorkflow } = await import('./recheck.js');

const TAX_CODE = '0312345678';
let portal: FakePortal;
let store: MemoryStore;

/** Activities as Temporal would run them: retried per the policy (without the waits), failures wrapped. */
function install(invoices: FakeInvoice[], now = new Date('2026-04-20T05:00:00Z')) {
  portal = createFakePortal(invoices, { pageSize: 2 });
  store = createMemoryStore();
  const operations = createSyncOperations({ portal, store, parse: fakeParsers, now: () => now });
  const policy = temporalRetryPolicy();
  const wrap =
    (run: (input: never) => Promise<unknown>, name: string) =>
    async (input: unknown): Promise<unknown> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await run(input as never);
        } catch (error) {
          const failure = toActivityFailure(error);
          const final =
            !(failure instanceof ApplicationFailure) ||
            failure.nonRetryable ||
            attempt >= policy.maximumAttempts!;
          if (final)
            throw new ActivityFailure(
              'activity failed',
              name,
              'id',
              RetryState.MAXIMUM_ATTEMPTS_REACHED,
              undefined,
              failure as Error,
            );
        }
      }
    };
  sandbox.activities = {
    listHeadersPage: wrap((input) => operations.listHeadersPage(input), 'listHeadersPage'),
    syncDetails: wrap((input) => operations.syncDetails(input), 'syncDetails'),
    syncXml: wrap((input) => operations.syncXml(input), 'syncXml'),
    selectInvoices: wrap((input) => operations.selectInvoices(input), 'selectInvoices'),
  };
}

/** Runs a workflow as the server would across continue-as-new, counting the runs. */
async function runToEnd<I, R>(
  workflow: (input: I) => Promise<R>,
  input: I,
  workflowId: string,
): Promise<{ result: R; runs: number }> {
  let args: unknown[] = [input];
  for (let runs = 1; runs < 50; runs++) {
    sandbox.scope = { workflowId, handlers: new Map() };
    try {
      return { result: await workflow(...(args as [I])), runs };
    } catch (error) {
      if (!(error instanceof sandbox.ContinueAsNew)) throw error;
      args = error.args;
    }
  }
  throw new Error('too many runs');
}

function invoices(count: number, extra: (index: number) => Partial<FakeInvoice> = () => ({})): FakeInvoice[] {
  return Array.from({ length: count }, (_, index) => ({ ...fakeKey(index), ttxly: 5, ...extra(index) }));
}

beforeEach(() => {
  sandbox.continueAsNewSuggested = false;
  sandbox.searchAttributesSet = true;
  sandbox.upserts = [];
  sandbox.children = [];
});

describe('syncPeriodWorkflow', () => {
  it('lists in pages, batches keys into child workflows, and reports progress', async () => {
    install(invoices(7, (index) => (index === 6 ? { xml: ['unavailable'] } : {})));
    const { result } = await runToEnd(
      syncPeriodWorkflow,
      { taxCode: TAX_CODE, direction: 'purchase', period: '2026-04', families: ['query'], batchSize: 3 },
      'sync-p',
    );
    expect(result).toMatchObject({
      phase: 'done',
      listed: 7,
      batchesStarted: 3,
      batchesDone: 3,
      outstanding: 0,
      slicesTotal: 3,
      slicesDone: 3,
    });
    expect(result.counts).toEqual({ details: { synced: 7 }, xml: { synced: 6, unavailable: 1 } });
    expect(sandbox.children.map((child) => child.workflowId)).toEqual([
      'sync-p-batch-1',
      'sync-p-batch-2',
      'sync-p-batch-3',
    ]);
    // Children get keys only; bodies never travel.
    expect(JSON.stringify(sandbox.children)).not.toContain('<HDon');
    const outstanding = sandbox.upserts
      .filter((pair) => pair.key.name === 'OutstandingCount')
      .map((pair) => pair.value);
    expect(outstanding.at(-1)).toBe(0);
    expect(Math.max(...(outstanding as number[]))).toBeGreaterThan(0);
  });

  it('continues as new before history grows, without losing or repeating keys', async () => {
    install(invoices(9));
    const { result, runs } = await runToEnd(
      syncPeriodWorkflow,
      {
        taxCode: TAX_CODE,
        direction: 'purchase',
        period: '2026-04',
        families: ['query'],
        batchSize: 4,
        maxPagesPerRun: 2,
      },
      'sync-c',
    );
    expect(runs).toBeGreaterThan(2);
    expect(result.continuedAsNew).toBe(runs - 1);
    expect(result.listed).toBe(9);
    const batched = sandbox.children.flatMap((child) =>
      (child.args[0] as { items: { key: InvoiceKey }[] }).items.map((item) => formatInvoiceKey(item.key)),
    );
    expect(batched.sort()).toEqual(invoices(9).map(formatInvoiceKey).sort());
    expect(new Set(sandbox.children.map((child) => child.workflowId)).size).toBe(sandbox.children.length);
    expect(result.counts.xml.synced).toBe(9);
  });

  it('continues as new when the server suggests it', async () => {
    install(invoices(4));
    sandbox.continueAsNewSuggested = true;
    const first = await syncPeriodWorkflow({
      taxCode: TAX_CODE,
      direction: 'purchase',
      period: '2026-04',
      families: ['query'],
    }).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(sandbox.ContinueAsNew);
    const [next] = (first as InstanceType<typeof sandbox.ContinueAsNew>).args as [
      {
        resume: { sliceIndex: number; state: string | null; sliceKeys: InvoiceKey[]; pending: InvoiceKey[] };
      },
    ];
    // Mid-slice: the page's keys wait with the cursor until the slice proves complete.
    expect(next.resume).toMatchObject({ sliceIndex: 0, state: '2', pending: [] });
    expect(next.resume.sliceKeys).toHaveLength(2);
  });

  it('a window the portal capped is listed again in halves; every invoice is batched exactly once', async () => {
    install([]);
    const days = ['2026-04-02', '2026-04-05', '2026-04-11', '2026-04-17', '2026-04-23', '2026-04-29'];
    const all = days.map((issueDate, index) => ({ ...fakeKey(index), ttxly: 5 as const, issueDate }));
    portal = createFakePortal(all, { pageSize: 2, listCap: 4 });
    const operations = createSyncOperations({ portal, store, parse: fakeParsers });
    sandbox.activities.listHeadersPage = (input) => operations.listHeadersPage(input as never);
    sandbox.activities.syncDetails = (input) => operations.syncDetails(input as never);
    sandbox.activities.syncXml = (input) => operations.syncXml(input as never);
    const { result } = await runToEnd(
      syncPeriodWorkflow,
      {
        taxCode: TAX_CODE,
        direction: 'purchase',
        period: '2026-04',
        families: ['query'],
        window: 'month',
        batchSize: 10,
      },
      'sync-cap',
    );
    const batched = sandbox.children.flatMap((child) =>
      (child.args[0] as { items: { key: InvoiceKey }[] }).items.map((item) => formatInvoiceKey(item.key)),
    );
    expect(batched.sort()).toEqual(all.map(formatInvoiceKey).sort());
    expect(result.listed).toBe(6);
    expect(result.cappedWindows).toBe(0);
    expect(result.slicesTotal).toBeGreaterThan(3);
  });

  it('a bad period or batch size fails the workflow (non-retryable) instead of looping its task', async () => {
    install([]);
    const badPeriod = await syncPeriodWorkflow({
      taxCode: TAX_CODE,
      direction: 'purchase',
      period: '2026-4',
    }).catch((error: unknown) => error);
    expect(badPeriod).toBeInstanceOf(ApplicationFailure);
    expect(badPeriod).toMatchObject({
      type: 'invalid_input',
      nonRetryable: true,
      message: expect.stringContaining('"2026-4"'),
    });
    const badBatch = await syncPeriodWorkflow({
      taxCode: TAX_CODE,
      direction: 'purchase',
      period: '2026-04',
      batchSize: 0,
    }).catch((error: unknown) => error);
    expect(badBatch).toMatchObject({ type: 'invalid_input', nonRetryable: true });
    await expect(recheckWorkflow({ batchSize: 1.5 })).rejects.toMatchObject({ type: 'invalid_input' });
  });

  it('does not upsert search attributes the starter did not set', async () => {
    install(invoices(2));
    sandbox.searchAttributesSet = false;
    await runToEnd(
      syncPeriodWorkflow,
      { taxCode: TAX_CODE, direction: 'purchase', period: '2026-04', families: ['query'] },
      'sync-n',
    );
    expect(sandbox.upserts).toEqual([]);
  });

  it('bad credentials in a batch fail the coordinator; passing faults that outlast retries are counted', async () => {
    install(invoices(4, (index) => (index === 1 ? { xml: ['transient'] } : {})));
    const { result } = await runToEnd(
      syncPeriodWorkflow,
      { taxCode: TAX_CODE, direction: 'purchase', period: '2026-04', families: ['query'], batchSize: 2 },
      'sync-t',
    );
    expect(result.retriesExhausted).toBe(1);
    expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(1)))).toBe(6);

    install(invoices(4, (index) => (index === 2 ? { details: ['bad_credentials'] } : {})));
    const failure = await runToEnd(
      syncPeriodWorkflow,
      { taxCode: TAX_CODE, direction: 'purchase', period: '2026-04', families: ['query'], batchSize: 2 },
      'sync-b',
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChildWorkflowFailure);
  });
});

describe('resyncInvoicesWorkflow', () => {
  it('joins repeated invoices, accepts more through the update while running, and validates input', async () => {
    install(invoices(4));
    await runToEnd(
      syncPeriodWorkflow,
      { taxCode: TAX_CODE, direction: 'purchase', period: '2026-04', families: ['query'] },
      'seed',
    );
    sandbox.scope = { workflowId: 'resync-1', handlers: new Map() };
    const running = resyncInvoicesWorkflow({
      taxCode: TAX_CODE,
      parts: ['xml'],
      keys: [fakeKey(0), fakeKey(1), fakeKey(1)],
      lingerMs: 200,
    });
    const update = sandbox.scope.handlers.get('addInvoices')!;
    expect(() => update.validator!([{ nbmst: '', khmshdon: 1, khhdon: 'C26TAS', shdon: 1 }])).toThrow(
      /invoice keys/,
    );
    expect(update.handler([fakeKey(1), fakeKey(2)])).toEqual({
      accepted: 1,
      joined: 1,
      queued: expect.any(Number),
    });
    const progress = sandbox.scope.handlers.get('getProgress')!.handler() as { listed: number };
    expect(progress.listed).toBe(3);
    const result = await running;
    expect(result.counts.xml.synced).toBe(3);
    // Forced: already-synced XML was fetched again, once per invoice.
    expect([0, 1, 2].map((index) => portal.calls.xml.get(formatInvoiceKey(fakeKey(index))))).toEqual([
      2, 2, 2,
    ]);
    expect(portal.calls.xml.get(formatInvoiceKey(fakeKey(3)))).toBe(1);
  });

  it('the signal (signal-with-start) queues valid keys and drops malformed entries', async () => {
    install(invoices(3));
    await runToEnd(
      syncPeriodWorkflow,
      { taxCode: TAX_CODE, direction: 'purchase', period: '2026-04', families: ['query'] },
      'seed',
    );
    sandbox.scope = { workflowId: 'resync-2', handlers: new Map() };
    const running = resyncInvoicesWorkflow({ taxCode: TAX_CODE, parts: ['details'], lingerMs: 100 });
    sandbox.scope.handlers.get('addInvoicesSignal')!.handler([fakeKey(0), { nbmst: 42 }, fakeKey(2)]);
    const result = await running;
    expect(result.listed).toBe(2);
    expect(result.counts.details.synced).toBe(2);
  });
});

describe('recheckWorkflow', () => {
  it('re-checks only unavailable or incomplete parts that are due', async () => {
    install(
      invoices(3, (index) => (index === 0 ? { xml: ['unavailable', 'ok'], issueDate: '2026-04-19' } : {})),
    );
    await runToEnd(
      syncPeriodWorkflow,
      { taxCode: TAX_CODE, direction: 'purchase', period: '2026-04', families: ['query'] },
      'seed',
    );
    const early = await recheckWorkflow({ taxCode: TAX_CODE });
    expect(early.listed).toBe(0);
    // Two hours later the 1-hour re-check of a 1-day-old invoice is due.
    const later = new Date('2026-04-20T07:00:00Z');
    const operations = createSyncOperations({ portal, store, parse: fakeParsers, now: () => later });
    sandbox.activities.selectInvoices = (input) => operations.selectInvoices(input as never);
    const due = await recheckWorkflow({ taxCode: TAX_CODE });
    expect(due).toMatchObject({ listed: 1, counts: { details: {}, xml: { synced: 1 } } });
    expect((await store.getInvoice(fakeKey(0)))!.xml.status).toBe('synced');
  });
});
