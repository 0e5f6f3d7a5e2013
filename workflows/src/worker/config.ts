/**
 * Temporal settings from the environment. No `TEMPORAL_ADDRESS` means no server: callers fall back to
 * the in-process runner. Every bad value is reported with the variable named.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SyncError } from '../sync/errors.js';

export interface TemporalTlsFiles {
  certPath?: string;
  keyPath?: string;
  caPath?: string;
  serverName?: string;
}

export interface TemporalSettings {
  address: string;
  namespace: string;
  /** Temporal Cloud API key; implies TLS. Never logged. */
  apiKey?: string;
  tls?: TemporalTlsFiles | true;
}

export interface WorkerSettings extends TemporalSettings {
  /** Portal requests per second across ALL workers (`maxTaskQueueActivitiesPerSecond` of `tax-portal`). */
  portalRatePerSecond: number;
  /** Portal activities one worker runs at once. */
  portalConcurrency: number;
}

const positiveNumber = z.coerce.number().positive().finite();

const envSchema = z.object({
  TEMPORAL_ADDRESS: z.string().trim().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().trim().min(1).default('default'),
  TEMPORAL_API_KEY: z.string().trim().min(1).optional(),
  TEMPORAL_TLS: z.enum(['true', 'false', '1', '0']).optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().trim().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().trim().min(1).optional(),
  TEMPORAL_TLS_CA_PATH: z.string().trim().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().trim().min(1).optional(),
  SYNC_PORTAL_RATE: positiveNumber.default(1),
  SYNC_PORTAL_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
});

function parseEnv(env: Record<string, string | undefined>): z.infer<typeof envSchema> {
  const blankless = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(blankless);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SyncError('configInvalid', { variable: String(issue.path[0] ?? '?'), reason: issue.message });
  }
  return parsed.data;
}

/** Connection settings, or null when `TEMPORAL_ADDRESS` is not set. */
export function temporalSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): TemporalSettings | null {
  const values = parseEnv(env);
  if (!values.TEMPORAL_ADDRESS) return null;
  if (Boolean(values.TEMPORAL_TLS_CERT_PATH) !== Boolean(values.TEMPORAL_TLS_KEY_PATH)) {
    throw new SyncError('configInvalid', {
      variable: values.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH',
      reason: 'a client certificate needs both TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH',
    });
  }
  const files: TemporalTlsFiles = {
    ...(values.TEMPORAL_TLS_CERT_PATH ? { certPath: values.TEMPORAL_TLS_CERT_PATH } : {}),
    ...(values.TEMPORAL_TLS_KEY_PATH ? { keyPath: values.TEMPORAL_TLS_KEY_PATH } : {}),
    ...(values.TEMPORAL_TLS_CA_PATH ? { caPath: values.TEMPORAL_TLS_CA_PATH } : {}),
    ...(values.TEMPORAL_TLS_SERVER_NAME ? { serverName: values.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
  const wantsTls =
    values.TEMPORAL_TLS === 'true' || values.TEMPORAL_TLS === '1' || Boolean(values.TEMPORAL_API_KEY);
  const tls = Object.keys(files).length > 0 ? files : wantsTls ? true : undefined;
  return {
    address: values.TEMPORAL_ADDRESS,
    namespace: values.TEMPORAL_NAMESPACE,
    ...(values.TEMPORAL_API_KEY ? { apiKey: values.TEMPORAL_API_KEY } : {}),
    ...(tls ? { tls } : {}),
  };
}

export function workerSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): WorkerSettings | null {
  const temporal = temporalSettingsFromEnv(env);
  if (!temporal) return null;
  const values = parseEnv(env);
  return {
    ...temporal,
    portalRatePerSecond: values.SYNC_PORTAL_RATE,
    portalConcurrency: values.SYNC_PORTAL_CONCURRENCY,
  };
}

function read(path: string, variable: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new SyncError('configInvalid', {
      variable,
      reason: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    });
  }
}

/** `tls` and `apiKey` options as both `Connection.connect` and `NativeConnection.connect` take them. */
export function connectionOptions(settings: TemporalSettings): {
  address: string;
  apiKey?: string;
  tls?:
    | boolean
    | {
        serverNameOverride?: string;
        serverRootCACertificate?: Buffer;
        clientCertPair?: { crt: Buffer; key: Buffer };
      };
} {
  const { tls } = settings;
  let tlsOption: boolean | Record<string, unknown> | undefined;
  if (tls === true) tlsOption = true;
  else if (tls) {
    tlsOption = {
      ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
      ...(tls.caPath ? { serverRootCACertificate: read(tls.caPath, 'TEMPORAL_TLS_CA_PATH') } : {}),
      ...(tls.certPath && tls.keyPath
        ? {
            clientCertPair: {
              crt: read(tls.certPath, 'TEMPORAL_TLS_CERT_PATH'),
              key: read(tls.keyPath, 'TEMPORAL_TLS_KEY_PATH'),
            },
          }
        : {}),
    };
  }
  return {
    address: settings.address,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    ...(tlsOption !== undefined ? { tls: tlsOption } : {}),
  };
}

/** For logs: never the API key. */
export function describeSettings(settings: TemporalSettings): string {
  return `${settings.address} namespace=${settings.namespace}${settings.apiKey ? ' api-key=***' : ''}${settings.tls ? ' tls' : ''}`;
}
