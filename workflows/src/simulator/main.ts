/**
 * Starts the portal simulator from the command line and prints its URL and credentials:
 *   tsx workflows/src/simulator/main.ts --port 8787 --seed 42 --invoices 200 --period 2026-04 --rate-limit 5
 * The sync CLI wraps `runSimulatorFromCli`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { pathToFileURL } from 'node:url';
import { startSimulator, type Simulator, type SimulatorOptions } from './server.js';

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

function rate(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a number between 0 and 1');
  return n;
}

/** Parses `argv` (without node and script), starts the simulator, prints how to reach it. */
export async function runSimulatorFromCli(
  argv: string[],
  out: (line: string) => void = (line) => console.log(line),
): Promise<Simulator> {
  const program = new Command('portal-simulator')
    .description('Local simulator of the Vietnamese e-invoice portal (hoadondientu.gdt.gov.vn)')
    .option('--port <n>', 'port to listen on (0 = any free port)', integer, 0)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--seed <seed>', 'seed for data and faults', '42')
    .option('--tax-code <mst>', 'tax code of the simulated account', '0109744141')
    .option('--password <password>', 'password of the simulated account')
    .option('--period <YYYY-MM>', 'month the invoices are issued in', '2026-04')
    .option('--invoices <n>', 'number of invoices', integer, 60)
    .option('--rate-limit <n>', 'requests per second before 429', integer)
    .option('--transient <rate>', 'share of calls answered 5xx', rate, 0)
    .option('--firewall <rate>', 'share of calls answered with the firewall page', rate, 0)
    .option('--corrupt-zip <rate>', 'share of exports with a broken ZIP', rate, 0)
    .option('--xml-late <rate>', 'share of invoices whose XML appears after 2 polls', rate, 0)
    .option('--details-late <rate>', 'share of invoices whose details are complete after 2 polls', rate, 0)
    .option('--session-calls <n>', 'calls before a session expires', integer)
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const o = program.opts<{
    port: number;
    host: string;
    seed: string;
    taxCode: string;
    password?: string;
    period: string;
    invoices: number;
    rateLimit?: number;
    transient: number;
    firewall: number;
    corruptZip: number;
    xmlLate: number;
    detailsLate: number;
    sessionCalls?: number;
  }>();
  const options: SimulatorOptions = {
    port: o.port,
    host: o.host,
    seed: o.seed,
    taxCode: o.taxCode,
    period: o.period,
    invoiceCount: o.invoices,
    ...(o.password ? { password: o.password } : {}),
    ...(o.rateLimit ? { rateLimitPerSecond: o.rateLimit } : {}),
    faults: {
      transient5xx: o.transient,
      firewallPage: o.firewall,
      corruptZip: o.corruptZip,
      xmlUnavailableUntilPolls: { rate: o.xmlLate, polls: 2 },
      detailsIncompleteUntilPolls: { rate: o.detailsLate, polls: 2 },
      ...(o.sessionCalls ? { sessionExpiry: { afterCalls: o.sessionCalls } } : {}),
    },
  };
  const simulator = await startSimulator(options);
  out(`Portal simulator listening on ${simulator.url} (also ${simulator.url}/api)`);
  out(`  username (tax code): ${simulator.credentials.username}`);
  out(`  password:            ${simulator.credentials.password}`);
  out(`  invoices:            ${simulator.invoices.length} in ${o.period}, seed ${o.seed}`);
  out('  captcha: read it from the SVG, or use simulatorCaptchaSolver (test-only)');
  return simulator;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runSimulatorFromCli(process.argv.slice(2))
    .then((simulator) => {
      const stop = (): void => {
        void simulator.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      // Commander has already printed its own usage errors and help.
      const { code, exitCode } = error as { code?: string; exitCode?: number };
      if (code?.startsWith('commander.')) process.exit(exitCode ?? 1);
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
