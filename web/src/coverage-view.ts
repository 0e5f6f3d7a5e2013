/** The "Coverage" panel: the `corrections/coverage` matrix (rows: class and advance state; columns: change and billing). */
import type { CoverageCellView, CoverageResult } from '#language/protocol';
import { escapeHtml, revealAttributes } from './html.js';
import type { Translate } from './i18n.js';

export function cellKind(cell: CoverageCellView): 'uncovered' | 'ambiguous' | 'unsupported' | 'covered' {
  if (cell.scenarios.length === 0) return 'uncovered';
  if (cell.scenarios.length > 1) return 'ambiguous';
  return cell.unsupported ? 'unsupported' : 'covered';
}

function scenarioLink(result: CoverageResult, name: string): string {
  const where = result.scenarios[name];
  return where
    ? `<a href="#" ${revealAttributes(where.uri, where.range.start.line, where.range.start.character)}>${escapeHtml(name)}</a>`
    : escapeHtml(name);
}

export function renderCoverage(result: CoverageResult, t: Translate): string {
  if (result.error !== undefined) {
    return `<div class="panel-error">${escapeHtml(t('coverage.error', { message: result.error }))}</div>`;
  }
  const out: string[] = [];
  out.push(
    `<div class="panel-head"><span>${escapeHtml(t('coverage.title', { name: result.ruleSet ?? '' }))}</span></div>`,
  );
  out.push('<table class="coverage" data-testid="coverage-matrix"><thead><tr>');
  out.push(`<th>${escapeHtml(t('coverage.class'))}</th>`);
  for (const column of result.columns) out.push(`<th>${escapeHtml(column.label)}</th>`);
  out.push('</tr></thead><tbody>');
  for (const row of result.rows) {
    out.push(`<tr><th scope="row">${escapeHtml(row.label)}</th>`);
    for (const cell of row.cells) {
      const kind = cellKind(cell);
      const content =
        kind === 'uncovered'
          ? `<span class="none">${escapeHtml(t('coverage.uncoveredCell'))}</span>`
          : cell.scenarios.map((name) => scenarioLink(result, name)).join('<br>') +
            (cell.unsupported ? ` <span class="tag">${escapeHtml(t('coverage.unsupported'))}</span>` : '');
      out.push(`<td class="${kind}" title="${escapeHtml(cell.description)}">${content}</td>`);
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  out.push(
    `<div class="legend">${escapeHtml(t('coverage.legend'))}: ` +
      (['covered', 'unsupported', 'uncovered', 'ambiguous'] as const)
        .map(
          (kind) =>
            `<span class="swatch ${kind}"></span>${escapeHtml(
              t(kind === 'covered' ? 'coverage.legend.ok' : `coverage.legend.${kind}`),
            )}`,
        )
        .join(' ') +
      '</div>',
  );
  if (result.uncovered.length === 0 && result.ambiguous.length === 0) {
    out.push(`<p class="complete">${escapeHtml(t('coverage.complete'))}</p>`);
  }
  if (result.uncovered.length > 0) {
    out.push(
      `<h3 class="uncovered-title">${escapeHtml(t('coverage.uncovered', { count: result.uncovered.length }))}</h3>` +
        `<ul class="uncovered-list">${result.uncovered.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`,
    );
  }
  if (result.ambiguous.length > 0) {
    out.push(
      `<h3 class="ambiguous-title">${escapeHtml(t('coverage.ambiguous', { count: result.ambiguous.length }))}</h3>` +
        `<ul class="ambiguous-list">${result.ambiguous.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`,
    );
  }
  return out.join('');
}
