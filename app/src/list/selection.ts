/** The invoices an action is asked for: a list of `nbmst/khmshdon/khhdon/shdon` keys, bounded. */
import { parseInvoiceKey, type InvoiceKey } from '#workflows/portal';
import { AppError } from '../messages.js';

/** At most this many invoices per action (a sync, a print, a ZIP). */
export const MAX_SELECTION = 5_000;
const INT_MAX = 2_147_483_647;

export function parseKey(text: string): InvoiceKey {
  let key: InvoiceKey;
  try {
    key = parseInvoiceKey(text);
  } catch {
    throw new AppError(400, 'error.badKey', { key: text.slice(0, 80) });
  }
  if (key.shdon > INT_MAX || key.khmshdon > 99 || key.nbmst.length > 20 || key.khhdon.length > 20) {
    throw new AppError(400, 'error.badKey', { key: text.slice(0, 80) });
  }
  return key;
}

/** `keys` of a request body: an array of key strings (or one comma-separated string, from a form). */
export function parseSelection(value: unknown): InvoiceKey[] {
  const list = typeof value === 'string' ? value.split(',').filter((k) => k.trim() !== '') : value;
  if (!Array.isArray(list)) throw new AppError(400, 'error.keysNotList');
  if (list.length > MAX_SELECTION)
    throw new AppError(413, 'error.tooMany', { max: MAX_SELECTION, count: list.length });
  if (list.length === 0) throw new AppError(400, 'error.keysEmpty');
  return list.map((item) => {
    if (typeof item !== 'string')
      throw new AppError(400, 'error.badKey', { key: JSON.stringify(item)?.slice(0, 80) ?? '' });
    return parseKey(item);
  });
}
