/**
 * `sync` (a period: headers, then details and XML) and `sync selected` (the bulk re-sync of chosen
 * invoices, or of those still missing a part), through the `SyncRunner` that `openRunner` chooses:
 * in-process by default, Temporal when TEMPORAL_ADDRESS is set and `--direct` is not given.
 */
import {
  formatInvoiceKey,
  parseInvoiceKey,
  type InvoiceDirection,
  type InvoiceKey,
} from '../../portal/types.js';
import { StoreError } from '../../store/messages.js';
import { checkKeyRange, KEY_NUMBER_MAX } from '../../store/number-range.js';
import type { InvoiceFilter, InvoiceStore, SyncPart } from '../../store/types.js';
import { ALL_PARTS } from '../../sync/batch.js';
import { ALL_DIRECTIONS } from '../../sync/plan.js';
import {
  checkPeriod,
  checkTaxCode,
  DEFAULT_SIMULATOR_TAX_CODE,
  openCliStore,
  openRunner,
  type CliContext,
  type OpenedRunner,
} from '../config.js';
import { CliError } from '../errors.js';
import type { ExitCode } from '../io.js';
import { reportRun, runWithProgress } from '../outcome.js';

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

/** Every malformed or out-of-range key is named at once, not only the first. */
export function parseKeys(texts: string[]): InvoiceKey[] {
  const keys: InvoiceKey[] = [];
  const malformed: string[] = [];
  for (const text of texts) {
    let key: InvoiceKey;
    try {
      key = parseInvoiceKey(text);
    } catch {
      malformed.push(text);
      continue;
    }
    const [, template = '', , number = ''] = text.trim().split('/');
    try {
      keys.push(checkKeyRange(key));
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      const field = error.params['field'] === 'khmshdon' ? 'khmshdon' : 'shdon';
      throw new CliError(field === 'khmshdon' ? 'templateOutOfRange' : 'numberOutOfRange', {
        key: text,
        value: field === 'khmshdon' ? template : number,
        max: KEY_NUMBER_MAX,
      });
    }
  }
  if (malformed.length === 1) throw new CliError('badKey', { key: malformed[0]! });
  if (malformed.length > 1) {
    throw new CliError('badKeys', { keys: malformed.map((text) => `"${text}"`).join(', ') });
  }
  return keys;
}

/** How many unknown keys an error names (the count says how many there are). */
const UNKNOWN_KEYS_SHOWN = 10;

async function refuseUnknownKeys(store: InvoiceStore, keys: InvoiceKey[]): Promise<void> {
  if (keys.length === 0) return;
  const known = new Set<string>();
  // In slices: one statement per slice, whatever the number of keys typed.
  for (let start = 0; start < keys.length; start += 500) {
    const found = await store.listInvoices({ keys: keys.slice(start, start + 500) });
    for (const invoice of found) known.add(formatInvoiceKey(invoice));
  }
  const unknown = [...new Set(keys.map(formatInvoiceKey))].filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, UNKNOWN_KEYS_SHOWN).join(', ');
  throw new CliError('keysNotInStore', {
    count: unknown.length,
    keys: unknown.length > UNKNOWN_KEYS_SHOWN ? `${shown}, …` : shown,
  });
}

function taxCodeOf(context: CliContext, flag: string | undefined): string {
  return checkTaxCode(flag ?? context.io.env['PORTAL_USERNAME']?.trim() ?? DEFAULT_SIMULATOR_TAX_CODE);
}

/** One line saying where the run goes, on Temporal (the in-process output is unchanged). */
export function announceRunner(context: CliContext, opened: OpenedRunner): void {
  const place = opened.runner.temporal;
  if (!place) return;
  context.io.out(context.t('runnerTemporal', { address: place.address, namespace: place.namespace }));
  // A local dev server has said where its UI is already.
  if (place.uiUrl && !opened.localServer) context.io.out(context.t('temporalUi', { url: place.uiUrl }));
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
  const hintScope = ` --period ${period}`;

  const opened = await openCliStore(context);
  try {
    const runner = await openRunner(context, { store: opened, portal: { taxCode, period } });
    try {
      announceRunner(context, runner);
      if (runner.runner.mode === 'in-process') {
        io.out(
          t('syncStarting', { taxCode, period, directions: directions.join(', '), store: opened.label }),
        );
      }
      const report = await runWithProgress(context, (observer) =>
        runner.runner.syncPeriod({ taxCode, period, directions, parts }, observer),
      );
      if (!report.detached) {
        io.out(
          report.mode === 'in-process'
            ? t('listed', { count: report.listed, run: report.runId ?? '-' })
            : t('listedTemporal', { count: report.listed }),
        );
      }
      return await reportRun(context, { store: opened.store, runner }, report, { scope, parts, hintScope });
    } finally {
      await runner.close();
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
  const keys = parseKeys(keyTexts);
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
  const hintScope = period ? ` --period ${period}` : '';

  const opened = await openCliStore(context);
  try {
    // A key the store does not have cannot be re-synced: refuse it before any run (and any portal call).
    await refuseUnknownKeys(opened.store, keys);
    const runner = await openRunner(context, {
      store: opened,
      portal: { taxCode, ...(period ? { period } : {}) },
    });
    try {
      announceRunner(context, runner);
      const report = await runWithProgress(context, (observer) =>
        runner.runner.resync(
          {
            taxCode,
            parts,
            // Chosen invoices are re-fetched even if synced; a "missing" selection only needs what is not.
            force: flags.force ?? keys.length > 0,
            ...(keys.length > 0
              ? { keys }
              : {
                  missing: {
                    ...(period ? { period } : {}),
                    ...(direction ? { direction } : {}),
                    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
                  },
                }),
          },
          observer,
        ),
      );
      if (report.mode === 'in-process') {
        io.out(t('resynced', { count: report.listed, run: report.runId ?? '-' }));
      } else if (report.added && report.added.accepted + report.added.joined === 0) {
        io.out(t('nothingToResync'));
      }
      return await reportRun(context, { store: opened.store, runner }, report, { scope, parts, hintScope });
    } finally {
      await runner.close();
    }
  } finally {
    await opened.close();
  }
}
