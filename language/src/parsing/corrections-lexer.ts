/**
 * The lexer with limits: a document over MAX_DOCUMENT_CHARS is not read at all, and a token over
 * MAX_TOKEN_CHARS is an error at its place. Both are reported like any syntax error (file:line:col in
 * the CLI, a diagnostic in the editor) instead of costing the server its memory or its life.
 */
import { DefaultLexer, type LangiumCoreServices, type LexerResult, type TokenizeOptions } from 'langium';
import type { IToken } from 'chevrotain';
import type { CorrectionsMessages } from '../corrections-messages.js';
import { MAX_DOCUMENT_CHARS, MAX_TOKEN_CHARS } from './input-limits.js';

const grouped = (value: number) => value.toLocaleString('en');

export class CorrectionsLexer extends DefaultLexer {
  private readonly messages: CorrectionsMessages;

  constructor(services: LangiumCoreServices & { i18n: { Messages: CorrectionsMessages } }) {
    super(services);
    this.messages = services.i18n.Messages;
  }

  override tokenize(text: string, options?: TokenizeOptions): LexerResult {
    if (text.length > MAX_DOCUMENT_CHARS) {
      const message = this.messages.t('syntax.documentTooLarge', {
        size: grouped(text.length),
        limit: grouped(MAX_DOCUMENT_CHARS),
      });
      return {
        tokens: [],
        hidden: [],
        errors: [{ offset: 0, line: 1, column: 1, length: 1, message }],
      };
    }
    const result = super.tokenize(text, options);
    const tooLong = [...result.tokens, ...result.hidden].filter(
      (token) => token.image.length > MAX_TOKEN_CHARS,
    );
    if (tooLong.length === 0) return result;
    return { ...result, errors: [...result.errors, ...tooLong.map((token) => this.tooLongError(token))] };
  }

  private tooLongError(token: IToken) {
    return {
      offset: token.startOffset,
      line: token.startLine ?? 1,
      column: token.startColumn ?? 1,
      // The first character only: a squiggle over megabytes helps nobody.
      length: 1,
      message: this.messages.t('syntax.tokenTooLong', {
        size: grouped(token.image.length),
        limit: grouped(MAX_TOKEN_CHARS),
      }),
    };
  }
}
