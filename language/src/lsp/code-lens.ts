/**
 * Code lenses: "Run test" on every test and "Run all tests" on `tests for`; "Show compiled JSON" and
 * "Show coverage matrix" on the rule set. The commands are the client's (see ClientCommands).
 */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { isRuleSet, isTestSuite } from '../generated/ast.js';
import type { CorrectionsMessages } from '../corrections-messages.js';
import type { CorrectionsServices } from '../corrections-module.js';
import { ClientCommands } from './protocol.js';

export class CorrectionsCodeLensProvider implements CodeLensProvider {
  private readonly messages: CorrectionsMessages;

  constructor(services: CorrectionsServices) {
    this.messages = services.i18n.Messages;
  }

  provideCodeLens(document: LangiumDocument): CodeLens[] {
    const t = this.messages.t;
    const root = document.parseResult.value;
    const uri = document.uri.toString();
    const lenses: CodeLens[] = [];
    if (isRuleSet(root) && root.$cstNode) {
      const range = root.$cstNode.range;
      const head = { start: range.start, end: range.start };
      lenses.push(
        {
          range: head,
          command: {
            title: t('lens.showCompiledJson'),
            command: ClientCommands.showCompiledJson,
            arguments: [uri],
          },
        },
        {
          range: head,
          command: { title: t('lens.showCoverage'), command: ClientCommands.showCoverage, arguments: [uri] },
        },
      );
    }
    if (isTestSuite(root) && root.$cstNode) {
      const start = root.$cstNode.range.start;
      lenses.push({
        range: { start, end: start },
        command: { title: t('lens.runAllTests'), command: ClientCommands.runTest, arguments: [uri] },
      });
      for (const test of root.tests) {
        if (typeof test.name !== 'string' || !test.$cstNode) continue;
        const at = test.$cstNode.range.start;
        lenses.push({
          range: { start: at, end: at },
          command: { title: t('lens.runTest'), command: ClientCommands.runTest, arguments: [uri, test.name] },
        });
      }
    }
    return lenses;
  }
}
