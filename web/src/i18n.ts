/** The page's own strings in English and Vietnamese (the server translates its own messages). */

export type PageLanguage = 'en' | 'vi';

const en = {
  'page.title': 'Correction rules editor',
  'page.subtitle': 'Rules and their tests, checked as you type. Everything runs in this browser.',
  'lang.label': 'Language',
  'status.starting': 'Starting the language server…',
  'status.ready': 'Language server ready',
  'status.failed': 'The language server did not start: {message}',
  'pane.rules': 'Rules',
  'pane.tests': 'Tests',
  'pane.download': 'Download',
  'pane.testCount': '{count} tests',
  'pane.reset': 'Reset to the sample',
  'pane.resetConfirm': 'Replace your edits of {file} with the sample? They cannot be recovered.',
  'splitter.title': 'Drag to resize the editors and the panel',
  'run.button': 'Run tests',
  'run.running': 'Running tests…',
  'run.executor': 'Executor',
  'run.executor.fast': 'fast',
  'run.executor.reference': 'reference',
  'run.executor.title':
    'fast: the synchronous executor compiled from the JSON; reference: json-rules-engine. Both must agree.',
  'tab.problems': 'Problems',
  'tab.tests': 'Test results',
  'tab.json': 'Compiled JSON',
  'tab.coverage': 'Coverage',
  'problems.none': 'No problems in the rules or the tests.',
  'problems.count': 'errors: {errors}, warnings: {warnings}, other: {infos}',
  'severity.error': 'error',
  'severity.warning': 'warning',
  'severity.info': 'info',
  'severity.hint': 'hint',
  'tests.notRun': 'The tests have not run yet: press “Run tests”.',
  'tests.summary': '{passed} passed, {failed} failed',
  'tests.passed': 'passed',
  'tests.failed': 'failed',
  'tests.scenario': 'scenario {name}',
  'tests.noScenario': 'no scenario matched',
  'tests.fileError': 'The tests of {file} could not run: {message}',
  'tests.diff': 'Expected (−) and produced (+) actuals',
  'tests.diffLegend': '“−” expected but not produced, “+” produced but not expected',
  'tests.actuals': 'Actuals produced, with the rule line that made each',
  'tests.noActuals': 'No actuals produced.',
  'tests.none': 'There are no tests.',
  'tests.stale': 'The rules or tests changed since this run.',
  'tests.duration': '{ms} ms',
  'json.error': 'No compiled JSON: {message}',
  'json.ruleSet':
    'Rule set {name}: the json-rules-engine JSON, byte for byte what `corrections compile` writes.',
  'json.copy': 'Copy',
  'json.copied': 'Copied',
  'coverage.error': 'No coverage matrix: {message}',
  'coverage.title': 'Rule set {name}: which scenario handles each case (class × change × billing).',
  'coverage.class': 'Class',
  'coverage.uncoveredCell': 'no scenario',
  'coverage.unsupported': 'unsupported',
  'coverage.uncovered': 'Cases no scenario handles ({count})',
  'coverage.ambiguous': 'Cases several scenarios match ({count})',
  'coverage.complete': 'Every case is handled by exactly one scenario.',
  'coverage.legend': 'Legend',
  'coverage.legend.ok': 'one scenario',
  'coverage.legend.unsupported': 'refused (unsupported)',
  'coverage.legend.uncovered': 'uncovered',
  'coverage.legend.ambiguous': 'several scenarios (overlap)',
  'panel.loading': 'Updating…',
  'request.failed': 'The language server could not answer: {message}',
} as const;

export type MessageKey = keyof typeof en;

const vi: Record<MessageKey, string> = {
  'page.title': 'Trình soạn thảo quy tắc điều chỉnh',
  'page.subtitle': 'Quy tắc và kiểm thử được kiểm tra ngay khi gõ. Mọi thứ chạy trong trình duyệt này.',
  'lang.label': 'Ngôn ngữ',
  'status.starting': 'Đang khởi động máy chủ ngôn ngữ…',
  'status.ready': 'Máy chủ ngôn ngữ đã sẵn sàng',
  'status.failed': 'Máy chủ ngôn ngữ không khởi động được: {message}',
  'pane.rules': 'Quy tắc',
  'pane.tests': 'Kiểm thử',
  'pane.download': 'Tải xuống',
  'pane.testCount': '{count} kiểm thử',
  'pane.reset': 'Khôi phục tệp mẫu',
  'pane.resetConfirm': 'Thay các chỉnh sửa của bạn trong {file} bằng tệp mẫu? Không thể khôi phục lại chúng.',
  'splitter.title': 'Kéo để đổi kích thước vùng soạn thảo và bảng bên dưới',
  'run.button': 'Chạy kiểm thử',
  'run.running': 'Đang chạy kiểm thử…',
  'run.executor': 'Bộ thực thi',
  'run.executor.fast': 'nhanh',
  'run.executor.reference': 'tham chiếu',
  'run.executor.title':
    'nhanh: bộ thực thi đồng bộ biên dịch từ JSON; tham chiếu: json-rules-engine. Hai bộ phải cho cùng kết quả.',
  'tab.problems': 'Sự cố',
  'tab.tests': 'Kết quả kiểm thử',
  'tab.json': 'JSON đã biên dịch',
  'tab.coverage': 'Độ bao phủ',
  'problems.none': 'Quy tắc và kiểm thử không có sự cố nào.',
  'problems.count': 'lỗi: {errors}, cảnh báo: {warnings}, khác: {infos}',
  'severity.error': 'lỗi',
  'severity.warning': 'cảnh báo',
  'severity.info': 'thông tin',
  'severity.hint': 'gợi ý',
  'tests.notRun': 'Chưa chạy kiểm thử: hãy nhấn “Chạy kiểm thử”.',
  'tests.summary': '{passed} đạt, {failed} không đạt',
  'tests.passed': 'đạt',
  'tests.failed': 'không đạt',
  'tests.scenario': 'kịch bản {name}',
  'tests.noScenario': 'không có kịch bản nào khớp',
  'tests.fileError': 'Không chạy được các kiểm thử của {file}: {message}',
  'tests.diff': 'Bút toán mong đợi (−) và bút toán được tạo (+)',
  'tests.diffLegend': '“−” mong đợi nhưng không được tạo, “+” được tạo nhưng không mong đợi',
  'tests.actuals': 'Các bút toán được tạo, kèm dòng quy tắc đã tạo ra từng bút toán',
  'tests.noActuals': 'Không có bút toán nào được tạo.',
  'tests.none': 'Không có kiểm thử nào.',
  'tests.stale': 'Quy tắc hoặc kiểm thử đã thay đổi sau lần chạy này.',
  'tests.duration': '{ms} ms',
  'json.error': 'Không có JSON đã biên dịch: {message}',
  'json.ruleSet':
    'Bộ quy tắc {name}: JSON của json-rules-engine, giống từng byte với kết quả của `corrections compile`.',
  'json.copy': 'Sao chép',
  'json.copied': 'Đã sao chép',
  'coverage.error': 'Không có ma trận bao phủ: {message}',
  'coverage.title': 'Bộ quy tắc {name}: kịch bản xử lý từng trường hợp (loại × thay đổi × cách tính phí).',
  'coverage.class': 'Loại',
  'coverage.uncoveredCell': 'chưa có kịch bản',
  'coverage.unsupported': 'không hỗ trợ',
  'coverage.uncovered': 'Trường hợp chưa có kịch bản xử lý ({count})',
  'coverage.ambiguous': 'Trường hợp khớp nhiều kịch bản ({count})',
  'coverage.complete': 'Mỗi trường hợp được đúng một kịch bản xử lý.',
  'coverage.legend': 'Chú giải',
  'coverage.legend.ok': 'một kịch bản',
  'coverage.legend.unsupported': 'từ chối (không hỗ trợ)',
  'coverage.legend.uncovered': 'chưa có kịch bản',
  'coverage.legend.ambiguous': 'nhiều kịch bản (trùng lặp)',
  'panel.loading': 'Đang cập nhật…',
  'request.failed': 'Máy chủ ngôn ngữ không trả lời được: {message}',
};

const CATALOG: Record<PageLanguage, Record<MessageKey, string>> = { en, vi };

export const PAGE_LANGUAGES: ReadonlyArray<{ code: PageLanguage; name: string }> = [
  { code: 'en', name: 'English' },
  { code: 'vi', name: 'Tiếng Việt' },
];

/** A translator for one language: `{name}` placeholders are replaced by `params.name`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: PageLanguage): Translate {
  const messages = CATALOG[language];
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/** `?lang=vi`, else a stored choice, else the browser's language; English by default. */
export function initialLanguage(
  search: string,
  stored: string | null,
  browserLanguages: readonly string[],
): PageLanguage {
  const fromUrl = new URLSearchParams(search).get('lang');
  for (const candidate of [fromUrl, stored, ...browserLanguages]) {
    const code = candidate?.toLowerCase().slice(0, 2);
    if (code === 'en' || code === 'vi') return code;
  }
  return 'en';
}

/** Every key has a string in both languages (used by the unit tests). */
export function catalogKeys(language: PageLanguage): string[] {
  return Object.keys(CATALOG[language]);
}
