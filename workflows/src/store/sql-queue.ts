/**
 * The re-sync work queue over SQL (`sync_queue`, migration 0002). Rows are inserted in invoice-id order
 * with `ON CONFLICT DO NOTHING`, so concurrent enqueues of overlapping invoices neither double-queue nor
 * deadlock; a selection is queued by one `INSERT ... SELECT`, so its keys never reach this process.
 */
import { NEEDS_WORK, RECHECKABLE } from '../sync/status.js';
import type { SqlDriver } from './driver.js';
import { checkCount, checkQueueId, checkSelection, mergeItems, UNKNOWN_SHOWN } from './queue-rules.js';
import type { EnqueueResult, QueueItem, QueuedItem, QueueSelection, SyncPart } from './types.js';

/** Invoices per statement when queueing chosen keys. */
const ENQUEUE_CHUNK = 2_000;
/** After queueing this many invoices at once, the table's statistics are refreshed (see `analyzeAfter`). */
const ANALYZE_AFTER = 1_000;

/**
 * Refreshes the planner's statistics of `sync_queue` after a large enqueue. PGlite has no autovacuum,
 * and PostgreSQL's may come minutes later: without statistics a claim's "first unclaimed rows by seq"
 * was planned as a sort of every unclaimed row (190 ms a claim at 100,000 invoices, instead of ~5 ms).
 */
async function analyzeAfter(driver: SqlDriver, accepted: number): Promise<void> {
  if (accepted >= ANALYZE_AFTER) await driver.exec('ANALYZE sync_queue');
}

interface ChunkRow {
  accepted: number;
  known: number;
  unknown_count: number;
  unknown: number[];
}

export async function enqueueParts(
  driver: SqlDriver,
  queueId: string,
  items: readonly QueueItem[],
  options: { force: boolean },
): Promise<EnqueueResult> {
  checkQueueId(queueId);
  const merged = mergeItems(items);
  const result: EnqueueResult = { accepted: 0, joined: 0, unknownCount: 0, unknown: [] };
  for (let start = 0; start < merged.length; start += ENQUEUE_CHUNK) {
    const chunk = merged.slice(start, start + ENQUEUE_CHUNK);
    const rows = chunk.flatMap((entry, index) =>
      entry.parts.map((part) => ({ ord: index, ...entry.key, part })),
    );
    const found = await driver.query<ChunkRow>(
      `WITH req AS (
         SELECT r.ord, r.nbmst, r.khmshdon, r.khhdon, r.shdon, r.part
         FROM jsonb_to_recordset($2::jsonb)
           AS r(ord INTEGER, nbmst TEXT, khmshdon INTEGER, khhdon TEXT, shdon INTEGER, part TEXT)
       ), known AS (
         SELECT req.ord, req.part, i.id AS invoice_id
         FROM req LEFT JOIN invoices i ON i.nbmst = req.nbmst AND i.khmshdon = req.khmshdon
           AND i.khhdon = req.khhdon AND i.shdon = req.shdon
       ), added AS (
         INSERT INTO sync_queue (queue_id, invoice_id, part, force)
         SELECT $1, invoice_id, part, $3 FROM known WHERE invoice_id IS NOT NULL ORDER BY invoice_id, part
         ON CONFLICT DO NOTHING
         RETURNING invoice_id
       )
       SELECT
         (SELECT count(DISTINCT invoice_id) FROM added)::int AS accepted,
         (SELECT count(DISTINCT invoice_id) FROM known)::int AS known,
         (SELECT count(DISTINCT ord) FROM known WHERE invoice_id IS NULL)::int AS unknown_count,
         (SELECT COALESCE(jsonb_agg(u.ord ORDER BY u.ord), '[]'::jsonb)
            FROM (SELECT DISTINCT ord FROM known WHERE invoice_id IS NULL ORDER BY ord LIMIT ${UNKNOWN_SHOWN}) u
         ) AS unknown`,
      [queueId, JSON.stringify(rows), options.force],
    );
    const row = found.rows[0]!;
    result.accepted += row.accepted;
    result.joined += row.known - row.accepted;
    result.unknownCount += row.unknown_count;
    for (const ord of row.unknown) {
      if (result.unknown.length < UNKNOWN_SHOWN) result.unknown.push(chunk[ord]!.label);
    }
  }
  await analyzeAfter(driver, result.accepted);
  return result;
}

export async function enqueueSelection(
  driver: SqlDriver,
  queueId: string,
  selection: QueueSelection,
  options: { force: boolean },
): Promise<EnqueueResult> {
  checkQueueId(queueId);
  const checked = checkSelection(selection);
  const params: unknown[] = [queueId, checked.taxCode, options.force];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const statuses = param(checked.mode === 'due' ? [...RECHECKABLE] : [...NEEDS_WORK]);
  const now = checked.mode === 'due' ? param(checked.now) : null;
  const wants = (part: SyncPart): string => {
    if (!checked.parts.includes(part)) return 'false';
    const status = `${part}_status = ANY(${statuses}::text[])`;
    return now === null
      ? status
      : `(${status} AND (${part}_next_check_at IS NULL OR ${part}_next_check_at <= ${now}::timestamptz))`;
  };
  const conditions = ['tax_code = $2', `(${wants('details')} OR ${wants('xml')})`];
  if (checked.direction !== undefined) conditions.push(`direction = ${param(checked.direction)}`);
  if (checked.range !== null) {
    conditions.push(`issue_date >= ${param(checked.range.from)}::date`);
    conditions.push(`issue_date < ${param(checked.range.until)}::date`);
  }
  const limit = checked.limit !== undefined ? `LIMIT ${checked.limit}` : '';
  const found = await driver.query<{ accepted: number; selected: number }>(
    `WITH sel AS (
       SELECT id, ${wants('details')} AS want_details, ${wants('xml')} AS want_xml
       FROM invoices WHERE ${conditions.join(' AND ')}
       ORDER BY id ${limit}
     ), wanted AS (
       SELECT id, 'details' AS part FROM sel WHERE want_details
       UNION ALL
       SELECT id, 'xml' AS part FROM sel WHERE want_xml
     ), added AS (
       INSERT INTO sync_queue (queue_id, invoice_id, part, force)
       SELECT $1, id, part, $3 FROM wanted ORDER BY id, part
       ON CONFLICT DO NOTHING
       RETURNING invoice_id
     )
     SELECT (SELECT count(DISTINCT invoice_id) FROM added)::int AS accepted,
       (SELECT count(*) FROM sel)::int AS selected`,
    params,
  );
  const { accepted, selected } = found.rows[0]!;
  await analyzeAfter(driver, accepted);
  return { accepted, joined: selected - accepted, unknownCount: 0, unknown: [] };
}

interface ClaimedRow {
  nbmst: string;
  khmshdon: number;
  khhdon: string;
  shdon: number;
  parts: SyncPart[];
  force: boolean;
}

const CLAIMED = `SELECT i.nbmst, i.khmshdon, i.khhdon, i.shdon, jsonb_agg(q.part ORDER BY q.part) AS parts,
    bool_or(q.force) AS force
  FROM sync_queue q JOIN invoices i ON i.id = q.invoice_id
  WHERE q.queue_id = $1 AND q.batch = $2
  GROUP BY i.id, i.nbmst, i.khmshdon, i.khhdon, i.shdon
  ORDER BY min(q.seq)`;

export async function claimQueued(
  driver: SqlDriver,
  queueId: string,
  batch: number,
  limit: number,
): Promise<QueuedItem[]> {
  checkQueueId(queueId);
  checkCount('batch', batch, 0);
  checkCount('limit', limit, 1);
  const rows = await driver.transaction(async (tx) => {
    const already = await tx.query<ClaimedRow>(CLAIMED, [queueId, batch]);
    if (already.rows.length > 0) return already.rows;
    // An invoice has at most two rows (its parts), so the first 2 * limit rows hold `limit` invoices.
    // Written so that only the primary key can find the rows, whatever the planner's statistics: PGlite
    // has no autovacuum to gather them, and without them `batch IS NULL` here was planned as a walk of
    // the partial index over every unclaimed row (350 ms a claim at 100,000 invoices).
    // `COALESCE(batch, -1) = -1` is `batch IS NULL` (batch numbers are >= 0) that the partial index
    // cannot serve.
    await tx.query(
      `WITH head AS (
         SELECT invoice_id, seq FROM sync_queue WHERE queue_id = $1 AND batch IS NULL
         ORDER BY seq LIMIT $3::int * 2 FOR UPDATE SKIP LOCKED
       ), pick AS (
         SELECT invoice_id FROM head GROUP BY invoice_id ORDER BY min(seq) LIMIT $3::int
       )
       UPDATE sync_queue q SET batch = $2, claimed_at = now()
       WHERE q.queue_id = $1 AND q.invoice_id = ANY(ARRAY(SELECT invoice_id FROM pick))
         AND COALESCE(q.batch, -1) = -1`,
      [queueId, batch, limit],
    );
    return (await tx.query<ClaimedRow>(CLAIMED, [queueId, batch])).rows;
  });
  return rows.map((row) => ({
    key: { nbmst: row.nbmst, khmshdon: row.khmshdon, khhdon: row.khhdon, shdon: row.shdon },
    parts: row.parts,
    force: row.force,
  }));
}

export async function queueCounts(
  driver: SqlDriver,
  queueId: string,
): Promise<{ unclaimed: number; claimed: number }> {
  checkQueueId(queueId);
  const found = await driver.query<{ unclaimed: number; claimed: number }>(
    `SELECT count(DISTINCT invoice_id) FILTER (WHERE batch IS NULL)::int AS unclaimed,
       count(DISTINCT invoice_id) FILTER (WHERE batch IS NOT NULL)::int AS claimed
     FROM sync_queue WHERE queue_id = $1`,
    [queueId],
  );
  return found.rows[0] ?? { unclaimed: 0, claimed: 0 };
}

export async function dropQueue(driver: SqlDriver, queueId: string): Promise<number> {
  checkQueueId(queueId);
  const found = await driver.query('DELETE FROM sync_queue WHERE queue_id = $1', [queueId]);
  return found.affectedRows;
}
