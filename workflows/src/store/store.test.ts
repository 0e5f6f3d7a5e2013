import { readFileSync } from 'node:fs';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceDecimal, normaliseDetail } from '#einvoice';
import { readEinvoiceFixture } from '#einvoice/fixtures';
import { formatInvoiceKey, type InvoiceKey } from '../portal/types.js';
import { loadRows, shuffled, toHeaders } from './fixtures/headers.js';
import { LOCK_FILE } from './data-dir-lock.js';
import { StoreError } from './messages.js';
import { openStore } from './open-store.js';
import type { SqlInvoiceStore } from './sql-store.js';

const databaseUrl = process.env['DATABASE_URL'] ?? '';
const schema = `store_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

interface Backend {
  name: string;
  open: () => Promise<SqlInvoiceStore>;
  cleanup: () => Promise<void>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    open: () => openStore({ databaseUrl: '', dataDir: 'memory://' }),
    cleanup: async () => {},
  },
];
if (databaseUrl !== '') {
  backends.push({
    name: 'PostgreSQL',
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
    '\n!!! DATABASE_URL is not set: the PostgreSQL leg of the invoice store tests DID NOT RUN (PGlite only).\n' +
      '!!! Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to cover PostgreSQL too.\n',
  );
}

const rows = loadRows('purchase-list-83.json');
const detailJson = JSON.parse(readEinvoiceFixture('detail-vnpt.json')) as Record<string, unknown>;
let testNumber = 0;
/** Each test gets its own keys and owner, so tests share one database without seeing each other. */
function scenario() {
  testNumber += 1;
  const suffix = `-t${testNumber}`;
  const taxCode = `0109744141${suffix}`;
  return { taxCode, headers: toHeaders(rows, suffix), suffix };
}
const keyOf = ({ nbmst, khmshdon, khhdon, shdon }: InvoiceKey): InvoiceKey => ({
  nbmst,
  khmshdon,
  khhdon,
  shdon,
});

describe.each(backends)('invoice store on $name', (backend) => {
  let store: SqlInvoiceStore;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('upserts the 83 real list rows with exact totals, Vietnam dates and both parts not synced', async () => {
    const { taxCode, headers } = scenario();
    expect(await store.upsertHeaders(taxCode, headers)).toBe(83);
    const counts = await store.countByStatus({ taxCode });
    expect(counts.details.not_synced).toBe(83);
    expect(counts.xml.not_synced).toBe(83);

    const exponent = headers.find((h) => h.shdon === 1007655)!;
    const stored = await store.getInvoice(exponent);
    expect(stored).toMatchObject({ taxCode, direction: 'purchase', portalId: exponent.id, currency: 'VND' });
    expect(stored!.totalBeforeTax).toBe('25727770');
    expect(stored!.totalPayable).toBe('27785992');
    expect(stored!.issueDate).toBe('2025-06-02');
    expect(stored!.details).toEqual({
      status: 'not_synced',
      attempts: 0,
      lastError: null,
      lastTriedAt: null,
      nextCheckAt: null,
    });

    const usd = (await store.getInvoice(headers.find((h) => h.shdon === 118891)!))!;
    expect([usd.currency, usd.totalBeforeTax, usd.totalTax, usd.totalPayable]).toEqual([
      'USD',
      '1',
      '0.1',
      '1.1',
    ]);
    const dong = headers.find((h) => h.raw['dvtte'] === 'VNĐ')!;
    expect((await store.getInvoice(dong))!.currency).toBe('VND');
  });

  it('is idempotent: the same headers again write nothing and keep statuses', async () => {
    const { taxCode, headers } = scenario();
    await store.upsertHeaders(taxCode, headers);
    await store.recordAttempt(headers[0]!, 'xml', {
      status: 'unavailable',
      error: 'Không tồn tại hồ sơ gốc',
    });
    expect(await store.upsertHeaders(taxCode, headers)).toBe(0);
    const changed = { ...headers[1]!, tthai: 3, raw: { ...headers[1]!.raw, tthai: 3 } };
    expect(await store.upsertHeaders(taxCode, [changed, headers[0]!])).toBe(1);
    expect((await store.getInvoice(headers[0]!))!.xml.status).toBe('unavailable');
    expect((await store.listInvoices({ taxCode })).length).toBe(83);
  });

  it('survives many concurrent writers of the same headers and details without duplicates', async () => {
    const { taxCode, headers } = scenario();
    const writes = Array.from({ length: 12 }, (_, i) =>
      store.upsertHeaders(taxCode, shuffled(headers, i + 1)),
    );
    const written = await Promise.all(writes);
    expect(written.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(83);
    const counts = await store.countByStatus({ taxCode });
    expect(counts.details.not_synced).toBe(83);
    expect((await store.listInvoices({ taxCode })).length).toBe(83);

    const key = keyOf(headers[5]!);
    const { lines } = normaliseDetail(detailJson);
    await Promise.all(
      Array.from({ length: 8 }, () => store.saveDetails(key, detailJson, lines, { status: 'synced' })),
    );
    expect(await store.getLines(key)).toHaveLength(2);
    expect((await store.getInvoice(key))!.details).toMatchObject({ status: 'synced', attempts: 8 });
  });

  it('saves normalised detail lines as exact decimal strings and replaces them on the next save', async () => {
    const { taxCode, headers } = scenario();
    await store.upsertHeaders(taxCode, headers);
    const key = keyOf(headers[0]!);
    const normalised = normaliseDetail(detailJson);
    await store.saveDetails(key, detailJson, normalised.lines, { status: 'synced' });
    const lines = await store.getLines(key);
    expect(
      lines.map((l) => [l.index, l.name, l.amount, l.vatRateCode, l.vatRate, l.vatAmount, l.vatAmountSource]),
    ).toEqual([
      [0, normalised.lines[0]!.name, '0', '10%', '0.1', '0', 'ttkhac'],
      [1, normalised.lines[1]!.name, '3447000', '10%', '0.1', '344700', 'ttkhac'],
    ]);
    expect(lines[1]!.extra).toEqual({ Amount: '3791700', VATAmount: '344700' });
    expect(await store.getRawDetail(key)).toEqual(detailJson);

    const big = '123456789012345678901.123456';
    await store.saveDetails(
      key,
      { again: true },
      [
        {
          name: 'Điều chỉnh giảm',
          amount: new InvoiceDecimal(`-${big}`),
          quantity: '-1.5',
          vatRate: { code: 'KCT', rate: null },
        },
      ],
      { status: 'incomplete', error: 'line 1 has no unit' },
    );
    const replaced = await store.getLines(key);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({
      amount: `-${big}`,
      quantity: '-1.5',
      vatRateCode: 'KCT',
      vatRate: null,
    });
    expect((await store.getInvoice(key))!.details).toMatchObject({
      status: 'incomplete',
      attempts: 2,
      lastError: 'line 1 has no unit',
    });

    // A failed try without a body keeps what was stored.
    await store.saveDetails(key, null, [], { status: 'failed', error: 'HTTP 500' });
    expect(await store.getLines(key)).toHaveLength(1);
    expect(await store.getRawDetail(key)).toEqual({ again: true });
  });

  it('refuses float amounts and unknown invoices with errors naming them', async () => {
    const { taxCode, headers } = scenario();
    await store.upsertHeaders(taxCode, headers.slice(0, 1));
    const key = keyOf(headers[0]!);
    const float = store.saveDetails(key, {}, [{ name: 'x', amount: 0.1 }], { status: 'synced' });
    await expect(float).rejects.toThrow(StoreError);
    await expect(float).rejects.toThrow(/line 1 amount must be a decimal/);
    const unknown = { ...key, shdon: 999999999 };
    await expect(store.saveXml(unknown, '<HDon/>', { status: 'synced' })).rejects.toThrow(
      `Invoice ${key.nbmst}/1/${key.khhdon}/999999999 is not in the store`,
    );
    await expect(store.recordAttempt(key, 'xml', { status: 'done' as never })).rejects.toThrow(
      /not a sync status/,
    );
    const badDate = { ...headers[1]!, issueDate: '02/06/2025' };
    await expect(store.upsertHeaders(taxCode, [badDate])).rejects.toThrow(
      `Invoice ${formatInvoiceKey(badDate)}: header field issueDate is invalid: "02/06/2025"`,
    );
    expect((await store.getInvoice(key))!.details.attempts).toBe(0);
  });

  it('keeps raw XML apart, records attempts, and filters by period, status, keys and paging', async () => {
    const { taxCode, headers } = scenario();
    await store.upsertHeaders(taxCode, headers);
    const [a, b, c] = headers.map(keyOf);
    const xml = '<HDon><DLHDon><TTChung><KHHDon>K25TEK</KHHDon></TTChung></DLHDon></HDon>';
    await store.saveXml(a!, xml, { status: 'synced' });
    const later = new Date('2030-01-01T00:00:00Z');
    await store.saveXml(b!, null, {
      status: 'unavailable',
      error: 'Không tồn tại hồ sơ gốc của hóa đơn.',
      nextCheckAt: later,
    });
    await store.recordAttempt(c!, 'details', { status: 'failed', error: 'HTTP 503' });
    await store.recordAttempt(c!, 'details', { status: 'failed', error: 'HTTP 504' });

    expect(await store.getRawXml(a!)).toBe(xml);
    expect(await store.getRawXml(b!)).toBeNull();
    const parked = (await store.getInvoice(b!))!.xml;
    expect(parked).toMatchObject({ status: 'unavailable', attempts: 1 });
    expect(parked.nextCheckAt!.toISOString()).toBe(later.toISOString());
    expect(parked.lastTriedAt).toBeInstanceOf(Date);
    expect((await store.getInvoice(c!))!.details).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: 'HTTP 504',
    });

    const counts = await store.countByStatus({ taxCode });
    expect(counts.xml).toMatchObject({ synced: 1, unavailable: 1, not_synced: 81 });
    expect(counts.details).toMatchObject({ failed: 1, not_synced: 82 });

    const parkedNow = await store.listInvoices({
      taxCode,
      xmlStatus: ['unavailable'],
      dueBy: { part: 'xml', at: new Date() },
    });
    expect(parkedNow).toHaveLength(0);
    const dueLater = { part: 'xml' as const, at: new Date('2030-01-01T00:00:01Z') };
    expect(
      (await store.listInvoices({ taxCode, xmlStatus: ['unavailable'], dueBy: dueLater })).map(
        (i) => i.shdon,
      ),
    ).toEqual([b!.shdon]);
    expect(await store.listInvoices({ taxCode, dueBy: { part: 'details', at: new Date() } })).toHaveLength(
      83,
    );

    const notSynced = await store.listInvoices({
      taxCode,
      xmlStatus: ['not_synced'],
      detailsStatus: ['not_synced'],
    });
    expect(notSynced).toHaveLength(80);
    const july = headers.filter((h) => h.issueDate.startsWith('2025-07')).length;
    expect(july).toBeGreaterThan(0);
    expect(await store.listInvoices({ taxCode, period: '2025-07' })).toHaveLength(july);
    expect((await store.countByStatus({ taxCode, period: '2025-07' })).xml.not_synced).toBe(
      july -
        [a, b].filter((k) => headers.find((h) => h.shdon === k!.shdon)!.issueDate.startsWith('2025-07'))
          .length,
    );
    expect(await store.listInvoices({ taxCode, direction: 'sold' })).toHaveLength(0);
    const picked = await store.listInvoices({ keys: [c!, a!] });
    expect(picked.map((i) => i.shdon).sort()).toEqual([a!.shdon, c!.shdon].sort());
    const page1 = await store.listInvoices({ taxCode, limit: 50 });
    const page2 = await store.listInvoices({ taxCode, limit: 50, offset: 50 });
    expect(page1).toHaveLength(50);
    expect(page2).toHaveLength(33);
    expect(new Set([...page1, ...page2].map((i) => `${i.nbmst}/${i.khhdon}/${i.shdon}`)).size).toBe(83);
  });

  it('brings an unavailable XML forward when the original record (hsgoc) appears', async () => {
    const { taxCode, headers } = scenario();
    const missing = headers.find((h) => h.hsgoc === null)!;
    await store.upsertHeaders(taxCode, [missing]);
    const later = new Date(Date.now() + 7 * 86400_000);
    await store.saveXml(missing, null, { status: 'unavailable', nextCheckAt: later });
    await store.upsertHeaders(taxCode, [
      { ...missing, hsgoc: 'a1b2', raw: { ...missing.raw, hsgoc: 'a1b2' } },
    ]);
    const xml = (await store.getInvoice(missing))!.xml;
    expect(xml.status).toBe('unavailable');
    expect(xml.nextCheckAt!.getTime()).toBeLessThan(later.getTime() - 86400_000);
  });

  it('records sync runs with counts for the status command', async () => {
    const kind = `headers${scenario().suffix}`;
    const first = await store.startRun(kind, {
      taxCode: '0109744141',
      direction: 'purchase',
      period: '2025-09',
    });
    expect(first).toMatchObject({ kind, status: 'running', finishedAt: null, counts: {} });
    await store.updateRunCounts(first.id, { listed: 40 });
    const done = await store.finishRun(first.id, { status: 'succeeded', counts: { listed: 83, synced: 30 } });
    expect(done).toMatchObject({ status: 'succeeded', counts: { listed: 83, synced: 30 }, error: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    const second = await store.startRun(kind, { keys: ['0102671977/1/K25TEK/5082'] });
    await store.finishRun(second.id, { status: 'failed', error: 'portal login refused' });

    const runs = await store.listRuns({ kind });
    expect(runs.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(runs[0]).toMatchObject({
      status: 'failed',
      error: 'portal login refused',
      scope: { keys: ['0102671977/1/K25TEK/5082'] },
    });
    expect(await store.listRuns({ kind, status: ['succeeded'] })).toHaveLength(1);
    await expect(store.finishRun(999999, { status: 'cancelled' })).rejects.toThrow(
      'Sync run 999999 does not exist',
    );
  });

  it('runs migrations once', async () => {
    await store.migrate();
    await store.migrate();
    const { taxCode, headers } = scenario();
    expect(await store.upsertHeaders(taxCode, headers.slice(0, 2))).toBe(2);
  });
});

/**
 * Making a data directory (initdb) is the slow part, several seconds and far more on a loaded machine:
 * it runs once, and each test starts from a copy. The timeout only guards against a hang; nothing here
 * waits for a time to pass.
 */
describe('invoice store on a PGlite data directory', { timeout: 300_000 }, () => {
  let template = '';
  beforeAll(async () => {
    template = join(mkdtempSync(join(tmpdir(), 'invoice-store-template-')), 'pglite');
    await (await openStore({ databaseUrl: '', dataDir: template })).close();
  }, 300_000);
  afterAll(() => {
    if (template) rmSync(dirname(template), { recursive: true, force: true });
  });
  /** A migrated data directory of its own under `dir`. */
  const freshDataDir = (dir: string): string => {
    const dataDir = join(dir, 'pglite');
    cpSync(template, dataDir, { recursive: true });
    return dataDir;
  };

  it('keeps invoices across reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invoice-store-'));
    try {
      const headers = toHeaders(loadRows('list-item.json'));
      const first = await openStore({ databaseUrl: '', dataDir: freshDataDir(dir) });
      await first.upsertHeaders('0109744141', headers);
      await first.saveXml(headers[0]!, '<HDon/>', { status: 'synced' });
      await first.close();
      const again = await openStore({ databaseUrl: '', dataDir: join(dir, 'pglite') });
      expect((await again.listInvoices({})).length).toBe(headers.length);
      expect(await again.getRawXml(headers[0]!)).toBe('<HDon/>');
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is refused while another live process holds the folder; a lock left by an ended process is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invoice-store-'));
    const dataDir = freshDataDir(dir);
    try {
      // The test runner's parent process is alive and is not this process.
      writeFileSync(join(dataDir, LOCK_FILE), String(process.ppid));
      await expect(openStore({ databaseUrl: '', dataDir })).rejects.toThrow(
        `The embedded store ${dataDir} is in use by process ${process.ppid}`,
      );
      const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
      writeFileSync(join(dataDir, LOCK_FILE), String(ended));
      const store = await openStore({ databaseUrl: '', dataDir });
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
      await store.close();
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks a run left "running" by an ended process as interrupted on the next open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invoice-store-'));
    const dataDir = freshDataDir(dir);
    try {
      const first = await openStore({ databaseUrl: '', dataDir });
      const run = await first.startRun('sync', { period: '2026-10' });
      await first.updateRunCounts(run.id, { listed: 5 });
      await first.close();
      const again = await openStore({ databaseUrl: '', dataDir });
      const [stale] = await again.listRuns();
      expect(stale).toMatchObject({ id: run.id, status: 'interrupted', counts: { listed: 5 } });
      expect(stale!.error).toContain('interrupted');
      expect(stale!.finishedAt).not.toBeNull();
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
