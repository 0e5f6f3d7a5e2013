/**
 * The readable summary `inspect` prints: header, parties, lines, totals, signatures and every warning
 * with its element path, in English or Vietnamese, money and dates in the shared Vietnamese formats.
 */
import Table from 'cli-table3';
import { formatDate, formatDecimal, formatMoney } from '#engine';
import type { Language } from '#engine/i18n';
import type { Decimal } from './decimal.js';
import { formatEInvoiceKey, type EInvoice, type InvoiceSignature, type Party } from './model.js';
import { summaryTranslator } from './summary-messages.js';
import { describeWarning, type InvoiceWarning } from './warnings.js';

const DASH = '-';

/** `2025-09-22T15:41:21` (Vietnam local, as signatures write it) -> `22/09/2025 15:41:21`. */
function localDateTime(text: string | null): string {
  if (text === null) return DASH;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(text);
  return match ? `${formatDate(match[1]!)} ${match[2]}` : text;
}

export function renderSummary(
  invoice: EInvoice,
  warnings: readonly InvoiceWarning[],
  language: Language,
): string {
  const t = summaryTranslator(language);
  const currency = invoice.header.currency ?? 'VND';
  // Money and figures in the Vietnamese format in both languages (814.107.140 ₫): the invoice's own.
  const money = (value: Decimal | null) => (value === null ? DASH : formatMoney(value, currency, 'vi'));
  const figure = (value: Decimal | null) => (value === null ? DASH : formatDecimal(value, 'vi'));
  const text = (value: string | number | null) => (value === null ? DASH : String(value));
  const { header } = invoice;
  const out: string[] = [];

  out.push(
    t('title', {
      key: invoice.key ? formatEInvoiceKey(invoice.key) : DASH,
      source: t(invoice.source === 'xml' ? 'source.xml' : 'source.portal-json'),
    }),
  );
  out.push(
    `  ${t('header', {
      title: text(header.title),
      template: text(header.template),
      series: text(header.series),
      number: text(header.number),
      date: header.issueDate === null ? DASH : formatDate(header.issueDate),
      kind: t(`kind.${invoice.kind}`),
    })}`,
  );
  if (invoice.related) {
    const related = invoice.related;
    out.push(
      `  ${t('related', {
        template: text(related.template),
        series: text(related.series),
        number: text(related.number),
        date: related.date === null ? DASH : formatDate(related.date),
      })}`,
    );
  }
  out.push(
    `  ${t('currency', {
      currency: text(header.currency),
      rate: figure(header.exchangeRate),
      payment: text(header.paymentMethod),
    })}`,
  );
  out.push(`  ${t('authorityCode', { code: invoice.authorityCode ?? t('authorityCode.none') })}`);

  const party = (label: string, who: Party) => {
    out.push(`${label}: ${text(who.name)}`);
    out.push(`  ${t('taxCode')}: ${text(who.taxCode)}`);
    if (who.address) out.push(`  ${t('address')}: ${who.address}`);
    if (who.bankAccount || who.bankName) {
      out.push(`  ${t('bank')}: ${[who.bankAccount, who.bankName].filter(Boolean).join(', ')}`);
    }
    const contact = [who.phone, who.email].filter(Boolean).join(', ');
    if (contact) out.push(`  ${t('contact')}: ${contact}`);
  };
  party(t('seller'), invoice.seller);
  party(t('buyer'), invoice.buyer);

  out.push(`${t('lines')}:`);
  const table = new Table({
    head: (
      [
        'col.no',
        'col.nature',
        'col.name',
        'col.unit',
        'col.quantity',
        'col.unitPrice',
        'col.amount',
        'col.rate',
        'col.vat',
      ] as const
    ).map((key) => t(key)),
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [null, null, 40, null, null, null, null, null, null],
  });
  for (const line of invoice.lines) {
    const nature =
      line.promotion === 'free-of-charge'
        ? t('promotion.free-of-charge')
        : line.nature === null
          ? DASH
          : t(`nature.${line.nature}`);
    table.push([
      text(line.lineNo ?? line.index + 1),
      nature,
      text(line.name),
      text(line.unit),
      figure(line.quantity),
      money(line.unitPrice),
      money(line.amount),
      line.vatRate?.code ?? DASH,
      money(line.vatAmount),
    ]);
  }
  out.push(table.toString());

  const { totals } = invoice;
  out.push(`${t('totals')}:`);
  out.push(`  ${t('totals.beforeTax')}: ${money(totals.totalBeforeTax)}`);
  out.push(`  ${t('totals.tax')}: ${money(totals.totalTax)}`);
  if (totals.tradeDiscount) out.push(`  ${t('totals.discount')}: ${money(totals.tradeDiscount)}`);
  out.push(`  ${t('totals.payable')}: ${money(totals.totalPayable)}`);
  if (totals.totalPayableInWords) out.push(`  ${t('totals.inWords')}: ${totals.totalPayableInWords}`);
  for (const entry of totals.byRate) {
    out.push(
      `  ${t('totals.byRate', { rate: entry.vatRate?.code ?? DASH, amount: money(entry.amount), vat: money(entry.vatAmount) })}`,
    );
  }

  out.push(`${t('signatures')}:`);
  const signature = (label: string, value: InvoiceSignature | null) => {
    if (value === null) {
      out.push(`  ${label}: ${t('signature.none')}`);
      return;
    }
    out.push(
      `  ${label}: ${t('signature.line', {
        name: value.commonName ?? value.subject ?? DASH,
        taxCode: text(value.taxCode),
        time: localDateTime(value.signingTime),
        algorithm: text(value.algorithm),
        issuer: text(value.issuer),
        serial: text(value.serialNumber),
      })}; ${t(`signature.${value.verification}`)}`,
    );
  };
  signature(t('signature.seller'), invoice.signatures.seller);
  if (invoice.signatures.buyer) signature(t('signature.buyer'), invoice.signatures.buyer);
  signature(t('signature.authority'), invoice.signatures.authority);

  if (warnings.length === 0) out.push(t('warnings.none'));
  else {
    out.push(`${t('warnings', { count: warnings.length })}:`);
    for (const warning of warnings) {
      out.push(`  [${warning.field ?? DASH}] ${describeWarning(warning, language)}`);
    }
  }
  return out.join('\n');
}
