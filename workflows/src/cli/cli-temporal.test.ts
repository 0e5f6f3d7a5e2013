/**
 * The CLI through Temporal on a real dev server (`startDevServer`: in CI a missing server fails the
 * suite; elsewhere it says loudly that it did NOT RUN): `sync --period` and `sync selected` against
 * the portal simulator with the workers in this test process, then `status` with the workflows, their
 * progress and UI links (en and vi), `status --json`, `status --watch` stopped by the signal after its
 * first redraw, and the demo on a "local" server with its own in-process worker.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorCaptchaSolver } from '../portal/captcha.js';
import { createPortalClient } from '../portal/client.js';
import { formatInvoiceKey, type PortalClient } from '../portal/types.js';
import { startSimulator, type Simulator } from '../simulator/server.js';
import { openStore } from '../store/open-store.js';
import type { InvoiceStore } from '../store/types.js';
import { requireDevServer, startDevServer, uniqueTaskQueues, workflowBundle } from '../testing/index.js';
import { createSyncWorkers, type SyncWorkers } from '../worker/create-workers.js';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const enabled = requireDevServer('invoice-sync CLI on the Temporal dev server');
const PERIOD = '2026-04';
const UI = 'http://ui.test:8233';

/** Portal calls held at a gate until released, so a test can look at a run in the middle. */
function gatedPortal(inner: PortalClient) {
  let gate: Promise<void> | null = null;
  let lists = false;
  let release: () => void = () => undefined;
  let reached: () => void = () => undefined;
  let waiting: Promise<void> = Promise.resolve();
  const held = async <T>(work: () => Promise<T>): Promise<T> => {
    if (gate) {
      reached();
      await gate;
    }
    return work();
  };
  return {
    portal: {
      listHeaders: (request) => (lists ? held(() => inner.listHeaders(request)) : inner.listHeaders(request)),
      getDetail: (family, key, signal) => held(() => inner.getDetail(family, key, signal)),
      exportXml: (family, key, signal) => held(() => inner.exportXml(family, key, signal)),
      getRelative: (family, key, signal) => inner.getRelative(family, key, signal),
    } satisfies PortalClient,
    /** Holds the next detail/XML (and list) calls; resolves `reached` when the first one arrives. */
    close(options: { lists?: boolean } = {}): { reached: Promise<void> } {
      lists = options.lists ?? false;
      gate = new Promise((resolve) => (release = resolve));
      waiting = new Promise((resolve) => (reached = resolve));
      return { reached: waiting };
    },
    open(): void {
      gate = null;
      lists = false;
      release();
    },
  };
}

describe.skipIf(!enabled)('invoice-sync on the Temporal dev server', () => {
  let server: TestWorkflowEnvironment;
  let sim: Simulator;
  let store: InvoiceStore;
  let workers: SyncWorkers;
  let running: Promise<void>;
  let gated: ReturnType<typeof gatedPortal>;
  let env: Record<string, string | undefined>;
  let namespace: string;
  const taskQueues = uniqueTaskQueues('cli');

  beforeAll(async () => {
    server = await startDevServer();
    namespace = server.namespace ?? 'default';
    sim = await startSimulator({ seed: 'cli-temporal', invoiceCount: 10, period: PERIOD });
    store = await openStore({ databaseUrl: '', dataDir: 'memory://' });
    gated = gatedPortal(
      createPortalClient({
        baseUrls: [`${sim.url}/api`],
        username: sim.credentials.username,
        password: sim.credentials.password,
        captcha: simulatorCaptchaSolver,
      }),
    );
    workers = await createSyncWorkers({
      portal: gated.portal,
      store,
      connection: server.nativeConnection,
      settings: { namespace, portalRatePerSecond: 200, portalConcurrency: 8 },
      workflowBundle: await workflowBundle(),
      taskQueues,
    });
    running = workers.run();
    env = {
      PORTAL_URL: `${sim.url}/api`,
      PORTAL_USERNAME: sim.credentials.username,
      PORTAL_PASSWORD: sim.credentials.password,
      PORTAL_CAPTCHA_SOLVER: 'simulator',
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_UI_URL: UI,
    };
  }, 180_000);

  afterAll(async () => {
    gated?.open();
    workers?.shutdown();
    await running?.catch(() => undefined);
    await store?.close();
    await sim?.close();
    await server?.teardown();
  });

  /** Runs a command; `shared`: on this test's store and task queues (the demo brings its own). */
  function cli(argv: string[], extra: Partial<CliIo> = {}, shared = true) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      env,
      isTTY: false,
      ...(shared ? { store, taskQueues } : {}),
      ...extra,
    };
    return {
      out,
      err,
      done: runCli(argv, io),
      text: () => out.join('\n'),
    };
  }

  const taxCode = () => sim.credentials.username;
  const link = (workflowId: string) =>
    new RegExp(`${UI}/namespaces/${namespace}/workflows/${workflowId}/[0-9a-f-]{36}`);

  it('sync --period and sync selected run as workflows; status shows them with progress and UI links', async () => {
    const purchase = `sync-${taxCode()}-purchase-${PERIOD}`;
    const sold = `sync-${taxCode()}-sold-${PERIOD}`;

    // The first portal call waits at the gate: status sees the workflows running, mid-way.
    const { reached } = gated.close();
    const sync = cli(['sync', '--period', PERIOD]);
    await reached;
    const mid = cli(['status']);
    expect(await mid.done).toBe(0);
    expect(mid.text()).toContain('Workflows on Temporal:');
    expect(mid.text()).toMatch(new RegExp(`│ ${purchase}\\s+│ period\\s+│ running\\s+│`));
    expect(mid.text()).toMatch(/syncing, listed \d+, outstanding \d+, batches \d+\/\d+/);
    expect(mid.text()).toMatch(link(purchase));
    expect(mid.text()).toContain('Outstanding');

    // status --watch: the first draw, one redraw, then Ctrl-C (the signal) ends it with exit 0.
    const stop = new AbortController();
    let draws = 0;
    const watched: string[] = [];
    const watch = cli(['--lang', 'vi', 'status', '--watch', '--interval', '0.05'], {
      signal: stop.signal,
      out: (text) => {
        watched.push(text);
        if (text.startsWith('Cập nhật lúc') && ++draws === 2) stop.abort();
      },
    });
    expect(await watch.done).toBe(0);
    expect(draws).toBe(2);
    const watchText = watched.join('\n');
    expect(watchText).toMatch(/Cập nhật lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}; làm mới mỗi 0.05 giây/);
    expect(watchText).toContain('Bắt đầu (giờ VN)');
    expect(watchText).toMatch(
      new RegExp(`│ ${purchase}\\s+│ period\\s+│ đang chạy\\s+│ \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\s+│`),
    );
    expect(watchText).toMatch(/đang (lấy danh sách|đồng bộ), đã liệt kê \d+, còn lại \d+, lô \d+\/\d+/);
    gated.open();

    expect([0, 1]).toContain(await sync.done);
    const text = sync.text();
    expect(sync.err).toEqual([]);
    expect(text).toContain(`Running through Temporal at ${server.address}, namespace ${namespace}.`);
    expect(text).toContain(`Temporal workflow ${purchase} started (or joined).`);
    expect(text).toContain(`Temporal workflow ${sold} started (or joined).`);
    expect(text).toMatch(link(purchase));
    expect(text).toContain(`Listed ${sim.invoices.length} invoice headers (Temporal).`);
    expect(text).toMatch(/Details synced\s+│ XML synced/);
    const rows = await store.listInvoices({ taxCode: taxCode() });
    expect(rows).toHaveLength(sim.invoices.length);

    // sync selected <keys>: one re-sync workflow per tax code, through update-with-start.
    const chosen = sim.invoices.slice(0, 2).map(formatInvoiceKey);
    const before = sim.stats().byEndpoint['detail'] ?? 0;
    const selected = cli(['sync', 'selected', ...chosen, '--parts', 'details']);
    expect(await selected.done).toBe(0);
    expect(selected.text()).toContain(`Temporal re-sync resync-${taxCode()}: 2 invoices accepted, 0 joined`);
    expect(selected.text()).toMatch(link(`resync-${taxCode()}`));
    expect((sim.stats().byEndpoint['detail'] ?? 0) - before).toBe(2);

    // A key not in the store is refused before any workflow starts (exit 2), named.
    const stranger = `${taxCode()}/1/C26TZZ/99999999`;
    const unknown = cli(['sync', 'selected', stranger]);
    expect(await unknown.done).toBe(2);
    expect(unknown.err.join('\n')).toContain(`1 invoice keys are not in the store: ${stranger}`);
    expect(unknown.text()).not.toContain('Temporal re-sync');
    expect(unknown.text()).not.toContain('All invoices synced.');

    const missing = cli(['sync', 'selected', '--missing', 'xml', '--period', PERIOD]);
    expect([0, 1]).toContain(await missing.done);
    expect(missing.err).toEqual([]);

    const after = cli(['status']);
    expect(await after.done).toBe(0);
    expect(after.text()).toMatch(
      new RegExp(
        `│ ${purchase}\\s+│ period\\s+│ completed\\s+│ \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\s+│`,
      ),
    );
    expect(after.text()).toMatch(new RegExp(`│ resync-${taxCode()}\\s+│ resync\\s+│`));
    expect(after.text()).toContain('In the Temporal UI:');
    for (const id of [purchase, sold, `resync-${taxCode()}`]) expect(after.text()).toMatch(link(id));

    const json = cli(['status', '--json', '--kind', 'sync']);
    expect(await json.done).toBe(0);
    const parsed = JSON.parse(json.text()) as {
      runs: unknown[];
      workflows: {
        workflowId: string;
        status: string;
        kind: string;
        uiUrl: string;
        outstanding: number | null;
      }[];
    };
    expect(parsed.workflows.map((workflow) => workflow.workflowId).sort()).toEqual([purchase, sold].sort());
    for (const workflow of parsed.workflows) {
      expect(workflow).toMatchObject({ status: 'COMPLETED', kind: 'period', outstanding: 0 });
      expect(workflow.uiUrl).toMatch(link(workflow.workflowId));
    }
  }, 180_000);

  it('Ctrl-C while following stops waiting; the workflows go on, and the next sync joins them', async () => {
    const { reached } = gated.close({ lists: true });
    const stop = new AbortController();
    const lines: string[] = [];
    const first = cli(['sync', '--period', PERIOD, '--direction', 'purchase'], {
      signal: stop.signal,
      out: (text) => {
        lines.push(text);
        if (text.startsWith('Temporal workflow sync-')) stop.abort();
      },
    });
    expect(await first.done).toBe(1);
    expect(lines).toContain(
      'Stopped waiting; the workflows go on running on Temporal. See: npm run sync -- status',
    );
    await reached;
    const again = cli(['sync', '--period', PERIOD, '--direction', 'purchase']);
    gated.open();
    expect([0, 1]).toContain(await again.done);
    expect(again.text()).toContain(
      `Listed ${sim.invoices.filter((i) => i.direction === 'purchase').length} invoice headers (Temporal).`,
    );
  }, 120_000);

  it('demo on a local server runs its own worker, prints the workflows and where to look', async () => {
    let stopped = 0;
    const demo = cli(
      ['demo', '--invoices', '8', '--data-dir', 'memory://'],
      {
        // The demo's own store, simulator and worker; the "local" dev server is this test's.
        env: { TEMPORAL_UI_URL: UI },
        localTemporal: async () => ({
          ok: true,
          address: server.address,
          namespace,
          uiUrl: UI,
          source: 'running',
          pid: null,
          codecEndpoint: null,
          stop: async () => void stopped++,
        }),
      },
      false,
    );
    const code = await demo.done;
    const text = demo.text();
    expect(demo.err).toEqual([]);
    expect(code).toBe(0);
    expect(text).toContain(`purchases and sales (Temporal at ${server.address}, namespace ${namespace})`);
    expect(text).toMatch(link(`sync-0109744141-purchase-2026-10`));
    expect(text).toMatch(/Invoices\s+│ 8\s/);
    expect(text).toMatch(/Lost \(on the portal, not in the store\)\s+│ 0\s/);
    expect(text).toContain('Workflows on Temporal:');
    expect(text).toContain(`The local Temporal dev server keeps running with these workflows: open ${UI}.`);
    expect(text).toContain('npm run sync -- devserver stop');
    // A server the demo did not download is left running.
    expect(stopped).toBe(0);
  }, 180_000);
});
