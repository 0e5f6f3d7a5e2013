export {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatMoney,
  normaliseCurrencyCode,
  type DisplayLanguage,
} from './format.js';
