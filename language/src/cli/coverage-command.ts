/**
 * `coverage <rules.crules> [--json]`: the case space as a matrix (rows class x advance state, columns
 * credit kind x billing method), each cell naming its scenario, then the uncovered and ambiguous cells.
 */
import Table from 'cli-table3';
import { coverageMatrix, coverageOf, type CoverageReport } from '#engine';
import { describeCell } from '../cells.js';
import { translatorFor } from '../messages.js';
import { compileForCli, loadOneRuleSet } from './compile-command.js';
import { EXIT_FAILURES, EXIT_OK, println, type CliContext } from './context.js';

export const UNCOVERED_MARK = '—';

export async function coverageCommand(
  context: CliContext,
  file: string,
  options: { json?: boolean },
): Promise<number> {
  // Overlaps are errors for compile and test, but the matrix is where an analyst sees them best.
  const definition = await loadOneRuleSet(context, file, ['overlap']);
  const compiled = compileForCli(context, definition);
  const report: CoverageReport = coverageOf(compiled);
  const matrix = coverageMatrix(compiled);
  const gaps = report.uncovered.length + report.ambiguous.length;
  const out = context.io.stdout;
  if (options.json) {
    println(
      out,
      JSON.stringify(
        {
          ruleSet: compiled.name,
          cells: matrix.rows.flatMap((row) => row.cells),
          uncovered: report.uncovered,
          ambiguous: report.ambiguous,
          unsupported: report.unsupported,
        },
        null,
        2,
      ),
    );
    return gaps > 0 ? EXIT_FAILURES : EXIT_OK;
  }

  const head = [context.t('coverage.row')];
  for (const { creditKind, billingMethod } of matrix.columns) head.push(`${creditKind}\n${billingMethod}`);
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of matrix.rows) {
    const label = row.class === 'Retainer' ? `${row.class}\n${row.advanceState}` : row.class;
    const texts = row.cells.map((cell) => {
      if (cell.scenarios.length === 0) return UNCOVERED_MARK;
      const names = cell.scenarios.join(' +\n');
      return cell.unsupported ? `${names}\n(${context.t('coverage.unsupported')})` : names;
    });
    table.push([label, ...texts]);
  }
  println(out, context.t('coverage.title', { ruleSet: compiled.name }));
  println(out, table.toString());
  println(out, context.t('coverage.legend'));
  if (gaps === 0) {
    println(out, context.t('coverage.allCovered'));
    return EXIT_OK;
  }
  if (report.uncovered.length > 0) {
    println(out, context.t('coverage.uncovered', { count: report.uncovered.length }));
    for (const cell of report.uncovered)
      println(out, `  ${describeCell(cell, translatorFor(context.language))}`);
  }
  if (report.ambiguous.length > 0) {
    println(out, context.t('coverage.ambiguous', { count: report.ambiguous.length }));
    for (const { cell, scenarios } of report.ambiguous)
      println(out, `  ${describeCell(cell, translatorFor(context.language))}: ${scenarios.join(', ')}`);
  }
  return EXIT_FAILURES;
}
