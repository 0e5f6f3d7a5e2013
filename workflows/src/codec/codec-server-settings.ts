/** Port and allowed origins of the standalone codec endpoint (the `codec-server` command) from the environment. */
import { SyncError } from '../sync/errors.js';
import { CODEC_SERVER_ORIGINS_VARIABLE, CODEC_SERVER_PORT_VARIABLE } from './environment-variables.js';
import { originSet, TEMPORAL_UI_DEV_ORIGINS } from './codec-server-cors.js';

/** The port Temporal's codec server samples use, so UI settings copied from them keep working. */
export const DEFAULT_CODEC_SERVER_PORT = 8888;

export interface CodecServerSettings {
  port: number;
  allowedOrigins: readonly string[];
}

export function codecServerSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): CodecServerSettings {
  const portText = env[CODEC_SERVER_PORT_VARIABLE]?.trim();
  const port = portText ? Number(portText) : DEFAULT_CODEC_SERVER_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SyncError('configInvalid', {
      variable: CODEC_SERVER_PORT_VARIABLE,
      reason: 'expected a port number from 0 to 65535',
    });
  }
  const originsText = env[CODEC_SERVER_ORIGINS_VARIABLE]?.trim();
  if (!originsText) return { port, allowedOrigins: TEMPORAL_UI_DEV_ORIGINS };
  const allowedOrigins = originsText.split(',').map((origin, index) => {
    const trimmed = origin.trim();
    try {
      originSet([trimmed]);
    } catch {
      throw new SyncError('configInvalid', {
        variable: CODEC_SERVER_ORIGINS_VARIABLE,
        reason: `entry ${index + 1} is not an origin such as http://localhost:8233`,
      });
    }
    return trimmed;
  });
  return { port, allowedOrigins };
}
