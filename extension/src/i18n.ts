/**
 * The extension's own runtime strings (notifications, the Test Explorer output, the coverage panel) in
 * English and Vietnamese. They follow the `corrections.language` setting, like the server's messages, so
 * one switch changes everything; the manifest's strings are in package.nls(.vi).json.
 */
import { createTranslator, type Catalog, type Language, type Translate } from '#engine/i18n';

export type { Language };

const en = {
  'client.name': 'Correction Rules Language Server',
  'tests.controller': 'Correction rule tests',
  'tests.profile.fast': 'Run (fast executor)',
  'tests.profile.reference': 'Run (json-rules-engine reference executor)',
  'tests.notReady': 'The rules language server is not running yet.',
  'tests.notFound': 'No tests found in {uri}.',
  'tests.fileError': 'The tests of {file} could not run: {error}',
  'tests.notRun': 'This test was not run (it is not in the file any more, or the file changed).',
  'tests.run.header': 'Running the tests of {file} (rule set {ruleSet}, {executor} executor)',
  'tests.run.passed': 'PASS {name} ({ms} ms)',
  'tests.run.failed': 'FAIL {name} ({ms} ms)',
  'tests.run.scenario': 'scenario: {scenario}',
  'tests.run.noScenario': 'no scenario matched',
  'tests.run.actuals': 'actuals produced:',
  'tests.run.noActuals': 'no actuals produced',
  'tests.run.diff': 'expected (-) and produced (+) actuals:',
  'tests.run.summary': '{passed} passed, {failed} failed',
  'tests.message.expected': 'Expected actuals',
  'tests.message.actual': 'Produced actuals',
  'tests.message.producedBy': 'Produced actuals and the rule lines that created them:',
  'tests.request.failed': 'Running the tests failed: {error}',
  'compile.error': 'No compiled JSON for {file}: {error}',
  'compile.noEditor': 'Open a .crules or .crtest file first.',
  'compile.saveTitle': 'Compile the rule set to',
  'compile.written': 'Compiled {ruleSet} to {target}.',
  'compile.open': 'Open',
  'coverage.title': 'Coverage: {ruleSet}',
  'coverage.heading': 'Coverage of rule set {ruleSet}',
  'coverage.summary':
    '{cells} cases: {covered} covered by exactly one scenario, {uncovered} uncovered, {ambiguous} matched by several scenarios.',
  'coverage.class': 'Class / advance',
  'coverage.uncovered': 'Uncovered cases',
  'coverage.noneUncovered': 'Every case is covered.',
  'coverage.ambiguous': 'Cases several scenarios match (overlaps)',
  'coverage.noneAmbiguous': 'No case is matched by more than one scenario.',
  'coverage.unsupported': 'unsupported',
  'coverage.empty': 'none',
  'coverage.legend':
    'Legend: green = one scenario, yellow = refused as unsupported, red = no scenario, orange = several scenarios. Click a scenario to open it.',
  'coverage.error': 'No coverage matrix for {file}: {error}',
  'server.restarted': 'The rules language server was restarted.',
  'server.failed': 'The rules language server could not start: {error}',
  'request.unsupported':
    'The rules language server does not answer {method} (is the extension up to date?): {error}',
} as const;

export type UiKey = keyof typeof en;

const vi: Record<UiKey, string> = {
  'client.name': 'Máy chủ ngôn ngữ quy tắc điều chỉnh',
  'tests.controller': 'Kiểm thử quy tắc điều chỉnh',
  'tests.profile.fast': 'Chạy (bộ thực thi nhanh)',
  'tests.profile.reference': 'Chạy (bộ thực thi tham chiếu json-rules-engine)',
  'tests.notReady': 'Máy chủ ngôn ngữ quy tắc chưa chạy.',
  'tests.notFound': 'Không tìm thấy kiểm thử nào trong {uri}.',
  'tests.fileError': 'Không chạy được các kiểm thử của {file}: {error}',
  'tests.notRun': 'Kiểm thử này không được chạy (không còn trong tệp, hoặc tệp đã thay đổi).',
  'tests.run.header': 'Đang chạy các kiểm thử của {file} (bộ quy tắc {ruleSet}, bộ thực thi {executor})',
  'tests.run.passed': 'ĐẠT {name} ({ms} ms)',
  'tests.run.failed': 'LỖI {name} ({ms} ms)',
  'tests.run.scenario': 'kịch bản: {scenario}',
  'tests.run.noScenario': 'không kịch bản nào khớp',
  'tests.run.actuals': 'các bút toán thực tế được tạo:',
  'tests.run.noActuals': 'không tạo bút toán thực tế nào',
  'tests.run.diff': 'bút toán mong đợi (-) và được tạo (+):',
  'tests.run.summary': '{passed} đạt, {failed} lỗi',
  'tests.message.expected': 'Bút toán mong đợi',
  'tests.message.actual': 'Bút toán được tạo',
  'tests.message.producedBy': 'Các bút toán được tạo và dòng quy tắc đã tạo ra chúng:',
  'tests.request.failed': 'Chạy kiểm thử thất bại: {error}',
  'compile.error': 'Không có JSON biên dịch cho {file}: {error}',
  'compile.noEditor': 'Hãy mở một tệp .crules hoặc .crtest trước.',
  'compile.saveTitle': 'Biên dịch bộ quy tắc ra',
  'compile.written': 'Đã biên dịch {ruleSet} ra {target}.',
  'compile.open': 'Mở',
  'coverage.title': 'Bao phủ: {ruleSet}',
  'coverage.heading': 'Độ bao phủ của bộ quy tắc {ruleSet}',
  'coverage.summary':
    '{cells} trường hợp: {covered} được đúng một kịch bản bao phủ, {uncovered} chưa được bao phủ, {ambiguous} khớp nhiều kịch bản.',
  'coverage.class': 'Loại / tạm ứng',
  'coverage.uncovered': 'Các trường hợp chưa được bao phủ',
  'coverage.noneUncovered': 'Mọi trường hợp đều được bao phủ.',
  'coverage.ambiguous': 'Các trường hợp khớp nhiều kịch bản (chồng lấn)',
  'coverage.noneAmbiguous': 'Không trường hợp nào khớp nhiều hơn một kịch bản.',
  'coverage.unsupported': 'không hỗ trợ',
  'coverage.empty': 'không có',
  'coverage.legend':
    'Chú thích: xanh = một kịch bản, vàng = từ chối (không hỗ trợ), đỏ = không có kịch bản, cam = nhiều kịch bản. Bấm vào một kịch bản để mở.',
  'coverage.error': 'Không có ma trận bao phủ cho {file}: {error}',
  'server.restarted': 'Máy chủ ngôn ngữ quy tắc đã được khởi động lại.',
  'server.failed': 'Không khởi động được máy chủ ngôn ngữ quy tắc: {error}',
  'request.unsupported':
    'Máy chủ ngôn ngữ quy tắc không trả lời {method} (tiện ích đã được cập nhật chưa?): {error}',
};

export const UI_MESSAGES: Catalog<UiKey> = { en, vi };

export function uiTranslator(language: Language): Translate<UiKey> {
  return createTranslator(UI_MESSAGES, language);
}
