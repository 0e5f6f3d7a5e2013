/** Shared by the tests of single checks: parse a text, run one check on a node, collect what it reports. */
import type { AstNode, DiagnosticInfo, ValidationAcceptor, ValidationSeverity } from 'langium';
import { parseHelper } from 'langium/test';
import type { RuleSet, TestSuite } from '../generated/ast.js';
import { translatorFor } from '../messages.js';
import { createTestServices } from './services.js';

export const services = createTestServices().Corrections;
export const t = translatorFor('en');
export const parseRules = parseHelper<RuleSet>(services);
export const parseTests = parseHelper<TestSuite>(services);

export interface Reported {
  severity: ValidationSeverity;
  message: string;
  node: AstNode;
  info: DiagnosticInfo<AstNode>;
}

/** An acceptor that keeps what it is given, for assertions. */
export function recorder(): { accept: ValidationAcceptor; reported: Reported[] } {
  const reported: Reported[] = [];
  const accept: ValidationAcceptor = (severity, message, info) =>
    reported.push({ severity, message, node: info.node, info: info as DiagnosticInfo<AstNode> });
  return { accept, reported };
}

/** The first scenario of a rule set text (with a `ruleset` line added when missing). */
export async function scenarioOf(text: string) {
  const document = await parseRules(text.startsWith('ruleset') ? text : `ruleset R\n${text}`);
  return document.parseResult.value.scenarios[0]!;
}
