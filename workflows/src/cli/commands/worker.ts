/** `worker`: the Temporal worker (both task queues) with the portal and the store of this machine. */
import { runSyncWorker } from '../../worker/main.js';
import { describeSettings } from '../../worker/config.js';
import { connectTemporal, openCliStore, openPortal, type CliContext } from '../config.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';

export async function workerCommand(context: CliContext): Promise<ExitCode> {
  const { io, t } = context;
  if (!io.env['TEMPORAL_ADDRESS']?.trim()) throw new CliError('missingEnv', { variable: 'TEMPORAL_ADDRESS' });
  // Fail fast with a clear message when the server cannot be reached, before bundling workflows.
  const probe = await connectTemporal(context);
  await probe.close();
  const opened = await openCliStore(context);
  try {
    const portal = await openPortal(context, {});
    try {
      await runSyncWorker({
        portal: portal.client,
        store: opened.store,
        env: io.env,
        ...(io.signal ? { signal: io.signal } : {}),
        onReady: (settings) => io.out(t('workerReady', { settings: describeSettings(settings) })),
      });
    } finally {
      await portal.close();
    }
  } finally {
    await opened.close();
  }
  io.out(t('workerStopped'));
  return EXIT.ok;
}
