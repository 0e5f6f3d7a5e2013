/**
 * The varied simulator data through the project's own client, parsers and store: a direct sync of a month
 * into an in-memory PGlite store, then every invoice checked against the simulator's truth: foreign
 * totals with their rate, `VNĐ`, line discounts, note lines and the XML's signatures and codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { normaliseDetail, parseInvoiceXml, compareWithHeader } from '#einvoice';
import { simulatorCaptchaSolver } from '../portal/captcha.js';
import { createPortalClient } from '../portal/client.js';
import { formatInvoiceKey } from '../portal/types.js';
import { runDirectSync } from '../direct/index.js';
import { openStore, type InvoiceStore } from '../store/index.js';
import { invoiceXml } from './invoice-xml.js';
import { detailJson, headerRow } from './portal-json.js';
import { startSimulator, type Simulator } from './server.js';

let sim: Simulator;
let store: InvoiceStore;
const PERIOD = '2026-04';

beforeAll(async () => {
  sim = await startSimulator({ seed: 'variety-sync', invoiceCount: 80, period: PERIOD });
  store = await openStore({ databaseUrl: '', dataDir: 'memory://' });
  const portal = createPortalClient({
    baseUrls: [`${sim.url}/api`],
    username: sim.credentials.username,
    password: sim.credentials.password,
    captcha: simulatorCaptchaSolver,
    timeoutMs: 10_000,
  });
  const result = await runDirectSync({
    portal,
    store,
    taxCode: sim.credentials.username,
    period: PERIOD,
    rateLimitPerSecond: 1000,
    concurrency: 4,
    retryPolicy: { initialIntervalMs: 5, backoffCoefficient: 2, maximumIntervalMs: 40, maximumAttempts: 4 },
  });
  expect(result.errors).toEqual([]);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await sim?.close();
});

const digits = (currency: string) => (currency === 'USD' || currency === 'EUR' ? 2 : 0);

describe('a sync over the varied simulator data loses nothing', () => {
  it('has the variety to check in the first place', () => {
    const currencies = new Set(sim.invoices.map((i) => i.currency));
    expect([...currencies].filter((c) => !c.startsWith('VN')).length).toBeGreaterThan(0);
    expect(currencies.has('VNĐ')).toBe(true);
    expect(sim.invoices.some((i) => i.lines.some((l) => l.tchat === 4))).toBe(true);
    expect(sim.invoices.some((i) => i.lines.some((l) => l.discountAmount !== null))).toBe(true);
  });

  it('stores every invoice with its exact totals and currency (VNĐ read as VND); the rate is kept in the raw detail', async () => {
    for (const invoice of sim.invoices) {
      const stored = (await store.getInvoice(invoice))!;
      expect(stored, formatInvoiceKey(invoice)).not.toBeNull();
      expect([stored.currency, stored.totalBeforeTax, stored.totalTax, stored.totalPayable]).toEqual([
        invoice.currency === 'VNĐ' ? 'VND' : invoice.currency,
        invoice.totalBeforeTax.toFixed(),
        invoice.totalTax.toFixed(),
        invoice.totalPayable.toFixed(),
      ]);
      const raw = (await store.getRawDetail(invoice)) as Record<string, unknown> | null;
      if (raw) {
        expect(raw.dvtte).toBe(invoice.currency);
        expect(raw.tgia === null ? null : new Decimal(String(raw.tgia)).toFixed()).toBe(
          invoice.exchangeRate?.toFixed() ?? null,
        );
      }
    }
  });

  it('stores every line of complete details: discounts, note lines, amounts to the currency unit', async () => {
    let checkedLines = 0;
    for (const invoice of sim.invoices.filter((i) => !i.permanentlyWithoutXml)) {
      const stored = (await store.getInvoice(invoice))!;
      expect(stored.details.status, formatInvoiceKey(invoice)).toBe('synced');
      const lines = await store.getLines(invoice);
      expect(lines.length).toBe(invoice.lines.length);
      invoice.lines.forEach((line, i) => {
        const got = lines[i]!;
        expect(got.nature).toBe(line.tchat);
        expect(got.name).toBe(line.name);
        if (line.tchat === 4) {
          expect([got.amount, got.vatRateCode, got.quantity]).toEqual([null, null, null]);
          return;
        }
        expect(new Decimal(got.amount!).toFixed(digits(invoice.currency))).toBe(
          line.amount.toFixed(digits(invoice.currency)),
        );
        expect(got.discountAmount === null ? null : new Decimal(got.discountAmount).toFixed()).toBe(
          line.discountAmount?.toFixed() ?? null,
        );
        expect(got.discountRate === null ? null : new Decimal(got.discountRate).toFixed()).toBe(
          line.discountRate?.toFixed() ?? null,
        );
        expect(new Decimal(got.vatAmount!).toFixed()).toBe(line.tax.toFixed());
        checkedLines++;
      });
    }
    expect(checkedLines).toBeGreaterThan(50);
  });

  it('stores the XML of every invoice that has one, signatures and code included', async () => {
    for (const invoice of sim.invoices.filter((i) => i.hsgoc !== null)) {
      const stored = (await store.getInvoice(invoice))!;
      expect(stored.xml.status, formatInvoiceKey(invoice)).toBe('synced');
      const xml = (await store.getRawXml(invoice))!;
      expect(xml).toContain('<DSCKS><NBan><Signature');
      if (invoice.mhdon) expect(xml).toContain(`${invoice.mhdon}</MCCQT>`);
    }
  });
});

describe('the e-invoice parsers on the varied data (engine-owned: findings are reported, not patched here)', () => {
  it('reads detail JSON as complete, with discounts and note lines, for every complete invoice', () => {
    for (const invoice of sim.invoices.filter((i) => !i.permanentlyWithoutXml)) {
      const normalised = normaliseDetail(JSON.parse(JSON.stringify(detailJson(invoice, true))), invoice);
      expect(normalised.problems, formatInvoiceKey(invoice)).toEqual([]);
      expect(normalised.complete).toBe(true);
      expect(normalised.lines.filter((l) => l.natureCode === 4).length).toBe(
        invoice.lines.filter((l) => l.tchat === 4).length,
      );
    }
  });

  it('reads the XML: key from padded and unpadded SHDon, currency and rate, code, signatures; agrees with the header', () => {
    for (const invoice of sim.invoices.filter((i) => i.hsgoc !== null)) {
      const label = formatInvoiceKey(invoice);
      const { invoice: parsed, warnings } = parseInvoiceXml(invoiceXml(invoice), { invoiceKey: label });
      expect(parsed.key, label).toEqual({
        nbmst: invoice.nbmst,
        khmshdon: invoice.khmshdon,
        khhdon: invoice.khhdon,
        shdon: invoice.shdon,
      });
      expect(parsed.header.currency).toBe(invoice.currency === 'VNĐ' ? 'VND' : invoice.currency);
      expect(parsed.header.exchangeRate?.toFixed()).toBe((invoice.exchangeRate ?? new Decimal(1)).toFixed());
      expect(parsed.authorityCode).toBe(invoice.mhdon);
      expect(parsed.signatures.seller).not.toBeNull();
      // The certificate decodes, and says what the list row's nbcks says.
      const stated = JSON.parse(headerRow(invoice).nbcks as string) as Record<string, string>;
      expect(parsed.signatures.seller).toMatchObject({
        subject: stated.Subject,
        issuer: stated.Issuer,
        serialNumber: stated.SerialNumber,
        notBefore: stated.NotBefore,
        notAfter: stated.NotAfter,
        signingTime: stated.SigningTime,
      });
      expect(parsed.signatures.seller!.taxCode).toBe(invoice.seller.taxCode);
      expect(parsed.signatures.authority !== null).toBe(invoice.mhdon !== null);
      expect(parsed.lines.filter((l) => l.natureCode === 4).map((l) => l.name)).toEqual(
        invoice.lines.filter((l) => l.tchat === 4).map((l) => l.name),
      );
      const discounted = invoice.lines.filter((l) => l.discountAmount !== null);
      expect(
        parsed.lines.filter((l) => l.discountAmount !== null).map((l) => l.discountAmount!.toFixed()),
      ).toEqual(discounted.map((l) => l.discountAmount!.toFixed()));
      expect(
        warnings.filter((w) =>
          ['header-mismatch', 'lines-total-mismatch', 'rate-total-mismatch'].includes(w.code),
        ),
        label,
      ).toEqual([]);
      expect(compareWithHeader(parsed, JSON.parse(JSON.stringify(headerRow(invoice))))).toEqual([]);
    }
  });
});
