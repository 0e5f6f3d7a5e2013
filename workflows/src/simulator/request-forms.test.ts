/**
 * Request forms public clients send that the simulator must answer as the portal does (or refuse with a
 * clear 400, never answer differently in silence): buyer filter, ISO-instant dates, CORS preflight,
 * logout, `size` and `sort`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './server.js';
import { loginToSimulator } from './testing/login.js';

let sim: Simulator;
let token: string;
const DD_MM = 'tdlap=ge=01/04/2026T00:00:00;tdlap=le=30/04/2026T23:59:59';
const ISO = 'tdlap=ge=2026-03-31T17:00:00.000Z;tdlap=le=2026-04-30T16:59:59.999Z';

beforeAll(async () => {
  sim = await startSimulator({ seed: 'forms', invoiceCount: 120, period: '2026-04' });
  token = await loginToSimulator(sim.url, sim.credentials);
});
afterAll(async () => sim.close());

async function list(
  direction: 'purchase' | 'sold',
  query: Record<string, string>,
): Promise<{
  status: number;
  body: { datas?: { id: string; nmmst: string; tdlap: string }[]; total?: number; message?: string };
}> {
  const response = await fetch(`${sim.url}/api/query/invoices/${direction}?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as never };
}

const idsOf = (invoices: readonly { id: string }[]) => invoices.map((i) => i.id).sort();

describe('list filters', () => {
  it('honours the buyer filter nmmst==<tax code>', async () => {
    const sold = sim.invoices.filter((i) => i.direction === 'sold' && i.family === 'query');
    const buyer = sold[0]!.buyer.taxCode;
    const { status, body } = await list('sold', { size: '50', search: `${DD_MM};nmmst==${buyer}` });
    expect(status).toBe(200);
    expect(idsOf(body.datas!)).toEqual(idsOf(sold.filter((i) => i.buyer.taxCode === buyer)));
    expect(body.datas!.every((row) => row.nmmst === buyer)).toBe(true);
    const nobody = await list('sold', { search: `${DD_MM};nmmst==0000000001` });
    expect([nobody.status, nobody.body.total]).toEqual([200, 0]);
  });

  it('reads dates given as ISO instants like the dd/MM/yyyy form', async () => {
    const local = await list('purchase', { size: '50', search: DD_MM });
    const iso = await list('purchase', { size: '50', search: ISO });
    expect(iso.status).toBe(200);
    expect(iso.body.total).toBe(local.body.total);
    expect(idsOf(iso.body.datas!)).toEqual(idsOf(local.body.datas!));
    // An instant one millisecond into 1 April (Vietnam) drops that day's midnight invoices.
    const firstApril = sim.invoices.filter(
      (i) => i.direction === 'purchase' && i.family === 'query' && i.issueDate === '2026-04-01',
    );
    const later = await list('purchase', {
      size: '50',
      search: 'tdlap=ge=2026-03-31T17:00:00.001Z;tdlap=le=2026-04-30T16:59:59.999Z',
    });
    expect(later.body.total).toBe(local.body.total! - firstApril.length);
  });

  it('refuses a date it cannot read, naming it', async () => {
    const { status, body } = await list('purchase', {
      search: 'tdlap=ge=2026-13-45;tdlap=le=30/04/2026T23:59:59',
    });
    expect(status).toBe(400);
    expect(body.message).toContain('2026-13-45');
  });
});

describe('size and sort', () => {
  it('honours size up to 50 and refuses more, saying the maximum', async () => {
    const fifty = await list('purchase', { size: '50', search: DD_MM });
    expect(fifty.body.datas!.length).toBe(Math.min(50, fifty.body.total!));
    const five = await list('purchase', { size: '5', search: DD_MM });
    expect(five.body.datas!.length).toBe(5);
    for (const size of ['100', '0', 'abc']) {
      const refused = await list('purchase', { size, search: DD_MM });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/size/);
      expect(refused.body.message).toContain('50');
    }
  });

  it('honours sort on tdlap (alone or with more keys) and refuses fields it does not know', async () => {
    const asc = await list('purchase', { size: '50', sort: 'tdlap:asc', search: DD_MM });
    const dates = asc.body.datas!.map((row) => row.tdlap);
    expect(dates).toEqual([...dates].sort());
    const desc = await list('purchase', { size: '50', sort: 'tdlap:desc', search: DD_MM });
    const descDates = desc.body.datas!.map((row) => row.tdlap);
    expect(descDates).toEqual([...descDates].sort().reverse());
    expect(descDates[0]! > dates[0]!).toBe(true);
    const unknown = await list('purchase', { sort: 'colour:desc', search: DD_MM });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('colour');
    const badDirection = await list('purchase', { sort: 'tdlap:sideways', search: DD_MM });
    expect(badDirection.status).toBe(400);
  });
});

describe('browser-style calls', () => {
  it('answers a CORS preflight and puts CORS headers on every response', async () => {
    const preflight = await fetch(`${sim.url}/api/security-taxpayer/authenticate`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://hoadondientu.gdt.gov.vn',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://hoadondientu.gdt.gov.vn');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    for (const path of ['/api/captcha', '/query/invoices/purchase?search=x']) {
      const response = await fetch(`${sim.url}${path}`, {
        headers: { origin: 'https://hoadondientu.gdt.gov.vn' },
      });
      await response.arrayBuffer();
      expect(response.headers.get('access-control-allow-origin')).toBe('https://hoadondientu.gdt.gov.vn');
      expect(response.headers.get('access-control-expose-headers')).toContain('X-Total-Count');
    }
  });

  it('logs out: the token stops working', async () => {
    const own = await loginToSimulator(sim.url, sim.credentials);
    const headers = { authorization: `Bearer ${own}` };
    expect((await fetch(`${sim.url}/api/security-taxpayer/profile`, { headers })).status).toBe(200);
    const logout = await fetch(`${sim.url}/api/security-taxpayer/logout`, { headers });
    expect(logout.status).toBe(200);
    expect((await fetch(`${sim.url}/api/security-taxpayer/profile`, { headers })).status).toBe(401);
    expect(sim.stats().byEndpoint['logout']).toBeGreaterThan(0);
  });
});
