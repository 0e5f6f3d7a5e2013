/** The workspace queries (migrations 3 and 4) on PGlite, and on PostgreSQL when DATABASE_URL is set. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalHeader } from '../portal/types.js';
import { foldSearchText, openWorkspaceStore, searchWords, type WorkspaceStore } from './index.js';

const TAX_CODE = '0109744141';

function header(
  shdon: number,
  overrides: Partial<PortalHeader> & { raw?: Record<string, unknown> } = {},
): PortalHeader {
  const { raw, ...rest } = overrides;
  return {
    nbmst: '0101234567',
    khmshdon: 1,
    khhdon: 'C26TAA',
    shdon,
    id: `id-${shdon}`,
    issueDate: `2026-10-${String(10 + (shdon % 10)).padStart(2, '0')}`,
    direction: shdon % 2 === 0 ? 'purchase' : 'sold',
    family: 'query',
    tthai: 1,
    ttxly: 5,
    hsgoc: 'x',
    raw: {
      nbten: shdon === 3 ? 'Công ty Đầu tư Hà Nội' : 'CÔNG TY TNHH PHẦN MỀM MẪU',
      nmmst: '0312345678',
      nmten: 'Người mua',
      tgtcthue: 1000 * shdon,
      tgtthue: 80 * shdon,
      tgtttbso: 1080 * shdon,
      dvtte: 'VND',
      ...raw,
    },
    ...rest,
  } as PortalHeader;
}

const key = (shdon: number) => ({ nbmst: '0101234567', khmshdon: 1, khhdon: 'C26TAA', shdon });

const backends: { name: string; open(): Promise<WorkspaceStore> }[] = [
  { name: 'pglite', open: () => openWorkspaceStore({ databaseUrl: '', dataDir: 'memory://' }) },
];
if (process.env['DATABASE_URL']) {
  backends.push({
    name: 'postgres',
    open: () =>
      openWorkspaceStore({
        databaseUrl: process.env['DATABASE_URL']!,
        schema: `ws_test_${process.pid}_${Date.now().toString(36)}`,
      }),
  });
} else console.warn('\n*** workspace queries on PostgreSQL NOT RUN: DATABASE_URL is not set ***\n');

describe.each(backends)('workspace queries ($name)', (backend) => {
  let opened: WorkspaceStore;
  beforeAll(async () => {
    opened = await backend.open();
    await opened.store.upsertHeaders(TAX_CODE, [
      ...[1, 2, 3, 4, 5, 6].map((n) => header(n)),
      header(7, { tthai: 2, raw: { khhdgoc: 'C26TAA', shdgoc: 6 } }),
    ]);
  });
  afterAll(async () => {
    if (backend.name === 'postgres') {
      const schema = (await opened.sql.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
      await opened.sql.query(`DROP SCHEMA ${schema} CASCADE`);
    }
    await opened.close();
  });

  it('pages in issue-date order with the total, and filters by direction, status and text', async () => {
    const all = await opened.workspace.listPage({}, { limit: 3, offset: 0 });
    expect(all.total).toBe(7);
    expect(all.rows.map((r) => r.issueDate)).toEqual([...all.rows.map((r) => r.issueDate)].sort().reverse());
    const second = await opened.workspace.listPage({}, { limit: 3, offset: 3 });
    expect(new Set([...all.rows, ...second.rows].map((r) => r.shdon)).size).toBe(6);
    expect((await opened.workspace.listPage({ direction: 'purchase' }, { limit: 50, offset: 0 })).total).toBe(
      3,
    );
    await opened.store.saveXml(key(2), '<HDon/>', { status: 'synced' });
    const missing = await opened.workspace.listPage(
      { status: 'not_synced', part: 'xml' },
      { limit: 50, offset: 0 },
    );
    expect(missing.rows.map((r) => r.shdon)).not.toContain(2);
    expect(missing.total).toBe(6);
    const text = await opened.workspace.listPage({ text: 'dau tu HA NOI' }, { limit: 50, offset: 0 });
    expect(text.rows.map((r) => r.shdon)).toEqual([3]);
    expect(text.total).toBe(1);
    expect((await opened.workspace.listPage({ text: '031234' }, { limit: 50, offset: 0 })).total).toBe(7);
    const byAmount = await opened.workspace.listPage(
      {},
      { sort: 'totalPayable', descending: false, limit: 2, offset: 0 },
    );
    expect(byAmount.rows.map((r) => r.shdon)).toEqual([1, 2]);
  });

  it('keeps labels, declaration periods and hidden warnings, and filters on them', async () => {
    expect(await opened.workspace.addLabel([key(1), key(2)], 'Quý 4')).toBe(2);
    expect(await opened.workspace.addLabel([key(1)], 'Quý 4')).toBe(0);
    await opened.workspace.setDeclarationPeriod([key(1)], '2026-10');
    await opened.workspace.saveWarnings(key(2), [
      { code: 'lines-total-mismatch', field: null, params: {}, message: 'lines differ' },
      { code: 'payable-mismatch', field: null, params: {}, message: 'payable differs' },
    ]);
    expect((await opened.workspace.listPage({ label: 'Quý 4' }, { limit: 50, offset: 0 })).total).toBe(2);
    expect(
      (await opened.workspace.listPage({ declarationPeriod: '2026-10' }, { limit: 50, offset: 0 })).total,
    ).toBe(1);
    expect(
      (await opened.workspace.listPage({ declarationPeriod: 'none' }, { limit: 50, offset: 0 })).total,
    ).toBe(6);
    expect((await opened.workspace.listPage({ warnings: 'with' }, { limit: 50, offset: 0 })).total).toBe(1);
    await opened.workspace.hideWarning([key(2)], 'lines-total-mismatch', 'checked by hand');
    expect((await opened.workspace.one(key(2)))?.visibleWarnings).toBe(1);
    await opened.workspace.hideWarning([key(2)], 'payable-mismatch', 'also checked');
    expect((await opened.workspace.listPage({ warnings: 'with' }, { limit: 50, offset: 0 })).total).toBe(0);
    const invoice = await opened.workspace.one(key(2));
    expect(invoice?.hiddenWarnings.map((h) => h.reason).sort()).toEqual(['also checked', 'checked by hand']);
    expect((await opened.workspace.one(key(1)))?.labels).toEqual(['Quý 4']);
    expect(await opened.workspace.labels()).toEqual(['Quý 4']);
  });

  it('records every attempt at a part (trigger), and finds the replacement chain', async () => {
    await opened.store.recordAttempt(key(4), 'details', { status: 'failed', error: 'HTTP 500' });
    await opened.store.saveDetails(key(4), { ok: true }, [], { status: 'synced' });
    const attempts = await opened.workspace.attempts(key(4));
    expect(attempts.map((a) => [a.part, a.status, a.attempt, a.error])).toEqual([
      ['details', 'failed', 1, 'HTTP 500'],
      ['details', 'synced', 2, null],
    ]);
    expect((await opened.workspace.chain(key(6))).map((r) => r.shdon)).toEqual([7]);
    expect((await opened.workspace.chain(key(7))).map((r) => r.shdon)).toEqual([6]);
    expect(await opened.workspace.needingCheck(10)).toEqual(expect.arrayContaining([key(4)]));
  });

  it('reports unknown keys', async () => {
    const { found, unknown } = await opened.workspace.byKeys([key(1), key(99)]);
    expect(found.map((r) => r.shdon)).toEqual([1]);
    expect(unknown).toEqual(['0101234567/1/C26TAA/99']);
  });
});

describe('search words', () => {
  it('folds Vietnamese accents and splits like the index', () => {
    expect(foldSearchText('  Công ty ĐẦU TƯ  ')).toBe('cong ty dau tu');
    expect(searchWords('C26TAA/123, Hà-Nội')).toEqual(['c26taa', '123', 'ha', 'noi']);
  });
});

describe('deep pages (read from the end of the list past its middle)', () => {
  let opened: WorkspaceStore;
  beforeAll(async () => {
    opened = await openWorkspaceStore({ databaseUrl: '', dataDir: 'memory://' });
    await opened.sql.query(`INSERT INTO invoices (nbmst, khmshdon, khhdon, shdon, tax_code, direction, family,
        portal_id, issue_date, raw_header, total_payable)
      SELECT '0101234567', 1, 'C26TAA', g, '${TAX_CODE}', 'purchase', 'query', 'id-' || g,
        date '2026-01-01' + (g % 50), '{}'::jsonb, CASE WHEN g % 10 = 0 THEN NULL ELSE (g % 997) END
      FROM generate_series(1, 12000) g`);
  }, 60_000);
  afterAll(async () => {
    await opened.close();
  });

  it.each([
    { sort: 'issueDate' as const, descending: true },
    { sort: 'issueDate' as const, descending: false },
    { sort: 'totalPayable' as const, descending: false },
    { sort: 'totalPayable' as const, descending: true },
  ])(
    'sort $sort descending $descending: the same rows as reading from the start',
    async ({ sort, descending }) => {
      const order = (dir: string, nulls: string) =>
        sort === 'issueDate'
          ? `issue_date ${dir}, id ${dir}`
          : `total_payable ${dir} NULLS ${nulls}, issue_date ${dir}, id ${dir}`;
      const dir = descending ? 'DESC' : 'ASC';
      for (const offset of [6_000, 11_000, 11_990]) {
        const expected = await opened.sql.query<{ shdon: number }>(
          `SELECT shdon FROM invoices ORDER BY ${order(dir, 'LAST')} LIMIT 25 OFFSET ${offset}`,
        );
        const page = await opened.workspace.listPage({}, { sort, descending, limit: 25, offset });
        expect(page.total).toBe(12_000);
        expect(page.rows.map((r) => r.shdon)).toEqual(expected.rows.map((r) => Number(r.shdon)));
      }
      expect(
        (await opened.workspace.listPage({}, { sort, descending, limit: 25, offset: 12_000 })).rows,
      ).toEqual([]);
    },
  );
});
