/**
 * Commander's own words in the user's language: the headings of the help (`Usage:`, `Options:`, ...),
 * the help option and command, and the "(choices: ..., default: ...)" after an option.
 */
import type { Command, HelpConfiguration, Option } from 'commander';
import type { Translate } from '#engine/i18n';
import type { CliMessageKey } from './messages.js';

const HEADINGS: Record<string, CliMessageKey> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Global Options:': 'help.globalOptions',
  'Commands:': 'help.commands',
  'Arguments:': 'help.arguments',
};

function helpConfiguration(t: Translate<CliMessageKey>): HelpConfiguration {
  return {
    styleTitle: (title) => (HEADINGS[title] ? t(HEADINGS[title]) : title),
    optionDescription: (option: Option) => {
      const extra: string[] = [];
      if (option.argChoices) {
        extra.push(`${t('help.choices')}: ${option.argChoices.map((c) => JSON.stringify(c)).join(', ')}`);
      }
      if (option.defaultValue !== undefined && !option.negate) {
        const shown = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
        extra.push(`${t('help.default')}: ${shown}`);
      }
      return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
    },
  };
}

/** Applies the translated help to a command (call it on the program and on every subcommand). */
export function translateHelp(command: Command, t: Translate<CliMessageKey>): Command {
  return command.configureHelp(helpConfiguration(t)).helpOption('-h, --help', t('help.helpOption'));
}

/** The `help [command]` command of the program, translated. */
export function translateHelpCommand(program: Command, t: Translate<CliMessageKey>): Command {
  return program.helpCommand('help [command]', t('help.helpCommand'));
}
