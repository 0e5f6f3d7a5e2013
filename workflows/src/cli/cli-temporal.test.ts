/**
 * The CLI through Temporal: `worker` and `sync` / `sync selected` in Temporal mode. Runs only when
 * TEMPORAL_ADDRESS points at a server (set SYNC_SEARCH_ATTRIBUTES=false if its namespace lacks them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/server.js';
import { openStore } from '../store/open-store.js';
import type { InvoiceStore } from '../store/types.js';
import { runCli } from './run-cli.js';

const address = process.env['TEMPORAL_ADDRESS'];
if (!address) console.warn('\n*** CLI on Temporal NOT RUN: set TEMPORAL_ADDRESS to a running server ***\n');

describe.skipIf(!address)('invoice-sync on Temporal (TEMPORAL_ADDRESS)', () => {
  let sim: Simulator;
  let store: InvoiceStore;
  let env: Record<string, string | undefined>;
  const stopWorker = new AbortController();
  let worker: Promise<number>;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'cli-temporal', invoiceCount: 10, period: '2026-04' });
    store = await openStore({ databaseUrl: '', dataDir: 'memory://' });
    env = {
      ...process.env,
      PORTAL_URL: `${sim.url}/api`,
      PORTAL_USERNAME: sim.credentials.username,
      PORTAL_PASSWORD: sim.credentials.password,
      PORTAL_CAPTCHA_SOLVER: 'simulator',
      SYNC_PORTAL_RATE: '100',
    };
    let ready: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    worker = runCli(['worker'], {
      out: (text) => {
        if (text.startsWith('Worker running')) ready();
      },
      err: () => undefined,
      env,
      store,
      signal: stopWorker.signal,
    });
    await Promise.race([started, worker]);
  }, 120_000);

  afterAll(async () => {
    stopWorker.abort();
    await worker;
    await store.close();
    await sim.close();
  });

  it('syncs a period through workflows and re-syncs the missing XML with update-with-start', async () => {
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(text), env, store };
    const code = await runCli(['sync', '--period', '2026-04'], io);
    expect(out.join('\n')).toContain('Temporal workflow sync-');
    expect([0, 1]).toContain(code);
    expect((await store.listInvoices({})).length).toBe(sim.invoices.length);
    const again = await runCli(['sync', 'selected', '--missing', 'xml', '--period', '2026-04'], io);
    expect([0, 1]).toContain(again);
    expect(out.join('\n')).toMatch(/Temporal re-sync resync-/);
  }, 120_000);
});
