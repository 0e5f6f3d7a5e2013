/**
 * The `corrections` command line, built with commander. `runCli` runs it in-process: it returns the exit
 * code and writes only to the injected streams, so tests call it directly. Every error the user can cause
 * becomes a translated one-line message and an exit code; a stack trace is never shown.
 */
import { Command, CommanderError, Option } from 'commander';
import { isEngineError, formatInputIssue, isApplyInputError } from '#engine';
import { LANGUAGES, localeOfEnv, resolveLanguage, type Language } from '#engine/i18n';
import { applyCommand } from './apply-command.js';
import { compileCommand } from './compile-command.js';
import {
  CliError,
  EXIT_FAILURES,
  EXIT_OK,
  EXIT_USAGE,
  println,
  type CliContext,
  type CliIo,
} from './context.js';
import { translateHelp, translateHelpCommand } from './help.js';
import { cliTranslator, type CliMessageKey } from './messages.js';
import type { ExecutorKind } from './test-command.js';

export type { CliIo } from './context.js';
export { EXIT_FAILURES, EXIT_OK, EXIT_USAGE } from './context.js';

/** `--lang` must be known before commander builds the help texts, so it is read from argv first. */
function explicitLanguage(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

// check, test and coverage are loaded when run, so `apply` skips their own CLI modules, mostly JUnit's
// XML builder: about 50 ms of about 0.5 s of module loading. The engine's test runner and coverage still
// load with apply, through #engine.
function buildProgram(context: CliContext, setExit: (code: number) => void): Command {
  const { t, io } = context;
  const executorOption = () =>
    new Option('--executor <kind>', t('option.executor')).choices(['fast', 'reference']).default('fast');
  const program = new Command('corrections')
    .description(t('program.description'))
    .addOption(new Option('--lang <language>', t('option.lang')).choices([...LANGUAGES]))
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Errors are printed by runCli, translated; commander's own English line is dropped.
      outputError: () => undefined,
    });
  translateHelp(program, t);
  translateHelpCommand(program, t);

  program
    .command('check')
    .description(t('check.description'))
    .argument('<paths...>', t('check.paths'))
    .option('--json', t('option.json'))
    .action(async (paths: string[], options: { json?: boolean }) => {
      const { checkCommand } = await import('./check-command.js');
      setExit(await checkCommand(context, paths, options));
    });

  program
    .command('compile')
    .description(t('compile.description'))
    .argument('<file>', t('compile.file'))
    .option('-o, --out <file>', t('compile.out'))
    .action(async (file: string, options: { out?: string }) => {
      setExit(await compileCommand(context, file, options));
    });

  program
    .command('test')
    .description(t('test.description'))
    .argument('<paths...>', t('test.paths'))
    .option('--junit <file>', t('test.junit'))
    .addOption(executorOption())
    .option('--json', t('option.json'))
    .action(async (paths: string[], options: { junit?: string; executor: ExecutorKind; json?: boolean }) => {
      const { testCommand } = await import('./test-command.js');
      setExit(await testCommand(context, paths, options));
    });

  program
    .command('coverage')
    .description(t('coverage.description'))
    .argument('<file>', t('compile.file'))
    .option('--json', t('option.json'))
    .action(async (file: string, options: { json?: boolean }) => {
      const { coverageCommand } = await import('./coverage-command.js');
      setExit(await coverageCommand(context, file, options));
    });

  program
    .command('apply')
    .description(t('apply.description'))
    .requiredOption('--rules <file>', t('apply.rules'))
    .requiredOption('--invoice <file>', t('apply.invoice'))
    .requiredOption('--corrections <file>', t('apply.corrections'))
    .option('--ledger <file>', t('apply.ledger'))
    .addOption(executorOption())
    .option('--json', t('option.json'))
    .action(
      async (options: {
        rules: string;
        invoice: string;
        corrections: string;
        ledger?: string;
        executor: ExecutorKind;
        json?: boolean;
      }) => {
        setExit(await applyCommand(context, options));
      },
    );

  // --lang is accepted after the subcommand too.
  program.commands.forEach((command) =>
    translateHelp(command, t)
      .addOption(new Option('--lang <language>', t('option.lang')).choices([...LANGUAGES]))
      .exitOverride()
      .configureOutput({
        writeOut: (text) => io.stdout(text),
        writeErr: (text) => io.stderr(text),
        outputError: () => undefined,
      }),
  );
  return program;
}

/** Commander's errors, in the user's language where we know the error. */
function usageMessage(context: CliContext, error: CommanderError): string {
  const text = error.message.replace(/^error:\s*/, '');
  const quoted = /'([^']*)'/.exec(text)?.[1] ?? '';
  const keyed = (key: CliMessageKey, params: Record<string, string>) => context.t(key, params);
  switch (error.code) {
    case 'commander.unknownCommand':
      return keyed('error.unknownCommand', { command: quoted });
    case 'commander.unknownOption':
      return keyed('error.unknownOption', { option: quoted });
    case 'commander.missingArgument':
      return keyed('error.missingArgument', { argument: quoted });
    case 'commander.missingMandatoryOptionValue':
      return keyed('error.missingOption', { option: quoted });
    case 'commander.optionMissingArgument':
      return keyed('error.optionArgument', { option: quoted });
    case 'commander.excessArguments':
      return keyed('error.excessArguments', {});
    case 'commander.invalidArgument':
      return keyed('error.invalidChoice', {
        value: /argument '([^']*)'/.exec(text)?.[1] ?? '',
        option: /option '([^' ]*)/.exec(text)?.[1] ?? '',
        choices: /Allowed choices are (.*)\.$/.exec(text)?.[1] ?? '',
      });
    default:
      return keyed('error.usage', { detail: text });
  }
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const language: Language = resolveLanguage([explicitLanguage(argv), localeOfEnv(io.env)]);
  const context: CliContext = { io, language, t: cliTranslator(language) };
  let reported: unknown;
  let code = await runProgram(argv, context, (error) => {
    reported = error;
    return reportError(context, error);
  });
  try {
    // The output's last chunks are written here, so a failure is reported like any other, translated.
    await io.finish?.();
  } catch (error) {
    // The same failure the command stopped on (a write that failed) is reported once.
    const finishCode = error === reported ? EXIT_FAILURES : reportError(context, error);
    if (code === EXIT_OK) code = finishCode;
  }
  return code;
}

async function runProgram(
  argv: string[],
  context: CliContext,
  report: (error: unknown) => number,
): Promise<number> {
  const { io } = context;
  let exitCode = EXIT_OK;
  const program = buildProgram(context, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error);
  }
}

/** Prints `error` as the user should see it (one line, translated) and returns its exit code. */
function reportError(context: CliContext, error: unknown): number {
  const { io, language } = context;
  if (error instanceof CommanderError) {
    // --help and --version end with a CommanderError too, and exit code 0.
    if (error.exitCode === 0) return EXIT_OK;
    if (error.code === 'commander.help') return EXIT_OK;
    println(io.stderr, usageMessage(context, error));
    return EXIT_USAGE;
  }
  if (error instanceof CliError) {
    println(io.stderr, context.t(error.key, error.params));
    return error.exitCode;
  }
  if (isApplyInputError(error)) {
    for (const issue of error.issues) println(io.stderr, formatInputIssue(issue, language));
    return EXIT_USAGE;
  }
  if (isEngineError(error)) {
    println(io.stderr, error.localized(language));
    return EXIT_FAILURES;
  }
  // A bug of ours: one line for the user; the stack only when they ask for it.
  const message = error instanceof Error ? error.message : String(error);
  println(io.stderr, context.t('error.unexpected', { message }));
  if (io.env.CORRECTIONS_DEBUG) println(io.stderr, String((error as Error).stack));
  return EXIT_FAILURES;
}
