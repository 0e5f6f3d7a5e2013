import { describe, expect, it } from 'vitest';
import { readEinvoiceFixture } from '../fixtures/index.js';
import type { EInvoice } from './model.js';
import { readInvoice } from './read-invoice.js';

function comparable(invoice: EInvoice): unknown {
  const plain = JSON.parse(JSON.stringify(invoice)) as Record<string, unknown>;
  delete plain['source'];
  delete plain['envelope'];
  for (const signature of Object.values(
    plain['signatures'] as Record<string, Record<string, unknown> | null>,
  )) {
    if (signature) delete signature['algorithm'];
  }
  return plain;
}

const read = (name: string) => readInvoice(readEinvoiceFixture(name));

describe('provider-style invoices (generated from the standard)', () => {
  for (const name of ['bkav-c25tbk', 'misa-c26tmi', 'viettel-k26tvt']) {
    it(`${name}: XML and portal JSON read without warnings, to the same model`, () => {
      const xml = read(`${name}.xml`);
      const json = read(`${name}.json`);
      expect(xml.warnings).toEqual([]);
      expect(json.warnings).toEqual([]);
      expect(xml.invoice.source).toBe('xml');
      expect(json.invoice.source).toBe('portal-json');
      expect(comparable(json.invoice)).toEqual(comparable(xml.invoice));
    });
  }

  it('BKAV: VNĐ read as VND, MCCQT, the tax authority signature, per-line TThue and bank account', () => {
    const { invoice } = read('bkav-c25tbk.xml');
    expect(invoice.header.currency).toBe('VND');
    expect(invoice.authorityCode).toBe('00B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7');
    expect(invoice.signatures.authority).toMatchObject({ commonName: 'CỤC THUẾ', algorithm: 'rsa-sha256' });
    expect(invoice.signatures.seller?.taxCode).toBe('0101360697');
    expect(invoice.lines.map((l) => [l.vatAmount?.toString(), l.vatAmountSource])).toEqual([
      ['648000', 'line'],
      ['500000', 'line'],
    ]);
    expect(invoice.lines[0]!.discountAmount?.toString()).toBe('900000');
    expect(invoice.seller.bankAccount).toBe('0011001234567');
    expect(invoice.totals.totalPayable?.toString()).toBe('14248000');
  });

  it('MISA: USD at 26,110 with cents, a trade discount subtracted, a note without VAT rate', () => {
    const { invoice } = read('misa-c26tmi.json');
    expect(invoice.header.currency).toBe('USD');
    expect(invoice.header.exchangeRate?.toString()).toBe('26110');
    expect(invoice.lines.map((l) => l.nature)).toEqual(['goods', 'discount', 'note']);
    expect(invoice.lines[2]!.vatRate).toBeNull();
    expect(invoice.totals.totalBeforeTax?.toFixed(2)).toBe('3563.92');
    expect(invoice.buyer).toMatchObject({ bankAccount: 'SG-DBS-0072-123456', bankName: 'DBS Bank' });
  });

  it('Viettel: a replacement with its related invoice, KCT and KHAC rates, escaped letters', () => {
    const { invoice } = read('viettel-k26tvt.xml');
    expect(invoice.kind).toBe('replacement');
    expect(invoice.related).toMatchObject({ series: 'K26TVT', number: '287', date: '2026-02-27' });
    expect(invoice.lines[0]!.name).toBe('Cước dịch vụ viễn thông tháng 02/2026');
    expect(invoice.lines.map((l) => l.vatRate?.code)).toEqual(['10%', 'KCT', 'KHAC:5.26%']);
    expect(invoice.totals.byRate).toEqual([]);
    expect(invoice.seller.taxCode).toBe('0100109106-122');
  });

  it('the placeholder draft mocks are read, and their placeholders reported', () => {
    for (const name of [
      'draft-mock-a-HDON_GTGT_PA1.xml',
      'draft-mock-c-HDON_BH.xml',
      'draft-mock-g-HDON_KHAC.xml',
    ]) {
      const { invoice, warnings } = read(name);
      expect(invoice.envelope).not.toBeNull();
      expect(warnings.map((w) => w.field)).toContain('TTChung/SHDon');
    }
  });
});
