/**
 * Starting the app: the store (PGlite in `--data-dir`, PostgreSQL with DATABASE_URL), the runner, the
 * HTTP server on 127.0.0.1 (or a host that then requires a login). Used by `main.ts` and the tests.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import type { SimulatorOptions } from '#workflows/simulator';
import { openWorkspaceStore, DEFAULT_DATA_DIR, type WorkspaceStore } from '#workflows/store';
import { checkPending } from './invoice/checks.js';
import { AppError } from './messages.js';
import { htmlToPdf } from './print/pdf.js';
import { isLoopback, loginSettingsFromEnv } from './security/auth.js';
import { redactorFor } from './security/redact.js';
import { createApp, type App } from './server.js';
import { openAppRunner, type AppRunner } from './sync/open-runner.js';

export interface StartOptions {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  dataDir?: string;
  env?: Record<string, string | undefined>;
  logger: Logger;
  simulator?: SimulatorOptions;
  /** Temporal task queues instead of the defaults (tests). */
  taskQueues?: { sync: string; portal: string };
  /** An open store (tests); it is not closed by `close()`. */
  opened?: WorkspaceStore;
}

export interface RunningApp {
  url: string;
  app: App;
  runner: AppRunner;
  store: WorkspaceStore;
  close(): Promise<void>;
}

/** Refuses (before opening anything) to listen beyond loopback without a login. */
export function checkBinding(
  host: string,
  env: Record<string, string | undefined>,
): { loginRequired: boolean } {
  const login = loginSettingsFromEnv(env);
  if (isLoopback(host)) return { loginRequired: false };
  if (!login.passwordHash && !login.token) {
    throw new Error(
      `refusing to listen on ${host} without a login: set APP_PASSWORD_HASH (npm run app -- hash-password) or APP_TOKEN, or use --host 127.0.0.1`,
    );
  }
  if (login.token && login.token.length < 16) throw new Error('APP_TOKEN must have at least 16 characters');
  return { loginRequired: true };
}

export async function startApp(options: StartOptions): Promise<RunningApp> {
  const env = options.env ?? process.env;
  const host = options.host ?? '127.0.0.1';
  const { loginRequired } = checkBinding(host, env);
  const redact = redactorFor(env);
  const store =
    options.opened ??
    (await openWorkspaceStore({
      databaseUrl: env['DATABASE_URL']?.trim() ?? '',
      dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
    }));
  let runner: AppRunner;
  try {
    // The simulator serves the month of the newest invoice in the store unless told otherwise, so the
    // invoices a CLI sync on the simulator stored are the ones "Đồng bộ ngay" finds there.
    const newest = await store.sql.query<{ month: string | null }>(
      "SELECT to_char(max(issue_date), 'YYYY-MM') AS month FROM invoices",
    );
    const month = newest.rows[0]?.month ?? null;
    const simulator = { ...(month ? { period: month } : {}), ...options.simulator };
    runner = await openAppRunner({
      store: store.store,
      env,
      logger: options.logger,
      simulator,
      ...(options.taskQueues ? { taskQueues: options.taskQueues } : {}),
    });
  } catch (error) {
    if (!options.opened) await store.close();
    throw error;
  }
  let allowed: string[] | null = null;
  const app = createApp({
    store: store.store,
    workspace: store.workspace,
    runner: runner.runner,
    runnerLabel: `${runner.label}, ${store.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}`,
    logger: options.logger,
    login: loginSettingsFromEnv(env),
    loginRequired,
    get allowedHosts() {
      return allowed;
    },
    redact,
    htmlToPdf: (document) => htmlToPdf(document),
  });
  const server: ServerType = await new Promise((resolve) => {
    const created = serve({ fetch: app.app.fetch, hostname: host, port: options.port ?? 4180 }, () =>
      resolve(created),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  if (isLoopback(host)) allowed = [`${shownHost}:${port}`, `localhost:${port}`];
  // Warnings of invoices synced before (by the CLI or an earlier run), in the background.
  const stopChecks = new AbortController();
  const checking = checkPending(store.store, store.workspace, { signal: stopChecks.signal }).catch(
    (error: unknown) =>
      options.logger.warn(
        { reason: redact(error instanceof Error ? error.message : String(error)) },
        'warning check stopped',
      ),
  );
  return {
    url: `http://${shownHost}:${port}`,
    app,
    runner,
    store,
    close: async () => {
      stopChecks.abort();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await checking;
      await app.jobs.idle();
      await runner.close();
      if (!options.opened) await store.close();
    },
  };
}

export { AppError };
