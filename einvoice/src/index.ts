export * from './model.js';
export { parseInvoiceXml, type ParseInvoiceOptions, type ParsedInvoice } from './parse-invoice.js';
export { normaliseDetail, type NormalisedDetail } from './normalise-detail.js';
export { compareWithHeader, type HeaderInput } from './header-compare.js';
export { checkConsistency, XML_TOTAL_FIELDS, type TotalFieldNames } from './consistency.js';
export { parseVatRate, vatRateFromFraction, isVatFree } from './vat-rate.js';
export {
  EInvoiceError,
  XmlParseError,
  XmlRefusedError,
  describeEInvoiceError,
  type XmlRefusalReason,
} from './errors.js';
export {
  describeWarning,
  UNKNOWN_INVOICE,
  type InvoiceWarning,
  type InvoiceWarningCode,
} from './warnings.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type XmlLimits } from './xml-tree.js';
export {
  InvoiceDecimal,
  currencyDigits,
  normaliseCurrency,
  decimalFromJson,
  decimalFromText,
} from './decimal.js';
export { einvoiceMessages, type EInvoiceMessageKey } from './messages.js';
export {
  buildInvoiceXml,
  type InvoiceSpec,
  type LineSpec,
  type PartySpec,
  type SignatureSpec,
  type OmittablePart,
} from './xml-builder.js';
export { buildInvoiceDetail } from './detail-builder.js';
export { MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS } from './decimal.js';
export { MAX_ERROR_DETAIL } from './xml-tree.js';
export { vietnamDate } from './vietnam-time.js';
export { generateBenchCorpus, benchInvoiceSpec } from './bench-corpus.js';
export { readInvoice, isJsonText, type ReadInvoice } from './read-invoice.js';
export { renderSummary } from './summary.js';
export { summaryMessages, type SummaryMessageKey } from './summary-messages.js';
export { inspectionJson, toJsonValue, type InspectionJson, type JsonValue } from './to-json.js';
