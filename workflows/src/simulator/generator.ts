/**
 * Seeded invoice data for the simulator: both directions and families, C and K series, several VAT
 * rates, replacement/adjustment chains, and lines whose sums match the totals exactly (decimal.js).
 */
import { Decimal } from 'decimal.js';
import type { InvoiceDirection, InvoiceFamily, InvoiceKey } from '../portal/types.js';
import {
  rateFraction,
  roundDong,
  summarise,
  VAT_RATES,
  type SimInvoice,
  type SimLine,
  type SimParty,
  type SimRelation,
  type VatRate,
} from './invoice-model.js';
import { createRandom, stableUuid, type Random } from './prng.js';
import { applyVariety } from './variety.js';

export * from './invoice-model.js';

export interface GenerateOptions {
  seed: string | number;
  taxCode: string;
  /** `YYYY-MM`. */
  period: string;
  invoiceCount: number;
}

const COUNTERPARTIES: readonly SimParty[] = [
  { taxCode: '0100109106', name: 'TỔNG CÔNG TY VIỄN THÔNG MẪU', address: 'Số 1 Trần Hữu Dực, Hà Nội' },
  {
    taxCode: '0102671977',
    name: 'Công ty cổ phần Bất động sản Mẫu',
    address: 'Đường Chu Huy Mân, Long Biên, Hà Nội',
  },
  { taxCode: '0304043037', name: 'CÔNG TY CỔ PHẦN THỰC PHẨM MẪU', address: 'Quận 1, TP. Hồ Chí Minh' },
  { taxCode: '0106869738-048', name: 'CHI NHÁNH DỊCH VỤ VIỄN THÔNG MẪU', address: 'Hưng Yên' },
  { taxCode: '0901129841', name: 'CÔNG TY CỔ PHẦN ĐIỆN LỰC MẪU', address: 'Nghĩa Trụ, Hưng Yên' },
  { taxCode: '0312345678', name: 'CÔNG TY TNHH PHẦN MỀM MẪU', address: 'Cầu Giấy, Hà Nội' },
];

const GOODS: readonly { name: string; unit: string; low: number; high: number }[] = [
  { name: 'Dịch vụ tư vấn triển khai phần mềm', unit: 'giờ', low: 300_000, high: 2_500_000 },
  { name: 'Giấy in A4 Double A 80gsm', unit: 'ram', low: 60_000, high: 120_000 },
  { name: 'Phí quản lý tòa nhà', unit: 'tháng', low: 1_000_000, high: 9_000_000 },
  { name: 'Cước viễn thông di động', unit: 'thuê bao', low: 50_000, high: 500_000 },
  { name: 'Máy tính xách tay', unit: 'chiếc', low: 12_000_000, high: 40_000_000 },
  { name: 'Điện năng tiêu thụ', unit: 'kWh', low: 1_800, high: 3_500 },
  { name: 'Nước uống đóng chai', unit: 'thùng', low: 40_000, high: 150_000 },
];

function parsePeriod(period: string): { year: number; month: number; days: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) throw new Error(`invalid period "${period}": expected YYYY-MM`);
  return { year, month, days: new Date(Date.UTC(year, month, 0)).getUTCDate() };
}

/** Vietnam-local midnight of `date` as the UTC instant the portal sends (`...T17:00:00Z` the day before). */
export function vietnamMidnightUtc(date: string): string {
  const instant = Date.parse(`${date}T00:00:00+07:00`);
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

function makeLine(random: Random, stt: number, rate: VatRate, sign: 1 | -1): SimLine {
  // Discounts, notes, foreign currencies and line extras are added by `applyVariety` from a stream of
  // their own, so this stream (and the keys, dates and chains drawn from it) stays as it was.
  const goods = random.pick(GOODS);
  // Quantities with up to two decimals; prices in whole hundreds of đồng.
  const quantity = new Decimal(random.int(10, 500)).div(random.chance(0.3) ? 100 : 10).toDecimalPlaces(2);
  const unitPrice = new Decimal(Math.round(random.int(goods.low, goods.high) / 100) * 100);
  const signedQuantity = quantity.times(sign);
  const amount = roundDong(signedQuantity.times(unitPrice));
  return {
    stt,
    tchat: 1,
    code: `HH${String(random.int(1, 999)).padStart(3, '0')}`,
    name: goods.name,
    unit: goods.unit,
    quantity: signedQuantity,
    unitPrice,
    discountRate: null,
    discountAmount: null,
    amount,
    rate,
    tax: roundDong(amount.times(rateFraction(rate))),
    extra: [],
  };
}

function makeLines(random: Random, khmshdon: number, sign: 1 | -1): SimLine[] {
  // Sales invoices (template 2) carry no VAT; VAT invoices usually use one rate, sometimes two.
  const rates: VatRate[] =
    khmshdon === 2
      ? ['KCT']
      : random.chance(0.2)
        ? [random.pick(VAT_RATES), random.pick(VAT_RATES)]
        : [random.pick(VAT_RATES)];
  const count = random.int(1, 4);
  const lines = Array.from({ length: count }, (_, i) =>
    makeLine(random, i + 1, rates[i % rates.length]!, sign),
  );
  if (random.chance(0.15)) {
    // A promotional line: named, zero amount, like real vendor exports.
    const rate = rates[0]!;
    lines.push({
      stt: lines.length + 1,
      tchat: 2,
      code: 'KM001',
      name: 'Hàng khuyến mại không thu tiền',
      unit: 'cái',
      quantity: new Decimal(1),
      unitPrice: new Decimal(0),
      discountRate: null,
      discountAmount: null,
      amount: new Decimal(0),
      rate,
      tax: new Decimal(0),
      extra: [],
    });
  }
  return lines;
}

function seriesFor(random: Random, year: number, withCode: boolean, cashRegister: boolean): string {
  const letters = 'ABCDEFGHKLMNPQRSTUVXY';
  const tail = `${random.pick([...letters])}${random.pick([...letters])}`;
  return `${withCode ? 'C' : 'K'}${String(year % 100).padStart(2, '0')}${cashRegister ? 'M' : 'T'}${tail}`;
}

function dateInPeriod(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Same options, same invoices: every choice comes from PRNGs labelled by (seed, invoice index). */
export function generateInvoices(options: GenerateOptions): SimInvoice[] {
  const { year, month, days } = parsePeriod(options.period);
  const us: SimParty = {
    taxCode: options.taxCode,
    name: 'CÔNG TY CỔ PHẦN GIẢI PHÁP TÀI CHÍNH MẪU',
    address: 'Tầng 9, Số 235 Nguyễn Trãi, Thanh Xuân, Hà Nội',
  };
  const numbers = new Map<string, number>();
  const nextNumber = (seller: string, series: string, random: Random): number => {
    const key = `${seller}/${series}`;
    const next = (numbers.get(key) ?? random.int(1, 9000)) + random.int(1, 3);
    numbers.set(key, next);
    return next;
  };
  const invoices: SimInvoice[] = [];
  for (let index = 0; index < options.invoiceCount; index++) {
    const random = createRandom(options.seed, 'invoice', index);
    const direction: InvoiceDirection = random.chance(0.5) ? 'purchase' : 'sold';
    const family: InvoiceFamily = random.chance(0.15) ? 'sco-query' : 'query';
    const counterparty = random.pick(COUNTERPARTIES);
    const seller = direction === 'sold' ? us : counterparty;
    const buyer = direction === 'sold' ? counterparty : us;
    const withCode = family === 'sco-query' || random.chance(0.65);
    const ttxly: 5 | 6 | 8 = family === 'sco-query' ? 8 : withCode ? 5 : 6;
    const permanentlyWithoutXml = ttxly === 6 && random.chance(0.5);

    // Some invoices replace or adjust an earlier one of the same seller, direction and family.
    const wantsRelation = invoices.length > 0 && random.chance(0.15);
    const searchFrom = random.int(0, Math.max(0, invoices.length - 1));
    const eligible = (other: SimInvoice): boolean =>
      other.direction === direction &&
      other.family === family &&
      other.tthai === 1 &&
      !other.permanentlyWithoutXml;
    const candidate = wantsRelation
      ? [...invoices.slice(searchFrom), ...invoices.slice(0, searchFrom)].find(eligible)
      : undefined;

    const khmshdon = candidate ? candidate.khmshdon : random.chance(0.1) ? 2 : 1;
    const khhdon = candidate ? candidate.khhdon : seriesFor(random, year, withCode, family === 'sco-query');
    const sellerParty = candidate ? candidate.seller : seller;
    const day = candidate ? random.int(Number(candidate.issueDate.slice(8)), days) : random.int(1, days);
    const issueDate = dateInPeriod(year, month, day);
    const kind: SimRelation['kind'] | null = candidate
      ? random.chance(0.5)
        ? 'replacement'
        : 'adjustment'
      : null;
    const lines = makeLines(random, khmshdon, kind === 'adjustment' && random.chance(0.6) ? -1 : 1);
    const key: InvoiceKey = {
      nbmst: sellerParty.taxCode,
      khmshdon,
      khhdon,
      shdon: nextNumber(sellerParty.taxCode, khhdon, random),
    };
    const base: Omit<SimInvoice, 'variety'> = {
      ...key,
      id: stableUuid(options.seed, 'id', index),
      family,
      direction,
      issueDate,
      tdlap: vietnamMidnightUtc(issueDate),
      tthai: kind === 'replacement' ? 2 : kind === 'adjustment' ? 3 : 1,
      ttxly: candidate ? candidate.ttxly : ttxly,
      hsgoc: permanentlyWithoutXml && !candidate ? null : stableUuid(options.seed, 'hsgoc', index),
      mhdon: (candidate ? candidate.khhdon : khhdon).startsWith('C')
        ? stableUuid(options.seed, 'mhdon', index).replace(/-/g, '').toUpperCase().slice(0, 34)
        : null,
      seller: sellerParty,
      buyer: candidate ? candidate.buyer : buyer,
      currency: 'VND',
      exchangeRate: new Decimal(1),
      lines,
      ...summarise(lines),
      relation:
        candidate && kind
          ? { kind, original: pickKey(candidate), originalIssueDate: candidate.issueDate }
          : null,
      chain: [],
      permanentlyWithoutXml: permanentlyWithoutXml && !candidate,
      zipInSubfolder: random.chance(0.3),
    };
    const invoice: SimInvoice = {
      ...base,
      ...applyVariety(base, createRandom(options.seed, 'variety', index), candidate),
    };
    if (candidate && kind) {
      candidate.tthai = kind === 'replacement' ? 4 : 5;
      const members = [pickKey(candidate), ...candidate.chain, pickKey(invoice)];
      for (const member of [
        candidate,
        ...invoices.filter((i) => candidate.chain.some((k) => sameKey(k, i))),
      ]) {
        member.chain = members.filter((k) => !sameKey(k, member));
      }
      invoice.chain = members.filter((k) => !sameKey(k, invoice));
    }
    invoices.push(invoice);
  }
  return invoices;
}

export function pickKey(key: InvoiceKey): InvoiceKey {
  return { nbmst: key.nbmst, khmshdon: key.khmshdon, khhdon: key.khhdon, shdon: key.shdon };
}

export function sameKey(a: InvoiceKey, b: InvoiceKey): boolean {
  return a.nbmst === b.nbmst && a.khmshdon === b.khmshdon && a.khhdon === b.khhdon && a.shdon === b.shdon;
}
