import { describe, expect, it } from 'vitest';
import { readEinvoiceFixture } from '../fixtures/index.js';
import { parseInvoiceXml } from './parse-invoice.js';
import { readInvoice } from './read-invoice.js';

/** The real export as signed (the published sample had indentation added after signing). */
const signed = readEinvoiceFixture('real-vnpt-k25tek-signed.xml');
const indented = readEinvoiceFixture('real-vnpt-k25tek.xml');

describe('XML signatures checked with xml-crypto (on request)', () => {
  it('a real VNPT invoice as signed verifies', () => {
    const { invoice, warnings } = parseInvoiceXml(signed, { verifySignatures: true });
    expect(invoice.signatures.seller?.verification).toBe('valid');
    expect(warnings).toEqual([]);
  });

  it('an amount changed after signing is caught, naming the signature', () => {
    const tampered = signed.replace('<ThTien>3447000</ThTien>', '<ThTien>3447001</ThTien>');
    const { invoice, warnings } = parseInvoiceXml(tampered, { verifySignatures: true });
    expect(invoice.signatures.seller?.verification).toBe('invalid');
    const invalid = warnings.filter((w) => w.code === 'signature-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.field).toBe('DSCKS/NBan');
    expect(invalid[0]!.message).toContain('the digest of #DuLieuKy does not match');
  });

  it('so is the indentation the published sample gained after signing', () => {
    const { invoice } = parseInvoiceXml(indented, { verifySignatures: true });
    expect(invoice.signatures.seller?.verification).toBe('invalid');
  });

  it('a changed signing time is caught too (its own reference)', () => {
    const tampered = signed.replace('2025-09-22T15:41:21</SigningTime>', '2025-09-21T15:41:21</SigningTime>');
    expect(
      parseInvoiceXml(tampered, { verifySignatures: true }).invoice.signatures.seller?.verification,
    ).toBe('invalid');
  });

  it('without the option, and from portal JSON, nothing is claimed', () => {
    expect(parseInvoiceXml(signed).invoice.signatures.seller?.verification).toBe('not-verified');
    const json = readInvoice(readEinvoiceFixture('detail-vnpt.json'), { verifySignatures: true });
    expect(json.invoice.signatures.seller?.verification).toBe('not-verified');
  });

  it('the generated fixtures carry made-up signature values: invalid, not valid', () => {
    const { invoice } = parseInvoiceXml(readEinvoiceFixture('bkav-c25tbk.xml'), { verifySignatures: true });
    expect(invoice.signatures.seller?.verification).toBe('invalid');
    expect(invoice.signatures.authority?.verification).toBe('invalid');
  });
});
