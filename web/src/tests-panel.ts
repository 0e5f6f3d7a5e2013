/** The "Test results" panel: a `corrections/runTests` result as HTML (pure; events are wired in main.ts). */
import type { RunTestsResult, TestRunResult } from '#language/protocol';
import { escapeHtml, fileName, revealAttributes } from './html.js';
import type { Translate } from './i18n.js';

export function renderTestSummary(result: RunTestsResult, t: Translate): string {
  const failed = result.failed > 0 || result.files.some((f) => f.error !== undefined);
  return `<div class="summary ${failed ? 'bad' : 'good'}" data-testid="test-summary">${escapeHtml(
    t('tests.summary', { passed: result.passed, failed: result.failed }),
  )}</div>`;
}

function diffLine(line: string): string {
  const kind = line.startsWith('- ') ? 'missing' : line.startsWith('+ ') ? 'extra' : 'same';
  const sign = kind === 'missing' ? '−' : kind === 'extra' ? '+' : ' ';
  return `<div class="diff-line ${kind}"><span class="sign">${sign}</span>${escapeHtml(line.slice(2))}</div>`;
}

function renderTest(uri: string, test: TestRunResult, t: Translate): string {
  const status = test.passed ? 'passed' : 'failed';
  const parts: string[] = [];
  parts.push(
    `<summary><span class="badge ${status}">${test.passed ? '✓' : '✗'}</span>` +
      `<a class="test-name" href="#" ${revealAttributes(uri, test.range.start.line, test.range.start.character)}>${escapeHtml(test.name)}</a>` +
      `<span class="test-status">${escapeHtml(t(test.passed ? 'tests.passed' : 'tests.failed'))}</span>` +
      `<span class="scenario">${escapeHtml(test.scenario ? t('tests.scenario', { name: test.scenario }) : t('tests.noScenario'))}</span>` +
      `<span class="duration">${escapeHtml(t('tests.duration', { ms: Math.round(test.durationMs * 10) / 10 }))}</span></summary>`,
  );
  if (test.failure) parts.push(`<pre class="failure">${escapeHtml(test.failure)}</pre>`);
  if (!test.passed && test.diff.length > 0) {
    parts.push(
      `<div class="diff"><div class="caption">${escapeHtml(t('tests.diff'))}</div>` +
        test.diff.map(diffLine).join('') +
        `<div class="legend">${escapeHtml(t('tests.diffLegend'))}</div></div>`,
    );
  }
  parts.push(`<div class="actuals"><div class="caption">${escapeHtml(t('tests.actuals'))}</div>`);
  if (test.actuals.length === 0) {
    parts.push(`<p class="empty">${escapeHtml(t('tests.noActuals'))}</p>`);
  } else {
    parts.push('<ul>');
    for (const actual of test.actuals) {
      const explanation = actual.source
        ? `<a href="#" ${revealAttributes(actual.source.uri, actual.source.range.start.line, actual.source.range.start.character)}>${escapeHtml(actual.explanation)}</a>`
        : escapeHtml(actual.explanation);
      parts.push(
        `<li><code>${escapeHtml(actual.text)}</code> <span class="because">← ${explanation}</span></li>`,
      );
    }
    parts.push('</ul>');
  }
  parts.push('</div>');
  return `<li class="test ${status}" data-test-name="${escapeHtml(test.name)}"><details${test.passed ? '' : ' open'}>${parts.join('')}</details></li>`;
}

/** Failed tests first, then the passed ones, each in file order. */
export function renderTestResults(result: RunTestsResult, t: Translate): string {
  const out: string[] = [renderTestSummary(result, t)];
  if (result.files.length === 0) out.push(`<p class="empty">${escapeHtml(t('tests.none'))}</p>`);
  for (const file of result.files) {
    if (file.error !== undefined) {
      out.push(
        `<div class="file-error" ${revealAttributes(file.uri, 0)}>${escapeHtml(
          t('tests.fileError', { file: fileName(file.uri), message: file.error }),
        )}</div>`,
      );
    }
    const ordered = [...file.tests.filter((x) => !x.passed), ...file.tests.filter((x) => x.passed)];
    if (ordered.length > 0)
      out.push(`<ul class="tests">${ordered.map((x) => renderTest(file.uri, x, t)).join('')}</ul>`);
  }
  return out.join('');
}
