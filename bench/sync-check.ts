/**
 * What a sync left in the store, against what the simulator holds: lost invoices (on the portal with
 * their parts available, but not synced in the store) and rows repeating a natural key.
 */
import { formatInvoiceKey } from '#workflows/portal';
import type { SimInvoice } from '#workflows/simulator';
import type { SqlDriver } from '#workflows/store';

export async function checkStore(
  driver: SqlDriver,
  invoices: readonly SimInvoice[],
): Promise<{ lost: number; duplicates: number; stored: number }> {
  const rows = await driver.query<{ key: string; details_status: string; xml_status: string }>(
    `SELECT nbmst || '/' || khmshdon || '/' || khhdon || '/' || shdon AS key, details_status, xml_status FROM invoices`,
  );
  const stored = new Map(rows.rows.map((row) => [row.key, row]));
  let lost = 0;
  for (const invoice of invoices) {
    const row = stored.get(formatInvoiceKey(invoice));
    const detailsOk = invoice.permanentlyWithoutXml || row?.details_status === 'synced';
    const xmlOk = invoice.hsgoc === null || row?.xml_status === 'synced';
    if (!row || !detailsOk || !xmlOk) lost++;
  }
  const duplicates = await driver.query<{ n: string }>(`
    SELECT (SELECT count(*) - count(DISTINCT (nbmst, khmshdon, khhdon, shdon)) FROM invoices)
         + (SELECT count(*) - count(DISTINCT (invoice_id, line_index)) FROM invoice_lines)
         + (SELECT count(*) - count(DISTINCT invoice_id) FROM invoice_xml)
         + (SELECT count(*) - count(DISTINCT invoice_id) FROM invoice_details) AS n`);
  return { lost, duplicates: Number(duplicates.rows[0]!.n), stored: rows.rows.length };
}
