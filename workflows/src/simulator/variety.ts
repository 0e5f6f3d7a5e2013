/**
 * What real portal data carries beyond keys and totals, drawn from a PRNG stream of its own (seed,
 * 'variety', invoice index), so adding it changed no key, date or chain of the base data: foreign
 * currencies with their rate and `VNĐ`, line discounts, note lines, vendor `ttkhac`, signature details,
 * the certificate provider, vendor fields, and the XML's form (padded numbers, `DLHDon` ids, `MCCQT`).
 */
import { Decimal } from 'decimal.js';
import { amountInWords, normaliseCurrencyCode } from '#engine';
import { authorityCertificate, signerCertificate, type CertificateFacts } from './certificates/index.js';
import { rateFraction, summarise, type SimExtra, type SimInvoice, type SimLine } from './invoice-model.js';
import type { Random } from './prng.js';

/** A signature's facts as the portal JSON states them (`nbcks`, `cqtcks`), in its key order. */
export interface SimCertificate {
  Subject: string;
  SerialNumber: string;
  Issuer: string;
  NotAfter: string;
  NotBefore: string;
  SigningTime: string;
}

export interface SimSignature {
  json: SimCertificate;
  /** Base64 DER for the XML's `X509Certificate`. */
  der: string;
}

export interface SimVariety {
  /** `tgtttbchu` / `TgTTTBChu`. */
  amountInWords: string;
  /** `tlhdon` (vendors word the type differently). */
  title: string;
  /** `ttcktmai`: the sum of line discounts, 0 or absent. */
  tradeDiscount: Decimal | null;
  /** `tgtphi`: 0 or absent (no fee lines are generated). */
  fees: Decimal | null;
  /** `tgtkcthue` (total not subject to tax) and `tgtkhac` (other amounts): 0 on some vendors' rows. */
  untaxedTotal: Decimal | null;
  otherTotal: Decimal | null;
  /** `chma`: a code-issuing channel some rows carry (`01`). */
  channel: string | null;
  /** `thttlphi`: empty, or the empty entry some vendors send. */
  feeEntries: { tlphi: string; tphi: null }[];
  provider: { taxCode: string; tvan: string; gateway: string };
  /** `cqt`: the tax office code. */
  taxOffice: string;
  paymentMethod: { code: number; text: string };
  sellerSignature: SimSignature;
  /** The tax authority's signature: only on invoices with a code (MCCQT). */
  authoritySignature: SimSignature | null;
  /** `ntao`, `ntnhan`, `ncma`: instants with milliseconds, after the issue date. */
  createdAt: string;
  receivedAt: string;
  codedAt: string | null;
  /** `nky`: the seller's signing time (UTC, no milliseconds). */
  signedAt: string;
  /** `mtdtchieu`: the transmission reference. */
  messageRef: string;
  codeRecordId: string | null;
  extras: {
    ttkhac: SimExtra[];
    nbttkhac: SimExtra[];
    nmttkhac: SimExtra[];
    cttkhac: SimExtra[];
    ttttkhac: SimExtra[];
  };
  sellerContact: { phone: string | null; email: string | null; website: string | null; fax: string | null };
  buyerContact: {
    phone: string | null;
    email: string | null;
    customerCode: string | null;
    person: string | null;
  };
  bank: { account: string; name: string } | null;
  xml: {
    /** `SHDon` written zero-padded to 8 digits, or as the plain number. */
    numberPadded: boolean;
    /** `DLHDon Id`, the seller signature's reference. */
    dataId: string;
    /** `MCCQT Id` attribute, or none. */
    codeId: string | null;
  };
}

type Changed = Pick<
  SimInvoice,
  | 'currency'
  | 'exchangeRate'
  | 'lines'
  | 'rateSummary'
  | 'totalBeforeTax'
  | 'totalTax'
  | 'totalPayable'
  | 'mhdon'
  | 'variety'
>;

const PROVIDERS = [
  {
    taxCode: '0100109106',
    tvan: '0100109106',
    gateway: 'tvan_viettel',
  },
  {
    taxCode: '0100684378',
    tvan: '0104128565',
    gateway: 'tvan_buuchinhvt',
  },
  {
    taxCode: '0101360697',
    tvan: '0101360697',
    gateway: 'tvan_bkav',
  },
  { taxCode: '0101243150', tvan: '0101243150', gateway: 'tvan_misa' },
] as const;
const TITLES = [
  'Hóa đơn giá trị gia tăng',
  'Hóa đơn giá trị gia tăng',
  'Hóa đơn GTGT',
  'HÓA ĐƠN GIÁ TRỊ GIA TĂNG',
  'Hóa đơn điện tử giá trị gia tăng',
];
const PAYMENTS = [
  { code: 9, text: 'TM/CK' },
  { code: 1, text: 'Tiền mặt' },
  { code: 2, text: 'Chuyển khoản' },
  { code: 9, text: 'CK/TM' },
];
const NOTES = [
  'Hàng giao theo hợp đồng số HĐ-2026/118',
  'Kèm theo bảng kê chi tiết số 03',
  'Ghi chú: thanh toán trong 30 ngày kể từ ngày xuất hóa đơn',
  'Chiết khấu đã trừ trực tiếp trên đơn giá',
];
/** Line `ttkhac` fields vendors add after `Amount` and `VATAmount` (11 entries at most). */
const LINE_EXTRA_FIELDS = [
  ['VATRate', 'string'],
  ['ProductCode', 'string'],
  ['ItemType', 'numeric'],
  ['IsIncreaseItem', 'string'],
  ['LineNumber', 'numeric'],
  ['UnitName', 'string'],
  ['TotalAmountWithVAT', 'numeric'],
  ['DiscountAmountBeforeTax', 'numeric'],
  ['Extra1', 'string'],
] as const;
const HEADER_EXTRA_FIELDS = [
  ['SearchKey', 'string'],
  ['Fkey', 'string'],
  ['MaTraCuu', 'string'],
  ['TransNo', 'string'],
  ['BienSoXe', 'string'],
  ['Extra9', 'string'],
] as const;

const CURRENCY_DIGITS: Record<string, number> = { USD: 2, EUR: 2 };
const digitsOf = (currency: string): number => CURRENCY_DIGITS[currency] ?? 0;

function hex(random: Random, length: number): string {
  return Array.from({ length }, () => random.int(0, 15).toString(16))
    .join('')
    .toUpperCase();
}

function guid(random: Random): string {
  const h = hex(random, 32).toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** `2026-04-03` + seconds after local midnight -> UTC instant, with or without milliseconds. */
function instantAfter(issueDate: string, seconds: number, withMs: boolean, random: Random): string {
  const ms = Date.parse(`${issueDate}T00:00:00+07:00`) + seconds * 1000 + (withMs ? random.int(0, 999) : 0);
  const text = new Date(ms).toISOString();
  return withMs ? text : text.replace(/\.\d{3}Z$/, 'Z');
}

function signature(certificate: CertificateFacts, signingTime: string): SimSignature {
  return {
    json: {
      Subject: certificate.subject,
      SerialNumber: certificate.serialNumber,
      Issuer: certificate.issuer,
      NotAfter: certificate.notAfter,
      NotBefore: certificate.notBefore,
      // Signing times are Vietnam local time without a zone (`nky` 09:02:41Z -> 16:02:41), as real rows have.
      SigningTime: new Date(Date.parse(signingTime) + 7 * 3600_000).toISOString().slice(0, 19),
    },
    der: certificate.der,
  };
}

function extras(random: Random, fields: readonly (readonly [string, string])[], max: number): SimExtra[] {
  const count = random.chance(0.3) ? random.int(1, max) : 0;
  return fields.slice(0, count).map(([ttruong, kdlieu]) => ({
    ttruong,
    kdlieu,
    dlieu: random.chance(0.2) ? null : kdlieu === 'numeric' ? String(random.int(0, 9)) : hex(random, 10),
  }));
}

function lineExtra(random: Random, line: SimLine): SimExtra[] {
  if (line.tchat === 4) return [];
  const base: SimExtra[] = [
    { ttruong: 'Amount', kdlieu: 'numeric', dlieu: line.amount.plus(line.tax).toFixed() },
    { ttruong: 'VATAmount', kdlieu: 'numeric', dlieu: line.tax.toFixed() },
  ];
  const more = random.chance(0.5) ? random.int(1, LINE_EXTRA_FIELDS.length) : 0;
  const values: Record<string, string | null> = {
    VATRate: line.rate,
    ProductCode: line.code,
    ItemType: String(line.tchat),
    IsIncreaseItem: line.amount.isNegative() ? 'False' : 'True',
    LineNumber: String(line.stt),
    UnitName: line.unit,
    TotalAmountWithVAT: line.amount.plus(line.tax).toFixed(),
    DiscountAmountBeforeTax: (line.discountAmount ?? new Decimal(0)).toFixed(),
    Extra1: null,
  };
  return [
    ...base,
    ...LINE_EXTRA_FIELDS.slice(0, more).map(([ttruong, kdlieu]) => ({
      ttruong,
      kdlieu,
      dlieu: values[ttruong]!,
    })),
  ];
}

/** Currency, discounts and notes on the lines; then each line's vendor extras. */
function varyLines(random: Random, lines: SimLine[], currency: string, rate: Decimal | null): SimLine[] {
  const digits = digitsOf(currency);
  const round = (value: Decimal) => value.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  const varied = lines.map((line): SimLine => {
    if (line.tchat !== 1 || line.quantity === null || line.unitPrice === null) return line;
    const unitPrice =
      digits > 0 && rate
        ? Decimal.max(line.unitPrice.div(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP), '0.01')
        : line.unitPrice;
    const gross = round(line.quantity.times(unitPrice));
    const discountRate = random.chance(0.18) ? new Decimal(random.pick(['2', '5', '10', '3.5'])) : null;
    const discountAmount = discountRate ? round(gross.times(discountRate).div(100)) : null;
    const amount = discountAmount ? gross.minus(discountAmount) : gross;
    const tax = line.rate ? round(amount.times(rateFraction(line.rate))) : new Decimal(0);
    return { ...line, unitPrice, discountRate, discountAmount, amount, tax };
  });
  if (random.chance(0.2)) {
    varied.push({
      stt: varied.length + 1,
      tchat: 4,
      code: null,
      name: random.pick(NOTES),
      unit: null,
      quantity: null,
      unitPrice: null,
      discountRate: null,
      discountAmount: null,
      amount: new Decimal(0),
      rate: null,
      tax: new Decimal(0),
      extra: [],
    });
  }
  return varied.map((line) => ({ ...line, extra: lineExtra(random, line) }));
}

function authorityCode(random: Random, invoice: Omit<SimInvoice, 'variety'>): string {
  // Cash-register invoices carry the register's code; the others the authority's 34-character code.
  if (invoice.family === 'sco-query')
    return `M${random.int(1, 2)}-${invoice.khhdon.slice(1, 3)}-${hex(random, 5)}-${String(random.int(1, 99_999_999_999)).padStart(11, '0')}`;
  return `00${hex(random, 32)}`;
}

export function applyVariety(
  invoice: Omit<SimInvoice, 'variety'>,
  random: Random,
  original?: SimInvoice,
): Changed {
  let currency = 'VND';
  let exchangeRate: Decimal | null = new Decimal(1);
  if (original) {
    currency = original.currency;
    exchangeRate = original.exchangeRate;
  } else if (invoice.family === 'query') {
    const draw = random.next();
    if (draw < 0.1) currency = 'VNĐ';
    else if (draw < 0.22) [currency, exchangeRate] = ['USD', new Decimal(random.int(25_900, 26_400))];
    else if (draw < 0.27) [currency, exchangeRate] = ['EUR', new Decimal(random.int(28_500, 30_500))];
    if (digitsOf(currency) === 0 && random.chance(0.3)) exchangeRate = null;
  }
  const lines = varyLines(random, invoice.lines, currency, exchangeRate);
  const totals = summarise(lines);
  const discounts = lines.filter((l) => l.discountAmount !== null);
  const tradeDiscount =
    discounts.length > 0
      ? discounts.reduce((sum, l) => sum.plus(l.discountAmount!), new Decimal(0))
      : random.chance(0.4)
        ? new Decimal(0)
        : null;
  const provider = random.pick(PROVIDERS);
  const signedAt = instantAfter(invoice.issueDate, random.int(7 * 3600, 20 * 3600), false, random);
  const createdAt = instantAfter(invoice.issueDate, random.int(20 * 3600, 40 * 3600), true, random);
  const receivedAt = new Date(Date.parse(createdAt) - random.int(1000, 9000)).toISOString();
  const mhdon = invoice.mhdon === null ? null : authorityCode(random, invoice);
  const withOriginal = invoice.hsgoc !== null;
  const variety: SimVariety = {
    amountInWords: vendorAmountInWords(totals.totalPayable, currency),
    title: invoice.khmshdon === 2 ? 'Hóa đơn bán hàng' : random.pick(TITLES),
    tradeDiscount,
    fees: random.chance(0.25) ? new Decimal(0) : null,
    untaxedTotal: random.chance(0.04) ? new Decimal(0) : null,
    otherTotal: random.chance(0.06) ? new Decimal(0) : null,
    channel: mhdon && random.chance(0.1) ? '01' : null,
    feeEntries: random.chance(0.05) ? [{ tlphi: '', tphi: null }] : [],
    provider: { taxCode: provider.taxCode, tvan: provider.tvan, gateway: provider.gateway },
    taxOffice: random.pick(['0101', '7901', '7902', '0105']),
    paymentMethod: random.pick(PAYMENTS),
    sellerSignature: signature(signerCertificate(invoice.seller.taxCode), signedAt),
    authoritySignature: mhdon ? signature(authorityCertificate(), createdAt) : null,
    createdAt,
    receivedAt,
    codedAt: mhdon ? createdAt : null,
    signedAt,
    messageRef: `V${provider.tvan}${hex(random, 33)}`,
    codeRecordId: mhdon && withOriginal ? guid(random) : null,
    extras: {
      ttkhac: extras(random, HEADER_EXTRA_FIELDS, HEADER_EXTRA_FIELDS.length),
      nbttkhac: extras(
        random,
        [
          ['SoPhuongTien', 'string'],
          ['TDVi', 'string'],
        ],
        2,
      ),
      nmttkhac: extras(
        random,
        [
          ['Extra8', 'string'],
          ['soHoChieuKH', 'string'],
        ],
        2,
      ),
      cttkhac: extras(
        random,
        [
          ['maCongTy', 'string'],
          ['loaiMauIn', 'string'],
          ['kHThiSL', 'string'],
        ],
        3,
      ),
      ttttkhac: extras(
        random,
        [
          ['chungTuLienQuan', 'string'],
          ['Extra9', 'string'],
        ],
        2,
      ),
    },
    sellerContact: {
      phone: random.chance(0.3) ? `0${random.int(200_000_000, 999_999_999)}` : null,
      email: random.chance(0.15) ? 'hoadon@example.vn' : null,
      website: random.chance(0.05) ? 'https://example.vn' : null,
      fax: random.chance(0.04) ? `024${random.int(1_000_000, 9_999_999)}` : null,
    },
    buyerContact: {
      phone: random.chance(0.1) ? `09${random.int(10_000_000, 99_999_999)}` : null,
      email: random.chance(0.15) ? 'ketoan@example.vn' : null,
      customerCode: random.chance(0.5) ? String(random.int(1, 9_999_999)) : random.chance(0.5) ? '' : null,
      person: random.chance(0.06) ? 'Nguyễn Văn An' : null,
    },
    bank: random.chance(0.15)
      ? {
          account: String(random.int(100_000_000, 999_999_999_999)),
          name: 'Ngân hàng TMCP Ngoại thương Việt Nam',
        }
      : null,
    xml: {
      numberPadded: random.chance(0.6),
      dataId: random.pick(['DLHDon', 'DuLieuKy', 'SigningData', guid(random), `Id-${guid(random)}`]),
      codeId: random.pick(['MCCQT', 'MCCQT', null, 'Id-MCCQT']),
    },
  };
  return { currency, exchangeRate, lines, ...totals, mhdon, variety };
}

/** As some vendors print it: whole thousands of đồng end in "chẵn" ("… nghìn đồng chẵn"). */
function vendorAmountInWords(amount: Decimal, currency: string): string {
  const words = amountInWords(amount, currency);
  const wholeThousands = amount.isInteger() && amount.mod(1000).isZero();
  return normaliseCurrencyCode(currency) === 'VND' && wholeThousands ? `${words} chẵn` : words;
}
