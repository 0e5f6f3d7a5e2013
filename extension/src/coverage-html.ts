/**
 * The coverage matrix as HTML for the webview (pure: unit-tested in Node). Rows are class/advance, columns
 * credit kind x billing method, each cell lists the scenarios matching it; uncovered cells are red and
 * listed below the table, cells several scenarios match (overlaps) orange and listed too.
 */
import type { CoverageCellView, CoverageResult } from '#language/protocol';
import type { Translate } from '#engine/i18n';
import type { UiKey } from './i18n.js';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export type CellState = 'covered' | 'unsupported' | 'uncovered' | 'overlap';

export function cellState(cell: CoverageCellView): CellState {
  if (cell.scenarios.length === 0) return 'uncovered';
  if (cell.scenarios.length > 1) return 'overlap';
  return cell.unsupported ? 'unsupported' : 'covered';
}

export interface CoverageHtmlOptions {
  /** The webview's `cspSource`, and a fresh nonce for the one script. */
  cspSource: string;
  nonce: string;
  t: Translate<UiKey>;
  lang: string;
}

export function coverageCounts(result: CoverageResult): Record<CellState | 'cells', number> {
  const counts = { cells: 0, covered: 0, unsupported: 0, uncovered: 0, overlap: 0 };
  for (const row of result.rows) {
    for (const cell of row.cells) {
      counts.cells++;
      counts[cellState(cell)]++;
    }
  }
  return counts;
}

export function renderCoverageHtml(result: CoverageResult, options: CoverageHtmlOptions): string {
  const { t, nonce } = options;
  const ruleSet = result.ruleSet ?? '?';
  const counts = coverageCounts(result);
  const scenarioLink = (name: string) =>
    result.scenarios[name]
      ? `<a href="#" class="scenario" data-scenario="${escapeHtml(name)}">${escapeHtml(name)}</a>`
      : `<span class="scenario">${escapeHtml(name)}</span>`;

  const header = result.columns
    .map(
      (c) =>
        `<th scope="col" title="${escapeHtml(c.creditKind)} / ${escapeHtml(c.billingMethod)}">${escapeHtml(c.label)}</th>`,
    )
    .join('');
  const body = result.rows
    .map((row) => {
      const cells = row.cells
        .map((cell) => {
          const state = cellState(cell);
          const content =
            cell.scenarios.length === 0
              ? `<span class="none">${escapeHtml(t('coverage.empty'))}</span>`
              : cell.scenarios.map(scenarioLink).join('<br>') +
                (cell.unsupported
                  ? ` <span class="tag">${escapeHtml(t('coverage.unsupported'))}</span>`
                  : '');
          return `<td class="cell ${state}" title="${escapeHtml(cell.description)}">${content}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(row.label)}</th>${cells}</tr>`;
    })
    .join('\n');

  const list = (items: string[], none: string, cls: string) =>
    items.length === 0
      ? `<p class="ok">${escapeHtml(none)}</p>`
      : `<ul class="${cls}">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;

  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${options.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(t('coverage.title', { ruleSet }))}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 16px; }
  table { border-collapse: collapse; margin: 12px 0; }
  th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 4px 8px; vertical-align: top; text-align: left; }
  thead th { background: var(--vscode-editorWidget-background); font-weight: 600; }
  tbody th { white-space: nowrap; font-weight: 600; }
  td.covered { background: rgba(46, 160, 67, 0.18); }
  td.unsupported { background: rgba(210, 153, 34, 0.22); }
  td.uncovered { background: rgba(248, 81, 73, 0.35); font-weight: 600; }
  td.overlap { background: rgba(255, 140, 0, 0.4); font-weight: 600; }
  .tag { font-size: 0.85em; opacity: 0.8; font-style: italic; }
  .none { opacity: 0.8; }
  a.scenario { color: var(--vscode-textLink-foreground); text-decoration: none; }
  a.scenario:hover { text-decoration: underline; }
  .summary, .legend { opacity: 0.9; }
  ul.uncovered li { color: var(--vscode-errorForeground); }
  ul.ambiguous li { color: var(--vscode-editorWarning-foreground); }
</style>
</head>
<body>
<h2>${escapeHtml(t('coverage.heading', { ruleSet }))}</h2>
<p class="summary">${escapeHtml(
    t('coverage.summary', {
      cells: counts.cells,
      covered: counts.covered + counts.unsupported,
      uncovered: counts.uncovered,
      ambiguous: counts.overlap,
    }),
  )}</p>
<table>
<thead><tr><th scope="col">${escapeHtml(t('coverage.class'))}</th>${header}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p class="legend">${escapeHtml(t('coverage.legend'))}</p>
<h3>${escapeHtml(t('coverage.uncovered'))} (${result.uncovered.length})</h3>
${list(result.uncovered, t('coverage.noneUncovered'), 'uncovered')}
<h3>${escapeHtml(t('coverage.ambiguous'))} (${result.ambiguous.length})</h3>
${list(result.ambiguous, t('coverage.noneAmbiguous'), 'ambiguous')}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a.scenario');
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', scenario: link.dataset.scenario });
  });
</script>
</body>
</html>`;
}
