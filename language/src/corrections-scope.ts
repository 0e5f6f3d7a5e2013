/**
 * Names across files: a rule set is visible to every `.crtest` file by its name; a test's
 * `expect scenario X` sees exactly the scenarios of the rule set named in its `tests for` line.
 */
import {
  DefaultLinker,
  DefaultScopeComputation,
  DefaultScopeProvider,
  EMPTY_SCOPE,
  type AstNodeDescription,
  type LangiumDocument,
  type LinkingError,
  type ReferenceInfo,
  type Scope,
} from 'langium';
import { isExpectScenario, isRuleSet, isTestSuite } from './generated/ast.js';
import { closestValue } from './cells.js';
import { t } from './messages.js';

export class CorrectionsScopeComputation extends DefaultScopeComputation {
  /** Only the rule set itself is global; scenario names are reached through it. */
  override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
    const root = document.parseResult.value;
    if (!isRuleSet(root) || !root.name) return [];
    return [this.descriptions.createDescription(root, root.name, document)];
  }
}

export class CorrectionsScopeProvider extends DefaultScopeProvider {
  override getScope(context: ReferenceInfo): Scope {
    if (isExpectScenario(context.container) && context.property === 'scenario') {
      const suite = context.container.$container.$container;
      const ruleSet = isTestSuite(suite) ? suite.ruleSet.ref : undefined;
      return ruleSet ? this.createScopeForNodes(ruleSet.scenarios) : EMPTY_SCOPE;
    }
    return super.getScope(context);
  }
}

/** Unresolved names explained in the analyst's terms (and language). */
export class CorrectionsLinker extends DefaultLinker {
  protected override createLinkingError(
    refInfo: ReferenceInfo,
    targetDescription?: AstNodeDescription,
  ): LinkingError {
    const error = super.createLinkingError(refInfo, targetDescription);
    const name = refInfo.reference.$refText;
    // The closest name in scope (a scenario of the tested rule set, a loaded rule set), if any is close.
    const candidates = this.scopeProvider
      .getScope(refInfo)
      .getAllElements()
      .map((description) => description.name)
      .toArray();
    const suggestion = closestValue(name, candidates);
    const withSuggestion = (message: string) =>
      suggestion ? `${message} ${t('fix.didYouMean', { value: suggestion })}` : message;
    if (isExpectScenario(refInfo.container)) {
      const suite = refInfo.container.$container.$container;
      const ruleSet = isTestSuite(suite) ? suite.ruleSet.$refText : '?';
      return { ...error, message: withSuggestion(t('link.unknownScenario', { ruleSet, name })) };
    }
    if (isTestSuite(refInfo.container)) {
      return { ...error, message: withSuggestion(t('link.unknownRuleSet', { name })) };
    }
    return error;
  }
}
