/**
 * Conformance, responses: the simulator's list pages and details, read off the wire, compared by shape
 * (field names, kinds of value including integer vs float literals, nesting) with the real portal
 * samples copied into the project's fixtures (90 list rows, one detail). A divergence fails, naming the field.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEinvoiceFixture } from '#einvoice/fixtures';
import { startSimulator, type Simulator } from '../server.js';
import { loginToSimulator } from '../testing/login.js';
import { compareShapes, parseTagged, shapeOf, type ShapeRules } from './shape.js';

const realRows = parseTagged(
  readFileSync(new URL('../../store/fixtures/purchase-list-83.json', import.meta.url), 'utf8'),
) as unknown[];
const realPage = parseTagged(
  readFileSync(new URL('../../portal/fixtures/list-page.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const realDetail = parseTagged(readEinvoiceFixture('detail-vnpt.json')) as Record<string, unknown>;
const realItems = (parseTagged(readEinvoiceFixture('list-item.json')) as { datas: unknown[] }).datas;

/** Facts from `tax-portal.md` the samples cannot show (every sample has them null). */
const RULES: ShapeRules = {
  documented: {
    'page.state': { kinds: ['string'], reason: 'the cursor: a string until the last page' },
    'row.khhdgoc': {
      kinds: ['string'],
      reason: 'series of the original invoice, on replacements/adjustments',
    },
    'row.khmshdgoc': { kinds: ['int'], reason: 'template of the original invoice' },
    'row.shdgoc': { kinds: ['int'], reason: 'number of the original invoice' },
    'row.tdlhdgoc': { kinds: ['string'], reason: 'issue date of the original invoice' },
    'detail.khhdgoc': { kinds: ['string'], reason: 'as row.khhdgoc' },
    'detail.khmshdgoc': { kinds: ['int'], reason: 'as row.khmshdgoc' },
    'detail.shdgoc': { kinds: ['int'], reason: 'as row.shdgoc' },
    'detail.tdlhdgoc': { kinds: ['string'], reason: 'as row.tdlhdgoc' },
    'detail.hdhhdvu.dgia': {
      kinds: ['float'],
      reason: 'unit price, a number, null only on incomplete details',
    },
    'detail.hdhhdvu.sluong': { kinds: ['float'], reason: 'quantity, a number' },
    'detail.hdhhdvu.dvtinh': { kinds: ['string'], reason: 'unit' },
    'detail.hdhhdvu.tlckhau': { kinds: ['float'], reason: 'line discount rate' },
    'detail.hdhhdvu.stckhau': { kinds: ['float'], reason: 'line discount amount' },
    'detail.hdhhdvu.ltsuat': { kinds: ['null'], reason: 'null on note lines (tchat 4)' },
    'detail.hdhhdvu.tsuat': { kinds: ['null'], reason: 'null on note lines and KCT/KKKNT' },
    'detail.hdhhdvu.thtien': { kinds: ['null'], reason: 'null on note lines' },
  },
};

let sim: Simulator;
const pages: Record<string, unknown>[] = [];
const details: Record<string, unknown>[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'shapes', invoiceCount: 250, period: '2026-04' });
  const token = await loginToSimulator(sim.url, sim.credentials);
  const headers = { authorization: `Bearer ${token}` };
  for (const family of ['query', 'sco-query']) {
    for (const direction of ['purchase', 'sold']) {
      let state: string | null = null;
      do {
        const query = new URLSearchParams({
          sort: 'tdlap:desc,khmshdon:asc,shdon:desc',
          size: '50',
          search: 'tdlap=ge=01/04/2026T00:00:00;tdlap=le=30/04/2026T23:59:59',
          ...(state ? { state } : {}),
        });
        const response = await fetch(`${sim.url}/api/${family}/invoices/${direction}?${query}`, { headers });
        const page = parseTagged(await response.text()) as Record<string, unknown>;
        pages.push(page);
        state = page.state as string | null;
      } while (state);
    }
  }
  for (const invoice of sim.invoices) {
    const query = new URLSearchParams({
      nbmst: invoice.nbmst,
      khhdon: invoice.khhdon,
      shdon: String(invoice.shdon),
      khmshdon: String(invoice.khmshdon),
    });
    const response = await fetch(`${sim.url}/api/${invoice.family}/invoices/detail?${query}`, { headers });
    details.push(parseTagged(await response.text()) as Record<string, unknown>);
  }
}, 60_000);
afterAll(async () => sim.close());

describe('simulator responses have the real portal shape', () => {
  it('list envelope: datas, total, state, time', () => {
    expect(
      compareShapes(shapeOf([realPage]), shapeOf(pages), 'page', RULES).filter(
        (p) => !p.startsWith('page.datas.'),
      ),
    ).toEqual([]);
  });

  it('list rows: the same 135 fields, the same kinds (float literals for amounts), the same nesting; every field the portal fills is filled', () => {
    const rows = pages.flatMap((page) => page.datas as unknown[]);
    expect(rows.length).toBe(sim.invoices.length);
    const real = shapeOf([...realRows, ...(realPage.datas as unknown[]), ...realItems]);
    expect(real.fields.size).toBe(135);
    expect(compareShapes(real, shapeOf(rows), 'row', RULES)).toEqual([]);
  });

  it('details: the header fields plus hdhhdvu lines of the real line shape', () => {
    // The header part of a detail is a list row (the 83 rows show its kinds); the lines come from the detail sample.
    const realShape = shapeOf([...realRows, realDetail]);
    const problems = compareShapes(realShape, shapeOf(details), 'detail', RULES);
    expect(problems).toEqual([]);
  });

  it('the comparison catches divergences (integer literal amounts, a missing field, a flat signature)', () => {
    const rows = pages.flatMap((page) => page.datas as Record<string, unknown>[]).slice(0, 20);
    const broken = rows.map((row) => {
      const copy = {
        ...row,
        tgtcthue: { __literal: true, kind: 'int' },
        nbcks: row.nbcks === null ? null : 'CN=x',
      };
      delete (copy as Record<string, unknown>).msttcgp;
      return copy;
    });
    const problems = compareShapes(shapeOf(realRows), shapeOf(broken), 'row', RULES);
    expect(problems).toContain('row.msttcgp: missing (the portal sends it)');
    expect(problems.some((p) => p.startsWith('row.tgtcthue: int where the portal has float'))).toBe(true);
    expect(problems.some((p) => p.startsWith('row.nbcks: string where the portal has'))).toBe(true);
  });
});
