import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger } from '@temporalio/worker';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatInvoiceKey } from '../portal/types.js';
import { createFakePortal, fakeKey, fakeParsers, type FakeInvoice } from '../sync/testing/fake-portal.js';
import { createMemoryStore, type MemoryStore } from '../sync/testing/memory-store.js';
import { createActivities } from './create-activities.js';
import type { ListPageResult } from './operations.js';
import type { ListingSlice } from '../sync/plan.js';

const TAX_CODE = '0312345678';
const SLICE: ListingSlice = {
  family: 'query',
  direction: 'purchase',
  ttxly: 5,
  from: '2026-04-01',
  to: '2026-04-30',
};
const NOW = new Date('2026-04-20T05:00:00Z');

function setup(invoices: FakeInvoice[]) {
  const portal = createFakePortal(invoices, { pageSize: 2 });
  const store = createMemoryStore();
  const activities = createActivities({ portal, store, parse: fakeParsers, now: () => NOW });
  return { portal, store, activities };
}

async function listAll(env: MockActivityEnvironment, activities: ReturnType<typeof setup>['activities']) {
  let state: string | null = null;
  const keys: string[] = [];
  do {
    const page: ListPageResult = await run(env, activities.listHeadersPage, {
      taxCode: TAX_CODE,
      slice: SLICE,
      state,
    });
    keys.push(...page.keys.map(formatInvoiceKey));
    state = page.nextState;
  } while (state !== null);
  return keys;
}

/** `MockActivityEnvironment.run` with the activity's own result type. */
function run<A, R>(env: MockActivityEnvironment, activity: (input: A) => Promise<R>, input: A): Promise<R> {
  return env.run(activity as never, input as never) as Promise<R>;
}

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  }
  throw new Error('expected the activity to fail');
}

describe('activities', () => {
  let env: MockActivityEnvironment;
  const heartbeats: unknown[] = [];
  beforeEach(() => {
    // Failing activities are expected here: keep the SDK's warnings out of the test output.
    env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
    heartbeats.length = 0;
    env.on('heartbeat', (details: unknown) => heartbeats.push(details));
  });

  it('listHeadersPage upserts headers and returns only keys and the cursor; repeating it duplicates nothing', async () => {
    const invoices = [1, 2, 3].map((index) => ({ ...fakeKey(index) }));
    const { store, activities } = setup(invoices);
    const first = await run(env, activities.listHeadersPage, {
      taxCode: TAX_CODE,
      slice: SLICE,
      state: null,
    });
    expect(Object.keys(first).sort()).toEqual(['keys', 'nextState', 'total']);
    expect(first.keys).toHaveLength(2);
    expect(first.keys[0]).toEqual(fakeKey(1));
    expect(first.total).toBe(3);
    expect(heartbeats).toHaveLength(1);
    const keys = await listAll(env, activities);
    expect(keys).toEqual(invoices.map(formatInvoiceKey));
    expect(await store.listInvoices({ taxCode: TAX_CODE })).toHaveLength(3);
  });

  it('syncDetails and syncXml store outcomes and return small status objects without bodies', async () => {
    const key = fakeKey(1);
    const { store, activities } = setup([{ ...key }]);
    await listAll(env, activities);
    const details = await run(env, activities.syncDetails, { key });
    expect(details).toEqual({
      key: formatInvoiceKey(key),
      part: 'details',
      status: 'synced',
      skipped: false,
      error: null,
    });
    const xml = await run(env, activities.syncXml, { key });
    expect(xml).toMatchObject({ status: 'synced' });
    expect(JSON.stringify(xml)).not.toContain('<HDon');
    expect(await store.getRawXml(key)).toContain('<HDon>');
    expect((await store.getInvoice(key))!.details.status).toBe('synced');
  });

  it('a second sync of a synced part is skipped without calling the portal; force fetches again', async () => {
    const key = fakeKey(1);
    const { portal, activities } = setup([{ ...key }]);
    await listAll(env, activities);
    await run(env, activities.syncXml, { key });
    const again = await run(env, activities.syncXml, { key });
    expect(again).toMatchObject({ status: 'synced', skipped: true });
    expect(portal.calls.xml.get(formatInvoiceKey(key))).toBe(1);
    await run(env, activities.syncXml, { key, force: true });
    expect(portal.calls.xml.get(formatInvoiceKey(key))).toBe(2);
  });

  it('a listing without an XML record (hsgoc null) costs no portal call on the first pass; a re-check asks', async () => {
    const key = fakeKey(1);
    const { portal, store, activities } = setup([{ ...key, hsgoc: null }]);
    await listAll(env, activities);
    const first = await run(env, activities.syncXml, { key });
    expect(first).toMatchObject({ status: 'unavailable', skipped: false });
    expect(portal.calls.xml.get(formatInvoiceKey(key)) ?? 0).toBe(0);
    const stored = (await store.getInvoice(key))!;
    expect(stored.xml.attempts).toBe(1);
    expect(stored.xml.nextCheckAt).not.toBeNull();
    // The portal may hold the XML by now: the re-check asks it (the fake has it).
    expect(await run(env, activities.syncXml, { key })).toMatchObject({ status: 'synced' });
    expect(portal.calls.xml.get(formatInvoiceKey(key))).toBe(1);
  });

  it('unavailable XML and incomplete details are stored with a next check; a broken XML is failed with a reason', async () => {
    const unavailable = {
      ...fakeKey(1),
      issueDate: '2026-04-19',
      xml: ['unavailable' as const],
      details: ['incomplete' as const],
    };
    const broken = { ...fakeKey(2), xml: ['bad-xml' as const] };
    const { store, activities } = setup([unavailable, broken]);
    await listAll(env, activities);
    expect(await run(env, activities.syncXml, { key: fakeKey(1) })).toMatchObject({
      status: 'unavailable',
      skipped: false,
    });
    expect(await run(env, activities.syncDetails, { key: fakeKey(1) })).toMatchObject({
      status: 'incomplete',
      error: '1 line(s) without a name',
    });
    const stored = (await store.getInvoice(fakeKey(1)))!;
    expect(stored.xml.nextCheckAt!.getTime() - NOW.getTime()).toBe(3_600_000);
    expect(stored.details.nextCheckAt).not.toBeNull();
    const failed = await run(env, activities.syncXml, { key: fakeKey(2) });
    expect(failed).toMatchObject({ status: 'failed' });
    expect('error' in failed && failed.error).toContain(formatInvoiceKey(fakeKey(2)));
    // Unreadable XML is kept for diagnosis.
    expect(await store.getRawXml(fakeKey(2))).toBe('<HDon><unclosed>');
  });

  it('a 429 on a part is returned as a wait (Retry-After), faults become retryable failures; each attempt is recorded', async () => {
    const key = { ...fakeKey(1), details: ['rate_limited' as const], xml: ['transient' as const] };
    const { store, activities } = setup([key]);
    await listAll(env, activities);
    const limited = await run(env, activities.syncDetails, { key: fakeKey(1) });
    expect(limited).toEqual({ rateLimited: true, retryAfterMs: 5 });
    const transient = await failureOf(run(env, activities.syncXml, { key: fakeKey(1) }));
    expect(transient).toMatchObject({ type: 'transient', nonRetryable: false });
    const stored = (await store.getInvoice(fakeKey(1)))!;
    expect(stored.details).toMatchObject({ status: 'not_synced', attempts: 1 });
    expect(stored.xml.lastError).toBeTruthy();
  });

  it('bad credentials are non-retryable and leave the invoice untouched; messages never carry the password', async () => {
    const { store, activities } = setup([{ ...fakeKey(1), details: ['bad_credentials'] }]);
    await listAll(env, activities);
    const failure = await failureOf(run(env, activities.syncDetails, { key: fakeKey(1) }));
    expect(failure).toMatchObject({ type: 'bad_credentials', nonRetryable: true });
    expect(JSON.stringify({ message: failure.message, details: failure.details })).not.toContain(
      'hunter2-password',
    );
    expect((await store.getInvoice(fakeKey(1)))!.details).toMatchObject({
      status: 'not_synced',
      attempts: 0,
    });
  });

  it('an invoice missing from the store is a non-retryable invalid_input naming the key', async () => {
    const { activities } = setup([]);
    const failure = await failureOf(run(env, activities.syncXml, { key: fakeKey(9) }));
    expect(failure).toMatchObject({ type: 'invalid_input', nonRetryable: true });
    expect(failure.message).toContain(formatInvoiceKey(fakeKey(9)));
  });

  it('selectInvoices finds missing parts, and due re-checks only once their time has come', async () => {
    const { store, activities } = setup([
      { ...fakeKey(1), xml: ['unavailable'], details: ['ok'], issueDate: '2026-04-19' },
      { ...fakeKey(2), issueDate: '2026-04-19' },
      { ...fakeKey(3), issueDate: '2026-04-19' },
    ]);
    await listAll(env, activities);
    await run(env, activities.syncXml, { key: fakeKey(1) });
    await run(env, activities.syncDetails, { key: fakeKey(1) });
    await run(env, activities.syncXml, { key: fakeKey(2) });
    const missing = await run(env, activities.selectInvoices, {
      taxCode: TAX_CODE,
      period: '2026-04',
      parts: ['details', 'xml'],
      mode: 'missing',
    });
    expect(missing.map((item) => `${item.key.shdon}:${item.parts.join('+')}`).sort()).toEqual([
      '1001:xml',
      '1002:details',
      '1003:details+xml',
    ]);
    const dueNow = await run(env, activities.selectInvoices, {
      taxCode: TAX_CODE,
      parts: ['xml'],
      mode: 'due',
    });
    expect(dueNow).toEqual([]);
    const later = createActivities({
      portal: createFakePortal([]),
      store,
      parse: fakeParsers,
      now: () => new Date(NOW.getTime() + 2 * 3_600_000),
    });
    const due = await run(env, later.selectInvoices, { taxCode: TAX_CODE, parts: ['xml'], mode: 'due' });
    expect(due).toEqual([{ key: fakeKey(1), parts: ['xml'] }]);
    expect(heartbeats.length).toBeGreaterThan(0);
  });

  it('a cancelled activity stops the portal call', async () => {
    const key = fakeKey(1);
    const portal = createFakePortal([{ ...key }], { delayMs: 200 });
    const store: MemoryStore = createMemoryStore();
    const activities = createActivities({ portal, store, parse: fakeParsers });
    await run(env, activities.listHeadersPage, { taxCode: TAX_CODE, slice: SLICE, state: null });
    const running = run(env, activities.syncXml, { key });
    setTimeout(() => env.cancel(), 20);
    await expect(running).rejects.toThrow();
    expect((await store.getInvoice(key))!.xml.status).toBe('not_synced');
  });
});
