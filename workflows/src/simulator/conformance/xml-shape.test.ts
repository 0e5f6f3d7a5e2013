/**
 * Conformance, XML: the element and attribute paths of the simulator's `invoice.xml` files compared with
 * the real export (`einvoice/fixtures/real-vnpt-k25tek.xml`): every path the real file has appears in the
 * simulator's output, and every path the simulator writes is in the real file or is a Circular 78 part
 * that file cannot show (it has no tax-authority code, no related invoice, no discount).
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { readEinvoiceFixture } from '#einvoice/fixtures';
import { generateInvoices } from '../generator.js';
import { invoiceXml } from '../invoice-xml.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  ignoreDeclaration: true,
});

function paths(node: unknown, prefix: string, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) paths(item, prefix, out);
  else if (node && typeof node === 'object') {
    for (const [name, value] of Object.entries(node)) {
      if (name === '#text') continue;
      out.add(`${prefix}/${name}`);
      paths(value, `${prefix}/${name}`, out);
    }
  }
  return out;
}

/** Circular 78 parts the real sample cannot show, with the reason. */
const NOT_IN_SAMPLE: { prefix: string; reason: string }[] = [
  { prefix: '/HDon/MCCQT', reason: 'the tax-authority code; the sample is a K series invoice without one' },
  { prefix: '/HDon/DSCKS/CQT', reason: "the authority's signature, on coded invoices only" },
  { prefix: '/HDon/DSCKS/NMua', reason: "the buyer's signature slot (empty)" },
  { prefix: '/HDon/DSCKS/CCKSKhac', reason: 'other signatures slot (empty)' },
  {
    prefix: '/HDon/DLHDon/TTChung/TTHDLQuan',
    reason: 'the related invoice, on replacements and adjustments',
  },
  { prefix: '/HDon/DLHDon/NDHDon/TToan/TTCKTMai', reason: 'the total trade discount, with discounted lines' },
  {
    prefix: '/HDon/DLHDon/NDHDon/DSHHDVu/HHDVu/MHHDVu',
    reason: 'the goods code; the sample lines have none',
  },
  { prefix: '/HDon/DLHDon/NDHDon/DSHHDVu/HHDVu/DVTinh', reason: 'the unit; the sample lines have none' },
  { prefix: '/HDon/DLHDon/NDHDon/NBan/DCTDTu', reason: "the seller's e-mail" },
  { prefix: '/HDon/DLHDon/NDHDon/NBan/Fax', reason: "the seller's fax" },
  { prefix: '/HDon/DLHDon/NDHDon/NBan/Website', reason: "the seller's website" },
  { prefix: '/HDon/DLHDon/NDHDon/NMua/HVTNMHang', reason: 'the name of the person buying' },
];

describe('simulator invoice.xml has the real export shape', () => {
  const real = paths(parser.parse(readEinvoiceFixture('real-vnpt-k25tek.xml')), '', new Set());
  const simulated = new Set<string>();
  for (const invoice of generateInvoices({
    seed: 'xml-shape',
    taxCode: '0109744141',
    period: '2026-04',
    invoiceCount: 200,
  })) {
    if (invoice.hsgoc !== null) paths(parser.parse(invoiceXml(invoice)), '', simulated);
  }

  it('writes every element and attribute path of the real export', () => {
    expect([...real].filter((path) => !simulated.has(path))).toEqual([]);
  });

  it('writes nothing the real export or Circular 78 does not have', () => {
    const unexplained = [...simulated].filter(
      (path) =>
        !real.has(path) &&
        !NOT_IN_SAMPLE.some(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`)),
    );
    expect(unexplained).toEqual([]);
  });

  it("signs the authority's part with the same structure as the seller's", () => {
    const seller = [...simulated]
      .filter((p) => p.startsWith('/HDon/DSCKS/NBan/'))
      .map((p) => p.slice('/HDon/DSCKS/NBan'.length));
    const authority = [...simulated]
      .filter((p) => p.startsWith('/HDon/DSCKS/CQT/'))
      .map((p) => p.slice('/HDon/DSCKS/CQT'.length));
    expect(authority.sort()).toEqual(seller.sort());
  });
});
