/**
 * `apply` benchmark (`npm run bench:apply`): a corrective invoice of 100,000 lines through the engine's
 * `apply` boundary (JSON texts -> model -> correct, edit, confirm with the shipped rules), the writing of
 * its JSON in chunks, the CLI in-process (`--json` and tables), and the real CLI as a user runs it (tsx
 * on main.ts in a child process, module loading included, stdout to a file and to /dev/null; median of
 * BENCH_APPLY_CLI_RUNS runs, 3 by default). Baselines, in the same process and on the same lines: the
 * fast executor materialising each line's actuals (the rules' own work), and the in-process CLI for the
 * real one. Also 10,000 lines, to show the time grows linearly. Wall and CPU time (the machine may be
 * shared). Last line: the figures as JSON (`cliJsonMs`, `cliTableMs`: the real CLI to a file).
 * Target: `corrections apply` on 100,000 lines in under 5 s (`cliUnderTarget`). BENCH_APPLY_LINES
 * overrides 100,000.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import {
  applyCorrectionModel,
  applyResultJsonChunks,
  readApplyInputs,
  compileRuleSet,
  lineCorrectionsOf,
  correctLineSync,
  correctInvoice,
  applyLineEdits,
  createFastExecutor,
} from '#engine';
import { runCli, loadRules } from '#language';
import { applyBenchInputs } from './apply-inputs.js';

const ROOT = resolve(import.meta.dirname, '..');
const RULES = 'rules/correction-actuals.crules';
const LINES = Number(process.env.BENCH_APPLY_LINES ?? 100_000);
const SMALL = Math.max(1, Math.round(LINES / 10));
const TARGET_MS = 5_000;
/** Runs of the real CLI per format and output; the median counts (a shared machine has outliers). */
const CLI_RUNS = Number(process.env.BENCH_APPLY_CLI_RUNS ?? 3);
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const MAIN = resolve(ROOT, 'language/src/cli/main.ts');

/** Wall time, and this process's CPU time (on a shared machine the wall time also counts the others). */
async function timeMs<T>(run: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** CPU time of this process's finished children, from /proc (Linux; undefined elsewhere). */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime (fields 16 and 17 of proc_pid_stat(5)), in clock ticks of 10 ms (USER_HZ).
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `corrections apply` as a user runs it (what `npm run corrections` runs: tsx on main.ts, from the
 * repository), its standard output redirected to `output`: wall time from spawn to exit, module loading
 * included. Returns the time, its CPU time (tsx and the node it starts; the wall time also counts the
 * machine's other work) and the bytes it printed.
 */
function realCli(
  args: string[],
  output: string,
): Promise<{ ms: number; cpuMs: number | undefined; bytes: number }> {
  const fd = openSync(output, 'w');
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const child = spawn(TSX, [MAIN, ...args], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const cpuAfter = childrenCpuMs();
      const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
      closeSync(fd);
      if (code !== 0) fail(new Error(`corrections ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
      else done({ ms, cpuMs, bytes: output === '/dev/null' ? 0 : statSync(output).size });
    });
  });
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
  // --json and with the tables. The same arguments and folder as the real CLI below, so the same output.
  const folder = await mkdtemp(join(tmpdir(), 'bench-apply-'));
  const args = (extra: string[]) => [
    'apply',
    '--rules',
    RULES,
    '--invoice',
    join(folder, 'invoice.json'),
    '--corrections',
    join(folder, 'corrections.json'),
    ...extra,
  ];
  const cli = async (extra: string[]) => {
    let bytes = 0;
    const run = await timeMs(() =>
      runCli(args(extra), {
        stdout: (text) => (bytes += Buffer.byteLength(text)),
        stderr: (text) => process.stderr.write(text),
        cwd: ROOT,
        env: {},
      }),
    );
    if (run.value !== 0 || bytes === 0) throw new Error(`corrections apply exited ${run.value}`);
    return { ...run, bytes };
  };
  let cliJson: { ms: number; cpuMs: number };
  let cliTables: { ms: number; cpuMs: number };
  // The real CLI, median wall and CPU time: to a file, and to /dev/null (the output without the disk).
  interface RealRun {
    ms: number;
    cpuMs: number | undefined;
  }
  const unmeasured: RealRun = { ms: Number.NaN, cpuMs: undefined };
  const real = { jsonFile: unmeasured, jsonNull: unmeasured, tablesFile: unmeasured, tablesNull: unmeasured };
  try {
    const texts = applyBenchInputs(LINES);
    await writeFile(join(folder, 'invoice.json'), texts.invoice);
    await writeFile(join(folder, 'corrections.json'), texts.corrections);
    const inProcessJson = await cli(['--json']);
    const inProcessTables = await cli([]);
    cliJson = inProcessJson;
    cliTables = inProcessTables;
    const runs = async (extra: string[], output: string, bytes: number): Promise<RealRun> => {
      const times: number[] = [];
      const cpuTimes: number[] = [];
      for (let i = 0; i < CLI_RUNS; i++) {
        const run = await realCli(args(extra), output);
        // The whole output, as the in-process CLI printed it.
        if (output !== '/dev/null' && run.bytes !== bytes)
          throw new Error(`corrections apply ${extra.join(' ')} printed ${run.bytes} bytes, not ${bytes}`);
        times.push(run.ms);
        if (run.cpuMs !== undefined) cpuTimes.push(run.cpuMs);
      }
      return { ms: median(times), cpuMs: cpuTimes.length > 0 ? median(cpuTimes) : undefined };
    };
    const file = join(folder, 'out');
    real.jsonFile = await runs(['--json'], file, inProcessJson.bytes);
    real.jsonNull = await runs(['--json'], '/dev/null', inProcessJson.bytes);
    real.tablesFile = await runs([], file, inProcessTables.bytes);
    real.tablesNull = await runs([], '/dev/null', inProcessTables.bytes);
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
  const realRow = (label: string, run: RealRun) => [
    label,
    LINES.toLocaleString('en'),
    `${run.ms.toFixed(0)} ms`,
    run.cpuMs === undefined ? '' : `${run.cpuMs.toFixed(0)} ms`,
    perLine(run.ms, LINES).toFixed(1),
  ];
  table.push(
    realRow(`corrections apply --json > file (real CLI, median of ${CLI_RUNS})`, real.jsonFile),
    realRow('corrections apply --json > /dev/null (real CLI)', real.jsonNull),
    realRow('corrections apply > file, tables (real CLI)', real.tablesFile),
    realRow('corrections apply > /dev/null, tables (real CLI)', real.tablesNull),
  );
  const slowest = Math.max(real.jsonFile.ms, real.tablesFile.ms);
  const cliUnderTarget = slowest < TARGET_MS;
  const cpu = (run: RealRun) => (run.cpuMs === undefined ? null : Math.round(run.cpuMs));
  console.log(
    `Node ${process.version}; rules ${RULES} (${compiled.rules.length} scenarios); ${large.actuals.toLocaleString('en')} actuals created; ${(large.written.value / 1e6).toFixed(0)} MB of JSON`,
  );
  console.log(table.toString());
  console.log(
    `apply ${LINES.toLocaleString('en')} lines: ${(large.ms / 1000).toFixed(2)} s (CPU ${(large.cpuMs / 1000).toFixed(2)} s), with its JSON ${((large.ms + large.written.ms) / 1000).toFixed(2)} s, CLI ${(cliMs / 1000).toFixed(2)} s (target < ${TARGET_MS / 1000} s)`,
  );
  console.log(
    `real CLI (tsx, module loading included) / in-process CLI: ${(real.jsonFile.ms / cliMs).toFixed(2)}x --json, ${(real.tablesFile.ms / cliTables.ms).toFixed(2)}x tables; ${(slowest / 1000).toFixed(2)} s at most (target < ${TARGET_MS / 1000} s)`,
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
      cliJsonMs: Math.round(real.jsonFile.ms),
      cliJsonCpuMs: cpu(real.jsonFile),
      cliJsonDevNullMs: Math.round(real.jsonNull.ms),
      cliTableMs: Math.round(real.tablesFile.ms),
      cliTableCpuMs: cpu(real.tablesFile),
      cliTableDevNullMs: Math.round(real.tablesNull.ms),
      cliRuns: CLI_RUNS,
      cliJsonVsInProcess: Number((real.jsonFile.ms / cliMs).toFixed(2)),
      cliTableVsInProcess: Number((real.tablesFile.ms / cliTables.ms).toFixed(2)),
      cliUnderTarget,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
