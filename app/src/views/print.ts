/**
 * The printable invoice in the layout of the TT78 standard (Circular 78/2021): title, template, series
 * and number, date, seller, buyer, the lines, totals per VAT rate, the amount in words, the
 * tax-authority code and the signatures. Printed invoices are in Vietnamese, whatever the page language.
 */
import { amountInWords, formatDate, formatDecimal } from '#engine';
import type { InvoiceView, SignatureView } from '../invoice/view.js';
import { html, trusted, type Html } from './html.js';

const figure = (value: { toFixed(): string } | null | undefined) =>
  value === null || value === undefined ? '' : formatDecimal(value as never, 'vi');

/** What the stamp says: "valid" only when the XML signature was checked against its certificate. */
const SIGNATURE_STATE: Record<SignatureView['verification'], string> = {
  valid: 'Chữ ký hợp lệ',
  invalid: 'Chữ ký KHÔNG hợp lệ',
  'not-verified': 'Đã ký số (chưa kiểm tra)',
};

function signatureBox(title: string, signature: SignatureView): Html {
  if (!signature.present)
    return html`<div class="sign">
      <b>${title}</b>
      <div class="sign-note">(Chưa có chữ ký số)</div>
    </div>`;
  return html`<div class="sign">
    <b>${title}</b>
    <div class="sig-stamp ${signature.verification}">
      ${SIGNATURE_STATE[signature.verification]}<br />Ký bởi:
      ${signature.signer ?? ''}${signature.signingTime ? html`<br />Ký ngày: ${formatDate(signature.signingTime.slice(0, 10))}` : ''}
    </div>
  </div>`;
}

function party(label: string, p: InvoiceView['seller']): Html {
  return html`<table class="party-box">
    <tr>
      <td class="k">${label}:</td>
      <td><b>${p.name ?? ''}</b></td>
    </tr>
    <tr>
      <td class="k">Mã số thuế:</td>
      <td class="mst">${p.taxCode ?? ''}</td>
    </tr>
    <tr>
      <td class="k">Địa chỉ:</td>
      <td>${p.address ?? ''}</td>
    </tr>
    ${
      p.bankAccount
        ? html`<tr>
            <td class="k">Số tài khoản:</td>
            <td>${p.bankAccount} ${p.bankName ?? ''}</td>
          </tr>`
        : ''
    }
  </table>`;
}

export const PRINT_CSS = `
@page { size: A4; margin: 12mm; }
body { font-family: "DejaVu Serif", "Times New Roman", serif; font-size: 11pt; color: #000; }
.tt78 { page-break-after: always; border: 1px solid #444; padding: 8mm; }
.tt78:last-child { page-break-after: auto; }
.tt78 .head { display: flex; justify-content: space-between; align-items: flex-start; }
.tt78 h1 { font-size: 16pt; text-align: center; margin: 0; color: #b00; }
.tt78 .meta { text-align: right; font-size: 10pt; }
.tt78 .date { text-align: center; font-style: italic; }
.tt78 .cqt { text-align: center; font-size: 10pt; }
.tt78 table { border-collapse: collapse; width: 100%; }
.tt78 .party-box td { padding: 1px 4px; vertical-align: top; }
.tt78 .party-box .k { width: 28mm; white-space: nowrap; }
.tt78 .lines th, .tt78 .lines td { border: 1px solid #444; padding: 2px 4px; font-size: 9.5pt; }
.tt78 .lines .n { text-align: right; white-space: nowrap; }
.tt78 .totals td { padding: 2px 4px; }
.tt78 .totals .n { text-align: right; font-weight: bold; }
.tt78 .words { margin-top: 2mm; }
.tt78 .signs { display: flex; justify-content: space-around; margin-top: 6mm; text-align: center; }
.tt78 .sig-stamp { border: 1px solid #2a2; color: #2a2; padding: 2mm; margin-top: 2mm; font-size: 9pt; }
.tt78 .sig-stamp.invalid { border-color: #c22; color: #c22; }
.tt78 .sig-stamp.not-verified { border-color: #666; color: #444; }
.tt78 .sign-note { font-style: italic; font-size: 9pt; }
`;

export function printableInvoice(view: InvoiceView): Html {
  const [year, month, day] = view.issueDate.split('-');
  const title =
    view.title?.toUpperCase() ?? (view.template === '2' ? 'HÓA ĐƠN BÁN HÀNG' : 'HÓA ĐƠN GIÁ TRỊ GIA TĂNG');
  const words =
    view.totalPayableInWords ?? (view.totalPayable ? amountInWords(view.totalPayable, view.currency) : '');
  const rows = view.lines.map(
    (line, i) =>
      html`<tr>
        <td class="n">${line.lineNo ?? i + 1}</td>
        <td>${line.name ?? ''}</td>
        <td>${line.unit ?? ''}</td>
        <td class="n">${figure(line.quantity)}</td>
        <td class="n">${figure(line.unitPrice)}</td>
        <td class="n">
          ${line.discountAmount ? figure(line.discountAmount) : line.discountRate ? `${figure(line.discountRate)}%` : ''}
        </td>
        <td class="n">${line.vatRate?.code ?? ''}</td>
        <td class="n">${figure(line.amount)}</td>
      </tr>`,
  );
  return html`<section class="tt78" data-invoice="${view.series}-${view.number}">
    <div class="head">
      <div></div>
      <div>
        <h1>${title}</h1>
        <div class="date">Ngày ${day ?? ''} tháng ${month ?? ''} năm ${year ?? ''}</div>
        <div class="cqt">
          ${view.authorityCode ? html`Mã của cơ quan thuế: <b>${view.authorityCode}</b>` : 'Hóa đơn không có mã của cơ quan thuế'}
        </div>
      </div>
      <div class="meta">
        Mẫu số: <b>${view.template}</b><br />Ký hiệu: <b>${view.series}</b><br />Số:
        <b class="number">${String(view.number).padStart(8, '0')}</b>
      </div>
    </div>
    <hr />
    ${party('Đơn vị bán hàng', view.seller)}
    <hr />
    ${party('Đơn vị mua hàng', view.buyer)}
    ${view.paymentMethod ? html`<div>Hình thức thanh toán: ${view.paymentMethod}</div>` : ''}
    <table class="lines">
      <thead>
        <tr>
          <th>STT</th>
          <th>Tên hàng hóa, dịch vụ</th>
          <th>Đơn vị tính</th>
          <th>Số lượng</th>
          <th>Đơn giá</th>
          <th>Chiết khấu</th>
          <th>Thuế suất</th>
          <th>Thành tiền</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    <table class="totals">
      ${view.byRate.map(
        (rate) =>
          html`<tr>
            <td>Tổng tiền chịu thuế suất ${rate.vatRate?.code ?? ''}:</td>
            <td class="n">${figure(rate.amount)}</td>
            <td>Tiền thuế GTGT:</td>
            <td class="n">${figure(rate.vatAmount)}</td>
          </tr>`,
      )}
      <tr>
        <td>Cộng tiền hàng (chưa có thuế GTGT):</td>
        <td class="n total-before">${figure(view.totalBeforeTax)}</td>
        <td>Tiền thuế GTGT:</td>
        <td class="n total-tax">${figure(view.totalTax)}</td>
      </tr>
      <tr>
        <td colspan="3"><b>Tổng tiền thanh toán (${view.currency}):</b></td>
        <td class="n total-payable">${figure(view.totalPayable)}</td>
      </tr>
    </table>
    <div class="words">Số tiền viết bằng chữ: <i>${words}</i></div>
    <div class="signs">
      <div class="sign">
        <b>NGƯỜI MUA HÀNG</b>
        <div class="sign-note">(Chữ ký số, nếu có)</div>
      </div>
      ${signatureBox('NGƯỜI BÁN HÀNG', view.sellerSignature)}
      ${view.authoritySignature.present ? signatureBox('CƠ QUAN THUẾ', view.authoritySignature) : ''}
    </div>
  </section>`;
}

export function printDocument(views: InvoiceView[]): Html {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <title>Hóa đơn</title>
        <style>
          ${trusted(PRINT_CSS)}
        </style>
      </head>
      <body>
        ${views.map((view) => printableInvoice(view))}
      </body>
    </html>`;
}
