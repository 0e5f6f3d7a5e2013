/** One invoice: header, parties, lines, totals and checks, CQT code, signatures, chain, downloads, history. */
import { amountInWords } from '#engine';
import { formatInvoiceKey } from '#workflows/portal';
import type { SyncAttempt, WorkspaceInvoice } from '#workflows/store';
import type { InvoiceView, SignatureView } from '../invoice/view.js';
import type { AppMessageKey, AppTranslate } from '../messages.js';
import { date, dateTime, figure, money } from './format.js';
import { html, type Html } from './html.js';
import { layout, type PageContext } from './layout.js';
import { badge, invoiceUrl } from './list.js';
import { warningText } from './warnings.js';

export interface InvoicePageData {
  invoice: WorkspaceInvoice;
  view: InvoiceView;
  chain: WorkspaceInvoice[];
  attempts: SyncAttempt[];
  hasXml: boolean;
  hasDetail: boolean;
}

/** `2026-10-31T11:28:41` (already Vietnam time, as the invoice writes it) -> `31/10/2026 11:28:41`. */
function localTime(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}:\d{2}(:\d{2})?)/.exec(text);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}` : text;
}

function signature(t: AppTranslate, label: string, s: SignatureView): Html {
  const text = !s.present
    ? t('invoice.notSigned')
    : s.signingTime
      ? t('invoice.signed', { signer: s.signer ?? '?', at: localTime(s.signingTime) })
      : t('invoice.signedNoTime', { signer: s.signer ?? '?' });
  const state = s.present ? ` (${t(`invoice.signature.${s.verification}`)})` : '';
  return html`<tr>
    <th>${label}</th>
    <td class="${s.present ? `signed ${s.verification}` : 'unsigned'}">${text}${state}</td>
  </tr>`;
}

function party(t: AppTranslate, title: AppMessageKey, p: InvoiceView['seller']): Html {
  return html`<section class="card">
    <h3>${t(title)}</h3>
    <table class="kv">
      <tr>
        <th>${t('invoice.name')}</th>
        <td>${p.name ?? ''}</td>
      </tr>
      <tr>
        <th>${t('invoice.taxCode')}</th>
        <td>${p.taxCode ?? ''}</td>
      </tr>
      <tr>
        <th>${t('invoice.address')}</th>
        <td>${p.address ?? ''}</td>
      </tr>
    </table>
  </section>`;
}

export function invoicePage(context: PageContext, data: InvoicePageData): Html {
  const { t, language } = context;
  const { invoice, view } = data;
  const key = formatInvoiceKey(invoice);
  const url = invoiceUrl(invoice);
  const currency = view.currency;
  const sourceKey: AppMessageKey =
    view.source === 'xml'
      ? 'invoice.sourceXml'
      : view.source === 'details'
        ? 'invoice.sourceDetails'
        : 'invoice.sourceHeader';
  const hidden = new Map(invoice.hiddenWarnings.map((h) => [h.code, h]));
  const warnings = invoice.warnings.length > 0 ? invoice.warnings : view.warnings;
  const body = html` <p><a href="/">${t('invoice.back')}</a></p>
    <h1 id="invoice-title">${t('invoice.title', { series: invoice.khhdon, number: invoice.shdon })}</h1>
    <p class="muted">${key} · ${t('invoice.source', { source: t(sourceKey) })}</p>
    <section class="card">
      <h3>${t('invoice.header')}</h3>
      <table class="kv">
        <tr>
          <th>${t('col.issueDate')}</th>
          <td>${date(view.issueDate)}</td>
        </tr>
        <tr>
          <th>${t('col.template')}</th>
          <td>${view.template}</td>
        </tr>
        <tr>
          <th>${t('col.series')}</th>
          <td>${view.series}</td>
        </tr>
        <tr>
          <th>${t('col.number')}</th>
          <td>${view.number}</td>
        </tr>
        <tr>
          <th>${t('invoice.kind')}</th>
          <td>
            ${invoice.tthai !== null && invoice.tthai >= 1 && invoice.tthai <= 5 ? t(`kind.${invoice.tthai}` as AppMessageKey) : ''}
          </td>
        </tr>
        <tr>
          <th>${t('col.currency')}</th>
          <td id="currency">
            ${currency}${currency !== 'VND' && view.exchangeRate ? ` (${t('invoice.exchangeRate')} ${figure(view.exchangeRate, language)} ₫)` : ''}
          </td>
        </tr>
        <tr>
          <th>${t('col.xml')}</th>
          <td>${badge(t, invoice.xml, language)}</td>
        </tr>
        <tr>
          <th>${t('col.details')}</th>
          <td>${badge(t, invoice.details, language)}</td>
        </tr>
        <tr>
          <th>${t('col.labels')}</th>
          <td>${invoice.labels.join(', ')}</td>
        </tr>
        <tr>
          <th>${t('col.declaration')}</th>
          <td>${invoice.declarationPeriod ?? ''}</td>
        </tr>
      </table>
    </section>
    <div class="parties">
      ${party(t, 'invoice.seller', view.seller)}${party(t, 'invoice.buyer', view.buyer)}
    </div>
    <section class="card">
      <h3>${t('invoice.lines')}</h3>
      ${
        view.lines.length === 0
          ? html`<p>${t('invoice.noDetail')}</p>`
          : html`<table class="lines">
              <thead>
                <tr>
                  <th>${t('invoice.lineNo')}</th>
                  <th>${t('invoice.lineName')}</th>
                  <th>${t('invoice.unit')}</th>
                  <th>${t('invoice.quantity')}</th>
                  <th>${t('invoice.unitPrice')}</th>
                  <th>${t('invoice.discount')}</th>
                  <th>${t('invoice.amount')}</th>
                  <th>${t('invoice.vatRate')}</th>
                  <th>${t('invoice.vatAmount')}</th>
                </tr>
              </thead>
              <tbody>
                ${view.lines.map(
                  (line, i) =>
                    html`<tr>
                      <td>${line.lineNo ?? i + 1}</td>
                      <td>${line.name ?? ''}</td>
                      <td>${line.unit ?? ''}</td>
                      <td class="num">${figure(line.quantity, language)}</td>
                      <td class="num">${money(line.unitPrice, currency, language)}</td>
                      <td class="num">
                        ${line.discountAmount ? money(line.discountAmount, currency, language) : line.discountRate ? `${figure(line.discountRate, language)}%` : ''}
                      </td>
                      <td class="num">${money(line.amount, currency, language)}</td>
                      <td>${line.vatRate?.code ?? ''}</td>
                      <td class="num">${money(line.vatAmount, currency, language)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <section class="card">
      <h3>${t('invoice.totals')}</h3>
      <table class="kv">
        ${view.byRate.map(
          (rate) =>
            html`<tr>
              <th>${t('invoice.byRate')} ${rate.vatRate?.code ?? ''}</th>
              <td class="num">${money(rate.amount, currency, language)}</td>
              <td class="num">${money(rate.vatAmount, currency, language)}</td>
            </tr>`,
        )}
        <tr>
          <th>${t('col.totalBeforeTax')}</th>
          <td class="num" id="total-before-tax">${money(view.totalBeforeTax, currency, language)}</td>
        </tr>
        <tr>
          <th>${t('col.totalTax')}</th>
          <td class="num" id="total-tax">${money(view.totalTax, currency, language)}</td>
        </tr>
        <tr>
          <th>${t('col.totalPayable')}</th>
          <td class="num" id="total-payable">${money(view.totalPayable, currency, language)}</td>
        </tr>
        <tr>
          <th>${t('invoice.inWords')}</th>
          <td>
            ${view.totalPayableInWords ?? (view.totalPayable ? amountInWords(view.totalPayable, currency) : '')}
          </td>
        </tr>
      </table>
      <h4>${t('invoice.checks')}</h4>
      ${
        warnings.length === 0
          ? html`<p id="checks">${t('invoice.noWarnings')}</p>`
          : html`<ul id="checks">
              ${warnings.map((w) => {
                const h = hidden.get(w.code);
                return html`<li class="${h ? 'hidden-warning' : 'warning'}">
                  <code>${w.code}</code>
                  ${warningText(w, key, language)}${
                    h
                      ? html` <em
                          >${t('invoice.hiddenBecause', { reason: h.reason, at: dateTime(h.hiddenAt) })}</em
                        >`
                      : html` <form method="post" action="${url}/hide-warning" class="inline hide-warning">
                          <input type="hidden" name="_csrf" value="${context.csrfToken}" /><input
                            type="hidden"
                            name="code"
                            value="${w.code}"
                          /><input
                            name="reason"
                            required
                            maxlength="500"
                            placeholder="${t('action.hideReasonPrompt')}"
                          /><button type="submit">${t('action.hideWarning')}</button>
                        </form>`
                  }
                </li>`;
              })}
            </ul>`
      }
    </section>
    <section class="card">
      <h3>${t('invoice.cqtCode')} · ${t('invoice.signatures')}</h3>
      <table class="kv">
        <tr>
          <th>${t('invoice.cqtCode')}</th>
          <td id="cqt-code">${view.authorityCode ?? t('invoice.noCqtCode')}</td>
        </tr>
        ${signature(t, t('invoice.sellerSignature'), view.sellerSignature)}
        ${signature(t, t('invoice.cqtSignature'), view.authoritySignature)}
      </table>
    </section>
    <section class="card">
      <h3>${t('invoice.related')}</h3>
      ${
        data.chain.length === 0 && !view.related
          ? html`<p>${t('invoice.noRelated')}</p>`
          : html`<ul id="related">
              ${view.related ? html`<li>${view.related.kind}: ${view.related.series ?? ''} ${view.related.number ?? ''} ${view.related.date ? date(view.related.date.slice(0, 10)) : ''}</li>` : ''}${data.chain.map(
                (other) =>
                  html`<li>
                    <a href="${invoiceUrl(other)}">${other.khhdon} ${other.shdon}</a>
                    (${other.tthai !== null && other.tthai >= 1 && other.tthai <= 5 ? t(`kind.${other.tthai}` as AppMessageKey) : ''},
                    ${date(other.issueDate)}, ${money(other.totalPayable, other.currency, language)})
                  </li>`,
              )}
            </ul>`
      }
    </section>
    <section class="card">
      <h3>${t('invoice.downloads')}</h3>
      <p>
        ${data.hasXml ? html`<a id="download-xml" href="${url}/xml">${t('invoice.rawXml')}</a> · ` : ''}
        ${data.hasDetail ? html`<a id="download-json" href="${url}/detail.json">${t('invoice.rawJson')}</a> · ` : ''}
        <a id="printable" href="${url}/print">${t('invoice.print')}</a>
      </p>
    </section>
    <section class="card">
      <h3>${t('invoice.history')}</h3>
      ${
        data.attempts.length === 0
          ? html`<p>${t('invoice.noHistory')}</p>`
          : html`<table class="lines" id="history">
              <thead>
                <tr>
                  <th>${t('invoice.triedAt')}</th>
                  <th>${t('filter.part')}</th>
                  <th>${t('invoice.attempt')}</th>
                  <th>${t('filter.status')}</th>
                  <th>${t('invoice.reason')}</th>
                </tr>
              </thead>
              <tbody>
                ${data.attempts.map(
                  (a) =>
                    html`<tr>
                      <td>${dateTime(a.triedAt)}</td>
                      <td>${t(`part.${a.part}` as AppMessageKey)}</td>
                      <td>${a.attempt}</td>
                      <td>${t(`status.${a.status}` as AppMessageKey)}</td>
                      <td>${a.error ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  return layout(context, t('invoice.title', { series: invoice.khhdon, number: invoice.shdon }), body);
}
