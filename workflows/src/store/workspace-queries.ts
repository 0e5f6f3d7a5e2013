/**
 * The invoice workspace's queries (the web app, `app/`): the list with its filters, sorting and paging,
 * labels, tax-declaration periods, consistency warnings (and hidden ones), and the attempt history the
 * trigger of migration 3 writes. Same SQL on PGlite and PostgreSQL; every value travels as a parameter.
 */
import { formatInvoiceKey, type InvoiceDirection, type InvoiceKey } from '../portal/types.js';
import type { SqlExecutor } from './driver.js';
import {
  SYNC_STATUSES,
  type PartState,
  type StoredInvoice,
  type SyncPart,
  type SyncStatus,
} from './types.js';

export const WORKSPACE_SORTS = [
  'issueDate',
  'number',
  'party',
  'totalBeforeTax',
  'totalTax',
  'totalPayable',
] as const;
export type WorkspaceSort = (typeof WORKSPACE_SORTS)[number];

export interface WorkspaceFilter {
  taxCode?: string;
  direction?: InvoiceDirection;
  /** Issue dates from and to (inclusive), `YYYY-MM-DD`. */
  issuedFrom?: string;
  issuedTo?: string;
  /** Either part (or `part` only) in this status. */
  status?: SyncStatus;
  part?: SyncPart;
  /** `with`: consistency warnings not hidden; `without`: none. */
  warnings?: 'with' | 'without';
  label?: string;
  /** `YYYY-MM`, or `none` for invoices not yet put on a declaration. */
  declarationPeriod?: string;
  /** Names, tax codes, series, number: each word starts a word there; accents and case do not matter. */
  text?: string;
  keys?: InvoiceKey[];
}

export interface WorkspacePage {
  sort?: WorkspaceSort;
  descending?: boolean;
  limit: number;
  offset: number;
}

/** A stored warning as the app keeps it (the e-invoice model's warning, its parameters for translation). */
export interface StoredWarning {
  code: string;
  field: string | null;
  params: Record<string, string | number>;
  message: string;
}

export interface HiddenWarning {
  code: string;
  reason: string;
  hiddenAt: Date;
}

export interface WorkspaceInvoice extends StoredInvoice {
  /** `tthai`: 1 new, 2 replacement, 3 adjustment, 4 replaced, 5 adjusted; null when the portal gave none. */
  tthai: number | null;
  labels: string[];
  declarationPeriod: string | null;
  warnings: StoredWarning[];
  hiddenWarnings: HiddenWarning[];
  /** Warnings not hidden. */
  visibleWarnings: number;
  /** The header as the portal listed it (relations: `khhdgoc`, `shdgoc`, ...). */
  rawHeader: Record<string, unknown>;
}

export interface SyncAttempt {
  part: SyncPart;
  status: SyncStatus;
  attempt: number;
  error: string | null;
  triedAt: Date;
  nextCheckAt: Date | null;
}

/** The Vietnamese letters folded like `invoices.search_text` (migration 3) folds them. */
const ACCENTED = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
const FOLDED = 'aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy';

/**
 * The words of a search as the index holds them: folded, split on anything but letters and digits
 * (at most 8), each then matched as the start of a word.
 */
export function searchWords(text: string): string[] {
  return foldSearchText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .slice(0, 8);
}

export function foldSearchText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').toLowerCase()) {
    const at = ACCENTED.indexOf(char);
    out += at >= 0 ? FOLDED[at] : char;
  }
  return out.trim();
}

const LIST_COLUMNS = `i.id, i.nbmst, i.khmshdon, i.khhdon, i.shdon, i.tax_code, i.direction, i.family, i.portal_id,
  to_char(i.issue_date, 'YYYY-MM-DD') AS issue_date, i.tthai, i.seller_name, i.buyer_tax_code, i.buyer_name,
  i.total_before_tax::text AS total_before_tax, i.total_tax::text AS total_tax,
  i.total_payable::text AS total_payable, i.currency, i.hsgoc, i.raw_header,
  i.details_status, i.details_attempts, i.details_last_error, i.details_last_tried_at, i.details_next_check_at,
  i.xml_status, i.xml_attempts, i.xml_last_error, i.xml_last_tried_at, i.xml_next_check_at,
  w.declaration_period, w.warnings, COALESCE(w.visible_warnings, 0) AS visible_warnings,
  COALESCE((SELECT json_agg(l.label ORDER BY l.label) FROM invoice_labels l WHERE l.invoice_id = i.id), '[]') AS labels,
  COALESCE((SELECT json_agg(json_build_object('code', h.code, 'reason', h.reason, 'hiddenAt', h.hidden_at) ORDER BY h.code)
    FROM invoice_hidden_warnings h WHERE h.invoice_id = i.id), '[]') AS hidden_warnings`;

const SORT_SQL: Record<WorkspaceSort, string> = {
  issueDate: 'i.issue_date',
  number: 'i.shdon',
  party: "CASE WHEN i.direction = 'purchase' THEN i.seller_name ELSE i.buyer_name END",
  totalBeforeTax: 'i.total_before_tax',
  totalTax: 'i.total_tax',
  totalPayable: 'i.total_payable',
};

type Row = Record<string, unknown>;

/** Pages deeper than this are counted first, and read from the end of the list past its middle. */
const DEEP_OFFSET = 5_000;

function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function partOf(row: Row, part: SyncPart): PartState {
  return {
    status: row[`${part}_status`] as SyncStatus,
    attempts: Number(row[`${part}_attempts`]),
    lastError: (row[`${part}_last_error`] as string | null) ?? null,
    lastTriedAt: (row[`${part}_last_tried_at`] as Date | null) ?? null,
    nextCheckAt: (row[`${part}_next_check_at`] as Date | null) ?? null,
  };
}

function toWorkspaceInvoice(row: Row): WorkspaceInvoice {
  return {
    nbmst: row['nbmst'] as string,
    khmshdon: Number(row['khmshdon']),
    khhdon: row['khhdon'] as string,
    shdon: Number(row['shdon']),
    taxCode: row['tax_code'] as string,
    direction: row['direction'] as InvoiceDirection,
    family: row['family'] as StoredInvoice['family'],
    portalId: row['portal_id'] as string,
    issueDate: row['issue_date'] as string,
    tthai: row['tthai'] === null || row['tthai'] === undefined ? null : Number(row['tthai']),
    sellerName: (row['seller_name'] as string | null) ?? null,
    buyerTaxCode: (row['buyer_tax_code'] as string | null) ?? null,
    buyerName: (row['buyer_name'] as string | null) ?? null,
    totalBeforeTax: (row['total_before_tax'] as string | null) ?? null,
    totalTax: (row['total_tax'] as string | null) ?? null,
    totalPayable: (row['total_payable'] as string | null) ?? null,
    currency: (row['currency'] as string | null) ?? null,
    hsgoc: (row['hsgoc'] as string | null) ?? null,
    details: partOf(row, 'details'),
    xml: partOf(row, 'xml'),
    labels: json<string[]>(row['labels'], []),
    declarationPeriod: (row['declaration_period'] as string | null) ?? null,
    warnings: json<StoredWarning[]>(row['warnings'], []),
    hiddenWarnings: json<{ code: string; reason: string; hiddenAt: string }[]>(
      row['hidden_warnings'],
      [],
    ).map((hidden) => ({ code: hidden.code, reason: hidden.reason, hiddenAt: new Date(hidden.hiddenAt) })),
    visibleWarnings: Number(row['visible_warnings'] ?? 0),
    rawHeader: json<Record<string, unknown>>(row['raw_header'], {}),
  };
}

const keysJson = (keys: readonly InvoiceKey[]) =>
  JSON.stringify(
    keys.map((k) => ({ nbmst: k.nbmst, khmshdon: k.khmshdon, khhdon: k.khhdon, shdon: k.shdon })),
  );

const KEYS_TABLE = (param: string) => `(SELECT DISTINCT k.nbmst, k.khmshdon, k.khhdon, k.shdon
  FROM jsonb_to_recordset(${param}::jsonb) AS k(nbmst TEXT, khmshdon INTEGER, khhdon TEXT, shdon INTEGER))`;

/** The invoice ids of `keys` (unknown keys are left out). */
const IDS_OF = (param: string) =>
  `SELECT i.id FROM invoices i JOIN ${KEYS_TABLE(param)} k
     ON (i.nbmst, i.khmshdon, i.khhdon, i.shdon) = (k.nbmst, k.khmshdon, k.khhdon, k.shdon)`;

function whereOf(filter: WorkspaceFilter): {
  where: string;
  params: unknown[];
  needsWorkspace: boolean;
  words: string[];
} {
  const conditions: string[] = [];
  const params: unknown[] = [];
  let needsWorkspace = false;
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.taxCode !== undefined) conditions.push(`i.tax_code = ${param(filter.taxCode)}`);
  if (filter.direction !== undefined) conditions.push(`i.direction = ${param(filter.direction)}`);
  if (filter.issuedFrom !== undefined) conditions.push(`i.issue_date >= ${param(filter.issuedFrom)}::date`);
  if (filter.issuedTo !== undefined) conditions.push(`i.issue_date <= ${param(filter.issuedTo)}::date`);
  if (filter.status !== undefined) {
    if (!(SYNC_STATUSES as readonly string[]).includes(filter.status)) {
      throw new Error(`unknown sync status "${filter.status}"`);
    }
    const status = param(filter.status);
    if (filter.part === 'details') conditions.push(`i.details_status = ${status}`);
    else if (filter.part === 'xml') conditions.push(`i.xml_status = ${status}`);
    else conditions.push(`(i.details_status = ${status} OR i.xml_status = ${status})`);
  }
  if (filter.warnings === 'with') {
    needsWorkspace = true;
    conditions.push('w.visible_warnings > 0');
  } else if (filter.warnings === 'without') {
    needsWorkspace = true;
    conditions.push('COALESCE(w.visible_warnings, 0) = 0');
  }
  if (filter.declarationPeriod !== undefined) {
    needsWorkspace = true;
    if (filter.declarationPeriod === 'none') conditions.push('w.declaration_period IS NULL');
    else conditions.push(`w.declaration_period = ${param(filter.declarationPeriod)}`);
  }
  if (filter.label !== undefined) {
    conditions.push(
      `EXISTS (SELECT 1 FROM invoice_labels l WHERE l.invoice_id = i.id AND l.label = ${param(filter.label)})`,
    );
  }
  const words = filter.text === undefined ? [] : searchWords(filter.text);
  if (words.length > 0) {
    conditions.push(
      `i.search_words @@ to_tsquery('simple', ${param(words.map((w) => `${w}:*`).join(' & '))})`,
    );
  }
  if (filter.keys !== undefined) {
    conditions.push(`i.id IN (${IDS_OF(param(keysJson(filter.keys)))})`);
  }
  return {
    where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
    params,
    needsWorkspace,
    words,
  };
}

export class WorkspaceQueries {
  constructor(private readonly db: SqlExecutor) {}

  /** One page of the list and the number of invoices the filter finds. */
  async listPage(
    filter: WorkspaceFilter,
    page: WorkspacePage,
  ): Promise<{ rows: WorkspaceInvoice[]; total: number }> {
    const { where, params, needsWorkspace, words } = whereOf(filter);
    const direction = page.descending === false ? 'ASC' : 'DESC';
    const sort = page.sort ?? 'issueDate';
    // The issue-date order is exactly the index's (issue_date, id), so a page is an index scan; other
    // columns sort the filtered rows (NULLS LAST: invoices without an amount at the end).
    const reverse = direction === 'DESC' ? 'ASC' : 'DESC';
    const orderBy = (dir: string) =>
      sort === 'issueDate'
        ? `i.issue_date ${dir}, i.id ${dir}`
        : `${SORT_SQL[sort]} ${dir} NULLS ${dir === direction ? 'LAST' : 'FIRST'}, i.issue_date ${dir}, i.id ${dir}`;
    const limit = Math.max(0, Math.min(1000, Math.trunc(page.limit)));
    const offset = Math.max(0, Math.trunc(page.offset));
    const join = 'LEFT JOIN invoice_workspace w ON w.invoice_id = i.id';
    // The page's ids first (the index, and the workspace table only when the filter needs it), then
    // the columns, labels and hidden warnings of those rows alone. A text search counts in the same
    // scan (its matches are few; the words' index is read once instead of twice).
    const counted = words.length > 0;
    const pageSql = (order: string, pageLimit: number, pageOffset: number) => `WITH page AS MATERIALIZED (
         SELECT i.id, i.total, row_number() OVER () AS n FROM (
           SELECT i.id${counted ? ', count(*) OVER () AS total' : ', 0 AS total'} FROM invoices i ${needsWorkspace ? join : ''} ${where}
           ORDER BY ${order} LIMIT ${pageLimit} OFFSET ${pageOffset}) i)
       SELECT ${LIST_COLUMNS}, p.total AS page_total FROM page p JOIN invoices i ON i.id = p.id ${join} ORDER BY p.n`;
    const countSql = `SELECT count(*)::int AS n FROM invoices i ${needsWorkspace ? join : ''} ${where}`;
    const count = async () => Number((await this.db.query<{ n: number }>(countSql, params)).rows[0]?.n ?? 0);

    if (counted) {
      const found = await this.db.query<Row>(pageSql(orderBy(direction), limit, offset), params);
      const total = found.rows.length > 0 ? Number(found.rows[0]!['page_total']) : await count();
      return { rows: found.rows.map(toWorkspaceInvoice), total };
    }
    if (offset > DEEP_OFFSET) {
      // Deep in the list: counted first, then a page past the middle is read from the other end (the
      // index is scanned for at most half the rows, not all of them before the page).
      const total = await count();
      if (offset >= total) return { rows: [], total };
      if (offset > total / 2) {
        const size = Math.min(limit, total - offset);
        const found = await this.db.query<Row>(
          pageSql(orderBy(reverse), size, total - offset - size),
          params,
        );
        return { rows: found.rows.map(toWorkspaceInvoice).reverse(), total };
      }
      const found = await this.db.query<Row>(pageSql(orderBy(direction), limit, offset), params);
      return { rows: found.rows.map(toWorkspaceInvoice), total };
    }
    const [found, total] = await Promise.all([
      this.db.query<Row>(pageSql(orderBy(direction), limit, offset), params),
      count(),
    ]);
    return { rows: found.rows.map(toWorkspaceInvoice), total };
  }

  /** The invoices of `keys` that are in the store (any order), and the keys that are not. */
  async byKeys(keys: readonly InvoiceKey[]): Promise<{ found: WorkspaceInvoice[]; unknown: string[] }> {
    if (keys.length === 0) return { found: [], unknown: [] };
    const result = await this.db.query<Row>(
      `SELECT ${LIST_COLUMNS} FROM invoices i LEFT JOIN invoice_workspace w ON w.invoice_id = i.id
       WHERE i.id IN (${IDS_OF('$1')})`,
      [keysJson(keys)],
    );
    const found = result.rows.map(toWorkspaceInvoice);
    const seen = new Set(found.map((invoice) => formatInvoiceKey(invoice)));
    const unknown = [...new Set(keys.map((key) => formatInvoiceKey(key)))].filter((key) => !seen.has(key));
    return { found, unknown };
  }

  async one(key: InvoiceKey): Promise<WorkspaceInvoice | null> {
    return (await this.byKeys([key])).found[0] ?? null;
  }

  /** Puts `label` on the invoices (again is a no-op). Returns invoices labelled now. */
  async addLabel(keys: readonly InvoiceKey[], label: string): Promise<number> {
    const result = await this.db.query(
      `INSERT INTO invoice_labels (invoice_id, label) SELECT id, $2 FROM (${IDS_OF('$1')}) ids
       ON CONFLICT DO NOTHING`,
      [keysJson(keys), label],
    );
    return result.affectedRows;
  }

  async removeLabel(keys: readonly InvoiceKey[], label: string): Promise<number> {
    const result = await this.db.query(
      `DELETE FROM invoice_labels WHERE label = $2 AND invoice_id IN (${IDS_OF('$1')})`,
      [keysJson(keys), label],
    );
    return result.affectedRows;
  }

  /** Puts the invoices on the declaration of `period` (`YYYY-MM`), or takes them off it (null). */
  async setDeclarationPeriod(keys: readonly InvoiceKey[], period: string | null): Promise<number> {
    const result = await this.db.query(
      `INSERT INTO invoice_workspace (invoice_id, declaration_period) SELECT id, $2 FROM (${IDS_OF('$1')}) ids
       ON CONFLICT (invoice_id) DO UPDATE SET declaration_period = EXCLUDED.declaration_period`,
      [keysJson(keys), period],
    );
    return result.affectedRows;
  }

  /** Records the warnings the app found on an invoice now (replacing earlier ones). */
  async saveWarnings(key: InvoiceKey, warnings: readonly StoredWarning[]): Promise<void> {
    await this.db.query(
      `INSERT INTO invoice_workspace (invoice_id, warnings, visible_warnings, checked_at)
       SELECT i.id, $2::jsonb, (SELECT count(*) FROM jsonb_array_elements($2::jsonb) e
           WHERE NOT EXISTS (SELECT 1 FROM invoice_hidden_warnings h WHERE h.invoice_id = i.id AND h.code = e->>'code')),
         now()
       FROM (${IDS_OF('$1')}) i
       ON CONFLICT (invoice_id) DO UPDATE SET warnings = EXCLUDED.warnings,
         visible_warnings = EXCLUDED.visible_warnings, checked_at = EXCLUDED.checked_at`,
      [keysJson([key]), JSON.stringify(warnings)],
    );
  }

  /** Hides warning `code` on the invoices with a reason; the count of visible warnings follows. */
  async hideWarning(keys: readonly InvoiceKey[], code: string, reason: string): Promise<number> {
    const result = await this.db.query(
      `INSERT INTO invoice_hidden_warnings (invoice_id, code, reason) SELECT id, $2, $3 FROM (${IDS_OF('$1')}) ids
       ON CONFLICT (invoice_id, code) DO UPDATE SET reason = EXCLUDED.reason, hidden_at = now()`,
      [keysJson(keys), code, reason],
    );
    await this.db.query(
      `UPDATE invoice_workspace w SET visible_warnings = (SELECT count(*) FROM jsonb_array_elements(w.warnings) e
         WHERE NOT EXISTS (SELECT 1 FROM invoice_hidden_warnings h WHERE h.invoice_id = w.invoice_id AND h.code = e->>'code'))
       WHERE w.invoice_id IN (${IDS_OF('$1')})`,
      [keysJson(keys)],
    );
    return result.affectedRows;
  }

  /**
   * Invoices whose details or XML were saved since the app last checked them (or never checked), oldest
   * first: what the app's consistency check works through.
   */
  async needingCheck(limit: number): Promise<InvoiceKey[]> {
    const result = await this.db.query<InvoiceKey>(
      `SELECT i.nbmst, i.khmshdon, i.khhdon, i.shdon FROM invoices i
       LEFT JOIN invoice_workspace w ON w.invoice_id = i.id
       LEFT JOIN invoice_details d ON d.invoice_id = i.id
       LEFT JOIN invoice_xml x ON x.invoice_id = i.id
       WHERE (d.invoice_id IS NOT NULL OR x.invoice_id IS NOT NULL)
         AND (w.checked_at IS NULL OR w.checked_at < GREATEST(d.saved_at, x.saved_at))
       ORDER BY i.id LIMIT $1`,
      [Math.max(1, Math.trunc(limit))],
    );
    return result.rows.map((r) => ({ ...r, khmshdon: Number(r.khmshdon), shdon: Number(r.shdon) }));
  }

  /** Every attempt at the invoice's parts, oldest first. */
  async attempts(key: InvoiceKey): Promise<SyncAttempt[]> {
    const result = await this.db.query<Row>(
      `SELECT a.part, a.status, a.attempt, a.error, a.tried_at, a.next_check_at FROM invoice_sync_attempts a
       WHERE a.invoice_id IN (${IDS_OF('$1')}) ORDER BY a.id`,
      [keysJson([key])],
    );
    return result.rows.map((r) => ({
      part: r['part'] as SyncPart,
      status: r['status'] as SyncStatus,
      attempt: Number(r['attempt']),
      error: (r['error'] as string | null) ?? null,
      triedAt: new Date(r['tried_at'] as string | Date),
      nextCheckAt: r['next_check_at'] ? new Date(r['next_check_at'] as string | Date) : null,
    }));
  }

  /**
   * The other invoices of a replacement or adjustment chain: the ones this invoice names as its original
   * (`khhdgoc`/`shdgoc` in its header, same seller), and those naming it, transitively (at most 20).
   */
  async chain(key: InvoiceKey): Promise<WorkspaceInvoice[]> {
    const result = await this.db.query<Row>(
      `WITH RECURSIVE chain(id, nbmst, khmshdon, khhdon, shdon, orig_khhdon, orig_shdon, depth) AS (
         SELECT i.id, i.nbmst, i.khmshdon, i.khhdon, i.shdon, i.raw_header->>'khhdgoc', i.raw_header->>'shdgoc', 0
         FROM invoices i WHERE (i.nbmst, i.khmshdon, i.khhdon, i.shdon) = ($1, $2, $3, $4)
         UNION
         SELECT o.id, o.nbmst, o.khmshdon, o.khhdon, o.shdon, o.raw_header->>'khhdgoc', o.raw_header->>'shdgoc', c.depth + 1
         FROM chain c JOIN invoices o ON o.nbmst = c.nbmst AND (
             (o.khhdon = c.orig_khhdon AND o.shdon::text = c.orig_shdon)
             OR (o.raw_header->>'khhdgoc' = c.khhdon AND o.raw_header->>'shdgoc' = c.shdon::text))
         WHERE c.depth < 20
       )
       SELECT ${LIST_COLUMNS} FROM invoices i LEFT JOIN invoice_workspace w ON w.invoice_id = i.id
       WHERE i.id IN (SELECT id FROM chain) AND (i.nbmst, i.khmshdon, i.khhdon, i.shdon) <> ($1, $2, $3, $4)
       ORDER BY i.issue_date, i.id LIMIT 20`,
      [key.nbmst, key.khmshdon, key.khhdon, key.shdon],
    );
    return result.rows.map(toWorkspaceInvoice);
  }

  /** Labels in use, most used first (the filter's choices). */
  async labels(): Promise<string[]> {
    const result = await this.db.query<{ label: string }>(
      'SELECT label FROM invoice_labels GROUP BY label ORDER BY count(*) DESC, label LIMIT 200',
    );
    return result.rows.map((r) => r.label);
  }
}
