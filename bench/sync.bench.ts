/**
 * Sync benchmark (`npm run bench:sync [-- --mode in-process|temporal|both] [--invoices N] [--workers 1,2]`):
 * a month of N invoices (default 10,000) from the portal simulator, which enforces 50 requests/s and
 * answers 10% of requests with a passing 5xx.
 *
 * In-process (`--mode in-process`, and in `both`, the default): the in-process runner into PGlite in a
 * temp folder, each sync in a child process (1,000 invoices, then N) so its peak RSS can be read, as
 * shipped (the store keeps postgres.wasm on V8's baseline compiler and makes a new data directory in a
 * child process of its own: workflows/src/store/pglite-driver.ts).
 *
 * Temporal (`--mode temporal`, and in `both`): a dev server started for the bench, one run per worker
 * count in `--workers`, workers as child processes (bench/sync-temporal/), the store on PostgreSQL when
 * DATABASE_URL is set (two or more workers need it), else PGlite opened by the one worker. Reported:
 *   wallVsIdeal             per run; the JSON's is the worst of all runs
 *   dispatchesPerPortalCall activity executions on the portal task queue (counted in the workers) / the
 *                           simulator's requests to its data endpoints (list, detail, export-xml)
 *   maxPayloadBytes, maxHistoryEvents  over every workflow run, and extrapolated to 100,000 invoices
 *   workerPeakRssMb         VmHWM of each worker process
 *
 * In-process figures:
 *   wallVsIdeal   wall time / (accepted portal requests / 50 per s): 1.0 = never idle under the limit
 *   lostInvoices  simulated invoices whose available details/XML are not synced in the store
 *   duplicateRows rows repeating a natural key (invoices, lines, XML) - SQL check
 *   peakRss       of the 1k and the N run
 *   parseVsRaw    parseInvoiceXml (validate + parse + normalise) / raw fast-xml-parser (`new XMLParser().parse`,
 *                 its defaults), same files; also printed: against the engine's parser options, validating
 *                 and lenient
 * Prints a table and, as the last line, those figures as JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { XMLParser } from 'fast-xml-parser';
import { parseInvoiceXml } from '#einvoice';
import { formatInvoiceKey } from '#workflows/portal';
import { generateInvoices, invoiceXml, startSimulator } from '#workflows/simulator';
import { openPgliteDriver } from '#workflows/store';
import { checkStore } from './sync-check.js';
import { shippedNodeSettings } from './shipped-node-settings.js';
import type { SyncRunResult } from './sync-run.js';
import {
  extrapolate,
  measureTemporal,
  startBenchDevServer,
  writeWorkflowBundle,
  type TemporalRun,
} from './sync-temporal/temporal-mode.js';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`--${name} needs a whole number above 0\n`);
    process.exit(2);
  }
  return value;
}

const MODE = option('mode') ?? 'both';
if (!['in-process', 'temporal', 'both'].includes(MODE)) {
  process.stderr.write('--mode is in-process, temporal or both\n');
  process.exit(2);
}
const WORKER_COUNTS = (option('workers') ?? '1,2').split(',').map(Number);
if (WORKER_COUNTS.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) {
  process.stderr.write('--workers is a list of worker counts from 1 to 8, e.g. 1,2\n');
  process.exit(2);
}
const DATABASE_URL = process.env['DATABASE_URL'] ?? '';
const INVOICES = flag('invoices', 10_000);
const SMALL = Math.min(flag('small', 1_000), INVOICES);
const RATE = 50;
const CONCURRENCY = flag('concurrency', 8);
const FAULT_RATE = 0.1;
const PERIOD = '2026-10';
const PARSE_FILES = 1_000;
const PARSE_ROUNDS = 11;
const RUN_SCRIPT = fileURLToPath(new URL('./sync-run.ts', import.meta.url));
/**
 * The measured in-process sync runs with the memory settings `npm run sync` ships (package.json);
 * `BENCH_SYNC_NODE_OPTIONS` replaces its Node flags to try others (`--max-old-space-size=256`).
 */
const SHIPPED_SYNC = shippedNodeSettings('sync');
const SYNC_NODE_FLAGS =
  process.env['BENCH_SYNC_NODE_OPTIONS'] === undefined
    ? SHIPPED_SYNC.nodeFlags
    : process.env['BENCH_SYNC_NODE_OPTIONS'].split(' ').filter(Boolean);

interface MeasuredSync extends SyncRunResult {
  invoices: number;
  acceptedCalls: number;
  rateLimited: number;
  faults: number;
  idealMs: number;
  lost: number;
  duplicates: number;
}

function runChild<T>(script: string, args: string[], flags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...SHIPPED_SYNC.env, ...process.env },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`${script} exited with ${code}: ${stdout.slice(-500)}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}

async function measureSync(invoices: number): Promise<MeasuredSync> {
  process.stderr.write(
    `sync of ${invoices} invoices at ${RATE} requests/s, ${FAULT_RATE * 100}% transient faults\n`,
  );
  const simulator = await startSimulator({
    seed: 'bench',
    period: PERIOD,
    invoiceCount: invoices,
    rateLimitPerSecond: RATE,
    faults: { transient5xx: FAULT_RATE },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'sync-bench-'));
  try {
    const child = await runChild<SyncRunResult>(
      RUN_SCRIPT,
      [
        simulator.url,
        simulator.credentials.username,
        simulator.credentials.password,
        dataDir,
        PERIOD,
        String(RATE),
        String(CONCURRENCY),
      ],
      SYNC_NODE_FLAGS,
    );
    const stats = simulator.stats();
    const driver = await openPgliteDriver(dataDir);
    try {
      const { lost, duplicates } = await checkStore(driver, simulator.invoices);
      const acceptedCalls = stats.requests - stats.rejectedByRateLimit;
      return {
        ...child,
        invoices,
        acceptedCalls,
        rateLimited: stats.rejectedByRateLimit,
        faults: Object.values(stats.faultsInjected).reduce((sum, n) => sum + n, 0),
        idealMs: (acceptedCalls / RATE) * 1000,
        lost,
        duplicates,
      };
    } finally {
      await driver.close();
    }
  } finally {
    await simulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * parseInvoiceXml versus raw fast-xml-parser (its defaults) on the same files; for reference also with the
 * engine's options, validating (`parse(xml, true)`: like the engine, it refuses malformed XML) and lenient.
 */
function measureParse(): {
  parseMs: number;
  rawMs: number;
  lenientMs: number;
  defaultMs: number;
  files: number;
  megabytes: number;
} {
  const invoices = generateInvoices({
    seed: 'bench-xml',
    taxCode: '0109744141',
    period: PERIOD,
    invoiceCount: PARSE_FILES,
  });
  const files = invoices.map((invoice) => ({ xml: invoiceXml(invoice), key: formatInvoiceKey(invoice) }));
  const raw = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: true,
    stopNodes: ['*.DSCKS'],
  });
  const rawDefault = new XMLParser();
  let sink = 0;
  const parseAll = () => {
    for (const file of files) sink += parseInvoiceXml(file.xml, { invoiceKey: file.key }).warnings.length;
  };
  const rawAll = () => {
    for (const file of files) sink += Object.keys(raw.parse(file.xml, true) as object).length;
  };
  const lenientAll = () => {
    for (const file of files) sink += Object.keys(raw.parse(file.xml) as object).length;
  };
  const defaultAll = () => {
    for (const file of files) sink += Object.keys(rawDefault.parse(file.xml) as object).length;
  };
  const timed = (work: () => void): number => {
    const started = performance.now();
    work();
    return performance.now() - started;
  };
  // Warm both paths, then alternate them round by round so a busy machine slows both alike.
  parseAll();
  rawAll();
  lenientAll();
  defaultAll();
  const defaultRuns: number[] = [];
  const parseRuns: number[] = [];
  const rawRuns: number[] = [];
  const lenientRuns: number[] = [];
  for (let round = 0; round < PARSE_ROUNDS; round++) {
    parseRuns.push(timed(parseAll));
    rawRuns.push(timed(rawAll));
    lenientRuns.push(timed(lenientAll));
    defaultRuns.push(timed(defaultAll));
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  const parseMs = median(parseRuns);
  const rawMs = median(rawRuns);
  const lenientMs = median(lenientRuns);
  const defaultMs = median(defaultRuns);
  if (sink < 0) process.stderr.write('');
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.xml), 0);
  return { parseMs, rawMs, lenientMs, defaultMs, files: files.length, megabytes: bytes / 1e6 };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const TARGET_INVOICES = 100_000;

if (process.argv.includes('--parse-only')) {
  const parse = measureParse();
  console.log(
    `parseInvoiceXml ${parse.parseMs.toFixed(0)} ms, raw fast-xml-parser ${parse.defaultMs.toFixed(0)} ms ` +
      `(engine's options: validating ${parse.rawMs.toFixed(0)} ms, lenient ${parse.lenientMs.toFixed(0)} ms)`,
  );
  console.log(JSON.stringify({ parseVsRaw: round(parse.parseMs / parse.defaultMs) }));
  process.exit(0);
}

const summary: Record<string, unknown> = {};
const wallVsIdealByRun: Record<string, number> = {};
let lostInvoices = 0;
let duplicateRows = 0;

if (MODE !== 'temporal') {
  const parse = measureParse();
  const small = await measureSync(SMALL);
  const large = INVOICES === SMALL ? small : await measureSync(INVOICES);
  const table = new Table({
    head: [
      'in-process',
      'invoices',
      'wall s',
      'ideal s',
      'wall/ideal',
      'accepted calls',
      '429',
      'faults',
      'lost',
      'dup rows',
      'peak RSS MB',
    ],
  });
  for (const run of INVOICES === SMALL ? [small] : [small, large]) {
    table.push([
      `${run.invoices}`,
      `${run.listed}`,
      (run.wallMs / 1000).toFixed(1),
      (run.idealMs / 1000).toFixed(1),
      (run.wallMs / run.idealMs).toFixed(3),
      `${run.acceptedCalls}`,
      `${run.rateLimited}`,
      `${run.faults}`,
      `${run.lost}`,
      `${run.duplicates}`,
      run.maxRssMb.toFixed(0),
    ]);
  }
  console.log(table.toString());
  for (const run of INVOICES === SMALL ? [small] : [small, large])
    console.log(`in-process ${run.invoices} at its peak RSS: ${JSON.stringify(run.atPeak)}`);
  console.log(
    `XML: ${parse.files} files, ${parse.megabytes.toFixed(1)} MB: parseInvoiceXml ${parse.parseMs.toFixed(0)} ms, ` +
      `raw fast-xml-parser ${parse.defaultMs.toFixed(0)} ms (with the engine's options: validating ${parse.rawMs.toFixed(0)} ms, ` +
      `lenient ${parse.lenientMs.toFixed(0)} ms)`,
  );
  wallVsIdealByRun['in-process'] = round(large.wallMs / large.idealMs);
  lostInvoices += small.lost + (large === small ? 0 : large.lost);
  duplicateRows += small.duplicates + (large === small ? 0 : large.duplicates);
  summary['peakRssMb1k'] = round(small.maxRssMb);
  summary['peakRssMb10k'] = round(large.maxRssMb);
  summary['parseVsRaw'] = round(parse.parseMs / parse.defaultMs);
}

if (MODE !== 'in-process') {
  const counts = DATABASE_URL ? WORKER_COUNTS : WORKER_COUNTS.filter((n) => n === 1);
  const skipped = WORKER_COUNTS.filter((n) => !counts.includes(n));
  if (skipped.length > 0) {
    console.log(
      `*** temporal with ${skipped.join(', ')} workers NOT RUN: workers in separate processes need a shared store; ` +
        `PGlite cannot be shared between processes: set DATABASE_URL=postgres://... ***`,
    );
    summary['temporalNotRun'] = skipped.map((n) => `${n} workers: needs DATABASE_URL`);
  }
  const namespaces = counts.map((n) => `bench-${n}w`);
  const workDir = mkdtempSync(join(tmpdir(), 'sync-bench-bundle-'));
  process.stderr.write('temporal: bundling the workflows, starting a dev server\n');
  const bundlePath = await writeWorkflowBundle(workDir);
  const server = await startBenchDevServer(namespaces);
  const runs: TemporalRun[] = [];
  try {
    for (const [index, workers] of counts.entries()) {
      runs.push(
        await measureTemporal({
          server,
          namespace: namespaces[index]!,
          bundlePath,
          workers,
          invoices: INVOICES,
          period: PERIOD,
          rate: RATE,
          faultRate: FAULT_RATE,
          portalConcurrency: CONCURRENCY,
          databaseUrl: DATABASE_URL,
          pglite: { nodeFlags: SYNC_NODE_FLAGS },
        }),
      );
    }
  } finally {
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  const table = new Table({
    head: [
      'temporal',
      'invoices',
      'wall s',
      'ideal s',
      'wall/ideal',
      'accepted calls',
      '429',
      'faults',
      'portal activities',
      '(from history)',
      'per portal call',
      'lost',
      'dup rows',
      'runs',
      'max events',
      'max payload B',
      'worker peak RSS MB',
    ],
  });
  for (const run of runs) {
    table.push([
      `${run.workers} worker${run.workers > 1 ? 's' : ''}`,
      `${run.listed}`,
      (run.wallMs / 1000).toFixed(1),
      (run.idealMs / 1000).toFixed(1),
      (run.wallMs / run.idealMs).toFixed(3),
      `${run.acceptedCalls}`,
      `${run.rateLimited}`,
      `${run.faults}`,
      `${run.portalExecutions}`,
      `${run.portalExecutionsFromHistory}`,
      (run.portalExecutions / run.dataRequests).toFixed(3),
      `${run.lost}`,
      `${run.duplicates}`,
      `${run.runs.length}`,
      `${Math.max(...run.runs.map((r) => r.events))}`,
      `${Math.max(...run.runs.map((r) => r.maxPayloadBytes))}`,
      run.workerPeakRssMb.map((mb) => mb.toFixed(0)).join(' + '),
    ]);
  }
  console.log(table.toString());
  for (const run of runs) {
    const longest = run.runs.reduce((a, b) => (b.events > a.events ? b : a));
    const largest = run.runs.reduce((a, b) => (b.maxPayloadBytes > a.maxPayloadBytes ? b : a));
    console.log(
      `${run.workers}w: longest history ${longest.events} events (${longest.type} ${longest.workflowId}); ` +
        `largest payload ${largest.maxPayloadBytes} B (${largest.maxPayloadAt}); ` +
        `store activities ${run.storeExecutions}; retries exhausted ${run.retriesExhausted}, errors ${run.errors}; ` +
        `portal data requests ${run.dataRequests} (${JSON.stringify(run.simulator.byEndpoint)})`,
    );
    for (const worker of run.workerMemory)
      console.log(
        `    worker ${worker.index} at its peak RSS: ${JSON.stringify(worker.atPeak)}; live heap after GC at the end ${worker.liveHeapMb ?? '?'} MB`,
      );
  }
  const all = runs.flatMap((run) => run.runs);
  const projected = extrapolate({ invoices: INVOICES, runs: all, period: PERIOD }, TARGET_INVOICES);
  console.log(`extrapolated to ${TARGET_INVOICES} invoices in the period:`);
  for (const line of projected.lines) console.log(`  ${line}`);
  console.log(
    `  maxHistoryEvents = ${projected.formulaEvents} = ${projected.maxHistoryEvents} (target < 10,240)`,
  );
  console.log(`  maxPayloadBytes = ${projected.formulaPayload} (target < 262,144)`);
  for (const run of runs) {
    wallVsIdealByRun[`temporal-${run.workers}w`] = round(run.wallMs / run.idealMs);
    lostInvoices += run.lost;
    duplicateRows += run.duplicates;
  }
  const perCall = Object.fromEntries(
    runs.map((run) => [`${run.workers}w`, round(run.portalExecutions / run.dataRequests)]),
  );
  summary['dispatchesPerPortalCall'] = Math.max(...Object.values(perCall));
  summary['dispatchesPerPortalCallByWorkers'] = perCall;
  summary['maxPayloadBytes'] = Math.max(...all.map((run) => run.maxPayloadBytes));
  summary['maxHistoryEvents'] = Math.max(...all.map((run) => run.events));
  summary['maxPayloadBytes100k'] = projected.maxPayloadBytes;
  summary['maxHistoryEvents100k'] = projected.maxHistoryEvents;
  summary['extrapolation100k'] = `events ${projected.formulaEvents}; payload ${projected.formulaPayload}`;
  const rss = Object.fromEntries(
    runs.map((run) => [`${run.workers}w`, round(Math.max(...run.workerPeakRssMb))]),
  );
  summary['workerPeakRssMb'] = Math.max(...Object.values(rss));
  summary['workerPeakRssMbByWorkers'] = rss;
}

console.log(
  JSON.stringify({
    wallVsIdeal: Math.max(...Object.values(wallVsIdealByRun)),
    wallVsIdealByRun,
    lostInvoices,
    duplicateRows,
    ...summary,
  }),
);
