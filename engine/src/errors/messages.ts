/** Every user-facing message of the engine, in English and Vietnamese. */
import type { Catalog } from '../i18n/translator.js';

export type EngineMessageKey =
  | 'money.notString'
  | 'money.invalid'
  | 'money.unknownCurrency'
  | 'invoice.alreadyConfirmed'
  | 'invoice.isCorrective'
  | 'correction.notConfirmed'
  | 'correction.notCorrectiveDraft'
  | 'correction.alreadyConfirmed'
  | 'correction.productExcluded'
  | 'correction.unknownLine'
  | 'correction.negative'
  | 'correction.negativeOriginal'
  | 'correction.quantityTooPrecise'
  | 'correction.notANumber'
  | 'correction.unknownClass'
  | 'correction.currencyMismatch'
  | 'correction.milestonePartial'
  | 'correction.amountNotEditable'
  | 'correction.tooPrecise'
  | 'correction.missingBilledActual'
  | 'correction.rejected'
  | 'correction.missingReconciliationActual'
  | 'correction.ledgerCurrencyMismatch'
  | 'correction.reconciledAboveAdvance'
  | 'correction.quantityDownAmountUp'
  | 'correction.ledgerDisagrees'
  | 'rules.uncovered'
  | 'rules.ambiguous'
  | 'rules.unsupported'
  | 'rules.nothingToReverse'
  | 'compiler.unknownFact'
  | 'compiler.unknownValue'
  | 'compiler.invalidField'
  | 'compiler.reverseNeedsCreate'
  | 'compiler.duplicateScenario'
  | 'compiler.reversedTwice'
  | 'compiled.invalid'
  | 'compiled.unsupportedOperator'
  | 'compiled.unsupportedCondition'
  | 'import.unknownOption'
  | 'ruleTest.invalidGiven'
  | 'ruleTest.wrongScenario'
  | 'ruleTest.expectedError'
  | 'ruleTest.unexpectedError'
  | 'ruleTest.wrongErrorKind'
  | 'ruleTest.wrongErrorMessage'
  | 'ruleTest.actualsDiffer'
  | 'ruleTest.wrongMilestoneStatus';

export const engineMessages: Catalog<EngineMessageKey> = {
  en: {
    'money.notString': '{where}: an amount must be a decimal string, not a {type}',
    'money.invalid': '{where}: "{text}" is not a decimal number',
    'money.unknownCurrency':
      '{where}: unknown currency "{currency}" (expected an ISO 4217 code such as VND or USD)',
    'invoice.alreadyConfirmed': 'Invoice {invoice} is already confirmed',
    'invoice.isCorrective': 'Invoice {invoice} is a corrective draft: confirm it with confirmCorrection',
    'correction.notConfirmed': 'Invoice {invoice} is a draft: only a confirmed invoice can be corrected',
    'correction.notCorrectiveDraft': 'Invoice {invoice} is not a corrective draft',
    'correction.alreadyConfirmed': 'Corrective invoice {invoice} is already confirmed',
    'correction.productExcluded': 'Line {line}: lines of product-based contract lines cannot be corrected',
    'correction.unknownLine': 'Line {line} is not on corrective invoice {invoice}',
    'correction.negative':
      'Line {line}, {field}: {value} is negative; enter the quantity to bill now (0 or more)',
    'correction.negativeOriginal':
      'Line {line}, {field}: {value} is negative: a credit line (negative quantity or amount) cannot be corrected',
    'correction.quantityTooPrecise':
      'Line {line}, {field}: {value} has more than {places} decimal places (quantities are kept to {places})',
    'correction.notANumber': 'Line {line}, {field}: "{value}" is not a number',
    'correction.unknownClass': 'Line {line}: unknown transaction class "{value}"',
    'correction.currencyMismatch':
      'Line {line}: currency {currency} differs from the invoice currency {expected}',
    'correction.milestonePartial':
      'Line {line}: a milestone can only be credited in full; the quantity and amount to bill must be 0',
    'correction.amountNotEditable':
      'Line {line}: the amount is quantity x unit price; only advance/retainer amounts can be entered',
    'correction.tooPrecise':
      'Line {line}, {field}: {value} has more decimal places than {currency} allows ({places})',
    'correction.missingBilledActual':
      'Line {line}: the ledger has no open billed sales actual for the original line {original}',
    'correction.ledgerCurrencyMismatch':
      'Line {line}: ledger actual {actual} is in {currency}, the invoice in {expected}',
    'correction.quantityDownAmountUp':
      'Line {line}: the quantity goes down ({quantity}) but the amount goes up ({amount}): the remainder would be negative; correct the quantity and the price on separate corrective invoices',
    'correction.reconciledAboveAdvance':
      'Line {line}: the advance applies {reconciled} against charges but is only {amount}: enter a reconciledAmount of at most {amount}',
    'correction.ledgerDisagrees':
      'Line {line}: ledger actual {actual} has quantity {actualQuantity} and amount {actualAmount}, but the original line {original} has {quantity} and {amount}: fix the ledger or the invoice first',
    'correction.missingReconciliationActual':
      'Line {line}: the ledger has no open negative unbilled sales actual left for reconciliation of the advance {original}',
    'correction.rejected':
      'Corrective invoice {invoice} cannot be confirmed; {count} lines are refused:\n{errors}',
    'rules.uncovered': 'Line {line}: no scenario covers the case {case}',
    'rules.ambiguous': 'Line {line}: several scenarios match the case {case}: {scenarios}',
    'rules.unsupported': 'Line {line}: {message} (scenario {scenario}, case {case})',
    'rules.nothingToReverse':
      'Scenario {scenario}{at}: there is no {transactionType} actual from {basis} to reverse',
    'compiler.unknownFact': '{where}: unknown fact "{fact}" (one of {allowed})',
    'compiler.unknownValue': '{where}: "{value}" is not a value of {fact} (one of {allowed})',
    'compiler.invalidField': '{where}: "{value}" is not a valid {field}',
    'compiler.reverseNeedsCreate':
      '{where}: a reversal of {transactionType} for {basis} needs that actual to be created earlier in the scenario',
    'compiler.duplicateScenario': '{where}: duplicate scenario "{scenario}"',
    'compiler.reversedTwice': '{where}: {transactionType} for {basis} is already reversed in this scenario',
    'compiled.invalid': 'Compiled rule set is not valid: {detail}',
    'compiled.unsupportedOperator':
      'Rule {rule}: the fast executor cannot evaluate the operator "{operator}"',
    'compiled.unsupportedCondition':
      'Rule {rule}: the fast executor cannot evaluate conditions with {feature}',
    'import.unknownOption': 'Record {record}, {field}: unknown option value {value}',
    'ruleTest.invalidGiven': 'The test input is not valid: {detail}',
    'ruleTest.wrongScenario': 'Expected scenario {expected}, but {actual} matched',
    'ruleTest.expectedError':
      'Expected the correction to be refused ({kind}), but it produced {count} actual(s)',
    'ruleTest.unexpectedError': 'The correction was refused: {message}',
    'ruleTest.wrongErrorKind': 'Expected a refusal of kind {expected}, got {actual}: {message}',
    'ruleTest.wrongErrorMessage': 'Expected the refusal to mention "{expected}", got: {actual}',
    'ruleTest.actualsDiffer': 'The actuals differ from the expected ones',
    'ruleTest.wrongMilestoneStatus': 'Expected milestone status {expected}, got {actual}',
  },
  vi: {
    'money.notString': '{where}: số tiền phải là chuỗi số thập phân, không phải {type}',
    'money.invalid': '{where}: "{text}" không phải là số thập phân',
    'money.unknownCurrency': '{where}: không rõ loại tiền "{currency}" (cần mã ISO 4217 như VND hoặc USD)',
    'invoice.alreadyConfirmed': 'Hóa đơn {invoice} đã được xác nhận',
    'invoice.isCorrective':
      'Hóa đơn {invoice} là bản nháp hóa đơn điều chỉnh: hãy xác nhận bằng confirmCorrection',
    'correction.notConfirmed':
      'Hóa đơn {invoice} đang ở trạng thái nháp: chỉ điều chỉnh được hóa đơn đã xác nhận',
    'correction.notCorrectiveDraft': 'Hóa đơn {invoice} không phải là bản nháp hóa đơn điều chỉnh',
    'correction.alreadyConfirmed': 'Hóa đơn điều chỉnh {invoice} đã được xác nhận',
    'correction.productExcluded': 'Dòng {line}: không điều chỉnh được dòng thuộc dòng hợp đồng theo sản phẩm',
    'correction.unknownLine': 'Dòng {line} không có trên hóa đơn điều chỉnh {invoice}',
    'correction.negative':
      'Dòng {line}, {field}: {value} là số âm; hãy nhập số lượng cần lập hóa đơn lần này (từ 0 trở lên)',
    'correction.negativeOriginal':
      'Dòng {line}, {field}: {value} là số âm: không điều chỉnh được dòng ghi có (số lượng hoặc số tiền âm)',
    'correction.quantityTooPrecise':
      'Dòng {line}, {field}: {value} có quá {places} chữ số thập phân (số lượng được lưu {places} chữ số)',
    'correction.notANumber': 'Dòng {line}, {field}: "{value}" không phải là số',
    'correction.unknownClass': 'Dòng {line}: không rõ loại giao dịch "{value}"',
    'correction.currencyMismatch': 'Dòng {line}: loại tiền {currency} khác loại tiền của hóa đơn {expected}',
    'correction.milestonePartial':
      'Dòng {line}: mốc thanh toán chỉ được ghi có toàn bộ; số lượng và số tiền cần lập hóa đơn phải bằng 0',
    'correction.amountNotEditable':
      'Dòng {line}: số tiền bằng số lượng x đơn giá; chỉ nhập được số tiền của khoản tạm ứng/ký quỹ',
    'correction.tooPrecise':
      'Dòng {line}, {field}: {value} có nhiều chữ số thập phân hơn mức {currency} cho phép ({places})',
    'correction.missingBilledActual':
      'Dòng {line}: sổ không có bút toán doanh thu đã lập hóa đơn còn mở cho dòng gốc {original}',
    'correction.ledgerCurrencyMismatch':
      'Dòng {line}: bút toán {actual} trong sổ dùng {currency}, còn hóa đơn dùng {expected}',
    'correction.quantityDownAmountUp':
      'Dòng {line}: số lượng giảm ({quantity}) nhưng số tiền tăng ({amount}): phần còn lại sẽ âm; hãy điều chỉnh số lượng và đơn giá trên các hóa đơn điều chỉnh riêng',
    'correction.reconciledAboveAdvance':
      'Dòng {line}: khoản tạm ứng đối trừ {reconciled} với các khoản phí nhưng chỉ có {amount}: hãy nhập reconciledAmount tối đa {amount}',
    'correction.ledgerDisagrees':
      'Dòng {line}: bút toán {actual} trong sổ có số lượng {actualQuantity} và số tiền {actualAmount}, nhưng dòng gốc {original} có {quantity} và {amount}: hãy sửa sổ hoặc hóa đơn trước',
    'correction.missingReconciliationActual':
      'Dòng {line}: sổ không có bút toán doanh thu chưa lập hóa đơn âm còn mở để đối trừ khoản tạm ứng {original}',
    'correction.rejected':
      'Không xác nhận được hóa đơn điều chỉnh {invoice}; {count} dòng bị từ chối:\n{errors}',
    'rules.uncovered': 'Dòng {line}: không có kịch bản nào áp dụng cho trường hợp {case}',
    'rules.ambiguous': 'Dòng {line}: nhiều kịch bản cùng áp dụng cho trường hợp {case}: {scenarios}',
    'rules.unsupported': 'Dòng {line}: {message} (kịch bản {scenario}, trường hợp {case})',
    'rules.nothingToReverse':
      'Kịch bản {scenario}{at}: không có bút toán {transactionType} từ {basis} để đảo',
    'compiler.unknownFact': '{where}: không rõ dữ kiện "{fact}" (một trong {allowed})',
    'compiler.unknownValue': '{where}: "{value}" không phải là giá trị của {fact} (một trong {allowed})',
    'compiler.invalidField': '{where}: "{value}" không phải là {field} hợp lệ',
    'compiler.reverseNeedsCreate':
      '{where}: muốn đảo bút toán {transactionType} theo {basis} thì bút toán đó phải được tạo trước trong cùng kịch bản',
    'compiler.duplicateScenario': '{where}: kịch bản "{scenario}" bị trùng',
    'compiler.reversedTwice':
      '{where}: bút toán {transactionType} theo {basis} đã được đảo trong kịch bản này',
    'compiled.invalid': 'Bộ quy tắc đã biên dịch không hợp lệ: {detail}',
    'compiled.unsupportedOperator': 'Quy tắc {rule}: bộ thực thi nhanh không tính được toán tử "{operator}"',
    'compiled.unsupportedCondition':
      'Quy tắc {rule}: bộ thực thi nhanh không tính được điều kiện có {feature}',
    'import.unknownOption': 'Bản ghi {record}, {field}: giá trị lựa chọn {value} không xác định',
    'ruleTest.invalidGiven': 'Dữ liệu đầu vào của kiểm thử không hợp lệ: {detail}',
    'ruleTest.wrongScenario': 'Cần kịch bản {expected}, nhưng kịch bản {actual} đã áp dụng',
    'ruleTest.expectedError': 'Cần từ chối điều chỉnh ({kind}), nhưng đã tạo {count} bút toán',
    'ruleTest.unexpectedError': 'Điều chỉnh bị từ chối: {message}',
    'ruleTest.wrongErrorKind': 'Cần từ chối loại {expected}, nhận được {actual}: {message}',
    'ruleTest.wrongErrorMessage': 'Cần thông báo từ chối có "{expected}", nhận được: {actual}',
    'ruleTest.actualsDiffer': 'Các bút toán khác với kết quả mong đợi',
    'ruleTest.wrongMilestoneStatus': 'Cần trạng thái mốc {expected}, nhận được {actual}',
  },
};
