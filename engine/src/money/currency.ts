import { EngineError } from '../errors/engine-error.js';

/**
 * ISO 4217 minor units (digits after the decimal point) of the active currency codes. Funds and precious
 * metals without minor units (XAU, XDR, ...) are left out on purpose: nobody invoices project work in them.
 */
const ZERO_DIGITS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DIGITS = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DIGITS = 'CLF UYW';
const TWO_DIGITS =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD ' +
  'HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT ' +
  'MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR ' +
  'SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU ' +
  'UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

const MINOR_UNITS: ReadonlyMap<string, number> = new Map([
  ...ZERO_DIGITS.split(' ').map((code) => [code, 0] as const),
  ...TWO_DIGITS.split(' ').map((code) => [code, 2] as const),
  ...THREE_DIGITS.split(' ').map((code) => [code, 3] as const),
  ...FOUR_DIGITS.split(' ').map((code) => [code, 4] as const),
]);

export function isKnownCurrency(code: string): boolean {
  return MINOR_UNITS.has(code);
}

/** Digits after the decimal point for `code` (VND 0, USD 2, KWD 3); an unknown code is an error. */
export function minorUnits(code: string, where = 'currency'): number {
  const digits = MINOR_UNITS.get(code);
  if (digits === undefined) throw new EngineError('money.unknownCurrency', { where, currency: code });
  return digits;
}

export function knownCurrencies(): string[] {
  return [...MINOR_UNITS.keys()].sort();
}
