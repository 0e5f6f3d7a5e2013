/**
 * The app over real HTTP on an in-memory PGlite store filled by the simulator (headers only, so every
 * invoice starts "Chưa đồng bộ"), with the in-process runner against the same simulator.
 */
import { request as httpRequest } from 'node:http';
import { unzipSync, strFromU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspaceStore } from '#workflows/store';
import { checkBinding, startApp, type RunningApp } from './start.js';
import { hashPassword, verifyPassword } from './security/auth.js';

const SECRET = 'portal-secret-Zq81x';
const simulator = { seed: 'app-test', invoiceCount: 40, period: '2026-10' };
let running: RunningApp;

/** A browser-like client: keeps the session cookie, reads the CSRF token from the page. */
class Client {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}
  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, {
      headers: { cookie: this.cookie, ...headers },
      redirect: 'manual',
    });
    this.keep(response);
    return response;
  }
  async page(path: string): Promise<string> {
    const text = await (await this.get(path)).text();
    const token = /name="csrf-token" content="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return text;
  }
  async post(path: string, body: unknown, csrf = this.csrf): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: {
        cookie: this.cookie,
        'content-type': 'application/json',
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      body: JSON.stringify(body),
      redirect: 'manual',
    });
    this.keep(response);
    return response;
  }
  private keep(response: Response) {
    const set = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
    if (set.length === 0) return;
    const jar = new Map(
      this.cookie
        .split('; ')
        .filter(Boolean)
        .map((c) => [c.split('=')[0]!, c] as const),
    );
    for (const c of set) jar.set(c.split('=')[0]!, c);
    this.cookie = [...jar.values()].join('; ');
  }
}

const keysOf = (page: string) => [...page.matchAll(/<tr data-key="([^"]+)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  const opened = await openWorkspaceStore({ databaseUrl: '', dataDir: 'memory://' });
  running = await startApp({
    port: 0,
    env: { PORTAL_PASSWORD: SECRET },
    logger: pino({ level: 'silent' }),
    simulator,
    opened,
  });
  const taxCode = running.runner.simulator!.credentials.username;
  await running.runner.runner.syncPeriod({
    taxCode,
    period: '2026-10',
    directions: ['purchase', 'sold'],
    parts: [],
  });
}, 120_000);

afterAll(async () => {
  await running?.close();
  await running?.store.close();
});

describe('the list', () => {
  it('shows every invoice not synced, in Vietnamese, with Vietnamese money and dates', async () => {
    const client = new Client(running.url);
    const page = await client.page('/?status=not_synced&size=100');
    expect(keysOf(page)).toHaveLength(40);
    expect(page).toContain('Chưa đồng bộ');
    expect(page).toContain('Ngày lập');
    expect(page).toMatch(/\d{1,3}(\.\d{3})+ ₫/);
    expect(page).toMatch(/\d{2}\/10\/2026/);
    expect(page).toContain('40 hóa đơn');
  });

  it('filters by direction, searches text without accents, sorts and pages', async () => {
    const client = new Client(running.url);
    const purchase = keysOf(await client.page('/?direction=purchase&size=100'));
    const sold = keysOf(await client.page('/?direction=sold&size=100'));
    expect(purchase.length + sold.length).toBe(40);
    expect(purchase.length).toBeGreaterThan(0);
    const first = (await running.store.workspace.listPage({}, { limit: 1, offset: 0 })).rows[0]!;
    const name = (first.direction === 'purchase' ? first.sellerName : first.buyerName) ?? '';
    const word = name.split(' ').at(-1)!;
    const folded = word
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D');
    const found = keysOf(await client.page(`/?q=${encodeURIComponent(folded.toUpperCase())}&size=100`));
    expect(found).toContain(`${first.nbmst}/${first.khmshdon}/${first.khhdon}/${first.shdon}`);
    const page1 = keysOf(await client.page('/?size=25&sort=totalPayable&order=asc'));
    const page2 = keysOf(await client.page('/?size=25&sort=totalPayable&order=asc&page=2'));
    expect(page1).toHaveLength(25);
    expect(page2).toHaveLength(15);
    expect(new Set([...page1, ...page2]).size).toBe(40);
  });

  it('takes dates as users type them (dd/mm/yyyy) and shows them back that way', async () => {
    const client = new Client(running.url);
    const all = keysOf(await client.page('/?size=100'));
    const typed = await client.page('/?from=1/10/2026&to=15/10/2026&size=100');
    const iso = keysOf(await client.page('/?from=2026-10-01&to=2026-10-15&size=100'));
    expect(keysOf(typed)).toEqual(iso);
    expect(iso.length).toBeGreaterThan(0);
    expect(iso.length).toBeLessThan(all.length);
    expect(typed).toContain('value="01/10/2026"');
    expect(typed).toContain('value="15/10/2026"');
    expect(typed).not.toContain('type="date"');
    const impossible = await client.get('/?from=31/02/2026');
    expect(impossible.status).toBe(400);
    expect(await impossible.text()).toContain('Bộ lọc &quot;from&quot; không hợp lệ: 31/02/2026');
  });

  it('answers a bad filter with one clear line, no stack trace', async () => {
    const client = new Client(running.url);
    const response = await client.get('/?status=bogus');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('Bộ lọc &quot;status&quot; không hợp lệ: bogus');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    const unknown = await client.get('/?colour=red&lang=en');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Filter &quot;colour&quot; is invalid: red');
  });
});

describe('actions', () => {
  it('"Đồng bộ ngay" syncs the selection through the runner, with progress and history', async () => {
    const client = new Client(running.url);
    const keys = keysOf(await client.page('/?status=not_synced&size=100')).slice(0, 6);
    const started = await client.post('/api/sync', { keys });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    const events = await (await client.get(`/api/jobs/${jobId}/events`)).text();
    expect(events).toContain('event: update');
    expect(events).toContain('event: rows');
    expect(events).toMatch(/"state":"done"/);
    const job = (await (await client.get(`/api/jobs/${jobId}`)).json()) as {
      state: string;
      result: { synced: number };
    };
    expect(job.state).toBe('done');
    expect(job.result.synced).toBeGreaterThan(0);
    const { found } = await running.store.workspace.byKeys(
      keys.map((k) => {
        const [nbmst, khmshdon, khhdon, shdon] = k.split('/');
        return { nbmst: nbmst!, khmshdon: Number(khmshdon), khhdon: khhdon!, shdon: Number(shdon) };
      }),
    );
    expect(found.some((invoice) => invoice.details.status === 'synced')).toBe(true);
    const history = await running.store.workspace.attempts(found[0]!);
    expect(history.length).toBeGreaterThan(0);
    const invoicePage = await client.page(
      `/invoices/${keys[0]!.split('/').map(encodeURIComponent).join('/')}`,
    );
    expect(invoicePage).toContain('Lịch sử đồng bộ');
    expect(invoicePage).toContain('id="history"');
  });

  it('a request for invoices already in the running sync joins it; a page opened later finds it', async () => {
    const client = new Client(running.url);
    const keys = keysOf(await client.page('/?status=not_synced&size=100'));
    // At least 2 portal calls per invoice at the simulator runner's 20 requests/s: the run lasts
    // seconds, so the second request lands while it runs.
    expect(keys.length).toBeGreaterThanOrEqual(20);
    const first = (await (await client.post('/api/sync', { keys })).json()) as { jobId: string };
    const second = (await (await client.post('/api/sync', { keys: keys.slice(0, 3) })).json()) as {
      jobId: string;
      joined: boolean;
    };
    expect(second).toMatchObject({ jobId: first.jobId, joined: true });
    const current = (await (await client.get('/api/jobs/current')).json()) as { jobId: string | null };
    expect(current.jobId).toBe(first.jobId);
    await (await client.get(`/api/jobs/${first.jobId}/events`)).text();
    const job = (await (await client.get(`/api/jobs/${first.jobId}`)).json()) as {
      state: string;
      failures: { key: string; part: string; status: string; reason: { en: string; vi: string } }[];
    };
    expect(job.state).toBe('done');
    // Every part left unsynced is listed with its reason in both languages.
    const { found } = await running.store.workspace.byKeys(
      keys.map((k) => {
        const [nbmst, khmshdon, khhdon, shdon] = k.split('/');
        return { nbmst: nbmst!, khmshdon: Number(khmshdon), khhdon: khhdon!, shdon: Number(shdon) };
      }),
    );
    const unsynced = found.flatMap((invoice) =>
      (['details', 'xml'] as const).filter((part) => invoice[part].status !== 'synced').map((part) => part),
    );
    expect(job.failures).toHaveLength(unsynced.length);
    for (const failure of job.failures) {
      expect(failure.reason.en).not.toBe('');
      // In the page's language, not the portal's English.
      expect(failure.reason.vi).not.toBe(failure.reason.en);
      if (failure.status === 'unavailable') {
        expect(failure.reason.vi).toContain('Cổng thuế');
        expect(failure.reason.en).toContain('portal');
      }
    }
    expect(job.failures.some((f) => f.status === 'unavailable')).toBe(true);
  });

  it('labels, declaration periods and hidden warnings are stored, shown and filterable', async () => {
    const client = new Client(running.url);
    const keys = keysOf(await client.page('/?size=100')).slice(0, 3);
    expect((await client.post('/api/labels', { keys, label: 'Quý 4' })).status).toBe(200);
    expect(
      (await client.post('/api/declaration', { keys: keys.slice(0, 2), period: '2026-10' })).status,
    ).toBe(200);
    expect(keysOf(await client.page(`/?label=${encodeURIComponent('Quý 4')}`)).sort()).toEqual(
      [...keys].sort(),
    );
    expect(keysOf(await client.page('/?declaration=2026-10')).sort()).toEqual(keys.slice(0, 2).sort());
    const hide = await client.post('/api/hide-warning', {
      keys: keys.slice(0, 1),
      code: 'lines-total-mismatch',
      reason: 'đã đối chiếu',
    });
    expect(hide.status).toBe(200);
    const [nbmst, khmshdon, khhdon, shdon] = keys[0]!.split('/');
    const invoice = await running.store.workspace.one({
      nbmst: nbmst!,
      khmshdon: Number(khmshdon),
      khhdon: khhdon!,
      shdon: Number(shdon),
    });
    expect(invoice?.hiddenWarnings[0]?.reason).toBe('đã đối chiếu');
    expect(invoice?.labels).toEqual(['Quý 4']);
  });

  it('warnings found after the sync are filterable, and hidden from the invoice page with a reason', async () => {
    const client = new Client(running.url);
    const warned = keysOf(await client.page('/?warnings=with&size=100'));
    expect(warned.length).toBeGreaterThan(0);
    const path = `/invoices/${warned[0]!.split('/').map(encodeURIComponent).join('/')}`;
    const page = await client.page(path);
    const code = /name="code"\s+value="([^"]+)"/.exec(page)![1]!;
    const hidden = await fetch(`${running.url}${path}/hide-warning`, {
      method: 'POST',
      headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: client.csrf, code, reason: 'kế toán đã đối chiếu' }),
      redirect: 'manual',
    });
    expect(hidden.status).toBe(303);
    expect(await client.page(path)).toContain('Đã ẩn: kế toán đã đối chiếu');
  });

  it('"Tải nhiều XML" and "Xuất Excel" give a ZIP and a workbook with numbers', async () => {
    const client = new Client(running.url);
    const synced = keysOf(await client.page('/?status=synced&part=xml&size=100'));
    expect(synced.length).toBeGreaterThan(0);
    const form = new URLSearchParams({ _csrf: client.csrf, keys: synced.join(',') });
    const zipResponse = await fetch(`${running.url}/api/xml.zip`, {
      method: 'POST',
      headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(zipResponse.status).toBe(200);
    const files = unzipSync(new Uint8Array(await zipResponse.arrayBuffer()));
    const xmlFiles = Object.keys(files).filter((name) => name.endsWith('.xml'));
    expect(xmlFiles).toHaveLength(synced.length);
    expect(strFromU8(files[xmlFiles[0]!]!)).toContain('<HDon');

    const xlsx = await client.get('/export.xlsx?direction=purchase');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Ngày lập');
    const payable = sheet.getRow(2).getCell(11);
    expect(typeof payable.value).toBe('number');
    expect(payable.numFmt).toContain('₫');
  });
});

describe('security and bad requests', () => {
  it('refuses actions without the CSRF token', async () => {
    const client = new Client(running.url);
    const keys = keysOf(await client.page('/')).slice(0, 1);
    const response = await client.post('/api/labels', { keys, label: 'x' }, 'wrong');
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain('CSRF');
    const none = await client.post('/api/labels', { keys, label: 'x' }, '');
    expect(none.status).toBe(403);
  });

  it('an unknown key, a bad key and 200,000 keys get clear messages', async () => {
    const client = new Client(running.url);
    await client.page('/');
    const unknown = await client.post('/api/sync', { keys: ['0100000000/1/C26TXX/99999'] });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe(
      'Không có 1 hóa đơn trong kho dữ liệu: 0100000000/1/C26TXX/99999',
    );
    const bad = await client.post('/api/sync', { keys: ['0100000000/1/C26TXX/99999999999999'] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('không hợp lệ');
    const many = Array.from({ length: 200_000 }, (_, i) => `0100000000/1/C26TAA/${i + 1}`);
    const tooMany = await client.post('/api/sync', { keys: many });
    expect(tooMany.status).toBe(413);
    expect(((await tooMany.json()) as { error: string }).error).toBe(
      'Chọn tối đa 5000 hóa đơn mỗi lần (đã chọn 200000).',
    );
    const huge = await client.post('/api/sync', { keys: ['x'.repeat(9 * 1024 * 1024)] });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toBe('Yêu cầu quá lớn (tối đa 8 MB).');
    const notJson = await fetch(`${running.url}/api/sync`, {
      method: 'POST',
      headers: { cookie: client.cookie, 'content-type': 'application/json', 'x-csrf-token': client.csrf },
      body: '{"keys": [',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toBe(
      'Yêu cầu không hợp lệ: nội dung không phải là một đối tượng JSON.',
    );
    const unknownInvoice = await client.get('/invoices/0100000000/1/C26TXX/1');
    expect(unknownInvoice.status).toBe(404);
  });

  it('never shows the portal password, even in an error', async () => {
    const client = new Client(running.url);
    const response = await client.get(`/?q=${SECRET}`);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const error = await client.get(`/?label=${'x'.repeat(30)}${SECRET}`);
    expect(await error.text()).not.toContain(SECRET);
  });

  it('refuses a rebinding Host header', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${running.url}/`, { headers: { host: 'evil.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(421);
  });

  it('refuses to listen beyond loopback without a login, and hashes passwords with scrypt', async () => {
    expect(() => checkBinding('0.0.0.0', {})).toThrow(/refusing to listen on 0\.0\.0\.0 without a login/);
    expect(checkBinding('0.0.0.0', { APP_TOKEN: 'a'.repeat(32) })).toEqual({ loginRequired: true });
    expect(checkBinding('127.0.0.1', {})).toEqual({ loginRequired: false });
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
  });

  it('bound beyond loopback, asks for the login and accepts the token', async () => {
    const token = 'tok-' + 'x'.repeat(28);
    const opened = await openWorkspaceStore({ databaseUrl: '', dataDir: 'memory://' });
    const guarded = await startApp({
      host: '0.0.0.0',
      port: 0,
      env: { APP_TOKEN: token },
      logger: pino({ level: 'silent' }),
      simulator: { ...simulator, invoiceCount: 2 },
      opened,
    });
    try {
      const port = new URL(guarded.url).port;
      const client = new Client(`http://127.0.0.1:${port}`);
      const first = await client.get('/');
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/login');
      expect((await client.get('/api/jobs/current')).status).toBe(401);
      await client.page('/login');
      const wrong = await fetch(`${client.base}/login`, {
        method: 'POST',
        headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: client.csrf, password: 'nope' }),
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${client.base}/login`, {
        method: 'POST',
        headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: client.csrf, password: token }),
        redirect: 'manual',
      });
      expect(right.status).toBe(303);
      expect((await client.get('/')).status).toBe(200);
      expect(await (await client.get('/')).text()).not.toContain(token);
    } finally {
      await guarded.close();
      await opened.close();
    }
  });
});
