/**
 * `apply` benchmark (`npm run bench:apply`): a corrective invoice of 100,000 lines through the engine's
 * `apply` boundary (JSON texts -> model -> correct, edit, confirm with the shipped rules), the writing of
 * its JSON in chunks, and the CLI itself in-process (`--json` and tables). Baseline, in the same process
 * and on the same lines: the fast executor materialising each line's actuals, the rules' own work. Also
 * 10,000 lines, to show the time grows linearly. Wall and CPU time (the machine may be shared). Last
 * line: the figures as JSON.
 * Target: 100,000 lines applied in under 5 s. BENCH_APPLY_LINES overrides 100,000.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { applyCorrectionModel, applyResultJsonChunks, readApplyInputs } from '../engine/src/apply/index.js';
import { compileRuleSet } from '../engine/src/compiler/compile.js';
import { lineCorrectionsOf } from '../engine/src/correction/confirm.js';
import { correctLineSync } from '../engine/src/correction/correct-line.js';
import { correctInvoice } from '../engine/src/correction/draft.js';
import { applyLineEdits } from '../engine/src/apply/apply-corrections.js';
import { createFastExecutor } from '../engine/src/executors/fast.js';
import { runCli } from '../language/src/cli/run-cli.js';
import { loadRules } from '../language/src/workspace.js';
import { applyBenchInputs } from './apply-inputs.js';

const ROOT = resolve(import.meta.dirname, '..');
const RULES = 'rules/correction-actuals.crules';
const LINES = Number(process.env.BENCH_APPLY_LINES ?? 100_000);
const SMALL = Math.max(1, Math.round(LINES / 10));
const TARGET_MS = 5_000;

/** Wall time, and this process's CPU time (on a shared machine the wall time also counts the others). */
async function timeMs<T>(run: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

async function main(): Promise<void> {
  const loaded = await loadRules([resolve(ROOT, RULES)]);
  if (loaded.ruleSets.length !== 1) throw new Error(`${RULES} does not load`);
  const compiled = compileRuleSet(loaded.ruleSets[0]!, { sourceRoot: ROOT });
  const fast = createFastExecutor(compiled);

  /**
   * The engine boundary on `count` lines: JSON texts in, confirmed correction out (the apply), then its
   * pretty JSON written in chunks (what `--json` prints: about 3 KB a line, the ledger included).
   */
  const engineApply = async (count: number) => {
    const texts = applyBenchInputs(count);
    const applied = await timeMs(async () => {
      const model = readApplyInputs({
        invoice: { file: 'invoice.json', text: texts.invoice },
        corrections: { file: 'corrections.json', text: texts.corrections },
      });
      return applyCorrectionModel(model, fast);
    });
    const written = await timeMs(() => {
      let bytes = 0;
      for (const chunk of applyResultJsonChunks(applied.value)) bytes += chunk.length;
      return bytes;
    });
    return { ...applied, written, actuals: applied.value.created.length };
  };
  /** Baseline: the same lines' corrections through the fast executor, nothing else. */
  const rulesOnly = (count: number) => {
    const texts = applyBenchInputs(count);
    const model = readApplyInputs({
      invoice: { file: 'invoice.json', text: texts.invoice },
      corrections: { file: 'corrections.json', text: texts.corrections },
    });
    const draft = applyLineEdits(correctInvoice(model.invoice, { id: model.correctiveId }), model.edits, 'c');
    const corrections = lineCorrectionsOf(draft, model.ledger);
    return timeMs(() => {
      let actuals = 0;
      for (const correction of corrections) actuals += correctLineSync(correction, fast).actuals.length;
      return actuals;
    });
  };

  await engineApply(2_000); // warm-up
  rulesOnly(2_000);
  const small = await engineApply(SMALL);
  const large = await engineApply(LINES);
  const baseline = await rulesOnly(LINES);

  // The CLI in-process: files on disk, rules parsed from the .crules, output to a counting sink; with
  // --json and with the tables.
  const folder = await mkdtemp(join(tmpdir(), 'bench-apply-'));
  const cli = async (extra: string[]) => {
    let bytes = 0;
    const run = await timeMs(() =>
      runCli(
        [
          'apply',
          '--rules',
          resolve(ROOT, RULES),
          '--invoice',
          'invoice.json',
          '--corrections',
          'corrections.json',
          ...extra,
        ],
        {
          stdout: (text) => (bytes += text.length),
          stderr: (text) => process.stderr.write(text),
          cwd: folder,
          env: {},
        },
      ),
    );
    if (run.value !== 0 || bytes === 0) throw new Error(`corrections apply exited ${run.value}`);
    return run;
  };
  let cliJson: { ms: number; cpuMs: number };
  let cliTables: { ms: number; cpuMs: number };
  try {
    const texts = applyBenchInputs(LINES);
    await writeFile(join(folder, 'invoice.json'), texts.invoice);
    await writeFile(join(folder, 'corrections.json'), texts.corrections);
    cliJson = await cli(['--json']);
    cliTables = await cli([]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const cliMs = cliJson.ms;
  const cliCpuMs = cliJson.cpuMs;

  const perLine = (ms: number, count: number) => (ms * 1000) / count;
  const growth = perLine(large.ms, LINES) / perLine(small.ms, SMALL);
  // On a shared machine the wall time depends on the others' load; CPU time shows the growth better.
  const cpuGrowth = perLine(large.cpuMs, LINES) / perLine(small.cpuMs, SMALL);
  const table = new Table({
    head: ['path', 'lines', 'time', 'CPU time', 'µs/line'],
    style: { head: [], border: [] },
  });
  const row = (label: string, count: number, run: { ms: number; cpuMs: number }) => [
    label,
    count.toLocaleString('en'),
    `${run.ms.toFixed(0)} ms`,
    `${run.cpuMs.toFixed(0)} ms`,
    perLine(run.ms, count).toFixed(1),
  ];
  table.push(
    row('baseline: fast executor only', LINES, baseline),
    row('apply (engine: JSON in -> confirmed)', SMALL, small),
    row('apply (engine: JSON in -> confirmed)', LINES, large),
    row('  + its pretty JSON written', LINES, large.written),
    row('corrections apply --json (in-process CLI)', LINES, cliJson),
    row('corrections apply, tables (in-process CLI)', LINES, cliTables),
  );
  console.log(
    `Node ${process.version}; rules ${RULES} (${compiled.rules.length} scenarios); ${large.actuals.toLocaleString('en')} actuals created; ${(large.written.value / 1e6).toFixed(0)} MB of JSON`,
  );
  console.log(table.toString());
  console.log(
    `apply ${LINES.toLocaleString('en')} lines: ${(large.ms / 1000).toFixed(2)} s (CPU ${(large.cpuMs / 1000).toFixed(2)} s), with its JSON ${((large.ms + large.written.ms) / 1000).toFixed(2)} s, CLI ${(cliMs / 1000).toFixed(2)} s (target < ${TARGET_MS / 1000} s)`,
  );
  console.log(
    `apply / fast executor alone: ${(large.ms / baseline.ms).toFixed(1)}x; time per line at ${LINES.toLocaleString('en')} / at ${SMALL.toLocaleString('en')}: ${growth.toFixed(2)} wall, ${cpuGrowth.toFixed(2)} CPU (linear: about 1)`,
  );
  console.log(
    JSON.stringify({
      lines: LINES,
      applyMs: Math.round(large.ms),
      applyCpuMs: Math.round(large.cpuMs),
      writeJsonMs: Math.round(large.written.ms),
      cliApplyMs: Math.round(cliMs),
      cliApplyCpuMs: Math.round(cliCpuMs),
      cliTablesMs: Math.round(cliTables.ms),
      cliTablesCpuMs: Math.round(cliTables.cpuMs),
      baselineFastExecutorMs: Math.round(baseline.ms),
      applyVsBaseline: Number((large.ms / baseline.ms).toFixed(2)),
      perLineGrowth10x: Number(growth.toFixed(2)),
      perLineCpuGrowth10x: Number(cpuGrowth.toFixed(2)),
      targetMs: TARGET_MS,
      applyMeetsTarget: large.ms < TARGET_MS,
      cliMeetsTarget: cliMs < TARGET_MS,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
