/** The invoice list: filters, the table with its badges, paging, and the actions on the selection. */
import type { Language } from '#engine/i18n';
import { formatInvoiceKey } from '#workflows/portal';
import { SYNC_STATUSES, type PartState, type WorkspaceInvoice } from '#workflows/store';
import type { AppMessageKey, AppTranslate } from '../messages.js';
import type { ListQuery } from '../list/query.js';
import { listUrl } from '../list/query.js';
import { date, dateTime, money } from './format.js';
import { html, type Html } from './html.js';
import { layout, type PageContext } from './layout.js';
import { warningText } from './warnings.js';

/**
 * A date typed as users write it (dd/mm/yyyy): a browser's own date picker shows the browser's locale
 * (mm/dd/yyyy in an English Chromium), not the page's. The server also takes YYYY-MM-DD.
 */
function dateInput(name: 'from' | 'to', value: string | undefined): Html {
  return html`<input
    type="text"
    name="${name}"
    inputmode="numeric"
    placeholder="dd/mm/yyyy"
    pattern="\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d{2}-\\d{2}"
    size="10"
    value="${value ? date(value) : ''}"
  />`;
}

export function invoiceUrl(invoice: {
  nbmst: string;
  khmshdon: number;
  khhdon: string;
  shdon: number;
}): string {
  return `/invoices/${encodeURIComponent(invoice.nbmst)}/${invoice.khmshdon}/${encodeURIComponent(invoice.khhdon)}/${invoice.shdon}`;
}

export function badge(t: AppTranslate, part: PartState, language: Language): Html {
  void language;
  const lines = [t(`status.${part.status}` as AppMessageKey), t('badge.attempts', { n: part.attempts })];
  if (part.lastError) lines.push(t('badge.reason', { reason: part.lastError }));
  if (part.lastTriedAt) lines.push(t('badge.lastTried', { at: dateTime(part.lastTriedAt) }));
  if (part.nextCheckAt) lines.push(t('badge.nextCheck', { at: dateTime(part.nextCheckAt) }));
  return html`<span class="badge st-${part.status}" data-status="${part.status}" title="${lines.join('\n')}"
    >${t(`status.${part.status}` as AppMessageKey)}</span
  >`;
}

function kindOf(t: AppTranslate, tthai: number | null): string {
  return tthai !== null && tthai >= 1 && tthai <= 5 ? t(`kind.${tthai}` as AppMessageKey) : '';
}

/** One row of the table (also sent alone over the progress stream when the invoice changes). */
export function invoiceRow(t: AppTranslate, language: Language, invoice: WorkspaceInvoice): Html {
  const key = formatInvoiceKey(invoice);
  const purchase = invoice.direction === 'purchase';
  const partyName = purchase ? invoice.sellerName : invoice.buyerName;
  const partyTaxCode = purchase ? invoice.nbmst : invoice.buyerTaxCode;
  const visible = invoice.warnings.filter((w) => !invoice.hiddenWarnings.some((h) => h.code === w.code));
  return html`<tr data-key="${key}">
    <td><input type="checkbox" class="pick" value="${key}" aria-label="${key}" /></td>
    <td class="date">${date(invoice.issueDate)}</td>
    <td>${invoice.khmshdon}</td>
    <td>${invoice.khhdon}</td>
    <td>
      <a href="${invoiceUrl(invoice)}">${invoice.shdon}</a>
      <span class="kind">${kindOf(t, invoice.tthai)}</span>
    </td>
    <td>
      <div class="party">${partyName ?? ''}</div>
      <div class="taxcode">${partyTaxCode ?? ''}</div>
    </td>
    <td class="num">${money(invoice.totalBeforeTax, invoice.currency, language)}</td>
    <td class="num">${money(invoice.totalTax, invoice.currency, language)}</td>
    <td class="num">${money(invoice.totalPayable, invoice.currency, language)}</td>
    <td>${invoice.currency ?? ''}</td>
    <td class="xml">${badge(t, invoice.xml, language)}</td>
    <td class="details">${badge(t, invoice.details, language)}</td>
    <td class="warnings">
      ${visible.length > 0 ? html`<span class="warn" title="${visible.map((w) => warningText(w, key, language)).join('\n')}">⚠ ${visible.length}</span>` : ''}
    </td>
    <td class="labels">${invoice.labels.map((label) => html`<span class="label">${label}</span> `)}</td>
    <td class="declaration">${invoice.declarationPeriod ?? ''}</td>
  </tr>`;
}

function option(value: string, label: string, current: string | undefined): Html {
  return html`<option value="${value}" ${current === value ? html` selected` : ''}>${label}</option>`;
}

function sortHeader(t: AppTranslate, query: ListQuery, column: ListQuery['sort'], key: AppMessageKey): Html {
  const active = query.sort === column;
  const descending = active ? !query.descending : true;
  const arrow = active ? (query.descending ? ' ▼' : ' ▲') : '';
  return html`<a href="${listUrl({ ...query, sort: column, descending, page: 1 })}">${t(key)}${arrow}</a>`;
}

export interface ListPageData {
  query: ListQuery;
  rows: WorkspaceInvoice[];
  total: number;
  labels: string[];
}

export function listPage(context: PageContext, data: ListPageData): Html {
  const { t, language } = context;
  const { query } = data;
  const pages = Math.max(1, Math.ceil(data.total / query.size));
  const title =
    query.direction === 'purchase'
      ? t('app.purchase')
      : query.direction === 'sold'
        ? t('app.sold')
        : t('app.all');
  const tab = (direction: ListQuery['direction'], key: AppMessageKey) =>
    html`<a
      class="tab${query.direction === direction ? html` active` : ''}"
      href="${listUrl({ ...query, direction, page: 1 })}"
      >${t(key)}</a
    >`;
  const body = html` <nav class="tabs">
      ${tab('purchase', 'app.purchase')}${tab('sold', 'app.sold')}${tab(undefined, 'app.all')}
    </nav>
    <form class="filters" method="get" action="/" id="filters">
      ${query.direction ? html`<input type="hidden" name="direction" value="${query.direction}" />` : ''}
      <label>${t('filter.from')} ${dateInput('from', query.from)}</label>
      <label>${t('filter.to')} ${dateInput('to', query.to)}</label>
      <label
        >${t('filter.status')}
        <select name="status" id="filter-status">
          ${option('', t('filter.anyStatus'), query.status ?? '')}
          ${SYNC_STATUSES.map((status) => option(status, t(`status.${status}` as AppMessageKey), query.status))}
        </select></label
      >
      <label
        >${t('filter.part')}
        <select name="part">
          ${option('', t('filter.anyPart'), query.part ?? '')}
          ${option('xml', t('filter.partXml'), query.part)}
          ${option('details', t('filter.partDetails'), query.part)}
        </select></label
      >
      <label
        >${t('filter.warnings')}
        <select name="warnings">
          ${option('', t('filter.anyWarnings'), query.warnings ?? '')}
          ${option('with', t('filter.withWarnings'), query.warnings)}
          ${option('without', t('filter.withoutWarnings'), query.warnings)}
        </select></label
      >
      <label
        >${t('filter.label')}
        <select name="label">
          ${option('', t('filter.anyLabel'), query.label ?? '')}
          ${data.labels.map((label) => option(label, label, query.label))}
        </select></label
      >
      <label
        >${t('filter.declaration')}
        <input name="declaration" placeholder="YYYY-MM" size="8" value="${query.declaration ?? ''}"
      /></label>
      <label class="grow"
        ><input
          type="search"
          name="q"
          id="filter-text"
          placeholder="${t('filter.text')}"
          value="${query.q ?? ''}"
      /></label>
      <button type="submit" id="apply-filters">${t('filter.apply')}</button>
      <a href="/">${t('filter.clear')}</a>
    </form>
    <div class="actions">
      <span id="selected-count" data-template="${t('list.selected', { n: '{n}' })}"
        >${t('list.selected', { n: 0 })}</span
      >
      <button type="button" data-action="sync" id="action-sync">${t('action.sync')}</button>
      <button type="button" data-action="print" id="action-print">${t('action.print')}</button>
      <button type="button" data-action="label" id="action-label" data-prompt="${t('action.labelPrompt')}">
        ${t('action.label')}
      </button>
      <button
        type="button"
        data-action="unlabel"
        id="action-unlabel"
        data-prompt="${t('action.labelPrompt')}"
      >
        ${t('action.unlabel')}
      </button>
      <button
        type="button"
        data-action="declare"
        id="action-declare"
        data-prompt="${t('action.declarePrompt')}"
      >
        ${t('action.declare')}
      </button>
      <button
        type="button"
        data-action="hide-warning"
        id="action-hide"
        data-prompt="${t('action.hideCodePrompt')}"
        data-prompt2="${t('action.hideReasonPrompt')}"
      >
        ${t('action.hideWarning')}
      </button>
      <button type="button" data-action="zip" id="action-zip">${t('action.zip')}</button>
      <a class="button" id="action-excel" href="${listUrl(query, '/export.xlsx')}">${t('action.excel')}</a>
    </div>
    <div id="job" class="job" hidden data-nothing="${t('action.nothingSelected')}"></div>
    <form id="zip-form" method="post" action="/api/xml.zip" hidden>
      <input type="hidden" name="_csrf" value="${context.csrfToken}" /><input
        type="hidden"
        name="keys"
        value=""
      />
    </form>
    <p class="count" id="list-count">
      ${t('list.count', { total: data.total.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US') })}
    </p>
    ${
      data.rows.length === 0
        ? html`<p class="empty">${t('list.empty')}</p>`
        : html`<table class="invoices" id="invoices">
            <thead>
              <tr>
                <th><input type="checkbox" id="pick-all" aria-label="${t('list.selectAll')}" /></th>
                <th>${sortHeader(t, query, 'issueDate', 'col.issueDate')}</th>
                <th>${t('col.template')}</th>
                <th>${t('col.series')}</th>
                <th>${sortHeader(t, query, 'number', 'col.number')}</th>
                <th>
                  ${sortHeader(t, query, 'party', query.direction === 'sold' ? 'col.buyer' : query.direction === 'purchase' ? 'col.seller' : 'col.party')}
                </th>
                <th>${sortHeader(t, query, 'totalBeforeTax', 'col.totalBeforeTax')}</th>
                <th>${sortHeader(t, query, 'totalTax', 'col.totalTax')}</th>
                <th>${sortHeader(t, query, 'totalPayable', 'col.totalPayable')}</th>
                <th>${t('col.currency')}</th>
                <th>${t('col.xml')}</th>
                <th>${t('col.details')}</th>
                <th>${t('col.warnings')}</th>
                <th>${t('col.labels')}</th>
                <th>${t('col.declaration')}</th>
              </tr>
            </thead>
            <tbody>
              ${data.rows.map((row) => invoiceRow(t, language, row))}
            </tbody>
          </table>`
    }
    <nav class="pager">
      ${query.page > 1 ? html`<a href="${listUrl({ ...query, page: query.page - 1 })}" id="prev-page">${t('list.prev')}</a>` : ''}
      <span>${t('list.page', { page: query.page, pages })}</span>
      ${query.page < pages ? html`<a href="${listUrl({ ...query, page: query.page + 1 })}" id="next-page">${t('list.next')}</a>` : ''}
    </nav>`;
  return layout(context, title, body);
}
