/**
 * One measured sync for `sync.bench.ts`, run in its own process so its peak RSS is its own: the
 * in-process runner against a simulator the parent started, into a PGlite store in a temp folder.
 * Progress goes to stderr; the last stdout line is the result as JSON.
 *   tsx bench/sync-run.ts <simulator url> <username> <password> <data dir> <period> <rate> <concurrency>
 */
import { runDirectSync } from '#workflows/direct';
import { simulatorCaptchaSolver, createPortalClient } from '#workflows/portal';
import { openStore } from '#workflows/store';
import { sampleMemoryAtPeak, type MemoryAtPeak } from './memory-at-peak.js';

export interface SyncRunResult {
  wallMs: number;
  listed: number;
  retriesExhausted: number;
  errors: number;
  maxRssMb: number;
  /** process.memoryUsage() of the sample with the highest RSS, in MB: where the peak went. */
  atPeak: MemoryAtPeak;
}

const memoryAtPeak = sampleMemoryAtPeak();

const [url, username, password, dataDir, period, rate, concurrency] = process.argv.slice(2);
if (!url || !username || !password || !dataDir || !period || !rate || !concurrency) {
  process.stderr.write(
    'usage: sync-run.ts <url> <username> <password> <data dir> <period> <rate> <concurrency>\n',
  );
  process.exit(2);
}

const store = await openStore({ databaseUrl: '', dataDir });
const portal = createPortalClient({
  baseUrls: [`${url}/api`],
  username,
  password,
  captcha: simulatorCaptchaSolver,
  timeoutMs: 15_000,
});
await portal.login();

const startedAt = performance.now();
let lastLine = 0;
const result = await runDirectSync({
  portal,
  store,
  taxCode: username,
  period,
  rateLimitPerSecond: Number(rate),
  concurrency: Number(concurrency),
  onProgress: (event) => {
    const now = performance.now();
    if (event.done === event.total || now - lastLine > 10_000) {
      lastLine = now;
      const seconds = ((now - startedAt) / 1000).toFixed(0);
      process.stderr.write(`  [${seconds} s] ${event.part} ${event.done}/${event.total}\n`);
    }
  },
});
const wallMs = performance.now() - startedAt;
await store.close();

const output: SyncRunResult = {
  wallMs,
  listed: result.listed,
  retriesExhausted: result.retriesExhausted,
  errors: result.errors.length,
  // maxRSS is in kilobytes.
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  atPeak: memoryAtPeak(),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
