/**
 * Syntax errors in the analyst's words and language. The parser's defaults speak of "token of type
 * 'NUMBER'" and list token sequences over several lines, in English only; these say what was expected
 * (a number, a name, a keyword) on one line, in English or Vietnamese.
 */
import type { ILexerErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';
import type { Translate } from '#engine/i18n';
import type { CorrectionsMessages } from './corrections-messages.js';
import type { MessageKey } from './messages.js';

const TERMINAL_WORDS: Record<string, MessageKey> = {
  NUMBER: 'syntax.number',
  ID: 'syntax.name',
  STRING: 'syntax.text',
};

function describeToken(t: Translate<MessageKey>, type: TokenType): string {
  if (type.name.endsWith(':KW')) return `\`${type.name.slice(0, -3)}\``;
  const key = TERMINAL_WORDS[type.name];
  return key ? t(key) : `\`${type.LABEL ?? type.name}\``;
}

function found(t: Translate<MessageKey>, tokens: IToken | IToken[]): string {
  const token = Array.isArray(tokens) ? tokens[0] : tokens;
  const image = token?.image ?? '';
  return image === '' ? t('syntax.endOfFile') : `\`${image}\``;
}

/** The distinct first tokens of each alternative, in grammar order. */
function firstTokens(t: Translate<MessageKey>, paths: TokenType[][]): string {
  const names = [...new Set(paths.map((path) => path[0]).filter((type) => type !== undefined))];
  return names.map((type) => describeToken(t, type)).join(', ');
}

export class CorrectionsParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
  constructor(private readonly messages: CorrectionsMessages) {
    super();
  }

  override buildMismatchTokenMessage(options: {
    expected: TokenType;
    actual: IToken;
    previous: IToken;
    ruleName: string;
  }): string {
    const t = this.messages.t;
    return t('syntax.expected', {
      expected: describeToken(t, options.expected),
      found: found(t, options.actual),
    });
  }

  override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
    const t = this.messages.t;
    return t('syntax.expected', { expected: t('syntax.endOfFile'), found: found(t, options.firstRedundant) });
  }

  override buildNoViableAltMessage(options: {
    expectedPathsPerAlt: TokenType[][][];
    actual: IToken[];
    previous: IToken;
    customUserDescription: string;
    ruleName: string;
  }): string {
    const t = this.messages.t;
    const expected = firstTokens(t, options.expectedPathsPerAlt.flat());
    return t('syntax.expectedOneOf', { expected, found: found(t, options.actual) });
  }

  override buildEarlyExitMessage(options: {
    expectedIterationPaths: TokenType[][];
    actual: IToken[];
    previous: IToken;
    customUserDescription: string;
    ruleName: string;
  }): string {
    const t = this.messages.t;
    const expected = firstTokens(t, options.expectedIterationPaths);
    return t('syntax.expectedOneOf', { expected, found: found(t, options.actual) });
  }
}

export class CorrectionsLexerErrorMessageProvider implements ILexerErrorMessageProvider {
  constructor(private readonly messages: CorrectionsMessages) {}

  buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
    return this.messages.t('syntax.unexpectedCharacters', {
      text: fullText.substring(startOffset, startOffset + length),
    });
  }

  buildUnableToPopLexerModeMessage(token: IToken): string {
    return this.messages.t('syntax.unexpectedCharacters', { text: token.image });
  }
}
