/**
 * "Xuất Excel": the list as filtered, as an .xlsx workbook (exceljs). Amounts are numbers (so sums work
 * in Excel) with a Vietnamese đồng format; dates are dd/mm/yyyy text as the invoices print them.
 * Excel cells are doubles: amounts are converted from their exact decimals only here, at the boundary.
 */
import ExcelJS from 'exceljs';
import { formatDate } from '#engine';
import type { WorkspaceFilter, WorkspaceQueries } from '#workflows/store';
import type { ListQuery } from '../list/query.js';
import type { AppMessageKey, AppTranslate } from '../messages.js';

/** The export stops here: more is a database export, not a workbook. */
export const MAX_EXPORT_ROWS = 100_000;
const CHUNK = 1000;
export const MONEY_FORMAT = '#,##0 [$₫-42A];-#,##0 [$₫-42A]';

export async function workbookOf(
  workspace: WorkspaceQueries,
  filter: WorkspaceFilter,
  query: ListQuery,
  t: AppTranslate,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'invoice workspace';
  const sheet = workbook.addWorksheet(t('app.title'));
  sheet.columns = [
    { header: t('col.issueDate'), key: 'date', width: 12 },
    { header: t('col.template'), key: 'template', width: 8 },
    { header: t('col.series'), key: 'series', width: 10 },
    { header: t('col.number'), key: 'number', width: 10 },
    { header: t('col.seller'), key: 'seller', width: 36 },
    { header: t('col.taxCode'), key: 'sellerTaxCode', width: 14 },
    { header: t('col.buyer'), key: 'buyer', width: 36 },
    { header: t('col.taxCode'), key: 'buyerTaxCode', width: 14 },
    { header: t('col.totalBeforeTax'), key: 'before', width: 18, style: { numFmt: MONEY_FORMAT } },
    { header: t('col.totalTax'), key: 'tax', width: 16, style: { numFmt: MONEY_FORMAT } },
    { header: t('col.totalPayable'), key: 'payable', width: 18, style: { numFmt: MONEY_FORMAT } },
    { header: t('col.currency'), key: 'currency', width: 8 },
    { header: t('col.xml'), key: 'xml', width: 16 },
    { header: t('col.details'), key: 'details', width: 16 },
    { header: t('col.labels'), key: 'labels', width: 20 },
    { header: t('col.declaration'), key: 'declaration', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  const number = (value: string | null) => (value === null ? null : Number(value));
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += CHUNK) {
    const { rows } = await workspace.listPage(filter, {
      sort: query.sort,
      descending: query.descending,
      limit: CHUNK,
      offset,
    });
    for (const invoice of rows) {
      sheet.addRow({
        date: formatDate(invoice.issueDate),
        template: invoice.khmshdon,
        series: invoice.khhdon,
        number: invoice.shdon,
        seller: invoice.sellerName,
        sellerTaxCode: invoice.nbmst,
        buyer: invoice.buyerName,
        buyerTaxCode: invoice.buyerTaxCode,
        before: number(invoice.totalBeforeTax),
        tax: number(invoice.totalTax),
        payable: number(invoice.totalPayable),
        currency: invoice.currency,
        xml: t(`status.${invoice.xml.status}` as AppMessageKey),
        details: t(`status.${invoice.details.status}` as AppMessageKey),
        labels: invoice.labels.join(', '),
        declaration: invoice.declarationPeriod,
      });
    }
    if (rows.length < CHUNK) break;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
