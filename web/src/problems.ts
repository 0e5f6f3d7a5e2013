/** The "Problems" panel: the diagnostics of both editors as a list (the markers Monaco underlines). */
import { escapeHtml, fileName, revealAttributes } from './html.js';
import type { Translate } from './i18n.js';

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Problem {
  uri: string;
  /** 1-based, as shown. */
  line: number;
  column: number;
  severity: ProblemSeverity;
  message: string;
}

const ORDER: Record<ProblemSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The rules before the tests, then by line. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const fileOrder = (uri: string) => (uri.endsWith('.crules') ? 0 : 1);
  return [...problems].sort(
    (a, b) =>
      fileOrder(a.uri) - fileOrder(b.uri) ||
      a.uri.localeCompare(b.uri) ||
      a.line - b.line ||
      a.column - b.column ||
      ORDER[a.severity] - ORDER[b.severity],
  );
}

export function problemCounts(problems: readonly Problem[]): {
  errors: number;
  warnings: number;
  infos: number;
} {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  return { errors, warnings, infos: problems.length - errors - warnings };
}

export function renderProblems(problems: readonly Problem[], t: Translate): string {
  if (problems.length === 0) return `<p class="empty">${escapeHtml(t('problems.none'))}</p>`;
  const items = sortProblems(problems).map(
    (p) =>
      `<li class="problem ${p.severity}" ${revealAttributes(p.uri, p.line - 1, p.column - 1)} tabindex="0">` +
      `<span class="severity">${escapeHtml(t(`severity.${p.severity}`))}</span> ` +
      `<span class="where">${escapeHtml(fileName(p.uri))}:${p.line}:${p.column}</span> ` +
      `<span class="message">${escapeHtml(p.message)}</span></li>`,
  );
  return `<ul class="problems">${items.join('')}</ul>`;
}
