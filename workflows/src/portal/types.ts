/**
 * The tax portal as the rest of the sync sees it. The HTTP client (`client.ts`) and the simulator
 * (`../simulator/`) implement and serve exactly this; activities depend only on `PortalClient`.
 */
export type InvoiceFamily = 'query' | 'sco-query';
export type InvoiceDirection = 'purchase' | 'sold';

/** Natural key of an invoice: seller tax code, template, series, number. */
export interface InvoiceKey {
  nbmst: string;
  khmshdon: number;
  khhdon: string;
  shdon: number;
}

/** `nbmst/khmshdon/khhdon/shdon`, e.g. `0100109106/1/C26TAS/1234`: how keys are written in CLIs and ids. */
export function formatInvoiceKey(key: InvoiceKey): string {
  return `${key.nbmst}/${key.khmshdon}/${key.khhdon}/${key.shdon}`;
}

export function parseInvoiceKey(text: string): InvoiceKey {
  const parts = text.trim().split('/');
  if (parts.length !== 4 || !/^\d+$/.test(parts[1]!) || !/^\d+$/.test(parts[3]!) || !parts[0] || !parts[2]) {
    throw new Error(`invalid invoice key "${text}": expected <seller tax code>/<template>/<series>/<number>`);
  }
  return { nbmst: parts[0], khmshdon: Number(parts[1]), khhdon: parts[2], shdon: Number(parts[3]) };
}

/** A header row as the portal lists it (fields kept as received; `raw` is the whole JSON object). */
export interface PortalHeader extends InvoiceKey {
  id: string;
  family: InvoiceFamily;
  direction: InvoiceDirection;
  /** Issue date in Vietnam (UTC+7), `YYYY-MM-DD`. */
  issueDate: string;
  tthai: number | null;
  ttxly: number | null;
  hsgoc: string | null;
  raw: Record<string, unknown>;
}

export interface HeaderPage {
  headers: PortalHeader[];
  /** Cursor for the next page; null when done. */
  nextState: string | null;
  total: number;
}

export interface ListHeadersRequest {
  family: InvoiceFamily;
  direction: InvoiceDirection;
  /** Inclusive range of Vietnam-local dates, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Purchase lists are queried per processing state. */
  ttxly?: 5 | 6 | 8;
  state?: string | null;
  signal?: AbortSignal;
}

export interface PortalClient {
  listHeaders(request: ListHeadersRequest): Promise<HeaderPage>;
  /** The `detail` JSON (header plus `hdhhdvu` lines), as received. */
  getDetail(family: InvoiceFamily, key: InvoiceKey, signal?: AbortSignal): Promise<Record<string, unknown>>;
  /** The `invoice.xml` text found inside the export ZIP. */
  exportXml(family: InvoiceFamily, key: InvoiceKey, signal?: AbortSignal): Promise<string>;
  /** Replacement/adjustment chain rows. */
  getRelative(
    family: InvoiceFamily,
    key: InvoiceKey,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>[]>;
}

/**
 * Every failed portal call is classified into one of these (see `errors.ts`), so retry policy can be
 * decided without looking at HTTP details.
 */
export type PortalErrorKind =
  | 'rate_limited' // 429; retryAfterMs when the portal said so
  | 'auth_expired' // 401/403: log in again, then retry
  | 'transient' // 5xx, timeouts, connection errors, firewall HTML page, corrupt ZIP
  | 'unavailable' // "Không tồn tại hồ sơ gốc", hsgoc null: re-check later, no hot retry
  | 'malformed' // a body we cannot understand: permanent
  | 'bad_credentials' // login refused (wrong password or captcha): permanent until a person acts
  | 'not_found'; // the invoice does not exist: permanent
