import { describe, expect, it } from 'vitest';
import type { CompileResult, CoverageResult, RunTestsResult } from '#language/protocol';
import { cellKind, renderCoverage } from './coverage-view.js';
import { escapeHtml, fileName } from './html.js';
import { PAGE_MESSAGES, pageTranslator } from './i18n.js';
import { highlightJson, renderCompiled } from './json-preview.js';
import { problemCounts, renderProblems, sortProblems, type Problem } from './problems.js';
import { renderTestResults } from './tests-panel.js';

const en = pageTranslator('en');
const vi = pageTranslator('vi');
const range = (line: number, character = 0) => ({
  start: { line, character },
  end: { line, character: character + 4 },
});
const RULES = 'file:///workspace/rules.crules';
const TESTS = 'file:///workspace/rules.crtest';

/** The text a browser would show for an HTML string (tags dropped, entities decoded). */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ')
    .trim();
}

describe('i18n', () => {
  it('has every page string in English and Vietnamese', () => {
    expect(Object.keys(PAGE_MESSAGES.vi).sort()).toEqual(Object.keys(PAGE_MESSAGES.en).sort());
    for (const text of Object.values(PAGE_MESSAGES.vi)) expect(text).not.toBe('');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(en('tests.summary', { passed: 33, failed: 0 })).toBe('33 passed, 0 failed');
    expect(vi('tests.summary', { passed: 2, failed: 1 })).toBe('2 đạt, 1 không đạt');
    expect(en('tests.summary', { passed: 1 })).toBe('1 passed, {failed} failed');
  });
});

describe('html helpers', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<b a="1">'&'</b>`)).toBe('&#60;b a=&#34;1&#34;&#62;&#39;&#38;&#39;&#60;/b&#62;');
    expect(fileName('file:///workspace/my%20rules.crules')).toBe('my rules.crules');
  });
});

describe('problems panel', () => {
  const problems: Problem[] = [
    { uri: RULES, line: 35, column: 17, severity: 'error', message: '`Tme` is not a class value.' },
    { uri: RULES, line: 5, column: 9, severity: 'warning', message: 'No scenario for 1 case(s)' },
    { uri: TESTS, line: 48, column: 19, severity: 'info', message: '<never> escaped' },
  ];

  it('lists problems by file and line, naming file:line:column, with links to the place', () => {
    expect(sortProblems(problems).map((p) => p.line)).toEqual([5, 35, 48]);
    const html = renderProblems(problems, en);
    expect(text(html)).toContain('error rules.crules:35:17 `Tme` is not a class value.');
    expect(html).toContain(
      'data-reveal-uri="file:///workspace/rules.crules" data-reveal-line="34" data-reveal-character="16"',
    );
    expect(html).toContain('&#60;never&#62;');
    expect(problemCounts(problems)).toEqual({ errors: 1, warnings: 1, infos: 1 });
    expect(text(renderProblems(problems, vi))).toContain('lỗi rules.crules:35:17');
  });

  it('says when there is nothing', () => {
    expect(text(renderProblems([], en))).toBe('No problems in the rules or the tests.');
  });
});

describe('tests panel', () => {
  const result: RunTestsResult = {
    passed: 1,
    failed: 1,
    files: [
      {
        uri: TESTS,
        ruleSet: 'CorrectionActuals',
        tests: [
          {
            name: 'time 8 h corrected to 6 h',
            range: range(7, 0),
            passed: true,
            durationMs: 1.234,
            scenario: 'TimePartialCredit',
            actualText: 'billed sales reversal quantity -8 amount -1600',
            diff: ['  billed sales reversal quantity -8 amount -1600'],
            actuals: [
              {
                text: 'billed sales reversal quantity -8 amount -1600',
                explanation: 'TimePartialCredit (rules.crules:43:3)',
                source: { uri: RULES, range: range(42, 2) },
              },
            ],
          },
          {
            name: 'broken <one>',
            range: range(17, 0),
            passed: false,
            durationMs: 0.4,
            scenario: 'TimePartialCredit',
            failure: 'The actuals differ from the expected ones.\n1 missing, 1 unexpected',
            expectedText: 'unbilled sales chargeable quantity 2 amount 400',
            actualText: 'unbilled sales chargeable quantity 8 amount 1600',
            diff: [
              '  billed sales reversal quantity -8 amount -1600',
              '- unbilled sales chargeable quantity 2 amount 400',
              '+ unbilled sales chargeable quantity 8 amount 1600',
            ],
            actuals: [],
          },
        ],
      },
    ],
  };

  it('shows the summary, failures first with their diff, and every actual with its explanation', () => {
    const html = renderTestResults(result, en);
    const shown = text(html);
    expect(shown.startsWith('1 passed, 1 failed')).toBe(true);
    expect(html.indexOf('broken &#60;one&#62;')).toBeLessThan(html.indexOf('time 8 h corrected to 6 h'));
    expect(html).toContain('<li class="test failed" data-test-name="broken &#60;one&#62;"><details open>');
    expect(html).toContain('<li class="test passed" data-test-name="time 8 h corrected to 6 h"><details>');
    expect(html).toMatch(
      /diff-line missing"><span class="sign">−<\/span>unbilled sales chargeable quantity 2 amount 400/,
    );
    expect(html).toMatch(
      /diff-line extra"><span class="sign">\+<\/span>unbilled sales chargeable quantity 8 amount 1600/,
    );
    expect(html).toContain('1 missing, 1 unexpected');
    expect(shown).toContain(
      'billed sales reversal quantity -8 amount -1600 ← TimePartialCredit (rules.crules:43:3)',
    );
    expect(html).toContain(
      'data-reveal-uri="file:///workspace/rules.crules" data-reveal-line="42" data-reveal-character="2"',
    );
    expect(html).toContain('data-reveal-uri="file:///workspace/rules.crtest" data-reveal-line="17"');
    expect(shown).toContain('No actuals produced.');
    expect(html).toContain('class="summary bad"');
  });

  it('shows why a file could not run, in the chosen language', () => {
    const html = renderTestResults(
      {
        passed: 0,
        failed: 0,
        files: [{ uri: TESTS, ruleSet: 'X', error: 'Rule set `X` has 2 errors', tests: [] }],
      },
      vi,
    );
    expect(text(html)).toContain('Không chạy được các kiểm thử của rules.crtest: Rule set `X` has 2 errors');
    expect(html).toContain('class="summary bad"');
  });
});

describe('compiled JSON panel', () => {
  it('shows the JSON unchanged (as text) with coloured tokens', () => {
    const json = '{\n  "name": "CorrectionActuals",\n  "rules": [1, -2.5e3, true, null, "a\\"<b>"]\n}\n';
    const result: CompileResult = { ruleSet: 'CorrectionActuals', json };
    const html = renderCompiled(result, en);
    const pre = html.slice(html.indexOf('<pre'), html.indexOf('</pre>'));
    expect(text(pre.replace(/^<pre[^>]*>/, '')).replace(/\s+/g, '')).toBe(json.replace(/\s+/g, ''));
    expect(highlightJson(json)).toContain('<span class="key">&#34;rules&#34;</span>:');
    expect(highlightJson(json)).toContain('<span class="number">-2.5e3</span>');
    expect(highlightJson(json)).toContain('<span class="literal">null</span>');
    expect(highlightJson(json).replace(/<[^>]+>/g, '')).toBe(escapeHtml(json));
  });

  it('shows why there is no JSON', () => {
    expect(text(renderCompiled({ error: 'Rule set `X` has 1 error' }, en))).toBe(
      'No compiled JSON: Rule set `X` has 1 error',
    );
  });
});

describe('coverage panel', () => {
  const cell = (scenarios: string[], unsupported = false) => ({ scenarios, unsupported, description: 'd' });
  const result: CoverageResult = {
    ruleSet: 'CorrectionActuals',
    columns: [
      { creditKind: 'full', billingMethod: 'resource', label: 'full credit, resource-based' },
      { creditKind: 'full', billingMethod: 'product', label: 'full credit, product-based' },
    ],
    rows: [
      {
        label: 'Time',
        class: 'Time',
        advanceState: 'none',
        cells: [cell(['TimeFullCredit']), cell(['ProductBased'], true)],
      },
      { label: 'Material', class: 'Material', advanceState: 'none', cells: [cell([]), cell(['A', 'B'])] },
    ],
    uncovered: ['Material, full credit, no advance, resource-based'],
    ambiguous: ['Material, full credit, no advance, product-based: A, B'],
    scenarios: { TimeFullCredit: { uri: RULES, range: range(33, 9) } },
  };

  it('draws the matrix with the scenarios per cell and marks uncovered, ambiguous and unsupported cells', () => {
    expect(cellKind(result.rows[1]!.cells[0]!)).toBe('uncovered');
    const html = renderCoverage(result, en);
    expect(html.match(/<td /g)).toHaveLength(4);
    expect(html).toContain('<th>full credit, product-based</th>');
    expect(html).toMatch(
      /<td class="covered" title="d"><a href="#" data-reveal-uri="file:\/\/\/workspace\/rules.crules" data-reveal-line="33"/,
    );
    expect(html).toContain(
      '<td class="unsupported" title="d">ProductBased <span class="tag">unsupported</span></td>',
    );
    expect(html).toContain('<td class="uncovered" title="d"><span class="none">no scenario</span></td>');
    expect(html).toContain('<td class="ambiguous" title="d">A<br>B</td>');
    const shown = text(html);
    expect(shown).toContain(
      'Cases no scenario handles (1) Material, full credit, no advance, resource-based',
    );
    expect(shown).toContain(
      'Cases several scenarios match (1) Material, full credit, no advance, product-based: A, B',
    );
    expect(shown).not.toContain('Every case is handled');
    expect(text(renderCoverage({ ...result, uncovered: [], ambiguous: [] }, vi))).toContain(
      'Mỗi trường hợp được đúng một kịch bản xử lý.',
    );
  });

  it('shows why there is no matrix', () => {
    expect(text(renderCoverage({ ...result, error: 'no rule set' }, en))).toBe(
      'No coverage matrix: no rule set',
    );
  });
});
