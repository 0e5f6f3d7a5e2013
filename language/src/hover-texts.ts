/**
 * What each keyword and action means, in the analyst's words (from the correction table), in English and
 * Vietnamese. Hover shows these; the README repeats them.
 */
import { createTranslator, type Catalog, type Language } from '#engine/i18n';

type HoverKey =
  | 'ruleset'
  | 'scenario'
  | 'row'
  | 'when'
  | 'because'
  | 'no'
  | 'unsupported'
  | 'set'
  | 'tests'
  | 'test'
  | 'given'
  | 'expect'
  | 'fact.class'
  | 'fact.credit'
  | 'fact.advance'
  | 'fact.billing'
  | 'type.billed'
  | 'type.unbilled'
  | 'basis.original'
  | 'basis.corrected'
  | 'basis.remaining'
  | 'basis.reconciliation'
  | 'basis.leftover'
  | 'create'
  | 'createNegative'
  | 'reverseLedgerBilled'
  | 'reverseLedgerReconciliation'
  | 'reverseCreated'
  | 'billingTypeAsOriginal'
  | 'scenarioRow'
  | 'scenarioDecision'
  | 'scenarioUnsupported';

const en: Record<HoverKey, string> = {
  scenarioRow: 'Table row {row}.',
  scenarioDecision: 'Decision: {reason}',
  scenarioUnsupported: 'Unsupported: {message}',
  ruleset: 'A **rule set**: the scenarios that decide which actuals confirming a corrective invoice creates.',
  scenario:
    'A **scenario**: one row of the correction table. Its `when` clause selects cases; its lines say which actuals are created.',
  row: 'The row of the correction table this scenario encodes (1-11).',
  when: 'Selects the cases of this scenario. Facts: `class`, `credit`, `advance`, `billing`; a fact not mentioned matches any value. Tests are joined by `and`; `is X or Y` and `is not X` are allowed.',
  because: 'The written decision for a case the table does not cover, with its reason.',
  no: '`no actuals`: confirming the correction creates no actual for this case (a deliberate decision).',
  unsupported: 'The correction is refused for this case; the message is shown to the user.',
  set: "Sets the milestone's invoice status on the contract line, e.g. back to **Ready to invoice** so it can be invoiced again.",
  tests: 'Rule tests for the named rule set (in another file).',
  test: 'A rule test: a corrected line (`given`) and what confirming it must produce (`expect`).',
  given:
    'The line on the confirmed invoice and what the analyst corrects it to (the quantity/amount to be billed now).',
  expect:
    'What confirming the correction must produce: the scenario, each actual exactly, a milestone status, or a refusal.',
  'fact.class': 'Transaction class of the invoice line detail: {values}.',
  'fact.credit':
    'How the corrected line compares with the original: `full` (corrected to 0), `partial` (below the original), `unchanged`, `increase` (above the original).',
  'fact.advance':
    'Advances/retainers only: `invoiced` (not yet reconciled) or `reconciled` (applied against charges); every other class is `none`.',
  'fact.billing':
    'Contract line billing method: `resource` (resource/transaction based) or `product` (product based).',
  'type.billed': 'billed sales (what the customer has been billed)',
  'type.unbilled': 'unbilled sales (work not, or no longer, billed: the billing backlog)',
  'basis.original': 'the original line on the confirmed invoice',
  'basis.corrected': 'the corrected line (the quantity and amount to be billed now)',
  'basis.remaining': 'the remainder: original minus corrected',
  'basis.reconciliation': 'the negative unbilled actual the advance left for reconciliation',
  'basis.leftover': 'the corrected advance amount not applied on the corrective invoice',
  create: 'Creates a new **{billingType} {type}** actual with the quantity and amount of {basis}.',
  createNegative:
    'Creates a new **{type}** actual with the **negated** quantity and amount of {basis} ({billingType}).',
  reverseLedgerBilled:
    'Reverses the **original billed sales** actual: a new actual with quantity and amount negated (Unadjustable); the original becomes Adjusted.',
  reverseLedgerReconciliation:
    'Reverses the **negative unbilled actual** the advance left for reconciliation, so this reversal is positive; the reversed actual becomes Adjusted.',
  reverseCreated:
    'Reverses the **{type}** actual created above for {basis}: quantity and amount negated (Unadjustable).',
  billingTypeAsOriginal: 'with the billing type of the original line',
};

const vi: Record<HoverKey, string> = {
  scenarioRow: 'Dòng {row} của bảng.',
  scenarioDecision: 'Quyết định: {reason}',
  scenarioUnsupported: 'Không hỗ trợ: {message}',
  ruleset: '**Bộ quy tắc**: các kịch bản quyết định bút toán nào được tạo khi xác nhận hóa đơn điều chỉnh.',
  scenario:
    '**Kịch bản**: một dòng của bảng điều chỉnh. Mệnh đề `when` chọn trường hợp; các dòng sau nêu bút toán được tạo.',
  row: 'Dòng của bảng điều chỉnh mà kịch bản này thể hiện (1-11).',
  when: 'Chọn các trường hợp của kịch bản. Dữ kiện: `class`, `credit`, `advance`, `billing`; dữ kiện không nêu khớp mọi giá trị.',
  because: 'Quyết định bằng văn bản cho trường hợp bảng không đề cập, kèm lý do.',
  no: '`no actuals`: xác nhận điều chỉnh không tạo bút toán nào cho trường hợp này (quyết định có chủ ý).',
  unsupported: 'Từ chối điều chỉnh cho trường hợp này; thông báo được hiển thị cho người dùng.',
  set: 'Đặt trạng thái hóa đơn của mốc trên dòng hợp đồng, ví dụ về **Sẵn sàng lập hóa đơn**.',
  tests: 'Các kiểm thử cho bộ quy tắc được nêu tên (ở tệp khác).',
  test: 'Một kiểm thử: dòng được điều chỉnh (`given`) và kết quả mong đợi (`expect`).',
  given:
    'Dòng trên hóa đơn đã xác nhận và giá trị được điều chỉnh thành (số lượng/số tiền cần lập hóa đơn lúc này).',
  expect: 'Kết quả mong đợi: kịch bản, từng bút toán, trạng thái mốc, hoặc từ chối.',
  'fact.class': 'Loại giao dịch của chi tiết dòng hóa đơn: {values}.',
  'fact.credit':
    'So sánh dòng điều chỉnh với dòng gốc: `full` (về 0), `partial` (thấp hơn), `unchanged` (không đổi), `increase` (cao hơn).',
  'fact.advance':
    'Chỉ cho tạm ứng: `invoiced` (chưa đối trừ) hoặc `reconciled` (đã đối trừ); các loại khác là `none`.',
  'fact.billing':
    'Phương thức lập hóa đơn của dòng hợp đồng: `resource` (theo nguồn lực/giao dịch) hoặc `product` (theo sản phẩm).',
  'type.billed': 'doanh thu đã lập hóa đơn',
  'type.unbilled': 'doanh thu chưa lập hóa đơn (tồn đọng lập hóa đơn)',
  'basis.original': 'dòng gốc trên hóa đơn đã xác nhận',
  'basis.corrected': 'dòng đã điều chỉnh (số lượng và số tiền lập hóa đơn lúc này)',
  'basis.remaining': 'phần còn lại: gốc trừ điều chỉnh',
  'basis.reconciliation': 'bút toán chưa lập hóa đơn âm mà khoản tạm ứng để lại để đối trừ',
  'basis.leftover': 'phần tạm ứng điều chỉnh chưa được đối trừ trên hóa đơn điều chỉnh',
  create: 'Tạo bút toán **{type}** mới ({billingType}) với số lượng và số tiền của {basis}.',
  createNegative:
    'Tạo bút toán **{type}** mới với số lượng và số tiền **đổi dấu** của {basis} ({billingType}).',
  reverseLedgerBilled:
    'Đảo bút toán **doanh thu đã lập hóa đơn gốc**: bút toán mới đổi dấu (không thể điều chỉnh); bút toán gốc chuyển thành Đã điều chỉnh.',
  reverseLedgerReconciliation:
    'Đảo **bút toán chưa lập hóa đơn âm** để đối trừ của khoản tạm ứng, nên bút toán đảo là số dương.',
  reverseCreated: 'Đảo bút toán **{type}** đã tạo ở trên cho {basis}: đổi dấu số lượng và số tiền.',
  billingTypeAsOriginal: 'cùng loại tính phí với dòng gốc',
};

const CATALOG: Catalog<HoverKey> = { en, vi };

export type HoverText = (key: HoverKey, params?: Record<string, string>) => string;

/** Hover texts in one language (the language services' message language). */
export function hoverTexts(language: Language): HoverText {
  return createTranslator(CATALOG, language);
}

export type { HoverKey };
