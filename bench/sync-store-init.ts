/**
 * Creates and migrates the PGlite store of an in-process run of `sync.bench.ts` in a process of its own,
 * so the measured sync opens an existing data directory. PGlite's initdb (a second PGlite instance, the
 * initdb module and a tar copy of the new cluster, all in this process) peaks at about 1.1 GB of RSS
 * once per data directory; the bench reports that peak on its own (`storeInitPeakRssMb`).
 *   tsx bench/sync-store-init.ts <data dir>    -> last stdout line: {"maxRssMb": ...}
 */
import { openStore } from '../workflows/src/store/open-store.js';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: sync-store-init.ts <data dir>\n');
  process.exit(2);
}
const store = await openStore({ databaseUrl: '', dataDir });
await store.close();
process.stdout.write(`${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
