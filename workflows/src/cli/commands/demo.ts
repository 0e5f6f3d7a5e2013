/**
 * `demo` (what `npm start` runs): the portal SIMULATOR with a seeded month of purchase and sales
 * invoices and a few of every known fault, an embedded PGlite store, a sync of the month in both
 * directions (in-process, or through Temporal when TEMPORAL_ADDRESS is set), the status table, a re-sync
 * of what is still missing, and a summary.
 */
import { rmSync } from 'node:fs';
import Table from 'cli-table3';
import type { RunObserver, RunReport, SyncRunner } from '../../runner/index.js';
import { formatInvoiceKey } from '../../portal/types.js';
import type { SyncPart } from '../../store/types.js';
import { ALL_PARTS } from '../../sync/batch.js';
import { ALL_DIRECTIONS } from '../../sync/plan.js';
import {
  checkPeriod,
  DEFAULT_SIMULATOR_TAX_CODE,
  openCliStore,
  openRunner,
  type CliContext,
} from '../config.js';
import { parseFaults, DEMO_FAULTS } from '../faults.js';
import { EXIT, type ExitCode } from '../io.js';
import { outcomeOf, printRunResult, runWithProgress } from '../outcome.js';
import { countsTable, formatCount, formatSeconds, invoiceTable, runsTable } from '../tables.js';
import { announceRunner } from './sync.js';

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
    const run = await openRunner(context, {
      store: opened,
      demo: true,
      portal: {
        taxCode: DEFAULT_SIMULATOR_TAX_CODE,
        period,
        forceSimulator: true,
        simulator: { seed: flags.seed ?? 'demo', invoiceCount, rateLimitPerSecond: portalLimit, faults },
        // A whisker under what the simulator accepts: timing jitter still makes a few requests meet its
        // 429 and Retry-After (at exactly its limit, jitter in this one process makes dozens).
        simulatorRate: Math.max(1, portalLimit - 1),
      },
    });
    try {
      const { runner } = run;
      // The demo always has its simulator in this process (the in-process runner or its worker calls it).
      const portal = run.portal!;
      announceRunner(context, run);
      io.out(t('demoStore', { store: opened.label }));
      const taxCode = portal.taxCode;
      const started: RunReport['workflows'] = [];

      io.out(t('demoStepSync', { period, mode: modeOf(context, runner) }));
      const first = await step(context, started, (observer) =>
        runner.syncPeriod({ taxCode, period, directions: [...ALL_DIRECTIONS], parts: PARTS }, observer),
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
      io.out(invoiceTable(t, context.language, [...someSynced, ...missingFirst]));
      io.out(
        countsTable(t, context.language, (await outcomeOf(opened.store, { taxCode, period }, PARTS)).counts),
      );

      io.out(t('demoStepResync', { command: `sync selected --missing details,xml --period ${period}` }));
      const second = await step(context, started, (observer) =>
        runner.resync({ taxCode, parts: PARTS, force: false, missing: { period } }, observer),
      );
      if (second === null) return EXIT.incomplete;

      const outcome = await outcomeOf(opened.store, { taxCode, period }, PARTS);
      io.out(countsTable(t, context.language, outcome.counts));
      const runs = await opened.store.listRuns({ limit: 4 });
      if (runs.length > 0) io.out(runsTable(t, context.language, runs, clock()));

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
      const n = (count: number) => formatCount(count, context.language);
      summary.push(
        [t('sumInvoices'), n(stored.size)],
        [t('sumDetailsSynced'), n(details.synced)],
        [t('sumXmlSynced'), n(xml.synced)],
        [t('sumUnavailable'), n(details.unavailable + xml.unavailable)],
        [t('sumIncomplete'), n(details.incomplete + xml.incomplete)],
        [t('sumFailed'), n(details.failed + xml.failed)],
        [t('sumNotSynced'), n(details.not_synced + xml.not_synced)],
        [t('sumLost'), n(lost)],
        [t('sumPortalCalls'), n(stats.requests)],
        [t('sumRetries'), n(portal.counters.retries)],
        [t('sumRateLimited'), n(stats.rejectedByRateLimit)],
        [t('sumSessionExpired'), n(stats.faultsInjected['sessionExpiry'] ?? 0)],
        [t('sumElapsed'), formatSeconds(t, context.language, clock() - startedAt)],
      );
      io.out(t('demoSummary'));
      io.out(summary.toString());
      io.out(t('demoExplain'));
      const dataDir = context.options.dataDir ?? DEMO_DATA_DIR;
      const ownFolder = !io.store && !io.env['DATABASE_URL']?.trim() && !dataDir.includes('://');
      if (ownFolder) io.out(t('demoNext', { dataDir }));
      const place = runner.temporal;
      if (place) {
        io.out(t('workflowsHeading'));
        for (const workflow of started) {
          io.out(`  ${workflow.workflowId}${workflow.uiUrl ? `  ${workflow.uiUrl}` : ''}`);
        }
        if (ownFolder) {
          io.out(t('demoTemporalStatus', { address: place.address, namespace: place.namespace, dataDir }));
        }
        if (run.localServer && run.localServer.source !== 'download') {
          io.out(t('demoServerLeft', { url: place.uiUrl ?? place.address, command: DEVSERVER_STOP }));
        }
      }
      return lost === 0 ? EXIT.ok : EXIT.incomplete;
    } finally {
      await run.close();
    }
  } finally {
    await opened.close();
  }
}

/** How to stop the dev server the demo leaves running. */
export const DEVSERVER_STOP = 'npm run sync -- devserver stop';

function modeOf(context: CliContext, runner: SyncRunner): string {
  const place = runner.temporal;
  if (!place) return context.t('inProcess');
  return context.t('modeTemporal', { address: place.address, namespace: place.namespace });
}

/** Runs one step with progress and prints what it did; null when the user stopped it. */
async function step(
  context: CliContext,
  started: RunReport['workflows'],
  work: (observer: RunObserver) => Promise<RunReport>,
): Promise<RunReport | null> {
  const report = await runWithProgress(context, work);
  for (const workflow of report.workflows) {
    if (!started.some((seen) => seen.workflowId === workflow.workflowId && seen.runId === workflow.runId)) {
      started.push(workflow);
    }
  }
  if (report.detached) {
    context.io.out(context.t('temporalDetached'));
    return null;
  }
  printRunResult(context, report, PARTS);
  if (report.aborted) {
    context.io.out(context.t('stopped'));
    return null;
  }
  return report;
}
