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
  NormalizedTextDocuments,
} from 'langium/lsp';
import { CorrectionsGeneratedModule, CorrectionsGeneratedSharedModule } from './generated/module.js';
import { CorrectionsCodeActionProvider } from './corrections-code-actions.js';
import { CorrectionsDocumentBuilder } from './corrections-document-builder.js';
import { chunkedTextDocuments } from './lsp/chunked-text-document.js';
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
import { CorrectionsMessages } from './corrections-messages.js';
import { createAnchoredParser } from './parsing/anchored-cst.js';
import { CorrectionsDocumentFactory } from './parsing/corrections-document-factory.js';
import { CorrectionsLexer } from './parsing/corrections-lexer.js';
import { CorrectionsTokenBuilder } from './parsing/corrections-token-builder.js';
import {
  CorrectionsDocumentValidator,
  CorrectionsValidator,
  registerValidationChecks,
} from './validation/index.js';
import type { Language } from '#engine/i18n';

export interface CorrectionsAddedServices {
  validation: {
    CorrectionsValidator: CorrectionsValidator;
  };
  i18n: {
    /** The language of this server's diagnostics, hovers and quick fixes. */
    Messages: CorrectionsMessages;
  };
}

export type CorrectionsServices = LangiumServices & CorrectionsAddedServices;

export const CorrectionsModule: Module<
  CorrectionsServices,
  PartialLangiumServices & CorrectionsAddedServices
> = {
  parser: {
    ParserErrorMessageProvider: (services) =>
      new CorrectionsParserErrorMessageProvider(services.i18n.Messages),
    LexerErrorMessageProvider: (services) => new CorrectionsLexerErrorMessageProvider(services.i18n.Messages),
    TokenBuilder: () => new CorrectionsTokenBuilder(),
    LangiumParser: (services) => createAnchoredParser(services),
    Lexer: (services) => new CorrectionsLexer(services),
  },
  i18n: {
    Messages: () => new CorrectionsMessages(),
  },
  references: {
    Linker: (services) => new CorrectionsLinker(services),
    ScopeComputation: (services) => new CorrectionsScopeComputation(services),
    ScopeProvider: (services) => new CorrectionsScopeProvider(services),
  },
  validation: {
    CorrectionsValidator: (services) => new CorrectionsValidator(services),
    DocumentValidator: (services) => new CorrectionsDocumentValidator(services),
  },
  workspace: {
    ReferenceDescriptionProvider: (services) => new CorrectionsReferenceDescriptionProvider(services),
  },
  lsp: {
    Formatter: () => new CorrectionsFormatter(),
    HoverProvider: (services) => new CorrectionsHoverProvider(services),
    CompletionProvider: (services) => new CorrectionsCompletionProvider(services),
    CodeActionProvider: (services) => new CorrectionsCodeActionProvider(services),
    CodeLensProvider: (services) => new CorrectionsCodeLensProvider(services),
  },
};

/** Shared services of ours: the custom requests as executeCommand commands. */
export const CorrectionsSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
  lsp: {
    ExecuteCommandHandler: () => new CorrectionsCommandHandler(),
  },
  workspace: {
    DocumentBuilder: (services) => new CorrectionsDocumentBuilder(services),
    LangiumDocumentFactory: (services) => new CorrectionsDocumentFactory(services),
    // Open documents kept in chunks: an edit costs its own size, not the file's.
    TextDocuments: () => new NormalizedTextDocuments(chunkedTextDocuments),
  },
};

export interface CorrectionsServicesContext extends DefaultSharedModuleContext {
  /** The message language to start with (default English); `services.i18n.Messages` changes it later. */
  language?: Language;
}

export function createCorrectionsServices(context: CorrectionsServicesContext): {
  shared: LangiumSharedServices;
  Corrections: CorrectionsServices;
} {
  const shared = inject(
    createDefaultSharedModule(context),
    CorrectionsGeneratedSharedModule,
    CorrectionsSharedModule,
  );
  const Corrections = inject(createDefaultModule({ shared }), CorrectionsGeneratedModule, CorrectionsModule);
  if (context.language) Corrections.i18n.Messages.setLanguage(context.language);
  shared.ServiceRegistry.register(Corrections);
  registerValidationChecks(Corrections);
  if (!context.connection) {
    // Without a language client nobody sends the configuration; tools still need the workspace to work.
    shared.workspace.ConfigurationProvider.initialized({});
  }
  return { shared, Corrections };
}
