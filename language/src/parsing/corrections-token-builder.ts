/** Tokens of the rules language: the generated ones, with quoted texts read by a loop (see string-token.ts). */
import type { TokenType } from 'chevrotain';
import { DefaultTokenBuilder, type GrammarAST } from 'langium';
import { matchQuotedText } from './string-token.js';

export class CorrectionsTokenBuilder extends DefaultTokenBuilder {
  protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
    const token = super.buildTerminalToken(terminal);
    if (terminal.name !== 'STRING') return token;
    return { ...token, PATTERN: matchQuotedText, START_CHARS_HINT: ['"', "'"], LINE_BREAKS: true };
  }
}
