/**
 * The numbers the store's columns and SQL hold, checked before a query so that an invoice number or a
 * page offset beyond them gets a message naming the field and the value instead of PostgreSQL's
 * "value … out of range for type integer" or "bigint out of range".
 */
import { formatInvoiceKey, type InvoiceKey } from '../portal/types.js';
import { StoreError } from './messages.js';

/** `khmshdon` and `shdon` are INTEGER columns. */
export const KEY_NUMBER_MAX = 2_147_483_647;

/** Refuses a key whose template or invoice number no INTEGER column can hold. */
export function checkKeyRange(key: InvoiceKey): InvoiceKey {
  for (const field of ['khmshdon', 'shdon'] as const) {
    const value = key[field];
    if (!Number.isInteger(value) || value < 0 || value > KEY_NUMBER_MAX) {
      throw new StoreError('store.keyOutOfRange', {
        key: formatInvoiceKey(key),
        field,
        value: String(value),
        max: KEY_NUMBER_MAX,
      });
    }
  }
  return key;
}

/** A LIMIT or OFFSET: a whole number JS holds exactly (PostgreSQL's BIGINT holds all of them). */
export function checkPaging(name: 'limit' | 'offset', value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StoreError('store.pagingOutOfRange', {
      name,
      value: String(value),
      max: Number.MAX_SAFE_INTEGER,
    });
  }
  return value;
}
