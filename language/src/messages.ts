/**
 * Diagnostics, hover and quick-fix texts of the rules language, in English and Vietnamese. The language
 * in use belongs to the language services (`services.i18n.Messages`, corrections-messages.ts); code
 * outside them (the CLI) asks for a translator of its own language with `translatorFor`.
 */
import { createTranslator, type Catalog, type Language, type Translate } from '#engine/i18n';

export type MessageKey =
  | 'file.expectedRuleSet'
  | 'file.expectedTests'
  | 'syntax.expected'
  | 'syntax.expectedOneOf'
  | 'syntax.endOfFile'
  | 'syntax.number'
  | 'syntax.name'
  | 'syntax.text'
  | 'syntax.unexpectedCharacters'
  | 'syntax.documentTooLarge'
  | 'syntax.tokenTooLong'
  | 'validation.moreNotShown'
  | 'fact.unknownValue'
  | 'fact.duplicate'
  | 'fact.excludesEverything'
  | 'scenario.duplicate'
  | 'ruleset.duplicate'
  | 'scenario.matchesNothing'
  | 'scenario.overlap'
  | 'scenario.empty'
  | 'scenario.noDecision'
  | 'scenario.rowNotInteger'
  | 'ruleset.uncovered'
  | 'action.nothingToReverse'
  | 'action.advanceOnly'
  | 'action.milestoneOnly'
  | 'action.unknownMilestoneStatus'
  | 'action.billingTypeOnReversal'
  | 'unsupported.emptyMessage'
  | 'test.duplicate'
  | 'test.unknownClass'
  | 'test.advanceOnNonAdvance'
  | 'test.advanceMissing'
  | 'test.reconciledWithoutReconciledState'
  | 'test.quantityNotAllowed'
  | 'test.quantityRequired'
  | 'test.amountRequired'
  | 'test.currencyOnQuantity'
  | 'test.currencyRequired'
  | 'test.currencyInvalid'
  | 'test.currencyUnknown'
  | 'test.tooPrecise'
  | 'test.quantityTooPrecise'
  | 'test.negative'
  | 'test.reconciledAboveAdvance'
  | 'test.quantityDownAmountUp'
  | 'test.currencyMismatch'
  | 'test.correctedEmpty'
  | 'test.conflictingOutcome'
  | 'test.noExpectation'
  | 'test.unknownMilestoneStatus'
  | 'test.scenarioMismatch'
  | 'test.scenarioNotUnsupported'
  | 'test.scenarioUnsupported'
  | 'link.unknownScenario'
  | 'link.unknownRuleSet'
  | 'fix.didYouMean'
  | 'fix.addScenario'
  | 'fix.markUnsupported'
  | 'fix.unsupportedMessage'
  | 'fix.addDecision'
  | 'fix.addNoActuals'
  | 'cell.none'
  | 'cell.invoiced'
  | 'cell.reconciled'
  | 'cell.resource'
  | 'cell.product'
  | 'cell.full'
  | 'cell.partial'
  | 'cell.unchanged'
  | 'cell.increase'
  | 'lsp.noRuleSet'
  | 'lsp.unknownRuleSet'
  | 'lsp.rulesHaveErrors'
  | 'lsp.testsHaveErrors'
  | 'lsp.notRulesDocument'
  | 'lsp.compileFailed'
  | 'lens.runTest'
  | 'lens.runAllTests'
  | 'lens.showCompiledJson'
  | 'lens.showCoverage';

const en: Record<MessageKey, string> = {
  'file.expectedRuleSet': 'A .crules file holds one ruleset: start it with `ruleset <Name>`.',
  'file.expectedTests': 'A .crtest file holds rule tests: start it with `tests for <RuleSet>`.',
  'syntax.expected': 'Expected {expected} but found {found}.',
  'syntax.expectedOneOf': 'Expected one of {expected} but found {found}.',
  'syntax.endOfFile': 'the end of the file',
  'syntax.number': 'a number (e.g. 8, 1600.50, -2)',
  'syntax.name': 'a name',
  'syntax.text': 'a quoted text',
  'syntax.unexpectedCharacters': 'Unexpected characters `{text}`: they are skipped.',
  'syntax.documentTooLarge':
    'This file has {size} characters; a rules file may have at most {limit}: it is not read. Split it into several rule sets.',
  'syntax.tokenTooLong':
    'This word, number, quoted text or comment has {size} characters; at most {limit} are allowed.',
  'validation.moreNotShown':
    '{count} more `{code}` problems in this file are not listed (the first {shown} are): fix those first.',
  'fact.unknownValue': '`{value}` is not a {fact} value. Valid values: {valid}.',
  'fact.duplicate': 'The fact `{fact}` is tested twice in this `when`: combine the tests with `or`.',
  'fact.excludesEverything': '`{fact} is not ...` excludes every value: this scenario can never match.',
  'scenario.duplicate': 'Scenario `{name}` is defined more than once in this ruleset.',
  'ruleset.duplicate': 'Rule set `{name}` is also defined in {other}: tests could not tell them apart.',
  'scenario.matchesNothing':
    'Scenario `{name}` matches no case (e.g. an advance state on a class that has none).',
  'scenario.overlap':
    'Scenario `{name}` overlaps scenario `{other}` on: {cells}. A case must match one scenario only.',
  'scenario.empty':
    'Scenario `{name}` does nothing: add actions, write `no actuals` to say nothing is created, or mark it `unsupported "..."`.',
  'scenario.noDecision':
    'Scenario `{name}` names no table row: write `because "..."` to record the decision and its reason.',
  'scenario.rowNotInteger': 'A table row is a whole number (1 to 11), not `{row}`.',
  'ruleset.uncovered': 'No scenario for {count} case(s): {cells}.',
  'action.nothingToReverse':
    'Nothing to reverse: no `create {type} sales for {basis}` earlier in scenario `{scenario}`; only billed sales for original and unbilled sales for reconciliation exist in the ledger already.',
  'action.advanceOnly':
    'Basis `{basis}` exists only for advances/retainers, but scenario `{scenario}` also matches: {cells}.',
  'action.milestoneOnly':
    'Only milestones have an invoice status, but scenario `{scenario}` also matches: {cells}.',
  'action.unknownMilestoneStatus': '`{value}` is not a milestone status. Valid values: {valid}.',
  'action.billingTypeOnReversal': 'A reversal copies the billing type of what it reverses.',
  'unsupported.emptyMessage': 'Say why the case is unsupported: the message is shown to the user.',
  'test.duplicate': 'Test "{name}" is defined more than once in this file.',
  'test.unknownClass': '`{value}` is not a transaction class. Valid values: {valid}.',
  'test.advanceOnNonAdvance': 'Only a Retainer line has an advance state; a {class} line has none.',
  'test.advanceMissing': 'A Retainer line is an advance: say `advance invoiced` or `advance reconciled`.',
  'test.reconciledWithoutReconciledState': 'A reconciled amount needs `advance reconciled`.',
  'test.quantityNotAllowed': 'A {class} line has only an amount: remove the quantity.',
  'test.quantityRequired': 'A {class} line needs a quantity.',
  'test.amountRequired': 'The original line needs an amount with its currency, e.g. `amount 1000 USD`.',
  'test.currencyOnQuantity': 'A quantity has no currency: `{currency}` belongs on an amount.',
  'test.currencyRequired': 'The original amount needs an ISO 4217 currency code, e.g. `amount 1000 USD`.',
  'test.currencyInvalid': '`{currency}` is not an ISO 4217 code (three capital letters, e.g. USD, VND).',
  'test.currencyUnknown': '`{currency}` is not a known ISO 4217 currency (e.g. USD, VND, EUR).',
  'test.tooPrecise': '`{value}` has more decimal places than {currency} allows ({places}).',
  'test.quantityTooPrecise': '`{value}`: a quantity has at most {places} decimal places.',
  'test.quantityDownAmountUp':
    'Fewer units for a higher amount: the remainder would be negative, and `apply` refuses such a correction.',
  'test.reconciledAboveAdvance':
    'The advance applies {reconciled} against charges but is only {amount}: the reconciled part is at most the advance.',
  'test.negative':
    '`{value}` is negative: the original and corrected line of a test have quantities and amounts of 0 or more.',
  'test.currencyMismatch': 'Currency `{currency}` differs from the line currency `{expected}`.',
  'test.correctedEmpty':
    'Say what the line is corrected to: `corrected to quantity 8` or `corrected to amount 800`.',
  'test.conflictingOutcome':
    'A test expects either actuals, `unsupported` or `uncovered`, not several of them.',
  'test.noExpectation': 'Test "{name}" expects nothing: add `expect ...` lines.',
  'test.unknownMilestoneStatus': '`{value}` is not a milestone status. Valid values: {valid}.',
  'test.scenarioNotUnsupported': 'Scenario `{scenario}` creates actuals: it is not unsupported.',
  'test.scenarioUnsupported': 'Scenario `{scenario}` is unsupported: it creates no actuals to expect.',
  'link.unknownScenario': 'Rule set `{ruleSet}` has no scenario `{name}`.',
  'link.unknownRuleSet': 'No rule set `{name}` is loaded: open or load its .crules file with this test file.',
  'test.scenarioMismatch': 'Scenario `{scenario}` never matches this line ({line}), whatever the correction.',
  'fix.didYouMean': 'Did you mean `{value}`?',
  'fix.addScenario': 'Add scenario for {cell}',
  'fix.markUnsupported': 'Mark {cell} unsupported',
  'fix.unsupportedMessage': 'Not supported: {cell}',
  'fix.addDecision': 'Write the decision (`because "..."`)',
  'fix.addNoActuals': 'Create nothing (`no actuals`)',
  'cell.none': 'no advance',
  'cell.invoiced': 'advance invoiced',
  'cell.reconciled': 'advance reconciled',
  'cell.resource': 'resource-based',
  'cell.product': 'product-based',
  'cell.full': 'full credit',
  'cell.partial': 'partial credit',
  'cell.unchanged': 'unchanged',
  'cell.increase': 'increase',
  'lsp.noRuleSet': 'No rule set here: the file must start with `ruleset <Name>` or `tests for <RuleSet>`.',
  'lsp.unknownRuleSet': 'Rule set `{ruleSet}` is not open in the workspace: open its .crules file.',
  'lsp.rulesHaveErrors': 'Rule set `{ruleSet}` has {count} error(s); fix them first. First: {first}',
  'lsp.testsHaveErrors': 'This test file has {count} error(s); fix them first. First: {first}',
  'lsp.notRulesDocument': '{uri} is not a rules (.crules) or tests (.crtest) document the server knows.',
  'lsp.compileFailed': 'The rule set could not be compiled: {message}',
  'lens.runTest': '▶ Run test',
  'lens.runAllTests': '▶ Run all tests',
  'lens.showCompiledJson': 'Show compiled JSON',
  'lens.showCoverage': 'Show coverage matrix',
};

const vi: Record<MessageKey, string> = {
  'file.expectedRuleSet': 'Tệp .crules chứa một bộ quy tắc: bắt đầu bằng `ruleset <Tên>`.',
  'file.expectedTests': 'Tệp .crtest chứa các kiểm thử quy tắc: bắt đầu bằng `tests for <BộQuyTắc>`.',
  'syntax.expected': 'Cần {expected} nhưng gặp {found}.',
  'syntax.expectedOneOf': 'Cần một trong các từ {expected} nhưng gặp {found}.',
  'syntax.endOfFile': 'cuối tệp',
  'syntax.number': 'một số (ví dụ 8, 1600.50, -2)',
  'syntax.name': 'một tên',
  'syntax.text': 'một chuỗi trong dấu ngoặc kép',
  'syntax.unexpectedCharacters': 'Ký tự không hợp lệ `{text}`: đã bỏ qua.',
  'syntax.documentTooLarge':
    'Tệp này có {size} ký tự; tệp quy tắc chỉ được tối đa {limit}: tệp không được đọc. Hãy tách thành nhiều bộ quy tắc.',
  'syntax.tokenTooLong':
    'Từ, số, văn bản trong ngoặc kép hoặc chú thích này có {size} ký tự; tối đa là {limit}.',
  'validation.moreNotShown':
    'Còn {count} lỗi `{code}` khác trong tệp này không được liệt kê ({shown} lỗi đầu tiên đã được liệt kê): hãy sửa các lỗi đó trước.',
  'fact.unknownValue': '`{value}` không phải là giá trị của {fact}. Giá trị hợp lệ: {valid}.',
  'fact.duplicate': 'Dữ kiện `{fact}` được kiểm tra hai lần trong `when`: hãy gộp bằng `or`.',
  'fact.excludesEverything': '`{fact} is not ...` loại trừ mọi giá trị: kịch bản này không bao giờ khớp.',
  'scenario.duplicate': 'Kịch bản `{name}` được định nghĩa nhiều lần trong bộ quy tắc.',
  'ruleset.duplicate':
    'Bộ quy tắc `{name}` cũng được định nghĩa trong {other}: kiểm thử không phân biệt được.',
  'scenario.matchesNothing':
    'Kịch bản `{name}` không khớp trường hợp nào (ví dụ: trạng thái tạm ứng cho loại giao dịch không có tạm ứng).',
  'scenario.overlap':
    'Kịch bản `{name}` trùng với kịch bản `{other}` ở: {cells}. Mỗi trường hợp chỉ được khớp một kịch bản.',
  'scenario.empty':
    'Kịch bản `{name}` không làm gì: thêm hành động, viết `no actuals` nếu không tạo bút toán nào, hoặc đánh dấu `unsupported "..."`.',
  'scenario.noDecision':
    'Kịch bản `{name}` không nêu dòng nào của bảng: viết `because "..."` để ghi quyết định và lý do.',
  'scenario.rowNotInteger': 'Dòng của bảng là số nguyên (1 đến 11), không phải `{row}`.',
  'ruleset.uncovered': 'Chưa có kịch bản cho {count} trường hợp: {cells}.',
  'action.nothingToReverse':
    'Không có gì để đảo: chưa có `create {type} sales for {basis}` trước đó trong kịch bản `{scenario}`; sổ cái chỉ có sẵn doanh thu đã lập hóa đơn (original) và doanh thu chưa lập hóa đơn để đối trừ (reconciliation).',
  'action.advanceOnly':
    'Cơ sở `{basis}` chỉ có cho tạm ứng/ký quỹ, nhưng kịch bản `{scenario}` còn khớp: {cells}.',
  'action.milestoneOnly':
    'Chỉ mốc thanh toán mới có trạng thái hóa đơn, nhưng kịch bản `{scenario}` còn khớp: {cells}.',
  'action.unknownMilestoneStatus': '`{value}` không phải là trạng thái mốc. Giá trị hợp lệ: {valid}.',
  'action.billingTypeOnReversal': 'Bút toán đảo sao chép loại tính phí của bút toán bị đảo.',
  'unsupported.emptyMessage': 'Hãy nêu lý do không hỗ trợ: thông báo này hiển thị cho người dùng.',
  'test.duplicate': 'Kiểm thử "{name}" được định nghĩa nhiều lần trong tệp.',
  'test.unknownClass': '`{value}` không phải là loại giao dịch. Giá trị hợp lệ: {valid}.',
  'test.advanceOnNonAdvance': 'Chỉ dòng Retainer mới có trạng thái tạm ứng; dòng {class} thì không.',
  'test.advanceMissing':
    'Dòng Retainer là khoản tạm ứng: hãy ghi `advance invoiced` hoặc `advance reconciled`.',
  'test.reconciledWithoutReconciledState': 'Số tiền đã đối trừ cần `advance reconciled`.',
  'test.quantityNotAllowed': 'Dòng {class} chỉ có số tiền: hãy bỏ số lượng.',
  'test.quantityRequired': 'Dòng {class} cần có số lượng.',
  'test.amountRequired': 'Dòng gốc cần số tiền kèm mã tiền tệ, ví dụ `amount 1000 USD`.',
  'test.currencyOnQuantity': 'Số lượng không có tiền tệ: `{currency}` chỉ đi với số tiền.',
  'test.currencyRequired': 'Số tiền gốc cần mã tiền tệ ISO 4217, ví dụ `amount 1000 USD`.',
  'test.currencyInvalid': '`{currency}` không phải mã ISO 4217 (ba chữ in hoa, ví dụ USD, VND).',
  'test.currencyUnknown': '`{currency}` không phải mã tiền tệ ISO 4217 đã biết (ví dụ USD, VND, EUR).',
  'test.tooPrecise': '`{value}` có nhiều chữ số thập phân hơn mức {currency} cho phép ({places}).',
  'test.quantityTooPrecise': '`{value}`: số lượng có tối đa {places} chữ số thập phân.',
  'test.quantityDownAmountUp':
    'Số lượng giảm nhưng số tiền tăng: phần còn lại sẽ âm, và `apply` từ chối điều chỉnh như vậy.',
  'test.reconciledAboveAdvance':
    'Khoản tạm ứng đối trừ {reconciled} với các khoản phí nhưng chỉ có {amount}: phần đối trừ không vượt quá khoản tạm ứng.',
  'test.negative':
    '`{value}` là số âm: dòng gốc và dòng đã sửa của kiểm thử có số lượng và số tiền từ 0 trở lên.',
  'test.currencyMismatch': 'Tiền tệ `{currency}` khác với tiền tệ của dòng `{expected}`.',
  'test.correctedEmpty':
    'Hãy ghi giá trị sau điều chỉnh: `corrected to quantity 8` hoặc `corrected to amount 800`.',
  'test.conflictingOutcome':
    'Một kiểm thử chỉ mong đợi bút toán, `unsupported` hoặc `uncovered`, không đồng thời.',
  'test.noExpectation': 'Kiểm thử "{name}" không mong đợi gì: hãy thêm các dòng `expect ...`.',
  'test.unknownMilestoneStatus': '`{value}` không phải là trạng thái mốc. Giá trị hợp lệ: {valid}.',
  'test.scenarioNotUnsupported': 'Kịch bản `{scenario}` tạo bút toán: nó không phải là không hỗ trợ.',
  'test.scenarioUnsupported': 'Kịch bản `{scenario}` không được hỗ trợ: không có bút toán nào để mong đợi.',
  'link.unknownScenario': 'Bộ quy tắc `{ruleSet}` không có kịch bản `{name}`.',
  'link.unknownRuleSet':
    'Chưa nạp bộ quy tắc `{name}`: hãy mở hoặc nạp tệp .crules của nó cùng tệp kiểm thử này.',
  'test.scenarioMismatch':
    'Kịch bản `{scenario}` không bao giờ khớp dòng này ({line}), dù điều chỉnh thế nào.',
  'fix.didYouMean': 'Có phải ý bạn là `{value}`?',
  'fix.addScenario': 'Thêm kịch bản cho {cell}',
  'fix.markUnsupported': 'Đánh dấu {cell} là không hỗ trợ',
  'fix.unsupportedMessage': 'Không hỗ trợ: {cell}',
  'fix.addDecision': 'Ghi quyết định (`because "..."`)',
  'fix.addNoActuals': 'Không tạo gì (`no actuals`)',
  'cell.none': 'không tạm ứng',
  'cell.invoiced': 'tạm ứng đã lập hóa đơn',
  'cell.reconciled': 'tạm ứng đã đối trừ',
  'cell.resource': 'theo nguồn lực',
  'cell.product': 'theo sản phẩm',
  'cell.full': 'ghi có toàn bộ',
  'cell.partial': 'ghi có một phần',
  'cell.unchanged': 'không đổi',
  'cell.increase': 'tăng',
  'lsp.noRuleSet': 'Không có bộ quy tắc: tệp phải bắt đầu bằng `ruleset <Tên>` hoặc `tests for <BộQuyTắc>`.',
  'lsp.unknownRuleSet':
    'Bộ quy tắc `{ruleSet}` chưa được mở trong không gian làm việc: hãy mở tệp .crules của nó.',
  'lsp.rulesHaveErrors': 'Bộ quy tắc `{ruleSet}` có {count} lỗi; hãy sửa trước. Lỗi đầu tiên: {first}',
  'lsp.testsHaveErrors': 'Tệp kiểm thử này có {count} lỗi; hãy sửa trước. Lỗi đầu tiên: {first}',
  'lsp.notRulesDocument':
    '{uri} không phải là tài liệu quy tắc (.crules) hay kiểm thử (.crtest) mà máy chủ biết.',
  'lsp.compileFailed': 'Không biên dịch được bộ quy tắc: {message}',
  'lens.runTest': '▶ Chạy kiểm thử',
  'lens.runAllTests': '▶ Chạy tất cả kiểm thử',
  'lens.showCompiledJson': 'Xem JSON đã biên dịch',
  'lens.showCoverage': 'Xem ma trận bao phủ',
};

export const LANGUAGE_MESSAGES: Catalog<MessageKey> = { en, vi };

/** A translator of the rules-language texts in one language, for code outside the language services. */
export function translatorFor(language: Language): Translate<MessageKey> {
  return createTranslator(LANGUAGE_MESSAGES, language);
}
