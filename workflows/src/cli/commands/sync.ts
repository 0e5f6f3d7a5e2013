/**
 * `sync` (a period: headers, then details and XML) and `sync selected` (the bulk re-sync of chosen
 * invoices, or of those still missing a part). In-process by default; through Temporal when
 * TEMPORAL_ADDRESS is set and `--direct` is not given.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncClient } from '../../client/sync-client.js';
import { runDirectResync, runDirectSync, type DirectSyncResult } from '../../direct/run-direct.js';
import {
  formatInvoiceKey,
  parseInvoiceKey,
  type InvoiceDirection,
  type InvoiceKey,
} from '../../portal/types.js';
import type { InvoiceFilter, SyncPart } from '../../store/types.js';
import { ALL_PARTS } from '../../sync/batch.js';
import { ALL_DIRECTIONS } from '../../sync/plan.js';
import type { SyncProgress } from '../../workflows/definitions.js';
import {
  checkPeriod,
  checkPortal,
  checkTaxCode,
  connectTemporal,
  DEFAULT_SIMULATOR_TAX_CODE,
  openCliStore,
  openPortal,
  useTemporal,
  type CliContext,
} from '../config.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';
import { outcomeOf, printOutcome, printRunResult } from '../outcome.js';
import { createProgress } from '../progress.js';

export interface SyncPeriodFlags {
  taxCode?: string;
  period?: string;
  direction?: string;
  parts?: string;
}

export interface SyncSelectedFlags {
  taxCode?: string;
  period?: string;
  direction?: string;
  missing?: string;
  parts?: string;
  /** Commander's `--no-force`. */
  force?: boolean;
  limit?: number;
}

/** `--parts headers,details,xml|all`: the parts after the headers (headers are always listed). */
export function parseParts(text: string | undefined, option = '--parts'): SyncPart[] {
  if (text === undefined || text === 'all') return [...ALL_PARTS];
  const wanted = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const known = ['headers', 'details', 'xml', 'all'];
  const unknown = wanted.find((part) => !known.includes(part));
  if (unknown !== undefined || wanted.length === 0) {
    const expected = option === '--missing' ? 'details, xml or details,xml' : 'headers,details,xml or all';
    throw new CliError('badOption', { option, value: text, expected });
  }
  if (wanted.includes('all')) return [...ALL_PARTS];
  return ALL_PARTS.filter((part) => wanted.includes(part));
}

export function parseDirections(text: string | undefined): InvoiceDirection[] {
  if (text === undefined || text === 'both') return [...ALL_DIRECTIONS];
  if (text === 'purchase' || text === 'sold') return [text];
  throw new CliError('badOption', { option: '--direction', value: text, expected: 'purchase, sold or both' });
}

function taxCodeOf(context: CliContext, flag: string | undefined): string {
  return checkTaxCode(flag ?? context.io.env['PORTAL_USERNAME']?.trim() ?? DEFAULT_SIMULATOR_TAX_CODE);
}

/** After an in-process run: its counts, the portal calls, the outcome in the store and the exit code. */
async function reportInProcessRun(
  context: CliContext,
  store: Parameters<typeof outcomeOf>[0],
  portal: { counters: { calls: number; retries: number } },
  result: DirectSyncResult,
  report: { scope: InvoiceFilter; parts: SyncPart[]; hint: string },
): Promise<ExitCode> {
  printRunResult(context, result, report.parts);
  context.io.out(
    context.t('portalCalls', { calls: portal.counters.calls, retries: portal.counters.retries }),
  );
  const exitCode = printOutcome(
    context,
    await outcomeOf(store, report.scope, report.parts),
    report.hint,
    result.errors.length,
  );
  if (!result.aborted) return exitCode;
  context.io.out(context.t('stopped'));
  return EXIT.incomplete;
}

export async function syncPeriodCommand(context: CliContext, flags: SyncPeriodFlags): Promise<ExitCode> {
  const { io, t } = context;
  if (!flags.period) throw new CliError('missingOption', { option: '--period' });
  const period = checkPeriod(flags.period);
  const parts = parseParts(flags.parts);
  const directions = parseDirections(flags.direction);
  const taxCode = taxCodeOf(context, flags.taxCode);
  const scope: InvoiceFilter = {
    taxCode,
    period,
    ...(directions.length === 1 ? { direction: directions[0]! } : {}),
  };
  const hint = `sync selected --missing ${parts.join(',') || 'details,xml'} --period ${period}`;

  if (useTemporal(context)) {
    const opened = await openCliStore(context);
    try {
      const temporal = await connectTemporal(context);
      try {
        const ids: string[] = [];
        for (const direction of directions) {
          const started = await temporal.sync.startPeriodSync({ taxCode, direction, period, parts });
          io.out(t('temporalStarted', { workflowId: started.workflowId }));
          ids.push(started.workflowId);
        }
        const finished = await waitForWorkflows(context, temporal.sync, ids);
        if (!finished) return EXIT.incomplete;
      } finally {
        await temporal.close();
      }
      return printOutcome(context, await outcomeOf(opened.store, scope, parts), hint);
    } finally {
      await opened.close();
    }
  }

  const opened = await openCliStore(context);
  try {
    const portal = await openPortal(context, { taxCode, period });
    try {
      await checkPortal(context, portal);
      io.out(t('syncStarting', { taxCode, period, directions: directions.join(', '), store: opened.label }));
      const progress = createProgress(context);
      let result: DirectSyncResult;
      try {
        result = await runDirectSync({
          portal: portal.portal,
          store: opened.store,
          taxCode,
          period,
          directions,
          parts,
          rateLimitPerSecond: portal.rate,
          concurrency: portal.concurrency,
          onProgress: (event) => progress.update(event),
          ...(io.signal ? { signal: io.signal } : {}),
        });
      } finally {
        progress.stop();
      }
      io.out(t('listed', { count: result.listed, run: result.runId }));
      return await reportInProcessRun(context, opened.store, portal, result, { scope, parts, hint });
    } finally {
      await portal.close();
    }
  } finally {
    await opened.close();
  }
}

export async function syncSelectedCommand(
  context: CliContext,
  keyTexts: string[],
  flags: SyncSelectedFlags,
): Promise<ExitCode> {
  const { io, t } = context;
  if (keyTexts.length > 0 && flags.missing !== undefined) {
    throw new CliError('keysOrMissing', {});
  }
  if (keyTexts.length === 0 && flags.missing === undefined) throw new CliError('keysOrMissing', {});
  const keys: InvoiceKey[] = keyTexts.map((text) => {
    try {
      return parseInvoiceKey(text);
    } catch {
      throw new CliError('badKey', { key: text });
    }
  });
  const parts =
    flags.missing !== undefined ? parseParts(flags.missing, '--missing') : parseParts(flags.parts);
  if (parts.length === 0)
    throw new CliError('badOption', {
      option: '--missing',
      value: flags.missing ?? '',
      expected: 'details, xml or details,xml',
    });
  const period = flags.period !== undefined ? checkPeriod(flags.period) : undefined;
  const directions = parseDirections(flags.direction);
  const direction = directions.length === 1 ? directions[0] : undefined;
  const taxCode = taxCodeOf(context, flags.taxCode);
  const scope: InvoiceFilter =
    keys.length > 0
      ? { keys }
      : { taxCode, ...(period ? { period } : {}), ...(direction ? { direction } : {}) };
  const hint = `sync selected --missing ${parts.join(',')}${period ? ` --period ${period}` : ''}`;

  const opened = await openCliStore(context);
  try {
    if (useTemporal(context)) {
      const selected =
        keys.length > 0
          ? keys
          : await missingKeys(context, opened.store, {
              taxCode,
              period,
              direction,
              parts,
              limit: flags.limit,
            });
      if (selected.length === 0) {
        io.out(t('nothingToResync'));
        return printOutcome(context, await outcomeOf(opened.store, scope, parts), hint);
      }
      const temporal = await connectTemporal(context);
      try {
        const started = await temporal.sync.resyncSelected({
          taxCode,
          keys: selected,
          parts,
          force: flags.force ?? keys.length > 0,
        });
        io.out(
          t('temporalResync', {
            workflowId: started.workflowId,
            accepted: started.added.accepted,
            joined: started.added.joined,
          }),
        );
        const finished = await waitForWorkflows(context, temporal.sync, [started.workflowId]);
        if (!finished) return EXIT.incomplete;
      } finally {
        await temporal.close();
      }
      return printOutcome(context, await outcomeOf(opened.store, scope, parts), hint);
    }

    const portal = await openPortal(context, { taxCode, ...(period ? { period } : {}) });
    try {
      await checkPortal(context, portal);
      const progress = createProgress(context);
      const common = {
        portal: portal.portal,
        store: opened.store,
        parts,
        rateLimitPerSecond: portal.rate,
        concurrency: portal.concurrency,
        onProgress: (event: Parameters<typeof progress.update>[0]) => progress.update(event),
        ...(io.signal ? { signal: io.signal } : {}),
      };
      let result: DirectSyncResult;
      try {
        result =
          keys.length > 0
            ? await runDirectResync({ ...common, keys, taxCode, force: flags.force ?? true })
            : await runDirectResync({
                ...common,
                missing: { taxCode, ...(period ? { period } : {}), ...(direction ? { direction } : {}) },
                ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
              });
      } finally {
        progress.stop();
      }
      io.out(t('resynced', { count: result.listed, run: result.runId }));
      return await reportInProcessRun(context, opened.store, portal, result, { scope, parts, hint });
    } finally {
      await portal.close();
    }
  } finally {
    await opened.close();
  }
}

export async function missingKeys(
  context: CliContext,
  store: Parameters<typeof outcomeOf>[0],
  request: {
    taxCode: string;
    period: string | undefined;
    direction: InvoiceDirection | undefined;
    parts: SyncPart[];
    limit: number | undefined;
  },
): Promise<InvoiceKey[]> {
  const filter: InvoiceFilter = {
    taxCode: request.taxCode,
    ...(request.period ? { period: request.period } : {}),
    ...(request.direction ? { direction: request.direction } : {}),
  };
  const wanted = ['not_synced', 'unavailable', 'incomplete'] as const;
  const byKey = new Map<string, InvoiceKey>();
  for (const part of request.parts) {
    const rows = await store.listInvoices({
      ...filter,
      ...(part === 'details' ? { detailsStatus: [...wanted] } : { xmlStatus: [...wanted] }),
    });
    for (const row of rows) byKey.set(formatInvoiceKey(row), row);
  }
  context.logger.debug({ selected: byKey.size }, 'invoices missing parts');
  const keys = [...byKey.values()].map((row) => ({
    nbmst: row.nbmst,
    khmshdon: row.khmshdon,
    khhdon: row.khhdon,
    shdon: row.shdon,
  }));
  return request.limit !== undefined ? keys.slice(0, request.limit) : keys;
}

/** Per part: invoices with an outcome so far, out of those listed or queued. */
function partProgress(progress: SyncProgress, part: SyncPart): number {
  let done = 0;
  for (const count of Object.values(progress.counts[part])) done += count ?? 0;
  return done;
}

/**
 * Follows workflows through their progress query until they finish. Returns false when stopped by the
 * user (the workflows go on running on the server).
 */
export async function waitForWorkflows(
  context: CliContext,
  sync: SyncClient,
  ids: string[],
): Promise<boolean> {
  const { io, t } = context;
  const progress = createProgress(context);
  let settled = false;
  const results = Promise.all(ids.map((id) => sync.result(id))).finally(() => {
    settled = true;
  });
  results.catch(() => undefined);
  try {
    while (!settled) {
      if (io.signal?.aborted) {
        io.out(t('temporalDetached'));
        return false;
      }
      const done: Record<SyncPart, number> = { details: 0, xml: 0 };
      let listed = 0;
      for (const id of ids) {
        const current = await sync.getProgress(id).catch(() => null);
        if (!current) continue;
        listed += Math.max(current.listed, current.outstanding);
        for (const part of ALL_PARTS) done[part] += partProgress(current, part);
      }
      for (const part of ALL_PARTS) {
        if (listed > 0) progress.update({ part, done: done[part], total: Math.max(listed, done[part]) });
      }
      await Promise.race([sleep(1000), results.catch(() => undefined)]);
    }
    await results;
    return true;
  } finally {
    progress.stop();
  }
}
