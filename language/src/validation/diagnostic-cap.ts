/**
 * A file with thousands of the same mistake (a generated table whose scenarios all overlap) would list
 * each one: 13 MB of text from `check`, a slow editor. Per code, the first MAX_PER_CODE diagnostics in
 * document order are kept, followed by one diagnostic saying how many more there are, placed where the
 * first one left out is. Checks that can report thousands ask the budget first and skip wording (and
 * placing) what would be left out anyway; the budget still counts them for the summary.
 */
import type { ValidationAcceptor } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { Translate } from '#engine/i18n';
import type { MessageKey } from '../messages.js';
import { IssueCodes } from './issue-codes.js';

export const MAX_PER_CODE = 100;

/** How many diagnostics of each code one validation has made and left unmade. */
export class DiagnosticBudget {
  private readonly made = new Map<string, number>();
  readonly skipped = new Map<string, number>();

  constructor(private readonly maxPerCode = MAX_PER_CODE) {}

  /**
   * True when a diagnostic of this code is still to be made (the first maxPerCode, and one more whose
   * place the summary takes); false when it is only counted.
   */
  take(code: string): boolean {
    if (this.wants(code)) {
      this.made.set(code, (this.made.get(code) ?? 0) + 1);
      return true;
    }
    this.skip(code, 1);
    return false;
  }

  /** Whether a diagnostic of this code would still be made. */
  wants(code: string): boolean {
    return (this.made.get(code) ?? 0) <= this.maxPerCode;
  }

  /** Counts diagnostics of this code that are not made. */
  skip(code: string, count: number): void {
    if (count > 0) this.skipped.set(code, (this.skipped.get(code) ?? 0) + count);
  }
}

/** An acceptor that carries the validation's budget (see CorrectionsDocumentValidator). */
export type BudgetedAcceptor = ValidationAcceptor & { budget?: DiagnosticBudget };

/** The budget behind an acceptor: a check that may report thousands asks it before wording a message. */
export function budgetOf(accept: ValidationAcceptor): DiagnosticBudget | undefined {
  return (accept as BudgetedAcceptor).budget;
}

function codeOf(diagnostic: Diagnostic): string {
  const data = diagnostic.data as { code?: unknown } | undefined;
  return String(diagnostic.code ?? data?.code ?? diagnostic.message);
}

function startsBefore(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export function capDiagnostics(
  diagnostics: readonly Diagnostic[],
  t: Translate<MessageKey>,
  options: { maxPerCode?: number; skipped?: ReadonlyMap<string, number> } = {},
): Diagnostic[] {
  const maxPerCode = options.maxPerCode ?? MAX_PER_CODE;
  const byCode = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const code = codeOf(diagnostic);
    const list = byCode.get(code);
    if (list) list.push(diagnostic);
    else byCode.set(code, [diagnostic]);
  }
  if ([...byCode.values()].every((list) => list.length <= maxPerCode)) return [...diagnostics];
  const kept: Diagnostic[] = [];
  for (const [code, list] of byCode) {
    if (list.length <= maxPerCode) {
      kept.push(...list);
      continue;
    }
    // Stable sort: equal places keep the order the checks reported them in.
    const ordered = [...list].sort(startsBefore);
    kept.push(...ordered.slice(0, maxPerCode));
    const leftOut = ordered.slice(maxPerCode);
    const count = leftOut.length + (options.skipped?.get(code) ?? 0);
    kept.push({
      severity: Math.min(...leftOut.map((d) => d.severity ?? 1)) as Diagnostic['severity'],
      range: leftOut[0]!.range,
      message: t('validation.moreNotShown', { count: count.toLocaleString('en'), code, shown: maxPerCode }),
      code: IssueCodes.moreNotShown,
      source: leftOut[0]!.source,
      data: { code: IssueCodes.moreNotShown, of: code, count },
    });
  }
  return kept.sort(startsBefore);
}
