/**
 * `npm run app`: the invoice workspace on http://127.0.0.1:4180 (prints the address).
 * `npm run app -- hash-password` reads a password on stdin and prints the APP_PASSWORD_HASH for it.
 */
import { Command } from 'commander';
import { pino } from 'pino';
import { hashPassword } from './security/auth.js';
import { redactorFor } from './security/redact.js';
import { startApp } from './start.js';

const program = new Command('app')
  .description('The invoice workspace: the web page accountants use')
  .option(
    '--host <host>',
    'address to listen on (anything but loopback requires APP_PASSWORD_HASH or APP_TOKEN)',
    '127.0.0.1',
  )
  .option('--port <port>', 'port (0 = any free one)', '4180')
  .option('--data-dir <dir>', 'PGlite data directory when DATABASE_URL is not set', '.data/pglite')
  .option('--sim-seed <seed>', 'simulator seed when no portal is configured', '42')
  .option('--sim-invoices <n>', 'simulator invoices when no portal is configured', '60')
  .option('--sim-period <YYYY-MM>', 'simulator month when no portal is configured');

program
  .command('hash-password')
  .description('print the APP_PASSWORD_HASH of the password read from stdin')
  .action(async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const password = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    if (password.length < 8) {
      process.stderr.write('app: the password must have at least 8 characters\n');
      process.exit(2);
    }
    process.stdout.write(`${await hashPassword(password)}\n`);
  });

program.action(
  async (flags: {
    host: string;
    port: string;
    dataDir: string;
    simSeed: string;
    simInvoices: string;
    simPeriod?: string;
  }) => {
    const redact = redactorFor(process.env);
    const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info', base: null });
    // The app reads lists of 100,000 invoices: PGlite gets V8's optimising compiler here (the sync's
    // memory-saving baseline setting is for long syncs paced by the portal).
    process.env['SYNC_PGLITE_WASM_TIER_UP'] ??= '1';
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`app: --port ${flags.port} is not a port (0..65535)\n`);
      process.exit(2);
    }
    try {
      const running = await startApp({
        host: flags.host,
        port,
        dataDir: flags.dataDir,
        logger,
        simulator: {
          seed: flags.simSeed,
          invoiceCount: Number(flags.simInvoices) || 60,
          ...(flags.simPeriod ? { period: flags.simPeriod } : {}),
        },
      });
      process.stdout.write(`Invoice workspace: ${running.url}/  (sync: ${running.runner.label})\n`);
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    } catch (error) {
      process.stderr.write(`app: ${redact(error instanceof Error ? error.message : String(error))}\n`);
      process.exit(2);
    }
  },
);

await program.parseAsync(process.argv);
