/**
 * The `invoice-sync` program: `runCli(argv, io)` parses, runs one command and returns the exit code.
 * No error escapes as a stack trace: each becomes one translated sentence on stderr (the stack goes to
 * the debug log).
 */
import { Command, InvalidArgumentError } from 'commander';
import { localeOfEnv, resolveLanguage, type Language } from '#engine/i18n';
import { codecServerCommand, type CodecServerFlags } from './commands/codec-server.js';
import { demoCommand, type DemoFlags } from './commands/demo.js';
import { devServerStopCommand } from './commands/devserver.js';
import { inspectCommand, type InspectFlags } from './commands/inspect.js';
import { inspectTranslator } from './commands/inspect-messages.js';
import { invoicesListCommand, type InvoicesListFlags } from './commands/invoices.js';
import { simulatorCommand, type SimulatorFlags } from './commands/simulator.js';
import { statusCommand, type StatusFlags } from './commands/status.js';
import {
  syncPeriodCommand,
  syncSelectedCommand,
  type SyncPeriodFlags,
  type SyncSelectedFlags,
} from './commands/sync.js';
import { workerCommand } from './commands/worker.js';
import { createLogger, type CliContext, type GlobalOptions } from './config.js';
import { localiseCommander } from './commander-text.js';
import { describeError, isCommanderDone } from './errors.js';
import { EXIT, type CliIo, type ExitCode } from './io.js';
import { cliTranslator } from './messages.js';

/** `--lang` is read before parsing so that usage errors come out in the right language too. */
function languageOf(argv: string[], env: CliIo['env']): Language {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const explicit =
    index < 0 ? undefined : argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  return resolveLanguage([explicit, localeOfEnv(env)]);
}

export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const language = languageOf(argv, io.env);
  const t = cliTranslator(language);
  let exitCode: ExitCode = EXIT.ok;
  let context: CliContext | null = null;
  // Commander puts "option '--limit <n>' argument 'x' is invalid." before these, in the chosen language.
  const numberParser =
    (accepts: (n: number, text: string) => boolean, expected: Parameters<typeof t>[0]) =>
    (value: string): number => {
      const n = Number(value.trim());
      if (value.trim() === '' || !Number.isFinite(n) || !accepts(n, value.trim())) {
        throw new InvalidArgumentError(t(expected, { max: Number.MAX_SAFE_INTEGER }));
      }
      return n;
    };
  // Beyond the safe integers a JS number is no longer the number typed (and the store refuses it).
  const whole = (n: number, text: string) => /^\d+$/.test(text) && Number.isSafeInteger(n);
  const wholeNumber = numberParser(whole, 'expectWholeNumber');
  /** Limits, sizes and counts: 0 would silently do nothing. */
  const count = numberParser((n, text) => whole(n, text) && n >= 1, 'expectCount');
  const port = numberParser((n, text) => whole(n, text) && n <= 65_535, 'expectPort');
  const positiveNumber = numberParser((n) => n > 0, 'expectPositive');

  const contextOf = (command: Command): CliContext => {
    const options = command.optsWithGlobals<GlobalOptions>();
    if (options.lang !== undefined && options.lang !== 'en' && options.lang !== 'vi') {
      throw new InvalidArgumentError(`--lang must be en or vi, got "${options.lang}"`);
    }
    context = { io, language, t, logger: createLogger(io, options.logLevel), options };
    return context;
  };
  const run =
    <A extends unknown[]>(work: (context: CliContext, ...args: A) => Promise<ExitCode>) =>
    async (...args: [...A, Command]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      exitCode = await work(contextOf(command), ...(args.slice(0, -1) as A));
    };

  const program = localiseCommander(new Command('invoice-sync'), language)
    .description(t('helpProgram'))
    .option('--lang <en|vi>', t('helpLang'))
    .option('--data-dir <dir>', t('helpDataDir'))
    .option('--direct', t('helpDirect'))
    .option('--log-level <level>', t('helpLogLevel'))
    .option('--captcha <solver>', t('helpCaptcha'))
    .option('--rate <n>', t('helpRate'), positiveNumber)
    .option('--concurrency <n>', t('helpConcurrency'), count)
    .option('--sim-seed <seed>', t('helpSimSeed'))
    .option('--sim-invoices <n>', t('helpSimInvoices'), count)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
      // Usage errors are printed once, translated, by the catch below.
      outputError: () => undefined,
    })
    .helpOption('-h, --help', t('helpHelp'))
    .helpCommand('help [command]', t('helpHelp'))
    .showSuggestionAfterError();

  const sync = program
    .command('sync')
    .description(t('helpSync'))
    .option('--tax-code <mst>', t('helpTaxCode'))
    .option('--period <YYYY-MM>', t('helpPeriod'))
    .option('--direction <purchase|sold|both>', t('helpDirection'), 'both')
    .option('--parts <list>', t('helpParts'), 'all')
    .action(run((context, flags: SyncPeriodFlags) => syncPeriodCommand(context, flags)));
  sync
    .command('selected [keys...]')
    .description(t('helpSelected'))
    .option('--missing <parts>', t('helpMissing'))
    .option('--parts <list>', t('helpParts'))
    .option('--tax-code <mst>', t('helpTaxCode'))
    .option('--period <YYYY-MM>', t('helpPeriod'))
    .option('--direction <purchase|sold|both>', t('helpDirection'))
    .option('--no-force', t('helpNoForce'))
    .option('--limit <n>', t('helpLimit'), count)
    .action(
      run((context, keys: string[], flags: SyncSelectedFlags) => syncSelectedCommand(context, keys, flags)),
    );

  const invoices = program.command('invoices').description(t('helpInvoices'));
  invoices
    .command('inspect <target>')
    .description(inspectTranslator(language)('inspect.help'))
    .option('--json', t('helpJson'))
    .option('--verify', inspectTranslator(language)('inspect.helpVerify'))
    .action(run((context, target: string, flags: InspectFlags) => inspectCommand(context, target, flags)));
  invoices
    .command('list')
    .description(t('helpInvoicesList'))
    .option('--tax-code <mst>', t('helpTaxCode'))
    .option('--period <YYYY-MM>', t('helpPeriod'))
    .option('--direction <purchase|sold|both>', t('helpDirection'))
    .option('--details-status <list>', t('helpDetailsStatus'))
    .option('--xml-status <list>', t('helpXmlStatus'))
    .option('--json', t('helpJson'))
    .option('--limit <n>', t('helpLimit'), count, 50)
    .option('--offset <n>', t('helpOffset'), wholeNumber, 0)
    .action(run((context, flags: InvoicesListFlags) => invoicesListCommand(context, flags)));

  program
    .command('status')
    .description(t('helpStatus'))
    .option('--limit <n>', t('helpLimit'), count, 20)
    .option('--kind <kind>', t('helpKind'))
    .option('--status <list>', t('helpRunStatus'))
    .option('--json', t('helpJson'))
    .option('--watch', t('helpWatch'))
    .option('--interval <s>', t('helpInterval'), positiveNumber)
    .action(run((context, flags: StatusFlags) => statusCommand(context, flags)));

  program
    .command('worker')
    .description(t('helpWorker'))
    .action(run((context) => workerCommand(context)));

  program
    .command('devserver')
    .description(t('helpDevserver'))
    .command('stop')
    .description(t('helpDevserverStop'))
    .action(run((context) => devServerStopCommand(context)));

  program
    .command('codec-server')
    .description(t('helpCodecServer'))
    .option('--port <n>', t('helpPort'), port)
    .action(run((context, flags: CodecServerFlags) => codecServerCommand(context, flags)));

  program
    .command('simulator')
    .description(t('helpSimulator'))
    .option('--port <n>', t('helpPort'), port, 8787)
    .option('--host <host>', t('helpHost'), '127.0.0.1')
    .option('--seed <seed>', t('helpSimSeed'), '42')
    .option('--invoices <n>', t('helpSimInvoices'), count, 60)
    .option('--period <YYYY-MM>', t('helpPeriod'), '2026-10')
    .option('--tax-code <mst>', t('helpTaxCode'))
    .option('--rate-limit <n>', t('helpRateLimit'), wholeNumber)
    .option('--faults <list>', t('helpFaults'))
    .action(run((context, flags: SimulatorFlags) => simulatorCommand(context, flags)));

  program
    .command('demo')
    .description(t('helpDemo'))
    .option('--invoices <n>', t('helpSimInvoices'), count, 100)
    .option('--period <YYYY-MM>', t('helpPeriod'), '2026-10')
    .option('--seed <seed>', t('helpSimSeed'), 'demo')
    .option('--portal-limit <n>', t('helpRateLimit'), count, 25)
    .option('--faults <list>', t('helpFaults'))
    .action(run((context, flags: DemoFlags) => demoCommand(context, flags)));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (isCommanderDone(error)) return EXIT.ok;
    const described = describeError(error, language);
    io.err(described.message);
    const logger = (context as CliContext | null)?.logger;
    logger?.debug({ err: error }, 'command failed');
    return described.exitCode;
  }
}
