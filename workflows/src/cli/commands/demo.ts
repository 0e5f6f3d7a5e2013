/**
 * `demo` (what `npm start` runs): the portal SIMULATOR with a seeded month of purchase and sales
 * invoices and a few of every known fault, an embedded PGlite store, a sync of the month in both
 * directions (in-process, or through Temporal when TEMPORAL_ADDRESS is set), the status table, a re-sync
 * of what is still missing, and a summary.
 */
import { rmSync } from 'node:fs';
import Table from 'cli-table3';
import {
  runDirectResync,
  runDirectSync,
  type DirectSyncResult,
  type ProgressEvent,
} from '../../direct/run-direct.js';
import { formatInvoiceKey } from '../../portal/types.js';
import type { SyncPart } from '../../store/types.js';
import { ALL_PARTS } from '../../sync/batch.js';
import { ALL_DIRECTIONS } from '../../sync/plan.js';
import { runSyncWorker } from '../../worker/main.js';
import {
  checkPeriod,
  checkPortal,
  connectTemporal,
  DEFAULT_SIMULATOR_TAX_CODE,
  openCliStore,
  openPortal,
  useTemporal,
  type CliContext,
  type OpenedPortal,
  type OpenedStore,
} from '../config.js';
import { CliError } from '../errors.js';
import { parseFaults, DEMO_FAULTS } from '../faults.js';
import { EXIT, type ExitCode } from '../io.js';
import { outcomeOf, printRunResult } from '../outcome.js';
import { createProgress } from '../progress.js';
import { countsTable, invoiceTable, runsTable } from '../tables.js';
import { missingKeys, waitForWorkflows } from './sync.js';

export interface DemoFlags {
  invoices?: number;
  period?: string;
  seed?: string;
  /** Requests per second the simulator accepts before answering 429. */
  portalLimit?: number;
  faults?: string;
}

export const DEMO_DATA_DIR = '.data/demo';

const PARTS: SyncPart[] = [...ALL_PARTS];

export async function demoCommand(context: CliContext, flags: DemoFlags): Promise<ExitCode> {
  const { io, t } = context;
  const clock = io.now ?? Date.now;
  const startedAt = clock();
  const period = checkPeriod(flags.period ?? '2026-10');
  const invoiceCount = flags.invoices ?? 100;
  const portalLimit = flags.portalLimit ?? 25;
  // One session expiry about halfway: two portal calls per invoice plus the list pages.
  const faults = {
    sessionExpiry: { afterCalls: Math.max(10, Math.round(invoiceCount * 1.5)) },
    ...parseFaults(flags.faults ?? DEMO_FAULTS),
  };

  io.out(t('demoBanner'));
  if (!context.options.dataDir && !io.store && !io.env['DATABASE_URL']?.trim()) {
    // The demo's own folder starts empty every time, so the demo always shows a first sync.
    rmSync(DEMO_DATA_DIR, { recursive: true, force: true });
    context.options.dataDir = DEMO_DATA_DIR;
  }
  const opened = await openCliStore(context);
  try {
    const portal = await openPortal(context, {
      taxCode: DEFAULT_SIMULATOR_TAX_CODE,
      period,
      forceSimulator: true,
      simulator: { seed: flags.seed ?? 'demo', invoiceCount, rateLimitPerSecond: portalLimit, faults },
      // A whisker under what the simulator accepts: timing jitter still makes a few requests meet its
      // 429 and Retry-After (at exactly its limit, jitter in this one process makes dozens).
      simulatorRate: Math.max(1, portalLimit - 1),
    });
    try {
      await checkPortal(context, portal);
      io.out(t('demoStore', { store: opened.label }));
      const taxCode = portal.taxCode;
      const temporal = useTemporal(context);

      io.out(t('demoStepSync', { period, mode: temporal ? 'Temporal' : t('inProcess') }));
      const first = temporal
        ? await viaTemporal(context, portal, opened, taxCode, period, false)
        : await directly(context, (onProgress) =>
            runDirectSync({
              ...common(context, portal, opened),
              onProgress,
              taxCode,
              period,
              directions: [...ALL_DIRECTIONS],
            }),
          );
      if (first === null) return EXIT.incomplete;

      io.out(t('demoStepTable'));
      const missingFirst = await opened.store.listInvoices({
        taxCode,
        period,
        xmlStatus: ['not_synced', 'unavailable', 'incomplete', 'failed'],
        limit: 6,
      });
      const someSynced = await opened.store.listInvoices({
        taxCode,
        period,
        xmlStatus: ['synced'],
        limit: 4,
      });
      io.out(invoiceTable(t, [...someSynced, ...missingFirst]));
      io.out(countsTable(t, (await outcomeOf(opened.store, { taxCode, period }, PARTS)).counts));

      io.out(t('demoStepResync', { command: `sync selected --missing details,xml --period ${period}` }));
      const second = temporal
        ? await viaTemporal(context, portal, opened, taxCode, period, true)
        : await directly(context, (onProgress) =>
            runDirectResync({ ...common(context, portal, opened), onProgress, missing: { taxCode, period } }),
          );
      if (second === null) return EXIT.incomplete;

      const outcome = await outcomeOf(opened.store, { taxCode, period }, PARTS);
      io.out(countsTable(t, outcome.counts));
      io.out(runsTable(t, await opened.store.listRuns({ limit: 4 }), clock()));

      // Every simulated invoice must be in the store exactly once.
      const stored = new Set(
        (await opened.store.listInvoices({ taxCode, period })).map((invoice) => formatInvoiceKey(invoice)),
      );
      const lost = portal.simulator!.invoices.filter(
        (invoice) => !stored.has(formatInvoiceKey(invoice)),
      ).length;
      const stats = portal.simulator!.stats();
      const summary = new Table({ style: { head: [], border: [], compact: true } });
      const { details, xml } = outcome.counts;
      summary.push(
        [t('sumInvoices'), String(stored.size)],
        [t('sumDetailsSynced'), String(details.synced)],
        [t('sumXmlSynced'), String(xml.synced)],
        [t('sumUnavailable'), String(details.unavailable + xml.unavailable)],
        [t('sumIncomplete'), String(details.incomplete + xml.incomplete)],
        [t('sumFailed'), String(details.failed + xml.failed)],
        [t('sumNotSynced'), String(details.not_synced + xml.not_synced)],
        [t('sumLost'), String(lost)],
        [t('sumPortalCalls'), String(stats.requests)],
        [t('sumRetries'), String(portal.counters.retries)],
        [t('sumRateLimited'), String(stats.rejectedByRateLimit)],
        [t('sumSessionExpired'), String(stats.faultsInjected['sessionExpiry'] ?? 0)],
        [t('sumElapsed'), `${((clock() - startedAt) / 1000).toFixed(1)} s`],
      );
      io.out(t('demoSummary'));
      io.out(summary.toString());
      io.out(t('demoExplain'));
      if (!io.store && !io.env['DATABASE_URL']?.trim() && !context.options.dataDir?.includes('://')) {
        io.out(t('demoNext', { dataDir: context.options.dataDir ?? DEMO_DATA_DIR }));
      }
      return lost === 0 ? EXIT.ok : EXIT.incomplete;
    } finally {
      await portal.close();
    }
  } finally {
    await opened.close();
  }
}

function common(context: CliContext, portal: OpenedPortal, opened: OpenedStore) {
  return {
    portal: portal.portal,
    store: opened.store,
    parts: PARTS,
    rateLimitPerSecond: portal.rate,
    concurrency: portal.concurrency,
    ...(context.io.signal ? { signal: context.io.signal } : {}),
  };
}

/** Runs one in-process step with progress; null when the user stopped it. */
async function directly(
  context: CliContext,
  run: (onProgress: (event: ProgressEvent) => void) => Promise<DirectSyncResult>,
): Promise<DirectSyncResult | null> {
  const progress = createProgress(context);
  let result: DirectSyncResult;
  try {
    result = await run((event) => progress.update(event));
  } finally {
    progress.stop();
  }
  printRunResult(context, result, PARTS);
  if (result.aborted) {
    context.io.out(context.t('stopped'));
    return null;
  }
  return result;
}

/** The same steps through Temporal, with a worker of this process serving the simulator and store. */
async function viaTemporal(
  context: CliContext,
  portal: OpenedPortal,
  opened: OpenedStore,
  taxCode: string,
  period: string,
  resync: boolean,
): Promise<true | null> {
  const { io, t } = context;
  const temporal = await connectTemporal(context);
  const stopWorker = new AbortController();
  const worker = runSyncWorker({
    portal: portal.client,
    store: opened.store,
    env: io.env,
    signal: stopWorker.signal,
  });
  worker.catch(() => undefined);
  try {
    let ids: string[];
    if (!resync) {
      ids = [];
      for (const direction of ALL_DIRECTIONS) {
        ids.push(
          (await temporal.sync.startPeriodSync({ taxCode, direction, period, parts: PARTS })).workflowId,
        );
      }
    } else {
      const keys = await missingKeys(context, opened.store, {
        taxCode,
        period,
        direction: undefined,
        parts: PARTS,
        limit: undefined,
      });
      if (keys.length === 0) return true;
      const started = await temporal.sync.resyncSelected({ taxCode, keys, parts: PARTS, force: false });
      ids = [started.workflowId];
    }
    for (const id of ids) io.out(t('temporalStarted', { workflowId: id }));
    return (await waitForWorkflows(context, temporal.sync, ids)) ? true : null;
  } finally {
    stopWorker.abort();
    await worker.catch((error: unknown) => {
      throw new CliError('unexpected', { reason: error instanceof Error ? error.message : String(error) });
    });
    await temporal.close();
  }
}
