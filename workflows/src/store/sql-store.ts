/**
 * The invoice store over either SQL driver. Every write is an upsert on the natural key
 * (nbmst, khmshdon, khhdon, shdon), so activities can be retried and run concurrently; batches are sent
 * as one JSON parameter expanded by `jsonb_to_recordset`, in key order so concurrent writers lock rows in
 * the same order. Amounts travel as decimal text and are stored as NUMERIC.
 */
import { hostname } from 'node:os';
import { decimalFromJson, normaliseCurrency } from '#einvoice';
import { formatInvoiceKey, type InvoiceKey, type PortalHeader } from '../portal/types.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { fromLineRow, toLineRow, type LineRow } from './line-rows.js';
import { migrate } from './migrate.js';
import { StoreError } from './messages.js';
import { checkKeyRange, checkPaging } from './number-range.js';
import * as queue from './sql-queue.js';
import {
  RUN_STALE_AFTER_MS,
  SYNC_STATUSES,
  type EnqueueResult,
  type InvoiceFilter,
  type InvoiceStore,
  type PartResult,
  type QueueItem,
  type QueuedItem,
  type QueueSelection,
  type RunFilter,
  type StoredInvoice,
  type StoredLine,
  type SyncPart,
  type SyncRun,
  type SyncStatus,
} from './types.js';

const HEADER_BATCH = 500;

const KEY_MATCH = 'nbmst = $1 AND khmshdon = $2 AND khhdon = $3 AND shdon = $4';
const JOINED_KEY_MATCH = 'i.nbmst = $1 AND i.khmshdon = $2 AND i.khhdon = $3 AND i.shdon = $4';
const keyParams = (key: InvoiceKey) => {
  checkKeyRange(key);
  return [key.nbmst, key.khmshdon, key.khhdon, key.shdon];
};

const compareKeys = (a: InvoiceKey, b: InvoiceKey) =>
  a.nbmst < b.nbmst
    ? -1
    : a.nbmst > b.nbmst
      ? 1
      : a.khmshdon - b.khmshdon || (a.khhdon < b.khhdon ? -1 : a.khhdon > b.khhdon ? 1 : a.shdon - b.shdon);

function amountText(value: unknown): string | null {
  const amount = decimalFromJson(value);
  return amount ? amount.toFixed() : null;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Refuses a header the database would reject with an obscure message, naming the invoice and field. */
function checkHeader(header: PortalHeader): void {
  const fail = (field: string, value: unknown) => {
    throw new StoreError('store.invalidHeader', {
      key: formatInvoiceKey(header),
      field,
      value: JSON.stringify(value) ?? String(value),
    });
  };
  if (typeof header.nbmst !== 'string' || header.nbmst.trim() === '') fail('nbmst', header.nbmst);
  if (typeof header.khhdon !== 'string' || header.khhdon.trim() === '') fail('khhdon', header.khhdon);
  if (!Number.isInteger(header.khmshdon) || header.khmshdon < 0 || header.khmshdon > 99)
    fail('khmshdon', header.khmshdon);
  if (!Number.isInteger(header.shdon) || header.shdon < 0 || header.shdon > 2_147_483_647)
    fail('shdon', header.shdon);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(header.issueDate) || Number.isNaN(Date.parse(header.issueDate))) {
    fail('issueDate', header.issueDate);
  }
  if (header.direction !== 'purchase' && header.direction !== 'sold') fail('direction', header.direction);
  if (header.family !== 'query' && header.family !== 'sco-query') fail('family', header.family);
  if (typeof header.id !== 'string' || header.id === '') fail('id', header.id);
}

function headerRow(header: PortalHeader) {
  checkHeader(header);
  const raw = header.raw ?? {};
  return {
    nbmst: header.nbmst,
    khmshdon: header.khmshdon,
    khhdon: header.khhdon,
    shdon: header.shdon,
    direction: header.direction,
    family: header.family,
    portal_id: header.id,
    issue_date: header.issueDate,
    tthai: header.tthai,
    ttxly: header.ttxly,
    hsgoc: header.hsgoc,
    seller_name: textOrNull(raw['nbten']),
    buyer_tax_code: textOrNull(raw['nmmst']),
    buyer_name: textOrNull(raw['nmten']),
    total_before_tax: amountText(raw['tgtcthue']),
    total_tax: amountText(raw['tgtthue']),
    total_payable: amountText(raw['tgtttbso']),
    currency: normaliseCurrency(textOrNull(raw['dvtte'])),
    raw_header: raw,
  };
}

const INVOICE_COLUMNS = `nbmst, khmshdon, khhdon, shdon, tax_code, direction, family, portal_id,
  to_char(issue_date, 'YYYY-MM-DD') AS issue_date, seller_name, buyer_tax_code, buyer_name,
  total_before_tax::text AS total_before_tax, total_tax::text AS total_tax, total_payable::text AS total_payable,
  currency, hsgoc, details_status, details_attempts, details_last_error, details_last_tried_at, details_next_check_at,
  xml_status, xml_attempts, xml_last_error, xml_last_tried_at, xml_next_check_at`;

interface InvoiceRow {
  nbmst: string;
  khmshdon: number;
  khhdon: string;
  shdon: number;
  tax_code: string;
  direction: StoredInvoice['direction'];
  family: StoredInvoice['family'];
  portal_id: string;
  issue_date: string;
  seller_name: string | null;
  buyer_tax_code: string | null;
  buyer_name: string | null;
  total_before_tax: string | null;
  total_tax: string | null;
  total_payable: string | null;
  currency: string | null;
  [part: string]: unknown;
}

function toInvoice(row: InvoiceRow): StoredInvoice {
  const part = (name: SyncPart) => ({
    status: row[`${name}_status`] as SyncStatus,
    attempts: row[`${name}_attempts`] as number,
    lastError: (row[`${name}_last_error`] as string | null) ?? null,
    lastTriedAt: (row[`${name}_last_tried_at`] as Date | null) ?? null,
    nextCheckAt: (row[`${name}_next_check_at`] as Date | null) ?? null,
  });
  return {
    nbmst: row.nbmst,
    khmshdon: row.khmshdon,
    khhdon: row.khhdon,
    shdon: row.shdon,
    taxCode: row.tax_code,
    direction: row.direction,
    family: row.family,
    portalId: row.portal_id,
    issueDate: row.issue_date,
    sellerName: row.seller_name,
    buyerTaxCode: row.buyer_tax_code,
    buyerName: row.buyer_name,
    totalBeforeTax: row.total_before_tax,
    totalTax: row.total_tax,
    totalPayable: row.total_payable,
    currency: row.currency,
    hsgoc: (row.hsgoc as string | null | undefined) ?? null,
    details: part('details'),
    xml: part('xml'),
  };
}

/** WHERE clause and parameters for a filter; parameters are numbered from `first`. */
function whereOf(filter: InvoiceFilter, first = 1): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  if (filter.taxCode !== undefined) conditions.push(`tax_code = ${param(filter.taxCode)}`);
  if (filter.direction !== undefined) conditions.push(`direction = ${param(filter.direction)}`);
  if (filter.period !== undefined) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(filter.period)) {
      throw new Error(`invalid period "${filter.period}": expected YYYY-MM`);
    }
    const start = param(`${filter.period}-01`);
    conditions.push(`issue_date >= ${start}::date AND issue_date < (${start}::date + INTERVAL '1 month')`);
  }
  for (const part of ['details', 'xml'] as const) {
    const statuses = part === 'details' ? filter.detailsStatus : filter.xmlStatus;
    if (statuses !== undefined) conditions.push(`${part}_status = ANY(${param(statuses)}::text[])`);
  }
  if (filter.dueBy !== undefined) {
    const part = filter.dueBy.part === 'xml' ? 'xml' : 'details';
    const at = param(filter.dueBy.at);
    conditions.push(`(${part}_next_check_at IS NULL OR ${part}_next_check_at <= ${at}::timestamptz)`);
  }
  if (filter.keys !== undefined) {
    filter.keys.forEach(checkKeyRange);
    conditions.push(`(nbmst, khmshdon, khhdon, shdon) IN (SELECT k.nbmst, k.khmshdon, k.khhdon, k.shdon
      FROM jsonb_to_recordset(${param(JSON.stringify(filter.keys))}::jsonb)
      AS k(nbmst TEXT, khmshdon INTEGER, khhdon TEXT, shdon INTEGER))`);
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function checkStatus(key: InvoiceKey, status: string): SyncStatus {
  if (!(SYNC_STATUSES as readonly string[]).includes(status)) {
    throw new StoreError('store.badStatus', { key: formatInvoiceKey(key), status });
  }
  return status as SyncStatus;
}

interface RunRow {
  id: number;
  kind: string;
  scope: Record<string, unknown>;
  status: SyncRun['status'];
  started_at: Date;
  finished_at: Date | null;
  counts: Record<string, number>;
  error: string | null;
  owner: string | null;
  heartbeat_at: Date | null;
}

/** The process a run belongs to, as its lease names it. */
export const RUN_OWNER = `${hostname()}:${process.pid}`;

const toRun = (row: RunRow): SyncRun => ({
  id: row.id,
  kind: row.kind,
  scope: row.scope,
  status: row.status,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  counts: row.counts,
  error: row.error,
  owner: row.owner ?? null,
  heartbeatAt: row.heartbeat_at ?? null,
});

export class SqlInvoiceStore implements InvoiceStore {
  constructor(private readonly driver: SqlDriver) {}

  get driverKind(): SqlDriver['kind'] {
    return this.driver.kind;
  }

  async migrate(): Promise<void> {
    await migrate(this.driver);
  }

  async upsertHeaders(taxCode: string, headers: PortalHeader[]): Promise<number> {
    // One row per key (the last one wins, as if written in order), sorted to lock rows in a fixed order.
    const byKey = new Map(headers.map((header) => [formatInvoiceKey(header), header]));
    const unique = [...byKey.values()].sort(compareKeys);
    let written = 0;
    for (let start = 0; start < unique.length; start += HEADER_BATCH) {
      const batch = unique.slice(start, start + HEADER_BATCH).map(headerRow);
      const result = await this.driver.query(
        `INSERT INTO invoices (nbmst, khmshdon, khhdon, shdon, tax_code, direction, family, portal_id, issue_date,
           tthai, ttxly, hsgoc, seller_name, buyer_tax_code, buyer_name, total_before_tax, total_tax, total_payable,
           currency, raw_header)
         SELECT h.nbmst, h.khmshdon, h.khhdon, h.shdon, $1, h.direction, h.family, h.portal_id, h.issue_date::date,
           h.tthai, h.ttxly, h.hsgoc, h.seller_name, h.buyer_tax_code, h.buyer_name, h.total_before_tax::numeric,
           h.total_tax::numeric, h.total_payable::numeric, h.currency, h.raw_header
         FROM jsonb_to_recordset($2::jsonb) AS h(nbmst TEXT, khmshdon INTEGER, khhdon TEXT, shdon INTEGER,
           direction TEXT, family TEXT, portal_id TEXT, issue_date TEXT, tthai SMALLINT, ttxly SMALLINT, hsgoc TEXT,
           seller_name TEXT, buyer_tax_code TEXT, buyer_name TEXT, total_before_tax TEXT, total_tax TEXT,
           total_payable TEXT, currency TEXT, raw_header JSONB)
         ORDER BY h.nbmst, h.khmshdon, h.khhdon, h.shdon
         ON CONFLICT (nbmst, khmshdon, khhdon, shdon) DO UPDATE SET
           family = EXCLUDED.family, portal_id = EXCLUDED.portal_id, issue_date = EXCLUDED.issue_date,
           tthai = EXCLUDED.tthai, ttxly = EXCLUDED.ttxly, hsgoc = EXCLUDED.hsgoc,
           seller_name = EXCLUDED.seller_name, buyer_tax_code = EXCLUDED.buyer_tax_code,
           buyer_name = EXCLUDED.buyer_name, total_before_tax = EXCLUDED.total_before_tax,
           total_tax = EXCLUDED.total_tax, total_payable = EXCLUDED.total_payable, currency = EXCLUDED.currency,
           raw_header = EXCLUDED.raw_header, updated_at = now(),
           -- The original record appeared: an XML parked as unavailable is worth checking now.
           xml_next_check_at = CASE
             WHEN invoices.hsgoc IS NULL AND EXCLUDED.hsgoc IS NOT NULL AND invoices.xml_status = 'unavailable'
             THEN now() ELSE invoices.xml_next_check_at END
         WHERE (invoices.raw_header, invoices.portal_id, invoices.family, invoices.issue_date)
           IS DISTINCT FROM (EXCLUDED.raw_header, EXCLUDED.portal_id, EXCLUDED.family, EXCLUDED.issue_date)`,
        [taxCode, JSON.stringify(batch)],
      );
      written += result.affectedRows;
    }
    return written;
  }

  /** Locks the invoice row for the rest of the transaction; unknown keys are an error. */
  private async lockInvoice(tx: SqlExecutor, key: InvoiceKey): Promise<number> {
    const found = await tx.query<{ id: string | number }>(
      `SELECT id FROM invoices WHERE ${KEY_MATCH} FOR UPDATE`,
      keyParams(key),
    );
    if (found.rows.length === 0) throw new StoreError('store.unknownInvoice', { key: formatInvoiceKey(key) });
    return Number(found.rows[0]!.id);
  }

  private async setPart(tx: SqlExecutor, id: number, part: SyncPart, key: InvoiceKey, result: PartResult) {
    await tx.query(
      `UPDATE invoices SET ${part}_status = $2, ${part}_attempts = ${part}_attempts + 1, ${part}_last_error = $3,
         ${part}_last_tried_at = now(), ${part}_next_check_at = $4, updated_at = now()
       WHERE id = $1`,
      [id, checkStatus(key, result.status), result.error ?? null, result.nextCheckAt ?? null],
    );
  }

  async saveDetails(key: InvoiceKey, rawJson: unknown, lines: unknown[], result: PartResult): Promise<void> {
    const keyText = formatInvoiceKey(key);
    const rows: LineRow[] = lines.map((line, i) => toLineRow(line, i, keyText));
    await this.driver.transaction(async (tx) => {
      const id = await this.lockInvoice(tx, key);
      // No detail this time (e.g. a failed call): keep what an earlier success stored.
      if (rawJson !== null && rawJson !== undefined) {
        await tx.query(
          `INSERT INTO invoice_details (invoice_id, raw_json) VALUES ($1, $2::jsonb)
           ON CONFLICT (invoice_id) DO UPDATE SET raw_json = EXCLUDED.raw_json, saved_at = now()`,
          [id, JSON.stringify(rawJson)],
        );
        await tx.query('DELETE FROM invoice_lines WHERE invoice_id = $1', [id]);
        if (rows.length > 0) {
          await tx.query(
            `INSERT INTO invoice_lines (invoice_id, line_index, line_no, nature, code, name, unit, quantity,
               unit_price, discount_rate, discount_amount, amount, vat_rate_code, vat_rate, vat_amount,
               vat_amount_source, extra)
             SELECT $1, l.line_index, l.line_no, l.nature, l.code, l.name, l.unit, l.quantity::numeric,
               l.unit_price::numeric, l.discount_rate::numeric, l.discount_amount::numeric, l.amount::numeric,
               l.vat_rate_code, l.vat_rate::numeric, l.vat_amount::numeric, l.vat_amount_source,
               COALESCE(l.extra, '{}'::jsonb)
             FROM jsonb_to_recordset($2::jsonb) AS l(line_index INTEGER, line_no INTEGER, nature SMALLINT,
               code TEXT, name TEXT, unit TEXT, quantity TEXT, unit_price TEXT, discount_rate TEXT,
               discount_amount TEXT, amount TEXT, vat_rate_code TEXT, vat_rate TEXT, vat_amount TEXT,
               vat_amount_source TEXT, extra JSONB)`,
            [id, JSON.stringify(rows)],
          );
        }
      }
      await this.setPart(tx, id, 'details', key, result);
    });
  }

  async saveXml(key: InvoiceKey, rawXml: string | null, result: PartResult): Promise<void> {
    await this.driver.transaction(async (tx) => {
      const id = await this.lockInvoice(tx, key);
      if (rawXml !== null) {
        await tx.query(
          `INSERT INTO invoice_xml (invoice_id, xml) VALUES ($1, $2)
           ON CONFLICT (invoice_id) DO UPDATE SET xml = EXCLUDED.xml, saved_at = now()`,
          [id, rawXml],
        );
      }
      await this.setPart(tx, id, 'xml', key, result);
    });
  }

  async recordAttempt(key: InvoiceKey, part: SyncPart, result: PartResult): Promise<void> {
    if (part !== 'details' && part !== 'xml') throw new Error(`unknown sync part "${String(part)}"`);
    await this.driver.transaction(async (tx) => {
      const id = await this.lockInvoice(tx, key);
      await this.setPart(tx, id, part, key, result);
    });
  }

  async getInvoice(key: InvoiceKey): Promise<StoredInvoice | null> {
    const found = await this.driver.query<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE ${KEY_MATCH}`,
      keyParams(key),
    );
    return found.rows.length > 0 ? toInvoice(found.rows[0]!) : null;
  }

  async listInvoices(filter: InvoiceFilter): Promise<StoredInvoice[]> {
    const { where, params } = whereOf(filter);
    const paging: string[] = [];
    if (filter.limit !== undefined)
      paging.push(`LIMIT ${checkPaging('limit', Math.max(0, Math.trunc(filter.limit)))}`);
    if (filter.offset !== undefined)
      paging.push(`OFFSET ${checkPaging('offset', Math.max(0, Math.trunc(filter.offset)))}`);
    const found = await this.driver.query<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices ${where}
       ORDER BY issue_date, nbmst, khmshdon, khhdon, shdon ${paging.join(' ')}`,
      params,
    );
    return found.rows.map(toInvoice);
  }

  async countByStatus(filter: InvoiceFilter): Promise<Record<SyncPart, Record<SyncStatus, number>>> {
    const { where, params } = whereOf({ ...filter, limit: undefined, offset: undefined });
    const found = await this.driver.query<{ part: SyncPart; status: SyncStatus; n: number }>(
      `SELECT 'details' AS part, details_status AS status, count(*)::int AS n FROM invoices ${where}
         GROUP BY details_status
       UNION ALL
       SELECT 'xml' AS part, xml_status AS status, count(*)::int AS n FROM invoices ${where} GROUP BY xml_status`,
      params,
    );
    const zero = () =>
      Object.fromEntries(SYNC_STATUSES.map((status) => [status, 0])) as Record<SyncStatus, number>;
    const counts = { details: zero(), xml: zero() };
    for (const row of found.rows) counts[row.part][row.status] = row.n;
    return counts;
  }

  async getRawXml(key: InvoiceKey): Promise<string | null> {
    const found = await this.driver.query<{ xml: string }>(
      `SELECT x.xml FROM invoice_xml x JOIN invoices i ON i.id = x.invoice_id WHERE ${JOINED_KEY_MATCH}`,
      keyParams(key),
    );
    return found.rows[0]?.xml ?? null;
  }

  async getRawDetail(key: InvoiceKey): Promise<unknown> {
    const found = await this.driver.query<{ raw_json: unknown }>(
      `SELECT d.raw_json FROM invoice_details d JOIN invoices i ON i.id = d.invoice_id
       WHERE ${JOINED_KEY_MATCH}`,
      keyParams(key),
    );
    return found.rows[0]?.raw_json ?? null;
  }

  async getLines(key: InvoiceKey): Promise<StoredLine[]> {
    const found = await this.driver.query<LineRow>(
      `SELECT l.line_index, l.line_no, l.nature, l.code, l.name, l.unit, l.quantity::text AS quantity,
         l.unit_price::text AS unit_price, l.discount_rate::text AS discount_rate,
         l.discount_amount::text AS discount_amount, l.amount::text AS amount, l.vat_rate_code,
         l.vat_rate::text AS vat_rate, l.vat_amount::text AS vat_amount, l.vat_amount_source, l.extra
       FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE ${JOINED_KEY_MATCH} ORDER BY l.line_index`,
      keyParams(key),
    );
    return found.rows.map(fromLineRow);
  }

  enqueueParts(
    queueId: string,
    items: readonly QueueItem[],
    options: { force: boolean },
  ): Promise<EnqueueResult> {
    return queue.enqueueParts(this.driver, queueId, items, options);
  }

  enqueueSelection(
    queueId: string,
    selection: QueueSelection,
    options: { force: boolean },
  ): Promise<EnqueueResult> {
    return queue.enqueueSelection(this.driver, queueId, selection, options);
  }

  claimQueued(queueId: string, batch: number, limit: number): Promise<QueuedItem[]> {
    return queue.claimQueued(this.driver, queueId, batch, limit);
  }

  queueCounts(queueId: string): Promise<{ unclaimed: number; claimed: number }> {
    return queue.queueCounts(this.driver, queueId);
  }

  dropQueue(queueId: string): Promise<number> {
    return queue.dropQueue(this.driver, queueId);
  }

  async startRun(kind: string, scope: Record<string, unknown>): Promise<SyncRun> {
    const found = await this.driver.query<RunRow>(
      `INSERT INTO sync_runs (kind, scope, owner, heartbeat_at) VALUES ($1, $2::jsonb, $3, now()) RETURNING *`,
      [kind, JSON.stringify(scope), RUN_OWNER],
    );
    return toRun(found.rows[0]!);
  }

  async heartbeatRun(id: number): Promise<void> {
    // A run marked interrupted while its process was only paused is running again; a finished one stays.
    const found = await this.driver.query(
      `UPDATE sync_runs SET heartbeat_at = now(),
         status = 'running', finished_at = CASE WHEN status = 'running' THEN finished_at END,
         error = CASE WHEN status = 'running' THEN error END
       WHERE id = $1 AND status IN ('running', 'interrupted')`,
      [id],
    );
    if (found.affectedRows > 0) return;
    const exists = await this.driver.query('SELECT 1 FROM sync_runs WHERE id = $1', [id]);
    if (exists.rows.length === 0) throw new StoreError('store.unknownRun', { id });
  }

  /**
   * Marks `running` runs whose last heartbeat (or start, for runs without one) is older than
   * `staleAfterMs` before `now` (default the database's clock) as interrupted. Returns how many.
   */
  async markStaleRuns(options: { now?: Date; staleAfterMs?: number } = {}): Promise<number> {
    const staleAfterMs = Math.max(0, options.staleAfterMs ?? RUN_STALE_AFTER_MS);
    const found = await this.driver.query(
      `UPDATE sync_runs SET status = 'interrupted', finished_at = COALESCE(heartbeat_at, started_at), error = $1
       WHERE status = 'running'
         AND COALESCE(heartbeat_at, started_at)
           < COALESCE($2::timestamptz, now()) - $3::double precision * INTERVAL '1 millisecond'`,
      [new StoreError('store.interruptedRun', {}).message, options.now ?? null, staleAfterMs],
    );
    return found.affectedRows;
  }

  async updateRunCounts(id: number, counts: Record<string, number>): Promise<void> {
    const found = await this.driver.query(`UPDATE sync_runs SET counts = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(counts),
    ]);
    if (found.affectedRows === 0) throw new StoreError('store.unknownRun', { id });
  }

  async finishRun(
    id: number,
    outcome: {
      status: Exclude<SyncRun['status'], 'running'>;
      counts?: Record<string, number>;
      error?: string | null;
    },
  ): Promise<SyncRun> {
    const found = await this.driver.query<RunRow>(
      `UPDATE sync_runs SET status = $2, finished_at = now(), counts = COALESCE($3::jsonb, counts), error = $4
       WHERE id = $1 RETURNING *`,
      [id, outcome.status, outcome.counts ? JSON.stringify(outcome.counts) : null, outcome.error ?? null],
    );
    if (found.rows.length === 0) throw new StoreError('store.unknownRun', { id });
    return toRun(found.rows[0]!);
  }

  /**
   * Marks every run still `running` as interrupted. Only for a database no other process writes to (see
   * `SqlDriver.soleWriter`): there they were left by a process that was killed. Returns how many.
   */
  async closeInterruptedRuns(): Promise<number> {
    const found = await this.driver.query(
      `UPDATE sync_runs SET status = 'interrupted', finished_at = COALESCE(heartbeat_at, started_at), error = $1
       WHERE status = 'running'`,
      [new StoreError('store.interruptedRun', {}).message],
    );
    return found.affectedRows;
  }

  async listRuns(filter: RunFilter = {}): Promise<SyncRun[]> {
    await this.markStaleRuns({
      ...(filter.now ? { now: filter.now } : {}),
      ...(filter.staleAfterMs !== undefined ? { staleAfterMs: filter.staleAfterMs } : {}),
    });
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.kind !== undefined) {
      params.push(filter.kind);
      conditions.push(`kind = $${params.length}`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      conditions.push(`status = ANY($${params.length}::text[])`);
    }
    const limit = checkPaging('limit', Math.max(0, Math.trunc(filter.limit ?? 20)));
    const found = await this.driver.query<RunRow>(
      `SELECT * FROM sync_runs ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY started_at DESC, id DESC LIMIT ${limit}`,
      params,
    );
    return found.rows.map(toRun);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
