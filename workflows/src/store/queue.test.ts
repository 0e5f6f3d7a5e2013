/**
 * The re-sync work queue, one contract on three stores: PGlite, PostgreSQL (when DATABASE_URL is set)
 * and the in-memory store the workflow tests use.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatInvoiceKey,
  type InvoiceDirection,
  type InvoiceKey,
  type PortalHeader,
} from '../portal/types.js';
import { createMemoryStore } from '../sync/testing/memory-store.js';
import { openStore } from './open-store.js';
import type { InvoiceStore, QueueSelection, QueuedItem } from './types.js';

const databaseUrl = process.env['DATABASE_URL'] ?? '';
const schema = `queue_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

interface Backend {
  name: string;
  sql: boolean;
  open: () => Promise<InvoiceStore>;
  cleanup: () => Promise<void>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    sql: true,
    open: () => openStore({ databaseUrl: '', dataDir: 'memory://' }),
    cleanup: async () => {},
  },
  { name: 'the memory store', sql: false, open: async () => createMemoryStore(), cleanup: async () => {} },
];
if (databaseUrl !== '') {
  backends.push({
    name: 'PostgreSQL',
    sql: true,
    open: () => openStore({ databaseUrl, schema }),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  });
} else {
  console.warn(
    '\n*** DATABASE_URL is not set: the PostgreSQL leg of the re-sync queue tests is NOT RUN (PGlite and memory only) ***\n',
  );
}

let scenarioNumber = 0;
/** Invoices of one test: their own seller and owner, so tests share a database without meeting. */
function scenario(count: number, options: { direction?: InvoiceDirection; dates?: string[] } = {}) {
  scenarioNumber += 1;
  const taxCode = `0312345678-q${scenarioNumber}`;
  const nbmst = `0100109106-q${scenarioNumber}`;
  const dates = options.dates ?? ['2026-04-10'];
  const headers: PortalHeader[] = Array.from({ length: count }, (_, index) => ({
    nbmst,
    khmshdon: 1,
    khhdon: 'C26TAA',
    shdon: index + 1,
    id: `id-${scenarioNumber}-${index}`,
    family: 'query',
    direction: options.direction ?? 'purchase',
    issueDate: dates[index % dates.length]!,
    tthai: 1,
    ttxly: 5,
    hsgoc: 'hs',
    raw: {},
  }));
  const keys: InvoiceKey[] = headers.map(({ nbmst, khmshdon, khhdon, shdon }) => ({
    nbmst,
    khmshdon,
    khhdon,
    shdon,
  }));
  return { taxCode, nbmst, headers, keys, queue: `resync-${scenarioNumber}` };
}

const labels = (items: QueuedItem[]) =>
  items.map((item) => `${formatInvoiceKey(item.key)}:${item.parts.join('+')}`);

describe.each(backends)('re-sync queue on $name', (backend) => {
  let store: InvoiceStore;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('queues each (invoice, part) once; repeats inside one request are merged', async () => {
    const { taxCode, headers, keys, queue } = scenario(3);
    await store.upsertHeaders(taxCode, headers);
    const result = await store.enqueueParts(
      queue,
      [
        { key: keys[0]!, parts: ['details'] },
        { key: keys[1]!, parts: ['xml', 'details', 'xml'] },
        { key: keys[0]!, parts: ['xml', 'details'] },
      ],
      { force: true },
    );
    expect(result).toEqual({ accepted: 2, joined: 0, unknownCount: 0, unknown: [] });
    expect(await store.queueCounts(queue)).toEqual({ unclaimed: 2, claimed: 0 });
    const claimed = await store.claimQueued(queue, 1, 10);
    expect(labels(claimed)).toEqual([
      `${formatInvoiceKey(keys[0]!)}:details+xml`,
      `${formatInvoiceKey(keys[1]!)}:details+xml`,
    ]);
    expect(claimed.every((item) => item.force)).toBe(true);
    expect(await store.dropQueue(queue)).toBe(4);
  });

  it('a request for parts already queued, claimed or done in the queue joins them', async () => {
    const { taxCode, headers, keys, queue } = scenario(4);
    await store.upsertHeaders(taxCode, headers);
    const first = await store.enqueueParts(
      queue,
      [0, 1].map((i) => ({ key: keys[i]!, parts: ['xml'] })),
      {
        force: false,
      },
    );
    expect(first).toMatchObject({ accepted: 2, joined: 0 });
    const again = await store.enqueueParts(
      queue,
      [0, 1].map((i) => ({ key: keys[i]!, parts: ['xml'] })),
      {
        force: true,
      },
    );
    expect(again).toMatchObject({ accepted: 0, joined: 2 });
    // Invoice 1 gains a part (accepted); invoice 2 is new; invoice 0 only repeats (joined).
    const mixed = await store.enqueueParts(
      queue,
      [
        { key: keys[0]!, parts: ['xml'] },
        { key: keys[1]!, parts: ['details', 'xml'] },
        { key: keys[2]!, parts: ['details'] },
      ],
      { force: false },
    );
    expect(mixed).toEqual({ accepted: 2, joined: 1, unknownCount: 0, unknown: [] });
    // Claimed (and done) rows stay: asking again still joins.
    const claimed = await store.claimQueued(queue, 1, 100);
    expect(claimed).toHaveLength(3);
    expect(claimed[0]).toEqual({ key: keys[0], parts: ['xml'], force: false });
    expect(await store.queueCounts(queue)).toEqual({ unclaimed: 0, claimed: 3 });
    const late = await store.enqueueParts(queue, [{ key: keys[1]!, parts: ['details'] }], { force: true });
    expect(late).toMatchObject({ accepted: 0, joined: 1 });
    expect(await store.claimQueued(queue, 2, 100)).toEqual([]);
    // Another queue is another queue.
    const other = await store.enqueueParts(`${queue}-other`, [{ key: keys[1]!, parts: ['details'] }], {
      force: true,
    });
    expect(other).toMatchObject({ accepted: 1, joined: 0 });
    expect(await store.dropQueue(queue)).toBe(4);
    expect(await store.queueCounts(queue)).toEqual({ unclaimed: 0, claimed: 0 });
    expect(await store.queueCounts(`${queue}-other`)).toEqual({ unclaimed: 1, claimed: 0 });
    expect(await store.dropQueue(`${queue}-other`)).toBe(1);
    expect(await store.dropQueue(`${queue}-other`)).toBe(0);
  });

  it('names unknown invoices (the first 20, in the order asked) and queues nothing for them', async () => {
    const { taxCode, nbmst, headers, keys, queue } = scenario(2);
    await store.upsertHeaders(taxCode, headers);
    const strangers = Array.from({ length: 25 }, (_, i) => ({
      nbmst,
      khmshdon: 1,
      khhdon: 'C26TZZ',
      shdon: 900 + i,
    }));
    const result = await store.enqueueParts(
      queue,
      [
        { key: strangers[0]!, parts: ['xml'] },
        { key: keys[1]!, parts: ['details'] },
        ...strangers.map((key) => ({ key, parts: ['details' as const] })),
      ],
      { force: true },
    );
    expect(result.accepted).toBe(1);
    expect(result.joined).toBe(0);
    expect(result.unknownCount).toBe(25);
    expect(result.unknown).toEqual(strangers.slice(0, 20).map(formatInvoiceKey));
    expect(await store.queueCounts(queue)).toEqual({ unclaimed: 1, claimed: 0 });
    expect(await store.enqueueParts(queue, [], { force: true })).toEqual({
      accepted: 0,
      joined: 0,
      unknownCount: 0,
      unknown: [],
    });
    await store.dropQueue(queue);
  });

  it('queues a selection: missing or due parts, by period, direction and limit', async () => {
    const now = new Date('2026-06-15T00:00:00Z');
    const { taxCode, headers, keys, queue } = scenario(12, {
      dates: ['2026-03-31', '2026-04-01', '2026-04-30', '2026-05-01'],
    });
    await store.upsertHeaders(taxCode, headers);
    const sold = scenario(3, { direction: 'sold', dates: ['2026-04-15'] });
    await store.upsertHeaders(taxCode, sold.headers);
    // 0: both synced. 1: xml unavailable, due. 2: details incomplete, not due until later. 3: xml failed.
    await store.saveXml(keys[0]!, '<HDon/>', { status: 'synced' });
    await store.saveDetails(keys[0]!, { ok: true }, [], { status: 'synced' });
    await store.saveXml(keys[1]!, null, {
      status: 'unavailable',
      nextCheckAt: new Date('2026-06-14T00:00:00Z'),
    });
    await store.recordAttempt(keys[2]!, 'details', {
      status: 'incomplete',
      nextCheckAt: new Date('2026-06-16T00:00:00Z'),
    });
    await store.recordAttempt(keys[3]!, 'xml', { status: 'failed', error: 'HTTP 404' });
    const select = (extra: Partial<QueueSelection>): QueueSelection => ({
      taxCode,
      parts: ['details', 'xml'],
      mode: 'missing',
      now,
      ...extra,
    });

    // Missing: every invoice with a part in not_synced/unavailable/incomplete: all but invoice 0.
    const missing = await store.enqueueSelection(queue, select({}), { force: false });
    expect(missing).toEqual({ accepted: 11 + 3, joined: 0, unknownCount: 0, unknown: [] });
    const claimed = await store.claimQueued(queue, 1, 100);
    const byKey = new Map(claimed.map((item) => [formatInvoiceKey(item.key), item.parts]));
    expect(byKey.has(formatInvoiceKey(keys[0]!))).toBe(false);
    // Invoice 3's XML failed: a person's business, not a missing part.
    expect(byKey.get(formatInvoiceKey(keys[3]!))).toEqual(['details']);
    expect(byKey.get(formatInvoiceKey(keys[1]!))).toEqual(['details', 'xml']);
    // The same selection again joins.
    expect(await store.enqueueSelection(queue, select({}), { force: false })).toMatchObject({
      accepted: 0,
      joined: 14,
    });
    await store.dropQueue(queue);

    // Due: unavailable/incomplete whose next check has come: only invoice 1's XML.
    const due = await store.enqueueSelection(queue, select({ mode: 'due' }), { force: false });
    expect(due).toMatchObject({ accepted: 1, joined: 0 });
    expect(await store.claimQueued(queue, 1, 10)).toEqual([{ key: keys[1], parts: ['xml'], force: false }]);
    await store.dropQueue(queue);
    const later = await store.enqueueSelection(
      queue,
      select({ mode: 'due', now: new Date('2026-06-16T00:00:00Z') }),
      {
        force: false,
      },
    );
    expect(later).toMatchObject({ accepted: 2 });
    await store.dropQueue(queue);

    // Period (by issue date, month bounds inclusive), direction, parts, limit.
    const april = await store.enqueueSelection(queue, select({ period: '2026-04', direction: 'purchase' }), {
      force: false,
    });
    expect(april.accepted).toBe(
      headers.filter((h, i) => i !== 0 && h.issueDate.startsWith('2026-04')).length,
    );
    await store.dropQueue(queue);
    const range = await store.enqueueSelection(
      queue,
      select({ period: '2026-04..2026-05', parts: ['xml'] }),
      {
        force: false,
      },
    );
    // xml missing: not 0 (synced), not 3 (failed); purchases in April-May, plus the 3 sold in April.
    const inRange = headers.filter((h, i) => i !== 0 && i !== 3 && h.issueDate >= '2026-04-01').length;
    expect(range.accepted).toBe(inRange + 3);
    await store.dropQueue(queue);
    const soldOnly = await store.enqueueSelection(queue, select({ direction: 'sold' }), { force: true });
    expect(soldOnly.accepted).toBe(3);
    const soldItems = await store.claimQueued(queue, 7, 10);
    expect(soldItems.map((item) => item.key)).toEqual(sold.keys);
    expect(soldItems.every((item) => item.force)).toBe(true);
    await store.dropQueue(queue);
    const limited = await store.enqueueSelection(queue, select({ limit: 5 }), { force: false });
    expect(limited).toMatchObject({ accepted: 5, joined: 0 });
    expect(await store.enqueueSelection(queue, select({ limit: 7 }), { force: false })).toMatchObject({
      accepted: 2,
      joined: 5,
    });
    expect(
      await store.enqueueSelection(queue, select({ taxCode: 'nobody' }), { force: false }),
    ).toMatchObject({
      accepted: 0,
      joined: 0,
    });
    await store.dropQueue(queue);
  });

  it('claims in the order queued, whole invoices at a time; a claim retried with its batch number gets the same rows', async () => {
    const { taxCode, headers, keys, queue } = scenario(7);
    await store.upsertHeaders(taxCode, headers);
    await store.enqueueParts(
      queue,
      [4, 5].map((i) => ({ key: keys[i]!, parts: ['xml'] })),
      { force: false },
    );
    await store.enqueueParts(
      queue,
      [0, 1, 2, 3].map((i) => ({ key: keys[i]!, parts: ['details'] })),
      {
        force: false,
      },
    );
    // Invoice 4's details come later, but join its XML in the same claim.
    await store.enqueueParts(queue, [{ key: keys[4]!, parts: ['details'] }], { force: true });
    const first = await store.claimQueued(queue, 1, 3);
    expect(first).toEqual([
      { key: keys[4], parts: ['details', 'xml'], force: true },
      { key: keys[5], parts: ['xml'], force: false },
      { key: keys[0], parts: ['details'], force: false },
    ]);
    expect(await store.claimQueued(queue, 1, 3)).toEqual(first);
    expect(await store.claimQueued(queue, 1, 1)).toEqual(first);
    expect(await store.queueCounts(queue)).toEqual({ unclaimed: 3, claimed: 3 });
    const second = await store.claimQueued(queue, 2, 3);
    expect(second.map((item) => item.key)).toEqual([keys[1], keys[2], keys[3]]);
    expect(await store.claimQueued(queue, 3, 3)).toEqual([]);
    expect(await store.claimQueued(queue, 2, 3)).toEqual(second);
    expect(await store.queueCounts(queue)).toEqual({ unclaimed: 0, claimed: 6 });
    await store.dropQueue(queue);
  });

  it('concurrent enqueues of overlapping invoices queue each part once', async () => {
    const { taxCode, headers, keys, queue } = scenario(300);
    await store.upsertHeaders(taxCode, headers);
    const caller = (from: number, to: number, reversed: boolean) => {
      const items = keys.slice(from, to).map((key, i) => ({
        key,
        parts: (i % 2 === 0 ? ['details', 'xml'] : ['xml']) as ('details' | 'xml')[],
      }));
      return store.enqueueParts(queue, reversed ? items.reverse() : items, { force: false });
    };
    const results = await Promise.all([
      caller(0, 200, false),
      caller(100, 300, true),
      caller(50, 250, false),
      caller(0, 300, true),
    ]);
    for (const result of results)
      expect(result.accepted + result.joined).toBe(result === results[3] ? 300 : 200);
    const claimed: QueuedItem[] = [];
    for (let batch = 1; ; batch++) {
      const items = await store.claimQueued(queue, batch, 64);
      if (items.length === 0) break;
      claimed.push(...items);
    }
    expect(new Set(claimed.map((item) => formatInvoiceKey(item.key))).size).toBe(300);
    expect(claimed).toHaveLength(300);
    expect(await store.dropQueue(queue)).toBe(claimed.reduce((sum, item) => sum + item.parts.length, 0));
  });

  it('refuses a bad period, queue id, part or limit with one line naming it', async () => {
    const { taxCode, queue } = scenario(0);
    const select: QueueSelection = { taxCode, parts: ['xml'], mode: 'missing', now: new Date() };
    await expect(
      store.enqueueSelection(queue, { ...select, period: '2026/04' }, { force: false }),
    ).rejects.toThrow('Re-sync queue: period "2026/04" is invalid: expected YYYY-MM or YYYY-MM..YYYY-MM');
    await expect(
      store.enqueueSelection(queue, { ...select, period: '2026-05..2026-04' }, { force: false }),
    ).rejects.toThrow(/period "2026-05..2026-04" is invalid/);
    await expect(store.enqueueParts('', [], { force: false })).rejects.toThrow(/queueId "" is invalid/);
    await expect(
      store.enqueueParts(
        queue,
        [{ key: { nbmst: 'x', khmshdon: 1, khhdon: 'y', shdon: 1 }, parts: ['pdf' as never] }],
        {
          force: false,
        },
      ),
    ).rejects.toThrow('Re-sync queue: parts "pdf" is invalid: expected details, xml');
    await expect(store.claimQueued(queue, 1, 0)).rejects.toThrow(/limit 0 is invalid/);
  });

  it.runIf(backend.sql)(
    'queues a 100,000-invoice selection in one statement and claims it in batches of 50',
    async () => {
      const count = 100_000;
      const { taxCode, headers, queue } = scenario(count, {
        dates: ['2026-04-01', '2026-04-15', '2026-04-30'],
      });
      let started = performance.now();
      for (let start = 0; start < count; start += 10_000) {
        await store.upsertHeaders(taxCode, headers.slice(start, start + 10_000));
      }
      const seedMs = performance.now() - started;
      const heapBefore = process.memoryUsage().heapUsed;
      started = performance.now();
      const result = await store.enqueueSelection(
        queue,
        { taxCode, period: '2026-04', parts: ['details', 'xml'], mode: 'missing', now: new Date() },
        { force: false },
      );
      const enqueueMs = performance.now() - started;
      expect(result).toEqual({ accepted: count, joined: 0, unknownCount: 0, unknown: [] });
      expect(await store.queueCounts(queue)).toEqual({ unclaimed: count, claimed: 0 });
      started = performance.now();
      let claimed = 0;
      let batches = 0;
      let peakHeap = 0;
      for (let batch = 1; ; batch++) {
        const items = await store.claimQueued(queue, batch, 50);
        if (items.length === 0) break;
        expect(items.length).toBeLessThanOrEqual(50);
        claimed += items.length;
        batches++;
        if (batch % 200 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      }
      const claimMs = performance.now() - started;
      expect(claimed).toBe(count);
      expect(batches).toBe(count / 50);
      expect(await store.queueCounts(queue)).toEqual({ unclaimed: 0, claimed: count });
      expect(await store.dropQueue(queue)).toBe(2 * count);
      console.log(
        `[queue ${backend.name}] 100,000 invoices: seeded in ${(seedMs / 1000).toFixed(1)} s, ` +
          `queued (200,000 rows) in ${(enqueueMs / 1000).toFixed(2)} s, claimed in 2,000 batches of 50 in ` +
          `${(claimMs / 1000).toFixed(1)} s (${(claimMs / batches).toFixed(1)} ms a batch); heap ` +
          `${(heapBefore / 2 ** 20).toFixed(0)} MB before, peak ${(Math.max(peakHeap, heapBefore) / 2 ** 20).toFixed(0)} MB while claiming`,
      );
    },
    // A hang guard, not a pace: 100,000 rows take about a minute alone and several on a loaded machine.
    1_200_000,
  );
});
