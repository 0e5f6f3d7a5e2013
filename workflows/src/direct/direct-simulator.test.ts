/**
 * The in-process runner end to end: the portal simulator (seeded faults) over HTTP, the real portal
 * client, the engine's XML/detail parsers and the PGlite store in memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorCaptchaSolver } from '../portal/captcha.js';
import { createPortalClient } from '../portal/client.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server.js';
import { openStore } from '../store/open-store.js';
import type { InvoiceStore } from '../store/types.js';
import { runDirectResync, runDirectSync } from './run-direct.js';

const FAST_RETRY = { initialIntervalMs: 5, backoffCoefficient: 2, maximumIntervalMs: 40, maximumAttempts: 6 };
const opened: { sim: Simulator; store: InvoiceStore }[] = [];

async function setup(options: SimulatorOptions) {
  const sim = await startSimulator({ seed: 7, invoiceCount: 30, period: '2026-04', ...options });
  const store = await openStore({ databaseUrl: '', dataDir: 'memory://' });
  opened.push({ sim, store });
  const portal = createPortalClient({
    baseUrls: [`${sim.url}/api`],
    username: sim.credentials.username,
    password: sim.credentials.password,
    captcha: simulatorCaptchaSolver,
    timeoutMs: 5_000,
  });
  const run = {
    portal,
    store,
    taxCode: sim.credentials.username,
    period: '2026-04',
    rateLimitPerSecond: 500,
    concurrency: 4,
    retryPolicy: FAST_RETRY,
  };
  return { sim, store, run };
}

afterEach(async () => {
  for (const { sim, store } of opened.splice(0)) {
    await store.close();
    await sim.close();
  }
});

describe('runDirectSync against the simulator and the PGlite store', () => {
  it('syncs every invoice through passing faults; unavailable XML and incomplete details are recorded', async () => {
    const { sim, store, run } = await setup({
      faults: { transient5xx: 0.1, firewallPage: 0.05, corruptZip: 0.05, sessionExpiry: { afterCalls: 40 } },
    });
    const result = await runDirectSync(run);
    expect(result.aborted).toBe(false);
    expect(result.errors).toEqual([]);
    const total = sim.invoices.length;
    expect(result.listed).toBe(total);
    const counts = await store.countByStatus({ taxCode: run.taxCode });
    const settled = (part: 'details' | 'xml') =>
      counts[part].synced + counts[part].unavailable + counts[part].incomplete + counts[part].failed;
    expect(settled('details')).toBe(total - result.retriesExhausted);
    expect(counts.xml.synced).toBeGreaterThan(0);
    // Invoices without a tax-authority code have no original record: their XML is unavailable, not failed.
    const unavailable = await store.listInvoices({ taxCode: run.taxCode, xmlStatus: ['unavailable'] });
    for (const invoice of unavailable) expect(invoice.xml.nextCheckAt).not.toBeNull();
    expect(sim.stats().faultsInjected['transient5xx'] ?? 0).toBeGreaterThan(0);
    const synced = (await store.listInvoices({ taxCode: run.taxCode, xmlStatus: ['synced'] }))[0]!;
    expect(await store.getRawXml(synced)).toContain('<HDon');
  }, 60_000);

  it('lists every invoice even when the portal caps a window (the window is halved)', async () => {
    const { sim, store, run } = await setup({ listCap: 3 });
    const result = await runDirectSync({ ...run, parts: [] });
    expect(result.cappedWindows).toBe(0);
    expect(result.listed).toBe(sim.invoices.length);
    expect((await store.listInvoices({ taxCode: run.taxCode })).length).toBe(sim.invoices.length);
  }, 60_000);

  it('crash and resume: abort midway, run again; nothing lost, nothing written twice', async () => {
    const { sim, store, run } = await setup({});
    const controller = new AbortController();
    let finished = 0;
    const first = await runDirectSync({
      ...run,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.part !== 'headers' && event.done > 0 && ++finished === 15) controller.abort();
      },
    });
    expect(first.aborted).toBe(true);
    const midway = await store.countByStatus({ taxCode: run.taxCode });
    const doneMidway =
      midway.details.synced + midway.details.incomplete + midway.xml.synced + midway.xml.unavailable;
    expect(doneMidway).toBeGreaterThan(0);
    const detailsBefore = sim.stats().byEndpoint['detail'] ?? 0;

    const second = await runDirectSync(run);
    expect(second.aborted).toBe(false);
    const final = await store.countByStatus({ taxCode: run.taxCode });
    expect(final.details.not_synced).toBe(0);
    expect(final.xml.not_synced).toBe(0);
    expect((await store.listInvoices({ taxCode: run.taxCode })).length).toBe(sim.invoices.length);
    // The second run fetched only details that were not synced before (incomplete ones are retried).
    const detailCallsSecond = (sim.stats().byEndpoint['detail'] ?? 0) - detailsBefore;
    expect(detailCallsSecond).toBe(sim.invoices.length - midway.details.synced);
    // A third run finds nothing missing but what the portal still lacks.
    const third = await runDirectResync({ ...run, missing: { taxCode: run.taxCode, period: '2026-04' } });
    expect(third.counts.details.synced ?? 0).toBe(0);
  }, 60_000);
});
