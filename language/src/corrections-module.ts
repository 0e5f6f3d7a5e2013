/**
 * The Langium module of the rules language: generated parts plus our scoping, validation and editor
 * services. `createCorrectionsServices` is the one entry point for the language server and for Node tools.
 */
import { inject, type Module } from 'langium';
import {
  createDefaultModule,
  createDefaultSharedModule,
  type DefaultSharedModuleContext,
  type LangiumServices,
  type LangiumSharedServices,
  type PartialLangiumServices,
  type PartialLangiumSharedServices,
} from 'langium/lsp';
import { CorrectionsGeneratedModule, CorrectionsGeneratedSharedModule } from './generated/module.js';
import { CorrectionsCodeActionProvider } from './corrections-code-actions.js';
import { CorrectionsDocumentBuilder } from './corrections-document-builder.js';
import { CorrectionsCodeLensProvider } from './lsp/code-lens.js';
import { CorrectionsCommandHandler } from './lsp/server-commands.js';
import { CorrectionsCompletionProvider } from './corrections-completion.js';
import { CorrectionsFormatter } from './corrections-formatter.js';
import { CorrectionsHoverProvider } from './corrections-hover.js';
import {
  CorrectionsLinker,
  CorrectionsReferenceDescriptionProvider,
  CorrectionsScopeComputation,
  CorrectionsScopeProvider,
} from './corrections-scope.js';
import {
  CorrectionsLexerErrorMessageProvider,
  CorrectionsParserErrorMessageProvider,
} from './corrections-syntax-errors.js';
import { CorrectionsValidator, registerValidationChecks } from './corrections-validator.js';

export interface CorrectionsAddedServices {
  validation: {
    CorrectionsValidator: CorrectionsValidator;
  };
}

export type CorrectionsServices = LangiumServices & CorrectionsAddedServices;

export const CorrectionsModule: Module<
  CorrectionsServices,
  PartialLangiumServices & CorrectionsAddedServices
> = {
  parser: {
    ParserErrorMessageProvider: () => new CorrectionsParserErrorMessageProvider(),
    LexerErrorMessageProvider: () => new CorrectionsLexerErrorMessageProvider(),
  },
  references: {
    Linker: (services) => new CorrectionsLinker(services),
    ScopeComputation: (services) => new CorrectionsScopeComputation(services),
    ScopeProvider: (services) => new CorrectionsScopeProvider(services),
  },
  validation: {
    CorrectionsValidator: (services) => new CorrectionsValidator(services),
  },
  workspace: {
    ReferenceDescriptionProvider: (services) => new CorrectionsReferenceDescriptionProvider(services),
  },
  lsp: {
    Formatter: () => new CorrectionsFormatter(),
    HoverProvider: (services) => new CorrectionsHoverProvider(services),
    CompletionProvider: (services) => new CorrectionsCompletionProvider(services),
    CodeActionProvider: () => new CorrectionsCodeActionProvider(),
    CodeLensProvider: () => new CorrectionsCodeLensProvider(),
  },
};

/** Shared services of ours: the custom requests as executeCommand commands. */
export const CorrectionsSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
  lsp: {
    ExecuteCommandHandler: () => new CorrectionsCommandHandler(),
  },
  workspace: {
    DocumentBuilder: (services) => new CorrectionsDocumentBuilder(services),
  },
};

export function createCorrectionsServices(context: DefaultSharedModuleContext): {
  shared: LangiumSharedServices;
  Corrections: CorrectionsServices;
} {
  const shared = inject(
    createDefaultSharedModule(context),
    CorrectionsGeneratedSharedModule,
    CorrectionsSharedModule,
  );
  const Corrections = inject(createDefaultModule({ shared }), CorrectionsGeneratedModule, CorrectionsModule);
  shared.ServiceRegistry.register(Corrections);
  registerValidationChecks(Corrections);
  if (!context.connection) {
    // Without a language client nobody sends the configuration; tools still need the workspace to work.
    shared.workspace.ConfigurationProvider.initialized({});
  }
  return { shared, Corrections };
}
