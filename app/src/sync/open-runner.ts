/**
 * The sync runner of the app, chosen as the CLI chooses it: Temporal when TEMPORAL_ADDRESS is set (the
 * workflows run on the workers of `npm run worker`, sharing this store's DATABASE_URL), else in this
 * process against the tax portal (PORTAL_USERNAME/PORTAL_PASSWORD, captcha from PORTAL_CAPTCHA or
 * `PORTAL_CAPTCHA_FILE`: a web server has no terminal to prompt on) or, with no portal configured, the
 * local SIMULATOR (clearly labelled).
 */
import type { Logger } from 'pino';
import { connectSyncClient } from '#workflows/client';
import {
  envCaptchaSolver,
  fileCaptchaSolver,
  simulatorCaptchaSolver,
  createPortalClient,
} from '#workflows/portal';
import { createInProcessRunner, createTemporalRunner, uiUrlFor, type SyncRunner } from '#workflows/runner';
import { startSimulator, type Simulator, type SimulatorOptions } from '#workflows/simulator';
import type { InvoiceStore } from '#workflows/store';
import { temporalSettingsFromEnv } from '#workflows/worker';

export const PORTAL_BASE_URLS = [
  'https://hoadondientu.gdt.gov.vn/api',
  'https://hoadondientu.gdt.gov.vn:30000',
];

export interface AppRunner {
  runner: SyncRunner;
  /** For the page: where the sync runs and against which portal (never a secret). */
  label: string;
  simulator: Simulator | null;
  close(): Promise<void>;
}

export interface OpenRunnerOptions {
  store: InvoiceStore;
  env: Record<string, string | undefined>;
  logger: Logger;
  /** The simulator's data when no portal is configured (it must match what the store was filled from). */
  simulator?: SimulatorOptions;
  /** Temporal task queues instead of the defaults (tests run workers on queues of their own). */
  taskQueues?: { sync: string; portal: string };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}

export async function openAppRunner(options: OpenRunnerOptions): Promise<AppRunner> {
  const { env, logger } = options;
  const settings = temporalSettingsFromEnv(env);
  if (settings) {
    const connected = await connectSyncClient(env, {
      settings,
      searchAttributes: env['SYNC_SEARCH_ATTRIBUTES']?.trim() !== 'false',
      ...(options.taskQueues ? { taskQueues: options.taskQueues } : {}),
    });
    if (!connected) throw new Error('TEMPORAL_ADDRESS is not set');
    const runner = createTemporalRunner({
      sync: connected.sync,
      address: settings.address,
      namespace: settings.namespace,
      uiUrl: uiUrlFor(settings.address, env),
    });
    return {
      runner,
      label: runner.description,
      simulator: null,
      close: async () => {
        await runner.close();
        await connected.close();
      },
    };
  }

  let simulator: Simulator | null = null;
  let baseUrls: string[];
  let username: string;
  let password: string;
  const real = Boolean(env['PORTAL_URL']?.trim() || env['PORTAL_USERNAME']?.trim());
  if (real) {
    baseUrls = (env['PORTAL_URL']?.trim() || PORTAL_BASE_URLS.join(','))
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean);
    username = env['PORTAL_USERNAME']?.trim() ?? '';
    password = env['PORTAL_PASSWORD'] ?? '';
    if (!username || !password) throw new Error('PORTAL_USERNAME and PORTAL_PASSWORD must both be set');
  } else {
    simulator = await startSimulator({ seed: '42', invoiceCount: 60, ...options.simulator });
    baseUrls = [`${simulator.url}/api`];
    ({ username, password } = simulator.credentials);
  }
  const captchaFile = env['PORTAL_CAPTCHA_FILE']?.trim();
  const client = createPortalClient({
    baseUrls,
    username,
    password,
    captcha: simulator
      ? simulatorCaptchaSolver
      : captchaFile
        ? fileCaptchaSolver(captchaFile)
        : envCaptchaSolver(env),
    logger,
    timeoutMs: positive(env['PORTAL_TIMEOUT_MS'], 30_000),
  });
  const runner = createInProcessRunner({
    portal: client,
    store: options.store,
    rate: positive(env['SYNC_PORTAL_RATE'], simulator ? 20 : 1),
    concurrency: Math.round(positive(env['SYNC_PORTAL_CONCURRENCY'], 4)),
  });
  const portalLabel = simulator ? `SIMULATOR ${simulator.url}` : (new URL(baseUrls[0]!).host ?? 'portal');
  return {
    runner,
    label: `${runner.description}, ${portalLabel}`,
    simulator,
    close: async () => {
      await runner.close();
      await simulator?.close();
    },
  };
}
