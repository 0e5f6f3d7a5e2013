export {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMoney,
  normaliseCurrencyCode,
  type DisplayLanguage,
} from './format.js';
export { amountInWords, readWholeNumber } from './amount-in-words.js';
