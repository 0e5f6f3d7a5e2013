/**
 * `npx tsx workflows/src/codec/codec-server-main.ts`: serves the codec of `SYNC_PAYLOAD_KEYS` (or
 * `SYNC_PAYLOAD_KEY`) on loopback for the Temporal UI until Ctrl-C. Port `SYNC_CODEC_SERVER_PORT`
 * (default 8888), browser origins `SYNC_CODEC_SERVER_ORIGINS` (default the dev server's UI).
 */
import { SyncError } from '../sync/errors.js';
import { payloadCodecFromEnv } from './codec-from-env.js';
import { codecServerSettingsFromEnv } from './codec-server-settings.js';
import { startCodecServer } from './codec-server.js';
import { PAYLOAD_KEYS_VARIABLE } from './environment-variables.js';

async function main(): Promise<void> {
  const codec = payloadCodecFromEnv(process.env);
  if (!codec) {
    throw new SyncError('configInvalid', {
      variable: PAYLOAD_KEYS_VARIABLE,
      reason: 'not set: nothing to decode',
    });
  }
  const settings = codecServerSettingsFromEnv(process.env);
  const server = await startCodecServer({ codec, ...settings });
  console.log(
    `Codec endpoint: ${server.url} (keys ${codec.ring.ids.join(', ')}; origins ${settings.allowedOrigins.join(', ')})`,
  );
  const stop = () => void server.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // One line, no stack: configuration errors are for operators.
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
