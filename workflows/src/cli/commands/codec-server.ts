/**
 * `codec-server`: serves the payload codec (SYNC_PAYLOAD_KEYS) on loopback until Ctrl-C, so the
 * Temporal UI shows encrypted inputs, results and failures in clear to whoever runs it.
 */
import {
  codecServerSettingsFromEnv,
  payloadCodecFromEnv,
  PAYLOAD_KEYS_VARIABLE,
  startCodecServer,
} from '../../codec/index.js';
import type { CliContext } from '../config.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';

export interface CodecServerFlags {
  port?: number;
}

export async function codecServerCommand(context: CliContext, flags: CodecServerFlags): Promise<ExitCode> {
  const { io, t } = context;
  const codec = payloadCodecFromEnv(io.env);
  if (!codec) throw new CliError('missingEnv', { variable: PAYLOAD_KEYS_VARIABLE });
  const settings = codecServerSettingsFromEnv(io.env);
  const server = await startCodecServer({
    codec,
    ...settings,
    ...(flags.port !== undefined ? { port: flags.port } : {}),
  });
  io.out(
    t('codecServerReady', {
      url: server.url,
      keys: codec.ring.ids.join(', '),
      origins: settings.allowedOrigins.join(', '),
    }),
  );
  io.out(t('codecServerHint', { url: server.url }));
  await new Promise<void>((resolve) => {
    if (!io.signal) return;
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  return EXIT.ok;
}
