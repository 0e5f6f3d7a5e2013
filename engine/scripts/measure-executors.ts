/**
 * Quick local measurement (not a test, not the official benchmark): 100k random corrected lines through
 * the reference executor (json-rules-engine), the fast executor and the hand-written table, with
 * materialisation into decimal.js actuals. Run: npx tsx engine/scripts/measure-executors.ts [lines]
 */
import fc from 'fast-check';
import { compileRuleSet } from '../src/compiler/compile.js';
import { correctLine, correctLineSync } from '../src/correction/correct-line.js';
import { caseFactsOf, type LineCorrection } from '../src/correction/line-correction.js';
import { createFastExecutor } from '../src/executors/fast.js';
import { createReferenceExecutor } from '../src/executors/reference.js';
import { handwrittenTable } from '../src/handwritten/table.js';
import { randomLine } from '../src/testing/random-lines.js';
import { shippedRuleSet } from '../src/testing/shipped-ruleset.js';

const count = Number(process.argv[2] ?? 100_000);
// Lines the table accepts (refusals throw, and exceptions are not what we measure).
const lines: LineCorrection[] = fc
  .sample(randomLine(), { numRuns: Math.ceil(count * 1.25), seed: 20261123 })
  .map((line) => ({ ...line, billingMethod: 'resource' as const }))
  .filter((line) => !(line.class === 'Milestone' && line.creditKind !== 'full'))
  .slice(0, count);

const compiled = compileRuleSet(shippedRuleSet());
const reference = createReferenceExecutor(compiled);
const fast = createFastExecutor(compiled);

async function time(label: string, run: () => unknown | Promise<unknown>, repeat = 1): Promise<number> {
  let best = Infinity;
  let sink = 0;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    sink += Number(Boolean(await run()));
    best = Math.min(best, performance.now() - start);
  }
  const perSecond = (lines.length / best) * 1000;
  console.log(
    `${label.padEnd(44)} ${best.toFixed(1).padStart(9)} ms  ${Math.round(perSecond).toLocaleString('en').padStart(12)} lines/s${sink ? '' : ' '}`,
  );
  return perSecond;
}

console.log(`${lines.length} lines, Node ${process.version}`);
const refDecide = await time('reference: match (json-rules-engine)', async () => {
  let n = 0;
  for (const line of lines) n += (await reference.match(caseFactsOf(line))).length;
  return n;
});
const fastDecide = await time(
  'fast: match',
  () => {
    let n = 0;
    for (const line of lines) n += fast.match(caseFactsOf(line)).length;
    return n;
  },
  5,
);
const refFull = await time('reference: match + materialise', async () => {
  let n = 0;
  for (const line of lines) n += (await correctLine(line, reference)).actuals.length;
  return n;
});
const fastFull = await time(
  'fast: match + materialise',
  () => {
    let n = 0;
    for (const line of lines) n += correctLineSync(line, fast).actuals.length;
    return n;
  },
  5,
);
const handFull = await time(
  'handwritten table',
  () => {
    let n = 0;
    for (const line of lines) n += handwrittenTable(line).actuals.length;
    return n;
  },
  5,
);

console.log(`fast vs reference, match only:           ${(fastDecide / refDecide).toFixed(0)}x`);
console.log(`fast vs reference, with actuals:         ${(fastFull / refFull).toFixed(0)}x (target >= 100x)`);
console.log(`fast time / handwritten time:            ${(handFull / fastFull).toFixed(2)} (target <= 3)`);
