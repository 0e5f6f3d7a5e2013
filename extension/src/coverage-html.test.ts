import { describe, expect, it } from 'vitest';
import type { CoverageResult } from '#language/protocol';
import { cellState, coverageCounts, escapeHtml, renderCoverageHtml } from './coverage-html.js';
import { resolveLanguage } from '#engine/i18n';
import { uiTranslator, UI_MESSAGES } from './i18n.js';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const result: CoverageResult = {
  ruleSet: 'CorrectionActuals',
  columns: [
    { creditKind: 'full', billingMethod: 'resource', label: 'full credit, resource-based' },
    { creditKind: 'partial', billingMethod: 'resource', label: 'partial credit, resource-based' },
  ],
  rows: [
    {
      label: 'Time',
      class: 'Time',
      advanceState: 'none',
      cells: [
        { scenarios: ['TimeFullCredit'], unsupported: false, description: 'Time, full credit' },
        { scenarios: [], unsupported: false, description: 'Time, partial credit' },
      ],
    },
    {
      label: 'Milestone <m>',
      class: 'Milestone',
      advanceState: 'none',
      cells: [
        { scenarios: ['A', 'B'], unsupported: false, description: 'Milestone, full credit' },
        { scenarios: ['MilestonePartial'], unsupported: true, description: 'Milestone, partial credit' },
      ],
    },
  ],
  uncovered: ['Time, partial credit, no advance, resource-based'],
  ambiguous: ['Milestone, full credit: A, B'],
  scenarios: { TimeFullCredit: { uri: 'file:///r.crules', range }, A: { uri: 'file:///r.crules', range } },
};

describe('coverage matrix HTML', () => {
  const html = renderCoverageHtml(result, {
    cspSource: 'vscode-webview:',
    nonce: 'N0NCE',
    t: uiTranslator('en'),
    lang: 'en',
  });

  it('classifies cells', () => {
    expect(result.rows.flatMap((r) => r.cells.map(cellState))).toEqual([
      'covered',
      'uncovered',
      'overlap',
      'unsupported',
    ]);
    expect(coverageCounts(result)).toEqual({
      cells: 4,
      covered: 1,
      unsupported: 1,
      uncovered: 1,
      overlap: 1,
    });
  });

  it('has a row per class/advance and a column per credit kind x billing method', () => {
    expect(html).toContain('<th scope="col">Class / advance</th>');
    expect(html).toContain('full credit, resource-based</th>');
    expect(html).toContain('partial credit, resource-based</th>');
    expect(html).toContain('<th scope="row">Time</th>');
    expect(html).toContain('<th scope="row">Milestone &lt;m&gt;</th>');
  });

  it('marks uncovered and overlapping cells and lists them below', () => {
    expect(html).toContain(
      '<td class="cell uncovered" title="Time, partial credit"><span class="none">none</span></td>',
    );
    expect(html).toMatch(/<td class="cell overlap"[^>]*>.*A.*<br>.*B/);
    expect(html).toContain('<td class="cell unsupported"');
    expect(html).toContain('<h3>Uncovered cases (1)</h3>');
    expect(html).toContain('<li>Time, partial credit, no advance, resource-based</li>');
    expect(html).toContain('<li>Milestone, full credit: A, B</li>');
    expect(html).toContain(
      '4 cases: 2 covered by exactly one scenario, 1 uncovered, 1 matched by several scenarios.',
    );
  });

  it('links known scenarios and locks the webview down with a nonce', () => {
    expect(html).toContain('<a href="#" class="scenario" data-scenario="TimeFullCredit">TimeFullCredit</a>');
    expect(html).toContain('<span class="scenario">B</span>');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("script-src 'nonce-N0NCE'");
    expect(html).toContain('<script nonce="N0NCE">');
  });

  it('says so when everything is covered, in Vietnamese too', () => {
    const vi = renderCoverageHtml(
      { ...result, uncovered: [], ambiguous: [] },
      { cspSource: 'x', nonce: 'n', t: uiTranslator('vi'), lang: 'vi' },
    );
    expect(vi).toContain('Mọi trường hợp đều được bao phủ.');
    expect(vi).toContain('<html lang="vi">');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('UI language', () => {
  it('follows the setting, else the VS Code display language', () => {
    // What configuredLanguage() in extension.ts passes: the setting, then vscode.env.language.
    expect(resolveLanguage(['vi', 'en'])).toBe('vi');
    expect(resolveLanguage(['en', 'vi'])).toBe('en');
    expect(resolveLanguage(['auto', 'vi-VN'])).toBe('vi');
    expect(resolveLanguage([undefined, 'en-US'])).toBe('en');
  });

  it('every string has a Vietnamese text with the same placeholders', () => {
    for (const [key, text] of Object.entries(UI_MESSAGES.en)) {
      const vi = UI_MESSAGES.vi[key as keyof typeof UI_MESSAGES.en];
      expect(vi, key).toBeTruthy();
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(vi), key).toEqual(names(text));
    }
  });
});
