/**
 * Names across files: a rule set is visible to every `.crtest` file by its name; a test's
 * `expect scenario X` sees exactly the scenarios of the rule set named in its `tests for` line.
 */
import {
  DefaultLinker,
  DefaultReferenceDescriptionProvider,
  DefaultScopeComputation,
  DefaultScopeProvider,
  EMPTY_SCOPE,
  MultiMap,
  type AstNode,
  type AstNodeDescription,
  type LangiumDocument,
  type LinkingError,
  type LocalSymbols,
  type ReferenceDescription,
  type ReferenceInfo,
  type Scope,
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { isExpectScenario, isRuleSet, isTestSuite } from './generated/ast.js';
import { closestValue } from './cells.js';
import type { CorrectionsMessages } from './corrections-messages.js';
import type { CorrectionsServices } from './corrections-module.js';

export class CorrectionsScopeComputation extends DefaultScopeComputation {
  /** Only the rule set itself is global; scenario names are reached through it. */
  override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
    const root = document.parseResult.value;
    if (!isRuleSet(root) || !root.name) return [];
    return [this.descriptions.createDescription(root, root.name, document)];
  }

  /**
   * A rules file holds no references and its scenarios are reached through the rule set (see the scope
   * provider), so it needs no local symbols: walking a 2,000-scenario file for them costs every keystroke.
   */
  override async collectLocalSymbols(
    document: LangiumDocument,
    cancelToken?: CancellationToken,
  ): Promise<LocalSymbols> {
    if (isRuleSet(document.parseResult.value)) return new MultiMap<AstNode, AstNodeDescription>();
    return super.collectLocalSymbols(document, cancelToken);
  }
}

/** Rules files hold no references (only test files do): nothing to index there. */
export class CorrectionsReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
  override async createDescriptions(
    document: LangiumDocument,
    cancelToken?: CancellationToken,
  ): Promise<ReferenceDescription[]> {
    if (isRuleSet(document.parseResult.value)) return [];
    return super.createDescriptions(document, cancelToken);
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
  private readonly messages: CorrectionsMessages;

  constructor(services: CorrectionsServices) {
    super(services);
    this.messages = services.i18n.Messages;
  }

  /** Rules files hold no references (only test files do): skip the walk over every node. */
  override async link(document: LangiumDocument, cancelToken?: CancellationToken): Promise<void> {
    if (isRuleSet(document.parseResult.value)) return;
    return super.link(document, cancelToken);
  }

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
    const t = this.messages.t;
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
