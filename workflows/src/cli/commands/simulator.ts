/** `simulator`: the portal simulator on loopback until stopped; prints its URL and credentials. */
import { once } from 'node:events';
import { startSimulator } from '../../simulator/server.js';
import { checkPeriod, checkTaxCode, DEFAULT_SIMULATOR_TAX_CODE, type CliContext } from '../config.js';
import { EXIT, type ExitCode } from '../io.js';
import { parseFaults } from '../faults.js';

export interface SimulatorFlags {
  port?: number;
  host?: string;
  seed?: string;
  invoices?: number;
  period?: string;
  taxCode?: string;
  rateLimit?: number;
  faults?: string;
}

export async function simulatorCommand(context: CliContext, flags: SimulatorFlags): Promise<ExitCode> {
  const { io, t } = context;
  const period = checkPeriod(flags.period ?? '2026-10');
  const faults = flags.faults ? parseFaults(flags.faults) : {};
  const simulator = await startSimulator({
    port: flags.port ?? 0,
    host: flags.host ?? '127.0.0.1',
    seed: flags.seed ?? '42',
    taxCode: checkTaxCode(flags.taxCode ?? DEFAULT_SIMULATOR_TAX_CODE),
    period,
    invoiceCount: flags.invoices ?? 60,
    ...(flags.rateLimit ? { rateLimitPerSecond: flags.rateLimit } : {}),
    faults,
  });
  try {
    io.out(t('simulatorBanner'));
    io.out(t('simulatorListening', { url: simulator.url }));
    io.out(t('simulatorData', { invoices: simulator.invoices.length, period, seed: flags.seed ?? '42' }));
    io.out(`  PORTAL_URL=${simulator.url}/api`);
    io.out(`  PORTAL_USERNAME=${simulator.credentials.username}`);
    io.out(`  PORTAL_PASSWORD=${simulator.credentials.password}`);
    io.out(`  PORTAL_CAPTCHA_SOLVER=simulator`);
    io.out(t('simulatorStop'));
    if (io.signal && !io.signal.aborted) await once(io.signal, 'abort');
    const stats = simulator.stats();
    io.out(t('simulatorStats', { requests: stats.requests, limited: stats.rejectedByRateLimit }));
  } finally {
    await simulator.close();
  }
  return EXIT.ok;
}
