import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server.js';
import { simulatorCaptchaSolver, type CaptchaSolver } from './captcha.js';
import { createPortalClient, type PortalClientOptions, type TaxPortalClient } from './client.js';
import { PortalError } from './errors.js';
import { formatInvoiceKey, type PortalHeader } from './types.js';
import { readEinvoiceFixture } from '#einvoice/fixtures';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function setup(
  simOptions: SimulatorOptions = {},
  clientOptions: Partial<PortalClientOptions> = {},
): Promise<{ sim: Simulator; client: TaxPortalClient; urls: string[] }> {
  const sim = await startSimulator({ seed: 11, invoiceCount: 40, period: '2026-04', ...simOptions });
  simulator = sim;
  const urls: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
  const client = createPortalClient({
    baseUrls: [`${sim.url}/api`],
    username: sim.credentials.username,
    password: sim.credentials.password,
    captcha: simulatorCaptchaSolver,
    timeoutMs: 2000,
    fetch: recordingFetch,
    ...clientOptions,
  });
  return { sim, client, urls };
}

async function failure(promise: Promise<unknown>): Promise<PortalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PortalError);
  return error as PortalError;
}

async function collect(generator: AsyncGenerator<PortalHeader>): Promise<PortalHeader[]> {
  const rows: PortalHeader[] = [];
  for await (const row of generator) rows.push(row);
  return rows;
}

describe('listing headers against the simulator', () => {
  it('pages through cursor pages and returns every invoice of the direction and family once', async () => {
    const { sim, client } = await setup({ invoiceCount: 60 }, { pageSize: 4 });
    const rows = await collect(
      client.listAllHeaders({ family: 'query', direction: 'purchase', from: '2026-04-01', to: '2026-04-30' }),
    );
    const expected = sim.invoices.filter((i) => i.family === 'query' && i.direction === 'purchase');
    expect(expected.length).toBeGreaterThan(8);
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((i) => i.id).sort());
    // Several pages per processing state were needed with 4 rows a page.
    expect(sim.stats().byEndpoint.list).toBeGreaterThan(expected.length / 4);
    for (const row of rows) {
      const source = expected.find((i) => i.id === row.id)!;
      expect(row.issueDate).toBe(source.issueDate);
      expect(row.ttxly).toBe(source.ttxly);
      expect(row.hsgoc).toBe(source.hsgoc);
    }
  });

  it('queries purchases per ttxly 5, 6, 8 and sales without ttxly; sco-query invoices have M as 4th series char', async () => {
    const { sim, client, urls } = await setup({ invoiceCount: 50 });
    const sco = await collect(
      client.listAllHeaders({ family: 'sco-query', direction: 'sold', from: '2026-04-01', to: '2026-04-30' }),
    );
    expect(sco.length).toBe(
      sim.invoices.filter((i) => i.family === 'sco-query' && i.direction === 'sold').length,
    );
    expect(sco.every((h) => h.khhdon[3] === 'M')).toBe(true);
    await collect(
      client.listAllHeaders({ family: 'query', direction: 'purchase', from: '2026-04-01', to: '2026-04-30' }),
    );
    const searches = urls
      .filter((u) => u.includes('/invoices/'))
      .map((u) => new URL(u).searchParams.get('search'));
    expect(searches.filter((s) => s?.includes('ttxly==5'))).toHaveLength(1);
    expect(searches.filter((s) => s?.includes('ttxly==6'))).toHaveLength(1);
    expect(searches.filter((s) => s?.includes('ttxly==8'))).toHaveLength(1);
    expect(searches[0]).toBe('tdlap=ge=01/04/2026T00:00:00;tdlap=le=30/04/2026T23:59:59');
  });

  it('chunks a range into calendar months with Vietnam-local day bounds', async () => {
    const { client, urls } = await setup();
    await collect(
      client.listAllHeaders({ family: 'query', direction: 'sold', from: '2026-03-15', to: '2026-05-10' }),
    );
    const searches = urls
      .filter((u) => u.includes('/invoices/sold'))
      .map((u) => new URL(u).searchParams.get('search'));
    expect(searches).toEqual([
      'tdlap=ge=15/03/2026T00:00:00;tdlap=le=31/03/2026T23:59:59',
      'tdlap=ge=01/04/2026T00:00:00;tdlap=le=30/04/2026T23:59:59',
      'tdlap=ge=01/05/2026T00:00:00;tdlap=le=10/05/2026T23:59:59',
    ]);
  });

  it('splits a window further when the portal caps how many rows it pages through', async () => {
    const { sim, client } = await setup({ invoiceCount: 60, listCap: 3 }, { pageSize: 2 });
    const rows = await collect(
      client.listAllHeaders({ family: 'query', direction: 'sold', from: '2026-04-01', to: '2026-04-30' }),
    );
    const expected = sim.invoices.filter((i) => i.family === 'query' && i.direction === 'sold');
    expect(expected.length).toBeGreaterThan(3);
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((i) => i.id).sort());
  });
});

describe('faults', () => {
  it('429 is rate_limited with the Retry-After honoured in the error', async () => {
    const { sim, client } = await setup({ rateLimitPerSecond: 3 });
    const invoice = sim.invoices[0]!;
    // captcha + authenticate + one detail use the budget; the next call in the same second is refused.
    await client.getDetail(invoice.family, invoice);
    const error = await failure(client.getDetail(invoice.family, invoice));
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(1000);
    expect(sim.stats().rejectedByRateLimit).toBe(1);
  });

  it('paces its own requests when asked, so a rate-limited portal never refuses them', async () => {
    // 12/s against a limit of 20/s: room for arrivals bunching on a loaded machine (16/s failed there once).
    const { sim, client } = await setup({ rateLimitPerSecond: 20 }, { requestsPerSecond: 12 });
    const invoices = sim.invoices.slice(0, 24);
    await Promise.all(invoices.map((i) => client.getDetail(i.family, i)));
    expect(sim.stats().rejectedByRateLimit).toBe(0);
    expect(sim.stats().requests).toBe(26);
  });

  it('an expired session is renewed (new captcha and login) and the call succeeds', async () => {
    const { sim, client } = await setup({ faults: { sessionExpiry: { afterCalls: 2 } } });
    for (const invoice of sim.invoices.slice(0, 5)) {
      const detail = await client.getDetail(invoice.family, invoice);
      expect(detail.shdon).toBe(invoice.shdon);
    }
    const stats = sim.stats();
    expect(stats.faultsInjected.sessionExpiry).toBe(2);
    expect(stats.byEndpoint.authenticate).toBe(3);
  });

  it('concurrent calls hitting one expiry share a single new login', async () => {
    const { sim, client } = await setup(
      { faults: { sessionExpiry: { afterCalls: 3 } } },
      { logger: pino({ level: 'silent' }) },
    );
    const invoices = sim.invoices.slice(0, 6);
    const details = await Promise.all(invoices.map((i) => client.getDetail(i.family, i)));
    expect(details.map((d) => d.id)).toEqual(invoices.map((i) => i.id));
    // Three calls fit the first session; the three refused ones wait for one shared renewal.
    expect(sim.stats().faultsInjected.sessionExpiry).toBe(1);
    expect(sim.stats().byEndpoint.authenticate).toBe(2);
  });

  it('a session that expires after some time is renewed too', async () => {
    const { sim, client } = await setup({ faults: { sessionExpiry: { afterMs: 40 } } });
    const invoice = sim.invoices[0]!;
    await client.getDetail(invoice.family, invoice);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await client.getDetail(invoice.family, invoice);
    expect(sim.stats().byEndpoint.authenticate).toBe(2);
    expect(sim.stats().faultsInjected.sessionExpiry).toBe(1);
  });

  it('a login refused again after expiry is not retried forever', async () => {
    const { sim, client } = await setup({ faults: { sessionExpiry: { afterCalls: 0 } } });
    const invoice = sim.invoices[0]!;
    const error = await failure(client.getDetail(invoice.family, invoice));
    expect(error.kind).toBe('auth_expired');
    expect(sim.stats().byEndpoint.authenticate).toBe(2);
  });

  it('5xx is transient', async () => {
    const { sim, client } = await setup({ faults: { transient5xx: 1 } });
    const invoice = sim.invoices[0]!;
    const error = await failure(client.getDetail(invoice.family, invoice));
    expect(error.kind).toBe('transient');
    expect([500, 502, 503, 504]).toContain(error.status);
    expect(error.invoiceKey).toBe(formatInvoiceKey(invoice));
  });

  it('a hanging call times out as transient', async () => {
    const { sim, client } = await setup({ faults: { timeout: 1 }, timeoutHangMs: 1500 }, { timeoutMs: 150 });
    const invoice = sim.invoices[0]!;
    const error = await failure(client.getDetail(invoice.family, invoice));
    expect(error.kind).toBe('transient');
    expect(error.messageKey).toBe('timeout');
  });

  it('the firewall "Request Rejected" page on HTTP 200 is transient, for JSON and for ZIP calls', async () => {
    const { sim, client } = await setup({ faults: { firewallPage: 1 } });
    const invoice = sim.invoices.find((i) => i.hsgoc !== null)!;
    for (const call of [
      client.getDetail(invoice.family, invoice),
      client.exportXml(invoice.family, invoice),
    ]) {
      const error = await failure(call);
      expect(error.kind).toBe('transient');
      expect(error.messageKey).toBe('firewall');
    }
  });

  it('a corrupt ZIP is transient', async () => {
    const { sim, client } = await setup({ faults: { corruptZip: 1 } });
    const invoice = sim.invoices.find((i) => i.hsgoc !== null)!;
    const error = await failure(client.exportXml(invoice.family, invoice));
    expect(error.kind).toBe('transient');
    expect(error.messageKey).toBe('corruptZip');
    expect(sim.stats().faultsInjected.corruptZip).toBe(1);
  });

  it('XML "Không tồn tại hồ sơ gốc" is unavailable for K polls, then the XML appears', async () => {
    const { sim, client } = await setup({ faults: { xmlUnavailableUntilPolls: { rate: 1, polls: 2 } } });
    const invoice = sim.invoices.find((i) => i.hsgoc !== null)!;
    for (let poll = 1; poll <= 2; poll++) {
      const error = await failure(client.exportXml(invoice.family, invoice));
      expect(error.kind).toBe('unavailable');
      expect(error.message).toContain('Không tồn tại hồ sơ gốc');
    }
    const xml = await client.exportXml(invoice.family, invoice);
    expect(xml).toContain(`<KHHDon>${invoice.khhdon}</KHHDon>`);
    expect(xml).toContain(`<TgTTTBSo>${invoice.totalPayable.toFixed()}</TgTTTBSo>`);
  });

  it('an invoice without original record (hsgoc null) stays unavailable; exportXmlForHeader does not even ask', async () => {
    const { sim, client } = await setup({ invoiceCount: 60 });
    const invoice = sim.invoices.find((i) => i.hsgoc === null)!;
    expect(invoice.khhdon.startsWith('K')).toBe(true);
    expect(invoice.ttxly).toBe(6);
    for (let poll = 1; poll <= 3; poll++) {
      expect((await failure(client.exportXml(invoice.family, invoice))).kind).toBe('unavailable');
    }
    const rows = await collect(
      client.listAllHeaders({
        family: invoice.family,
        direction: invoice.direction,
        from: '2026-04-01',
        to: '2026-04-30',
      }),
    );
    const header = rows.find((r) => r.id === invoice.id)!;
    const before = sim.stats().byEndpoint['export-xml'];
    const error = await failure(client.exportXmlForHeader(header));
    expect(error.kind).toBe('unavailable');
    expect(sim.stats().byEndpoint['export-xml']).toBe(before);
    // Its details lack names for good: the caller decides that is incomplete, the client does not fail.
    const detail = await client.getDetail(invoice.family, invoice);
    expect((detail.hdhhdvu as { ten: unknown }[]).every((line) => line.ten === null)).toBe(true);
  });

  it('details with lines lacking names come first, complete details later (not an error of the client)', async () => {
    const { sim, client } = await setup({ faults: { detailsIncompleteUntilPolls: { rate: 1, polls: 1 } } });
    const invoice = sim.invoices.find((i) => !i.permanentlyWithoutXml)!;
    const first = (await client.getDetail(invoice.family, invoice)).hdhhdvu as Record<string, unknown>[];
    expect(first.map((l) => l.ten)).toEqual(invoice.lines.map(() => null));
    const second = (await client.getDetail(invoice.family, invoice)).hdhhdvu as Record<string, unknown>[];
    expect(second.map((l) => l.ten)).toEqual(invoice.lines.map((l) => l.name));
    expect(second.map((l) => String(l.sluong))).toEqual(invoice.lines.map((l) => String(l.quantity ?? null)));
  });

  it('an unknown invoice is not_found', async () => {
    const { sim, client } = await setup();
    const error = await failure(client.getDetail('query', { ...sim.invoices[0]!, shdon: 99_999_999 }));
    expect(error.kind).toBe('not_found');
  });
});

describe('login, base URLs, related invoices', () => {
  it('serves both base forms, /api/<path> and /<path>', async () => {
    const { sim } = await setup();
    for (const base of [`${sim.url}/api`, sim.url]) {
      const client = createPortalClient({
        baseUrls: [base],
        username: sim.credentials.username,
        password: sim.credentials.password,
        captcha: simulatorCaptchaSolver,
        timeoutMs: 2000,
      });
      const invoice = sim.invoices[1]!;
      expect((await client.getDetail(invoice.family, invoice)).id).toBe(invoice.id);
    }
  });

  it('falls back to the next base URL on connection errors and remembers the one that works', async () => {
    const { sim, urls } = await setup();
    const fallback = createPortalClient({
      baseUrls: ['http://127.0.0.1:9/api', `${sim.url}/api`],
      username: sim.credentials.username,
      password: sim.credentials.password,
      captcha: simulatorCaptchaSolver,
      timeoutMs: 2000,
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
    const invoice = sim.invoices[2]!;
    await fallback.getDetail(invoice.family, invoice);
    await fallback.getDetail(invoice.family, invoice);
    expect(fallback.activeBaseUrl).toBe(`${sim.url}/api`);
    // Only the first request (the captcha) tried the dead base.
    expect(urls.filter((u) => u.startsWith('http://127.0.0.1:9/'))).toHaveLength(1);
  });

  it('a dead portal is a transient connection error', async () => {
    const client = createPortalClient({
      baseUrls: ['http://127.0.0.1:9/api', 'http://127.0.0.1:9'],
      username: '0109744141',
      password: 'secret-password',
      captcha: simulatorCaptchaSolver,
      timeoutMs: 1000,
    });
    const error = await failure(
      client.getDetail('query', { nbmst: '1', khmshdon: 1, khhdon: 'C26TAA', shdon: 1 }),
    );
    expect(error.kind).toBe('transient');
    expect(error.messageKey).toBe('connection');
  });

  it('a wrong password is bad_credentials and the message never contains the password', async () => {
    const { sim } = await setup();
    const password = 'Very$ecret-Password-42';
    const client = createPortalClient({
      baseUrls: [sim.url],
      username: sim.credentials.username,
      password,
      captcha: simulatorCaptchaSolver,
      timeoutMs: 2000,
    });
    const error = await failure(client.login());
    expect(error.kind).toBe('bad_credentials');
    expect(error.message).not.toContain(password);
    expect(error.localized('vi')).toContain('từ chối đăng nhập');
  });

  it('a wrong captcha is retried with new captchas, then reported as bad_credentials', async () => {
    const { sim } = await setup();
    const wrong: CaptchaSolver = { solve: async () => 'WRONG1' };
    const client = createPortalClient({
      baseUrls: [sim.url],
      username: sim.credentials.username,
      password: sim.credentials.password,
      captcha: wrong,
      captchaAttempts: 2,
      timeoutMs: 2000,
    });
    const error = await failure(client.login());
    expect(error.kind).toBe('bad_credentials');
    expect(error.message).toMatch(/captcha/i);
    expect(sim.stats().byEndpoint.captcha).toBe(2);
  });

  it('returns the replacement/adjustment chain', async () => {
    const { sim, client } = await setup({ invoiceCount: 80 });
    const invoice = sim.invoices.find((i) => i.relation !== null)!;
    expect(invoice).toBeDefined();
    const rows = await client.getRelative(invoice.family, invoice);
    const keys = rows.map(
      (r) => `${String(r.nbmst)}/${String(r.khmshdon)}/${String(r.khhdon)}/${String(r.shdon)}`,
    );
    expect(keys).toContain(formatInvoiceKey(invoice.relation!.original));
    expect(keys).toEqual(invoice.chain.map(formatInvoiceKey));
  });
});

describe('hostile inputs (fake portal)', () => {
  const password = 'hunter2-Portal!';
  const token = 'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiIwMTA5NzQ0MTQxIn0.c2lnbmF0dXJlLXNlY3JldA';

  function fakePortal(answer: (path: string) => Response): TaxPortalClient {
    const fakeFetch: typeof fetch = async (input) => {
      const path = new URL(String(input)).pathname;
      if (path.endsWith('/captcha')) {
        return Response.json({ key: 'k1', content: '<svg><!-- simulator-captcha-answer:ABC123 --></svg>' });
      }
      if (path.endsWith('/authenticate')) return Response.json({ token });
      return answer(path);
    };
    return createPortalClient({
      baseUrls: ['http://portal.test/api'],
      username: '0109744141',
      password,
      captcha: simulatorCaptchaSolver,
      fetch: fakeFetch,
    });
  }
  const key = { nbmst: '0102671977', khmshdon: 1, khhdon: 'K25TEK', shdon: 5082 };

  it('accepts the real detail sample', async () => {
    const client = fakePortal(
      () =>
        new Response(readEinvoiceFixture('detail-vnpt.json'), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    const detail = await client.getDetail('query', key);
    expect((detail.hdhhdvu as unknown[]).length).toBe(2);
  });

  it('converts the real list sample, tdlap UTC -> Vietnam date', async () => {
    const client = fakePortal(() => new Response(fixture('list-page.json')));
    const page = await client.listHeaders({
      family: 'query',
      direction: 'purchase',
      from: '2025-06-01',
      to: '2025-06-30',
    });
    expect(page.headers.map((h) => [h.khhdon, h.issueDate, h.hsgoc === null])).toEqual([
      ['C25TAA', '2025-06-02', false],
      ['K25THC', '2025-06-30', true],
    ]);
    expect(page.nextState).toBeNull();
  });

  it('2026-04-02T17:00:00Z is 3 April in Vietnam', async () => {
    const page = JSON.parse(fixture('list-page.json')) as { datas: Record<string, unknown>[] };
    page.datas[0]!.tdlap = '2026-04-02T17:00:00Z';
    page.datas[1]!.tdlap = '2026-04-02T16:59:59Z';
    const client = fakePortal(() => Response.json(page));
    const result = await client.listHeaders({
      family: 'query',
      direction: 'purchase',
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect(result.headers.map((h) => h.issueDate)).toEqual(['2026-04-03', '2026-04-02']);
  });

  it('a list row with a broken field names the field path and the invoice', async () => {
    const page = JSON.parse(fixture('list-page.json')) as { datas: Record<string, unknown>[] };
    page.datas[1]!.tdlap = 'yesterday';
    const client = fakePortal(() => Response.json(page));
    const error = await failure(
      client.listHeaders({ family: 'query', direction: 'purchase', from: '2025-06-01', to: '2025-06-30' }),
    );
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('datas[1].tdlap');
    expect(error.message).toContain('0304043037/1/K25THC/177289');
  });

  it('a body that is not JSON is malformed; a detail for another invoice is malformed', async () => {
    const broken = fakePortal(
      () => new Response('{"datas": [', { headers: { 'content-type': 'application/json' } }),
    );
    expect((await failure(broken.getDetail('query', key))).kind).toBe('malformed');
    const other = fakePortal(() => new Response(readEinvoiceFixture('detail-vnpt.json')));
    const error = await failure(other.getDetail('query', { ...key, shdon: 1 }));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('0102671977/1/K25TEK/1');
  });

  it('refuses an amount with more digits than a JS number keeps exactly, naming the field', async () => {
    const detail = readEinvoiceFixture('detail-vnpt.json').replace(
      '"tgtttbso": 3791700.0',
      '"tgtttbso": 12345678901234567890.5',
    );
    expect(detail).toContain('12345678901234567890.5');
    const client = fakePortal(() => new Response(detail));
    const error = await failure(client.getDetail('query', key));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('tgtttbso');
    expect(error.message).toContain('12345678901234567890.5');
    const exact = fakePortal(() => new Response(readEinvoiceFixture('detail-vnpt.json')));
    expect((await exact.getDetail('query', key)).tgtttbso).toBe(3791700);
  });

  it('never puts the password or token in messages, even when the portal echoes them', async () => {
    const client = fakePortal(
      () =>
        new Response(
          JSON.stringify({ message: `bad request for ${password} with Bearer ${token} and ${token}` }),
          {
            status: 400,
          },
        ),
    );
    const error = await failure(client.getDetail('query', key));
    expect(error.kind).toBe('malformed');
    for (const text of [error.message, error.localized('vi'), JSON.stringify(error.params)]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(token);
    }
    expect(error.message).toContain('***');
  });

  it('an endless cursor is reported, not followed forever', async () => {
    const page = JSON.parse(fixture('list-page.json')) as Record<string, unknown>;
    page.state = 'same-cursor';
    const client = fakePortal(() => Response.json(page));
    const error = await failure(
      collect(
        client.listAllHeaders({ family: 'query', direction: 'sold', from: '2025-06-01', to: '2025-06-30' }),
      ),
    );
    expect(error.messageKey).toBe('cursorLoop');
  });
});
