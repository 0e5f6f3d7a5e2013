/**
 * Where the CLI's settings come from (flags first, then the environment) and what they open: the
 * store (DATABASE_URL, else embedded PGlite in `--data-dir`), the portal (PORTAL_URL and credentials,
 * else the local SIMULATOR, clearly labelled), and Temporal (TEMPORAL_ADDRESS unless `--direct`).
 */
import { pino, type Logger } from 'pino';
import type { Language, Translate } from '#engine/i18n';
import { connectSyncClient, type SyncClient } from '../client/sync-client.js';
import {
  envCaptchaSolver,
  fileCaptchaSolver,
  simulatorCaptchaSolver,
  type CaptchaSolver,
} from '../portal/captcha.js';
import { createPortalClient, type TaxPortalClient } from '../portal/client.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server.js';
import { StoreError } from '../store/messages.js';
import { DEFAULT_DATA_DIR, maskDatabaseUrl, openStore } from '../store/open-store.js';
import type { InvoiceStore } from '../store/types.js';
import { monthsOf } from '../sync/plan.js';
import {
  createInProcessRunner,
  createTemporalRunner,
  ensureLocalTemporal,
  LOCAL_SERVER_DATA_DIR,
  uiUrlFor,
  type LocalTemporal,
  type StartWorker,
  type SyncRunner,
} from '../runner/index.js';
import { temporalSettingsFromEnv, type TemporalSettings } from '../worker/config.js';
import { DEFAULT_CODEC_SERVER_PORT, payloadCodecFromEnv } from '../codec/index.js';
import { DEMO_TASK_QUEUES } from '../temporal-config.js';
import { runSyncWorker } from '../worker/main.js';
import { loginWithRetry } from '../direct/login-with-retry.js';
import { promptCaptchaSolver } from './captcha-prompt.js';
import { countingPortal, type PortalCounters } from './counting-portal.js';
import { CliError } from './errors.js';
import { routeTemporalLogs } from './temporal-logging.js';
import { EXIT, type CliIo } from './io.js';
import type { CliMessageKey } from './messages.js';

/** The program-wide flags (`--lang`, `--data-dir`, ...), as commander parsed them. */
export interface GlobalOptions {
  lang?: string;
  dataDir?: string;
  direct?: boolean;
  logLevel?: string;
  captcha?: string;
  rate?: number;
  concurrency?: number;
  simSeed?: string;
  simInvoices?: number;
}

export interface CliContext {
  io: CliIo;
  language: Language;
  t: Translate<CliMessageKey>;
  logger: Logger;
  options: GlobalOptions;
}

export const DEFAULT_SIMULATOR_TAX_CODE = '0109744141';
export const PORTAL_BASE_URLS = [
  'https://hoadondientu.gdt.gov.vn/api',
  'https://hoadondientu.gdt.gov.vn:30000',
];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const TAX_CODE = /^\d{10}(-\d{3})?$/;

/** pino to stderr (through `io.err`), quiet unless `--log-level`/LOG_LEVEL says otherwise. */
export function createLogger(io: CliIo, level: string | undefined): Logger {
  const wanted = level ?? io.env['LOG_LEVEL'] ?? 'warn';
  if (!LOG_LEVELS.includes(wanted)) {
    throw new CliError('badOption', {
      option: '--log-level',
      value: wanted,
      expected: LOG_LEVELS.join(', '),
    });
  }
  return pino({ level: wanted, base: null }, { write: (line: string) => io.err(line.trimEnd()) });
}

export function checkTaxCode(taxCode: string): string {
  if (!TAX_CODE.test(taxCode)) {
    throw new CliError('badOption', {
      option: '--tax-code',
      value: taxCode,
      expected: '10 digits, optionally -NNN for a branch',
    });
  }
  return taxCode;
}

export function checkPeriod(period: string): string {
  try {
    monthsOf(period);
  } catch {
    throw new CliError('badOption', {
      option: '--period',
      value: period,
      expected: 'YYYY-MM or YYYY-MM..YYYY-MM',
    });
  }
  return period;
}

// ---------------------------------------------------------------------------------------------- store

export interface OpenedStore {
  store: InvoiceStore;
  /** For the user: where the invoices are kept (never a password). */
  label: string;
  close(): Promise<void>;
}

const maskUrl = maskDatabaseUrl;

/** Store errors that say what to do: a bad URL alone, a busy folder with how to watch it, an unreachable server as exit 3. */
function storeOpenError(context: CliContext, label: string, error: unknown): CliError {
  if (error instanceof StoreError && error.messageKey === 'store.badDatabaseUrl') {
    return new CliError('storeMessage', { message: error.describe(context.language) }, EXIT.usage);
  }
  const reason =
    error instanceof StoreError
      ? error.messageKey === 'store.inUse'
        ? context.t('storeInUseHint', { reason: error.describe(context.language) })
        : error.describe(context.language)
      : error instanceof Error
        ? error.message
        : String(error);
  const exitCode =
    error instanceof StoreError && error.messageKey === 'store.databaseUnreachable'
      ? EXIT.unreachable
      : EXIT.usage;
  const cliError = new CliError('storeOpenFailed', { place: label, reason }, exitCode);
  cliError.cause = error;
  return cliError;
}

/** `brief`: the command holds the store for a moment only (`status`); a sync starting then waits for it. */
export async function openCliStore(
  context: CliContext,
  { brief = false }: { brief?: boolean } = {},
): Promise<OpenedStore> {
  const { io, options } = context;
  if (io.store) return { store: io.store, label: 'provided store', close: async () => undefined };
  const databaseUrl = io.env['DATABASE_URL']?.trim() ?? '';
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const label = storeLabel(context);
  try {
    const store = await openStore({
      databaseUrl,
      dataDir,
      brief,
      onBriefHolder: (pid) => io.err(context.t('storeHeldBriefly', { place: label, pid })),
    });
    context.logger.debug({ store: label }, 'store opened');
    return { store, label, close: () => store.close() };
  } catch (error) {
    throw storeOpenError(context, label, error);
  }
}

/** For the user: where the invoices are kept (never a password). */
export function storeLabel(context: CliContext): string {
  const databaseUrl = context.io.env['DATABASE_URL']?.trim() ?? '';
  return databaseUrl
    ? `PostgreSQL ${maskUrl(databaseUrl)}`
    : `PGlite ${context.options.dataDir ?? DEFAULT_DATA_DIR}`;
}

// --------------------------------------------------------------------------------------------- portal

export interface OpenedPortal {
  client: TaxPortalClient;
  /** The client wrapped with call and retry counters: what the runner should use. */
  portal: ReturnType<typeof countingPortal>['portal'];
  counters: PortalCounters;
  taxCode: string;
  /** Set when the portal is the local simulator started for this command. */
  simulator: Simulator | null;
  /** Requests per second and in flight for the in-process runner. */
  rate: number;
  concurrency: number;
  close(): Promise<void>;
}

function captchaSolver(context: CliContext, simulated: boolean): CaptchaSolver {
  const choice = context.options.captcha ?? context.io.env['PORTAL_CAPTCHA_SOLVER'] ?? '';
  if (choice === 'simulator') return simulatorCaptchaSolver;
  if (choice === 'env') return envCaptchaSolver(context.io.env);
  if (choice === 'prompt') return promptCaptchaSolver(context.io);
  if (choice.startsWith('file:') && choice.length > 5) return fileCaptchaSolver(choice.slice(5));
  if (choice !== '') {
    throw new CliError('badOption', {
      option: '--captcha',
      value: choice,
      expected: 'prompt, env, file:<path> or simulator',
    });
  }
  if (simulated) return simulatorCaptchaSolver;
  return context.io.env['PORTAL_CAPTCHA']
    ? envCaptchaSolver(context.io.env)
    : promptCaptchaSolver(context.io);
}

function numberSetting(value: number | string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new CliError('badOption', { option: name, value: String(value), expected: 'a number above 0' });
  }
  return n;
}

export interface PortalRequest {
  taxCode?: string;
  period?: string;
  /** Simulator settings when no real portal is configured (the demo passes its own). */
  simulator?: SimulatorOptions;
  /** Default requests per second against the simulator. */
  simulatorRate?: number;
  /** The demo always runs on the simulator, whatever PORTAL_URL says. */
  forceSimulator?: boolean;
}

/** True when PORTAL_URL or PORTAL_USERNAME is set: the real portal (or one the user points at). */
export function realPortalConfigured(env: Record<string, string | undefined>): boolean {
  return Boolean(env['PORTAL_URL']?.trim() || env['PORTAL_USERNAME']?.trim());
}

export async function openPortal(context: CliContext, request: PortalRequest = {}): Promise<OpenedPortal> {
  const { io, options, t } = context;
  const env = io.env;
  let simulator: Simulator | null = null;
  let baseUrls: string[];
  let username: string;
  let password: string;
  if (!request.forceSimulator && realPortalConfigured(env)) {
    baseUrls = (env['PORTAL_URL']?.trim() || PORTAL_BASE_URLS.join(','))
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean);
    for (const url of baseUrls) {
      if (!URL.canParse(url)) throw new CliError('badEnv', { variable: 'PORTAL_URL', value: maskUrl(url) });
      // Credentials go in PORTAL_USERNAME/PORTAL_PASSWORD: a URL is printed, and fetch refuses user:pass@.
      const parsed = new URL(url);
      if (parsed.username || parsed.password) {
        throw new CliError('portalUrlCredentials', { value: maskUrl(url) });
      }
    }
    username = env['PORTAL_USERNAME']?.trim() ?? '';
    password = env['PORTAL_PASSWORD'] ?? '';
    if (!username) throw new CliError('missingEnv', { variable: 'PORTAL_USERNAME' });
    if (!password) throw new CliError('missingEnv', { variable: 'PORTAL_PASSWORD' });
    if (request.taxCode && request.taxCode !== username) {
      throw new CliError('taxCodeMismatch', { taxCode: request.taxCode, username });
    }
    io.out(t('portalReal', { url: baseUrls[0]! }));
  } else {
    const period = request.period ? monthsOf(request.period)[0]! : undefined;
    simulator = await startSimulator({
      seed: options.simSeed ?? '42',
      taxCode: request.taxCode ?? DEFAULT_SIMULATOR_TAX_CODE,
      ...(period ? { period } : {}),
      invoiceCount: options.simInvoices ?? 60,
      ...request.simulator,
    });
    baseUrls = [`${simulator.url}/api`];
    username = simulator.credentials.username;
    password = simulator.credentials.password;
    io.out(t('portalSimulator', { url: simulator.url, invoices: simulator.invoices.length }));
  }
  const client = createPortalClient({
    baseUrls,
    username,
    password,
    captcha: captchaSolver(context, simulator !== null),
    logger: context.logger,
    timeoutMs: numberSetting(env['PORTAL_TIMEOUT_MS'], 'PORTAL_TIMEOUT_MS', 30_000),
  });
  const { portal, counters } = countingPortal(client);
  const rate = numberSetting(
    options.rate ?? env['SYNC_PORTAL_RATE'],
    '--rate',
    simulator ? (request.simulatorRate ?? 20) : 1,
  );
  const concurrency = Math.round(
    numberSetting(options.concurrency ?? env['SYNC_PORTAL_CONCURRENCY'], '--concurrency', 4),
  );
  return {
    client,
    portal,
    counters,
    taxCode: username,
    simulator,
    rate,
    concurrency,
    close: async () => {
      await simulator?.close();
    },
  };
}

/**
 * Logs in once before any work, so an unreachable portal or refused credentials end the command at
 * once (exit 3) instead of after every retry of every call. A passing fault at that login (429 honouring
 * Retry-After, 5xx, a firewall page, a timeout) is retried on the shared schedule first; refused
 * credentials and a portal nothing answers for (connection refused) are not.
 */
export async function checkPortal(context: CliContext, portal: OpenedPortal): Promise<void> {
  try {
    await loginWithRetry((signal) => portal.client.login(signal), {
      signal: context.io.signal,
      onRetry: (error, attempt, delayMs) =>
        context.logger.warn(
          { attempt, delayMs, reason: error instanceof Error ? error.message : String(error) },
          'portal login failed with a passing fault; retrying',
        ),
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    const reason =
      error && typeof (error as { localized?: unknown }).localized === 'function'
        ? (error as { localized(language: Language): string }).localized(context.language)
        : error instanceof Error
          ? error.message
          : String(error);
    throw new CliError('portalUnreachable', { url: portal.client.activeBaseUrl, reason }, EXIT.unreachable);
  }
}

// ------------------------------------------------------------------------------------------- temporal

/** True when the sync should go through Temporal: TEMPORAL_ADDRESS set and `--direct` not given. */
export function useTemporal(context: CliContext): boolean {
  return !context.options.direct && Boolean(context.io.env['TEMPORAL_ADDRESS']?.trim());
}

export interface ConnectedTemporal {
  sync: SyncClient;
  settings: TemporalSettings;
  /** The Temporal UI's base URL (TEMPORAL_UI_URL, else derived from the address). */
  uiUrl: string;
  close(): Promise<void>;
}

/** Connects with TEMPORAL_* from `env` (default the command's environment). */
export async function connectTemporal(
  context: CliContext,
  env: Record<string, string | undefined> = context.io.env,
  uiUrl?: string | null,
  taskQueues: { sync: string; portal: string } | undefined = context.io.taskQueues,
): Promise<ConnectedTemporal> {
  const settings = temporalSettingsFromEnv(env);
  if (!settings) throw new CliError('missingEnv', { variable: 'TEMPORAL_ADDRESS' });
  try {
    // A namespace without the custom search attributes registered refuses starts that set them.
    const searchAttributes = env['SYNC_SEARCH_ATTRIBUTES']?.trim() !== 'false';
    const connected = await connectSyncClient(env, {
      settings,
      searchAttributes,
      ...(taskQueues ? { taskQueues } : {}),
    });
    if (!connected) throw new CliError('missingEnv', { variable: 'TEMPORAL_ADDRESS' });
    return { ...connected, settings, uiUrl: uiUrl ?? uiUrlFor(settings.address, env) };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      'temporalUnreachable',
      { address: settings.address, reason: error instanceof Error ? error.message : String(error) },
      EXIT.unreachable,
    );
  }
}

// --------------------------------------------------------------------------------------------- runner

export interface RunnerRequest {
  store: OpenedStore;
  /** The portal of the in-process runner, or of the worker the demo runs in this process. */
  portal: PortalRequest;
  /**
   * The demo: the portal is its own simulator, so a worker runs in this process; without
   * TEMPORAL_ADDRESS it asks for a local dev server, and runs in-process (saying why) when none starts.
   */
  demo?: boolean;
}

export interface OpenedRunner {
  runner: SyncRunner;
  /** The portal this process calls (the in-process runner or its worker); null when workers elsewhere do. */
  portal: OpenedPortal | null;
  /** The dev server the demo started or reused (left running after the command); null otherwise. */
  localServer: LocalTemporal | null;
  close(): Promise<void>;
}

async function openCheckedPortal(context: CliContext, request: PortalRequest): Promise<OpenedPortal> {
  const portal = await openPortal(context, request);
  try {
    await checkPortal(context, portal);
  } catch (error) {
    await portal.close();
    throw error;
  }
  return portal;
}

/** A worker of this process on the local portal and store, started by the runner before its first run. */
function inProcessWorker(
  context: CliContext,
  portal: OpenedPortal,
  store: OpenedStore,
  env: Record<string, string | undefined>,
  taskQueues: { sync: string; portal: string },
): StartWorker {
  return async () => {
    routeTemporalLogs(context.logger);
    const stop = new AbortController();
    let ready!: () => void;
    const polling = new Promise<void>((resolve) => (ready = resolve));
    const running = runSyncWorker({
      portal: portal.portal,
      store: store.store,
      env,
      taskQueues,
      signal: stop.signal,
      onReady: () => ready(),
    });
    running.catch(() => undefined);
    await Promise.race([polling, running]);
    return async () => {
      stop.abort();
      await running.catch((error: unknown) => {
        context.logger.warn({ err: error }, 'worker stopped with an error');
      });
    };
  };
}

/**
 * The one place that chooses how a sync runs: Temporal when TEMPORAL_ADDRESS is set and `--direct` is
 * not given; the demo without TEMPORAL_ADDRESS on a local dev server; else in this process.
 */
export async function openRunner(context: CliContext, request: RunnerRequest): Promise<OpenedRunner> {
  const { io, t } = context;
  let env: Record<string, string | undefined> | null = null;
  let localServer: LocalTemporal | null = null;
  if (!context.options.direct) {
    if (io.env['TEMPORAL_ADDRESS']?.trim()) env = io.env;
    else if (request.demo) {
      // With encrypted payloads the UI is pointed at the codec endpoint `codec-server` serves.
      const encrypted = payloadCodecFromEnv(io.env) !== undefined;
      const local = await (io.localTemporal ?? ensureLocalTemporal)({
        dataDir: LOCAL_SERVER_DATA_DIR,
        env: io.env,
        ...(encrypted ? { codecEndpoint: `http://127.0.0.1:${DEFAULT_CODEC_SERVER_PORT}` } : {}),
        log: (line) => io.out(line),
        language: context.language,
        ...(io.signal ? { signal: io.signal } : {}),
      });
      if (local.ok) {
        localServer = local;
        env = { ...io.env, TEMPORAL_ADDRESS: local.address, TEMPORAL_NAMESPACE: local.namespace };
      } else io.out(t('temporalFallback', { reason: local.reason }));
    }
  }

  if (!env) {
    const portal = await openCheckedPortal(context, request.portal);
    const runner = createInProcessRunner({
      portal: portal.portal,
      store: request.store.store,
      rate: portal.rate,
      concurrency: portal.concurrency,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    return {
      runner,
      portal,
      localServer: null,
      close: async () => {
        await runner.close();
        await portal.close();
      },
    };
  }

  const uiUrl = io.env['TEMPORAL_UI_URL']?.trim() || localServer?.uiUrl || null;
  // The demo's workflows go to its own worker on its own queues.
  const taskQueues = io.taskQueues ?? (request.demo ? { ...DEMO_TASK_QUEUES } : undefined);
  const temporal = await connectTemporal(context, env, uiUrl, taskQueues);
  let portal: OpenedPortal | null = null;
  try {
    if (request.demo) portal = await openCheckedPortal(context, request.portal);
  } catch (error) {
    await temporal.close();
    throw error;
  }
  const runner = createTemporalRunner({
    sync: temporal.sync,
    address: temporal.settings.address,
    namespace: temporal.settings.namespace,
    uiUrl: temporal.uiUrl,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(portal
      ? {
          worker: inProcessWorker(
            context,
            portal,
            request.store,
            {
              ...env,
              // The portal's pace (--rate, SYNC_PORTAL_RATE, else what the demo's simulator accepts).
              SYNC_PORTAL_RATE: String(portal.rate),
              SYNC_PORTAL_CONCURRENCY: String(portal.concurrency),
            },
            temporal.sync.taskQueues,
          ),
        }
      : {}),
  });
  const server = localServer;
  return {
    runner,
    portal,
    localServer,
    close: async () => {
      try {
        await runner.close();
        await temporal.close();
        await portal?.close();
      } finally {
        // The SDK's downloaded server lives only as long as this process: stop it tidily. One the
        // CLI started runs on, for the UI.
        if (server?.source === 'download') await server.stop();
      }
    },
  };
}
