/**
 * The rule set behind an open document, as the language server's own requests need it: found through
 * `tests for` when the document is a test file, refused while it or its tests have errors, then compiled
 * with sources named as `corrections compile` names them.
 */
import { AstUtils, URI, UriUtils, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver';
import {
  compileRuleSet,
  type CompiledRuleSet,
  isEngineError,
  type RuleSetDefinition,
  type SourceRange,
} from '#engine';
import { displayPath, toRuleSetDefinition } from '../definition/to-definition.js';
import {
  isRuleSet,
  isTestSuite,
  type CorrectionsFile,
  type RuleSet,
  type TestSuite,
} from '../generated/ast.js';
import type { Language } from '#engine/i18n';
import { messagesOf } from './messages-of.js';
import type { LspRange } from './protocol.js';

/** Node passes the CLI's rule (nearest package.json or .git); elsewhere the workspace folder is used. */
export type SourceRootOf = (filePath: string) => string | undefined;

export interface RulesServerOptions {
  sourceRootOf?: SourceRootOf;
  /** The message language the server starts with (the client may change it later). */
  language?: Language;
}

export type RulesDocument = LangiumDocument<CorrectionsFile>;

export interface ResolvedRuleSet {
  ruleSet: RuleSet;
  document: RulesDocument;
  definition: RuleSetDefinition;
  compiled: CompiledRuleSet;
  /** Folder the compiled sources are relative to (file URIs only). */
  sourceRoot?: string;
}

export type Resolution<T> = { ok: true; value: T } | { ok: false; error: string; ruleSet?: string };

export function findDocument(shared: LangiumSharedServices, uri: string): RulesDocument | undefined {
  const parsed = URI.parse(uri);
  const documents = shared.workspace.LangiumDocuments;
  return documents.hasDocument(parsed) ? (documents.getDocument(parsed) as RulesDocument) : undefined;
}

export function errorsOf(document: LangiumDocument): Diagnostic[] {
  return (document.diagnostics ?? []).filter((diagnostic) => (diagnostic.severity ?? 1) === 1);
}

/** "rules/x.crules:12:3: `Tme` is not a class value ..." for the first error. */
function firstError(document: LangiumDocument, errors: Diagnostic[]): string {
  const first = errors[0]!;
  const where = `${displayPath(document.uri)}:${first.range.start.line + 1}:${first.range.start.character + 1}`;
  return `${where}: ${first.message}`;
}

function sourceRootFor(
  shared: LangiumSharedServices,
  document: LangiumDocument,
  options: RulesServerOptions,
): string | undefined {
  if (document.uri.scheme !== 'file') return undefined;
  const fromOption = options.sourceRootOf?.(document.uri.fsPath);
  if (fromOption) return fromOption;
  const folder = shared.workspace.WorkspaceManager.workspaceFolders?.find((candidate) =>
    UriUtils.contains(URI.parse(candidate.uri), document.uri),
  );
  return folder ? URI.parse(folder.uri).fsPath : UriUtils.dirname(document.uri).fsPath;
}

/** The one rule set of that name in the workspace's current documents. */
function currentRuleSet(shared: LangiumSharedServices, name: string | undefined): RuleSet | undefined {
  if (!name) return undefined;
  const found = shared.workspace.LangiumDocuments.all
    .map((document) => document.parseResult.value)
    .filter((root): root is RuleSet => isRuleSet(root) && root.name === name)
    .toArray();
  return found.length === 1 ? found[0] : undefined;
}

/** The test suite of a `.crtest` document, refused while the file has errors. */
export function resolveTestSuite(
  shared: LangiumSharedServices,
  document: RulesDocument,
): Resolution<TestSuite> {
  const t = messagesOf(shared).t;
  const root = document.parseResult.value;
  if (!isTestSuite(root)) return { ok: false, error: t('lsp.noRuleSet') };
  const errors = errorsOf(document);
  if (errors.length > 0) {
    return {
      ok: false,
      ruleSet: root.ruleSet?.$refText,
      error: t('lsp.testsHaveErrors', { count: errors.length, first: firstError(document, errors) }),
    };
  }
  return { ok: true, value: root };
}

/** The rule set of a `.crules` document, or the one a `.crtest` document tests, compiled. */
export function resolveRuleSet(
  shared: LangiumSharedServices,
  document: RulesDocument,
  options: RulesServerOptions,
  toleratedCodes: readonly string[] = [],
): Resolution<ResolvedRuleSet> {
  const t = messagesOf(shared).t;
  const root = document.parseResult.value;
  let ruleSet: RuleSet | undefined;
  if (isRuleSet(root)) ruleSet = root;
  else if (isTestSuite(root)) {
    // The rule set as it is now, by name: a link may still point into an older parse of the rules.
    ruleSet = currentRuleSet(shared, root.ruleSet?.$refText) ?? root.ruleSet?.ref;
    if (!ruleSet) {
      const name = root.ruleSet?.$refText ?? '';
      return { ok: false, ruleSet: name, error: t('lsp.unknownRuleSet', { ruleSet: name }) };
    }
  }
  if (!ruleSet?.name) return { ok: false, error: t('lsp.noRuleSet') };
  const ruleSetDocument = AstUtils.getDocument(ruleSet) as RulesDocument;
  const errors = errorsOf(ruleSetDocument).filter(
    (error) => !toleratedCodes.includes(String(error.code ?? '')),
  );
  if (errors.length > 0) {
    return {
      ok: false,
      ruleSet: ruleSet.name,
      error: t('lsp.rulesHaveErrors', {
        ruleSet: ruleSet.name,
        count: errors.length,
        first: firstError(ruleSetDocument, errors),
      }),
    };
  }
  const definition = toRuleSetDefinition(ruleSet, ruleSetDocument);
  const sourceRoot = sourceRootFor(shared, ruleSetDocument, options);
  try {
    const compiled = compileRuleSet(definition, { sourceRoot });
    return { ok: true, value: { ruleSet, document: ruleSetDocument, definition, compiled, sourceRoot } };
  } catch (error) {
    const message = isEngineError(error)
      ? error.localized(messagesOf(shared).language)
      : error instanceof Error
        ? error.message
        : String(error);
    return { ok: false, ruleSet: ruleSet.name, error: t('lsp.compileFailed', { message }) };
  }
}

/** A 1-based source range (engine form) as an LSP range. */
export function toLspRange(source: Pick<SourceRange, 'line' | 'column' | 'endLine' | 'endColumn'>): LspRange {
  return {
    start: { line: source.line - 1, character: source.column - 1 },
    end: { line: source.endLine - 1, character: source.endColumn - 1 },
  };
}

/** The URI of a compiled source file name: relative to the source root, a path, or already a URI. */
export function sourceUri(file: string, sourceRoot: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(file)) return file;
  if (file.startsWith('/') || /^[a-z]:[\\/]/i.test(file)) return URI.file(file).toString();
  return sourceRoot ? UriUtils.joinPath(URI.file(sourceRoot), file).toString() : URI.file(file).toString();
}
