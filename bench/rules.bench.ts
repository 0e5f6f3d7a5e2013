/**
 * Rules benchmark (`npm run bench:rules`): the shipped rules (rules/correction-actuals.crules, parsed and
 * compiled as the CLI does) on 100,000 seeded corrected lines through the json-rules-engine reference
 * executor, the fast executor and the hand-written TypeScript table of the same rules, each materialising
 * decimal.js actuals, in one process after a warm-up; then parse + validate of a generated 2,000-scenario
 * rules file. Prints a table and, as the last line, the figures as JSON.
 */
import { resolve } from 'node:path';
import Table from 'cli-table3';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import {
  compileRuleSet,
  correctLine,
  correctLineSync,
  type LineCorrection,
  createFastExecutor,
  createReferenceExecutor,
  handwrittenTable,
  type LineOutcome,
} from '#engine';
import { createCorrectionsServices, loadRules } from '#language';
import { generateLargeRuleSet } from '#language/testing';
import { benchLines, mixOf } from './bench-lines.js';

const ROOT = resolve(import.meta.dirname, '..');
const SHIPPED_RULES = resolve(ROOT, 'rules/correction-actuals.crules');
const LINES = Number(process.env.BENCH_LINES ?? 100_000);
/**
 * json-rules-engine runs every line too by default (~30 s here); BENCH_REFERENCE_SAMPLE=N runs it on the
 * first N lines and scales its time to LINES, for quick runs.
 */
const REFERENCE_SAMPLE = Math.min(LINES, Number(process.env.BENCH_REFERENCE_SAMPLE ?? LINES));
const RUNS = 3;
const SCENARIOS = 2_000;
const PARSE_RUNS = 5;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Runs every line; the actuals are counted so the work cannot be optimised away. */
function runSync(lines: LineCorrection[], correct: (line: LineCorrection) => LineOutcome): number {
  let actuals = 0;
  for (const line of lines) actuals += correct(line).actuals.length;
  return actuals;
}

async function runAsync(
  lines: LineCorrection[],
  correct: (line: LineCorrection) => Promise<LineOutcome>,
): Promise<number> {
  let actuals = 0;
  for (const line of lines) actuals += (await correct(line)).actuals.length;
  return actuals;
}

async function timeMs(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Actuals as comparable text (ids, figures, explanations without the per-executor rule-set object). */
function fingerprint(outcome: LineOutcome): string {
  return JSON.stringify(
    outcome.actuals.map((a) => [
      a.id,
      a.transactionType,
      a.reversal,
      a.quantity,
      a.amount,
      a.billingType,
      a.adjustmentStatus,
    ]),
  );
}

async function main(): Promise<void> {
  const prepareStart = performance.now();
  const lines = benchLines(LINES);
  const referenceLines = lines.slice(0, REFERENCE_SAMPLE);
  const loaded = await loadRules([SHIPPED_RULES]);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || loaded.ruleSets.length !== 1)
    throw new Error(`${SHIPPED_RULES} does not load: ${errors.map((e) => e.message).join('; ')}`);
  const compiled = compileRuleSet(loaded.ruleSets[0]!, { sourceRoot: ROOT });
  const reference = createReferenceExecutor(compiled);
  const fast = createFastExecutor(compiled);
  const prepareMs = performance.now() - prepareStart;

  // The three must agree before their speed means anything.
  for (const line of lines.slice(0, 2_000)) {
    const expected = fingerprint(handwrittenTable(line));
    if (
      fingerprint(correctLineSync(line, fast)) !== expected ||
      fingerprint(await correctLine(line, reference)) !== expected
    ) {
      throw new Error(`executors disagree on line ${line.line} (${line.class}, ${line.creditKind})`);
    }
  }

  // Warm-up: JIT and json-rules-engine's caches.
  runSync(lines.slice(0, 20_000), (line) => correctLineSync(line, fast));
  runSync(lines.slice(0, 20_000), handwrittenTable);
  await runAsync(lines.slice(0, 1_000), (line) => correctLine(line, reference));

  const referenceMs: number[] = [];
  const fastMs: number[] = [];
  const handwrittenMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, so machine load affects all three alike.
    referenceMs.push(
      ((await timeMs(() => runAsync(referenceLines, (line) => correctLine(line, reference)))) * LINES) /
        referenceLines.length,
    );
    fastMs.push(await timeMs(() => runSync(lines, (line) => correctLineSync(line, fast))));
    handwrittenMs.push(await timeMs(() => runSync(lines, handwrittenTable)));
  }
  const actuals = runSync(lines, handwrittenTable);

  // Parse + validate: a fresh document each run on one set of services (what an editor or the CLI does).
  const text = generateLargeRuleSet({ scenarios: SCENARIOS });
  const services = createCorrectionsServices(EmptyFileSystem);
  const parseValidate = async (run: number): Promise<{ ms: number; diagnostics: number }> => {
    const uri = URI.parse(`memory:///bench/large-${run}.crules`);
    const start = performance.now();
    const document: LangiumDocument = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    const ms = performance.now() - start;
    const diagnostics = document.diagnostics?.length ?? 0;
    if (document.parseResult.parserErrors.length > 0)
      throw new Error('the generated rules file does not parse');
    services.shared.workspace.LangiumDocuments.deleteDocument(uri);
    return { ms, diagnostics };
  };
  await parseValidate(-1); // warm-up
  const parses: Array<{ ms: number; diagnostics: number }> = [];
  for (let run = 0; run < PARSE_RUNS; run++) parses.push(await parseValidate(run));
  const parseValidateMs = median(parses.map((p) => p.ms));

  const referenceTime = median(referenceMs);
  const fastTime = median(fastMs);
  const handwritten = median(handwrittenMs);
  const perSecond = (ms: number) => Math.round((LINES / ms) * 1000);
  const table = new Table({
    head: ['path', `time for ${LINES.toLocaleString('en')} lines (median of ${RUNS})`, 'lines/s'],
    style: { head: [], border: [] },
  });
  table.push(
    [
      REFERENCE_SAMPLE < LINES
        ? `reference (json-rules-engine), ${REFERENCE_SAMPLE.toLocaleString('en')}-line sample scaled`
        : 'reference (json-rules-engine)',
      `${referenceTime.toFixed(0)} ms`,
      perSecond(referenceTime).toLocaleString('en'),
    ],
    ['fast executor', `${fastTime.toFixed(0)} ms`, perSecond(fastTime).toLocaleString('en')],
    ['hand-written table', `${handwritten.toFixed(0)} ms`, perSecond(handwritten).toLocaleString('en')],
  );
  console.log(
    `rules: ${compiled.name} from rules/correction-actuals.crules (${compiled.rules.length} scenarios)`,
  );
  console.log(
    `Node ${process.version}; ${LINES.toLocaleString('en')} lines (seeded), ${actuals.toLocaleString('en')} decimal.js actuals per pass; prepared in ${prepareMs.toFixed(0)} ms`,
  );
  console.log(`line mix: ${JSON.stringify(mixOf(lines))}`);
  console.log(table.toString());
  const fastVsReference = referenceTime / fastTime;
  const fastVsHandwritten = fastTime / handwritten;
  console.log(`fast vs reference: ${fastVsReference.toFixed(0)}x (target >= 100x)`);
  console.log(`fast time / hand-written time: ${fastVsHandwritten.toFixed(2)} (target <= 3)`);
  console.log(
    `parse + validate of ${SCENARIOS} scenarios: median ${parseValidateMs.toFixed(0)} ms of ${PARSE_RUNS} runs [${parses.map((p) => p.ms.toFixed(0)).join(', ')}], ${parses[0]!.diagnostics} diagnostics (target < 1000 ms)`,
  );
  console.log(
    JSON.stringify({
      rules: 'rules/correction-actuals.crules',
      scenarios: compiled.rules.length,
      linesPerSecond: {
        reference: perSecond(referenceTime),
        fast: perSecond(fastTime),
        handwritten: perSecond(handwritten),
      },
      fastVsReference: Number(fastVsReference.toFixed(1)),
      fastVsHandwritten: Number(fastVsHandwritten.toFixed(2)),
      parseValidateMs: Math.round(parseValidateMs),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
