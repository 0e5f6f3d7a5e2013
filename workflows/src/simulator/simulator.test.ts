import { afterEach, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { formatInvoiceKey } from '../portal/types.js';
import { generateInvoices, VAT_RATES, type SimInvoice } from './generator.js';
import { exportZip, invoiceXml } from './invoice-xml.js';
import { runSimulatorFromCli } from './main.js';
import { headerRow } from './portal-json.js';
import { startSimulator, type Simulator } from './server.js';

const options = { seed: 'alpha', taxCode: '0109744141', period: '2026-04', invoiceCount: 200 };

const simulators: Simulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.close()));
});

/** Decimals as strings, so data can be compared structurally. */
function plain(invoices: SimInvoice[]): unknown {
  return JSON.parse(JSON.stringify(invoices));
}

describe('generated data', () => {
  const invoices = generateInvoices(options);

  it('is deterministic: same seed, same data; another seed, other data', () => {
    expect(plain(generateInvoices(options))).toEqual(plain(invoices));
    expect(plain(generateInvoices({ ...options, seed: 'beta' }))).not.toEqual(plain(invoices));
    expect(invoiceXml(invoices[5]!)).toBe(invoiceXml(generateInvoices(options)[5]!));
    expect(exportZip(invoices[5]!)).toEqual(exportZip(generateInvoices(options)[5]!));
  });

  it('covers both directions and families, C and K series, every VAT rate, chains and missing XML', () => {
    expect(new Set(invoices.map((i) => i.direction))).toEqual(new Set(['purchase', 'sold']));
    expect(new Set(invoices.map((i) => i.family))).toEqual(new Set(['query', 'sco-query']));
    expect(new Set(invoices.map((i) => i.khhdon[0]))).toEqual(new Set(['C', 'K']));
    expect(new Set(invoices.flatMap((i) => i.lines.map((l) => l.rate)))).toEqual(
      new Set([...VAT_RATES, null]),
    );
    expect(invoices.some((i) => i.tthai === 2) && invoices.some((i) => i.tthai === 3)).toBe(true);
    expect(invoices.some((i) => i.tthai === 4) && invoices.some((i) => i.tthai === 5)).toBe(true);
    expect(invoices.some((i) => i.zipInSubfolder) && invoices.some((i) => !i.zipInSubfolder)).toBe(true);
    for (const invoice of invoices) {
      expect(invoice.khhdon[3] === 'M').toBe(invoice.family === 'sco-query');
      if (invoice.family === 'sco-query') expect(invoice.ttxly).toBe(8);
      if (invoice.hsgoc === null) expect([invoice.ttxly, invoice.khhdon[0]]).toEqual([6, 'K']);
      expect(invoice.mhdon === null).toBe(invoice.khhdon[0] === 'K');
      expect(invoice.issueDate.startsWith('2026-04-')).toBe(true);
    }
    expect(invoices.filter((i) => i.hsgoc === null).length).toBeGreaterThan(0);
  });

  it('keeps lines, rate summaries and totals consistent to the đồng (the cent in foreign currencies)', () => {
    for (const invoice of invoices) {
      const lineSum = invoice.lines.reduce((sum, l) => sum.plus(l.amount), new Decimal(0));
      const taxSum = invoice.lines.reduce((sum, l) => sum.plus(l.tax), new Decimal(0));
      expect(lineSum.equals(invoice.totalBeforeTax)).toBe(true);
      expect(taxSum.equals(invoice.totalTax)).toBe(true);
      expect(invoice.totalBeforeTax.plus(invoice.totalTax).equals(invoice.totalPayable)).toBe(true);
      for (const summary of invoice.rateSummary) {
        const perRate = invoice.lines.filter((l) => l.rate === summary.rate);
        expect(perRate.reduce((s, l) => s.plus(l.amount), new Decimal(0)).equals(summary.amount)).toBe(true);
      }
      const digits = invoice.currency === 'USD' || invoice.currency === 'EUR' ? 2 : 0;
      for (const line of invoice.lines) {
        if (line.tchat === 4) {
          expect([line.quantity, line.unitPrice, line.rate, line.amount.isZero()]).toEqual([
            null,
            null,
            null,
            true,
          ]);
          continue;
        }
        const gross = line.quantity!.times(line.unitPrice!).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
        expect(gross.minus(line.discountAmount ?? 0).equals(line.amount)).toBe(true);
        if (line.discountRate) {
          const discount = gross
            .times(line.discountRate)
            .div(100)
            .toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
          expect(discount.equals(line.discountAmount!)).toBe(true);
        }
      }
    }
  });

  it('links replacements and adjustments both ways', () => {
    const related = invoices.filter((i) => i.relation);
    expect(related.length).toBeGreaterThan(3);
    for (const invoice of related) {
      const original = invoices.find(
        (i) => formatInvoiceKey(i) === formatInvoiceKey(invoice.relation!.original),
      )!;
      expect(original.tthai).toBe(invoice.relation!.kind === 'replacement' ? 4 : 5);
      expect(original.chain.map(formatInvoiceKey)).toContain(formatInvoiceKey(invoice));
      expect(headerRow(invoice)).toMatchObject({
        khhdgoc: original.khhdon,
        shdgoc: original.shdon,
        tthai: invoice.relation!.kind === 'replacement' ? 2 : 3,
      });
    }
  });

  it('writes Circular 78 XML whose totals match its lines, inside a ZIP with HTML and details.js', () => {
    const parser = new XMLParser({
      parseTagValue: false,
      isArray: (name) => ['HHDVu', 'LTSuat'].includes(name),
    });
    for (const invoice of invoices.slice(0, 60)) {
      const files = unzipSync(exportZip(invoice));
      const folder = invoice.zipInSubfolder ? `${invoice.khhdon}_${invoice.shdon}/` : '';
      expect(Object.keys(files).sort()).toEqual([
        `${folder}details.js`,
        `${folder}invoice.html`,
        `${folder}invoice.xml`,
      ]);
      const doc = parser.parse(new TextDecoder().decode(files[`${folder}invoice.xml`]));
      const general = doc.HDon.DLHDon.TTChung;
      expect([general.KHHDon, Number(general.SHDon), general.NLap]).toEqual([
        invoice.khhdon,
        invoice.shdon,
        invoice.issueDate,
      ]);
      const body = doc.HDon.DLHDon.NDHDon;
      const lines = (body.DSHHDVu.HHDVu as { ThTien?: string; TChat: string }[]).filter(
        (l) => l.TChat !== '4',
      );
      const sum = lines.reduce((s, l) => s.plus(l.ThTien!), new Decimal(0));
      expect(sum.toFixed()).toBe(body.TToan.TgTCThue);
      expect(body.TToan.TgTTTBSo).toBe(invoice.totalPayable.toFixed());
      expect(Boolean(doc.HDon.MCCQT)).toBe(invoice.mhdon !== null);
      if (invoice.relation) {
        expect(general.TTHDLQuan.TCHDon).toBe(invoice.relation.kind === 'replacement' ? '1' : '2');
        expect(general.TTHDLQuan.KHHDCLQuan).toBe(invoice.relation.original.khhdon);
      }
    }
  });
});

describe('server', () => {
  it('derives faults from (seed, invoice, attempt), not from the order of calls', async () => {
    const outcomes = async (order: 'forward' | 'backward'): Promise<string[]> => {
      const sim = await startSimulator({ seed: 3, invoiceCount: 12, faults: { transient5xx: 0.5 } });
      simulators.push(sim);
      const captcha = (await (await fetch(`${sim.url}/captcha`)).json()) as { key: string; content: string };
      const answer = /answer:(\w+)/.exec(captcha.content)![1];
      const { token } = (await (
        await fetch(`${sim.url}/security-taxpayer/authenticate`, {
          method: 'POST',
          body: JSON.stringify({ ...sim.credentials, cvalue: answer, ckey: captcha.key }),
        })
      ).json()) as { token: string };
      const list = order === 'forward' ? sim.invoices : [...sim.invoices].reverse();
      const results = new Map<string, string>();
      for (const invoice of list) {
        const query = new URLSearchParams({
          nbmst: invoice.nbmst,
          khmshdon: String(invoice.khmshdon),
          khhdon: invoice.khhdon,
          shdon: String(invoice.shdon),
        });
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 3; attempt++) {
          const response = await fetch(`${sim.url}/api/${invoice.family}/invoices/detail?${query}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          await response.arrayBuffer();
          statuses.push(response.status);
        }
        results.set(invoice.id, statuses.join(','));
      }
      return sim.invoices.map((i) => results.get(i.id)!);
    };
    const forward = await outcomes('forward');
    expect(forward.some((s) => s.includes('200')) && forward.some((s) => /5\d\d/.test(s))).toBe(true);
    expect(await outcomes('backward')).toEqual(forward);
  });

  it('enforces the rate limit with 429 and Retry-After', async () => {
    const sim = await startSimulator({ seed: 1, invoiceCount: 1, rateLimitPerSecond: 4 });
    simulators.push(sim);
    const responses = await Promise.all(Array.from({ length: 10 }, () => fetch(`${sim.url}/api/captcha`)));
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(6);
    expect(limited.every((r) => Number(r.headers.get('retry-after')) >= 1)).toBe(true);
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    expect(sim.stats().rejectedByRateLimit).toBe(6);
  });

  it('refuses a login with the wrong tax code, password or captcha', async () => {
    const sim = await startSimulator({ seed: 1, invoiceCount: 1 });
    simulators.push(sim);
    const attempt = async (change: Record<string, string>): Promise<[number, string]> => {
      const captcha = (await (await fetch(`${sim.url}/captcha`)).json()) as { key: string; content: string };
      const cvalue = /answer:(\w+)/.exec(captcha.content)![1]!;
      const response = await fetch(`${sim.url}/api/security-taxpayer/authenticate`, {
        method: 'POST',
        body: JSON.stringify({ ...sim.credentials, cvalue, ckey: captcha.key, ...change }),
      });
      return [response.status, JSON.stringify(await response.json())];
    };
    expect((await attempt({}))[0]).toBe(200);
    expect(await attempt({ username: '0100000000' })).toEqual([400, expect.stringContaining('mật khẩu')]);
    expect(await attempt({ password: 'nope' })).toEqual([400, expect.stringContaining('mật khẩu')]);
    expect(await attempt({ cvalue: 'ZZZZZZ' })).toEqual([400, expect.stringContaining('captcha')]);
    const unauthenticated = await fetch(`${sim.url}/api/query/invoices/sold?search=x`);
    expect(unauthenticated.status).toBe(401);
  });

  it('starts from the command line and prints the URL and credentials', async () => {
    const lines: string[] = [];
    const sim = await runSimulatorFromCli(
      ['--seed', '9', '--invoices', '5', '--password', 'Pw-123456'],
      (l) => lines.push(l),
    );
    simulators.push(sim);
    expect(lines.join('\n')).toContain(sim.url);
    expect(lines.join('\n')).toContain('Pw-123456');
    expect(sim.invoices).toHaveLength(5);
    expect((await fetch(`${sim.url}/api/captcha`)).status).toBe(200);
  });
});
