/**
 * Node helper for tools (the CLI, benchmarks, tests): load `.crules` and `.crtest` files (or whole
 * directories) into one Langium workspace so tests resolve scenarios across files, validate them, and map
 * them to the engine's definitions.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver';
import type { RuleSetDefinition, RuleTestDefinition } from '#engine';
import type { Language } from '#engine/i18n';
import { createCorrectionsServices, type CorrectionsServices } from './corrections-module.js';
import { displayPath, toRuleSetDefinition, toRuleTestDefinitions } from './definition/to-definition.js';
import { isRuleSet, isTestSuite, type CorrectionsFile } from './generated/ast.js';

export const RULES_EXTENSIONS = ['.crules', '.crtest'] as const;

/** A problem in a rules file, 1-based as an editor shows it. */
export interface RulesDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  code?: string;
  message: string;
}

export interface RuleTestFile {
  file: string;
  /** The rule set named in `tests for <RuleSet>`. */
  ruleSet: string;
  tests: RuleTestDefinition[];
}

export interface LoadedRules {
  documents: LangiumDocument<CorrectionsFile>[];
  /** Sorted by file, then position. Callers must refuse to run rules while any has severity `error`. */
  diagnostics: RulesDiagnostic[];
  /** One per `.crules` file that parsed (even with validation errors: see `diagnostics`). */
  ruleSets: RuleSetDefinition[];
  tests: RuleTestFile[];
}

export interface LoadRulesOptions {
  /** Reuse services (e.g. a test's); a fresh Node workspace otherwise. */
  services?: CorrectionsServices;
  /** The language of the diagnostics when fresh services are made (default English). */
  language?: Language;
}

const SEVERITY: Record<number, RulesDiagnostic['severity']> = {
  1: 'error',
  2: 'warning',
  3: 'info',
  4: 'info',
};

/** Files to load: the given files, and every rules file under the given directories (sorted, recursive). */
async function expandPaths(paths: string[], problems: RulesDiagnostic[]): Promise<string[]> {
  const files: string[] = [];
  const problem = (file: string, message: string, code: string): void => {
    problems.push({ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code, message });
  };
  const walk = async (path: string, explicit: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch {
      problem(path, `No such file or directory: ${path}`, 'file-not-found');
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      for (const entry of entries) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        await walk(resolve(path, entry), false);
      }
    } else if ((RULES_EXTENSIONS as readonly string[]).includes(extname(path))) {
      files.push(path);
    } else if (explicit) {
      problem(
        path,
        `Not a rules file (expected ${RULES_EXTENSIONS.join(' or ')}): ${path}`,
        'not-a-rules-file',
      );
    }
  };
  for (const path of paths) await walk(resolve(path), true);
  return [...new Set(files)];
}

function toRulesDiagnostic(document: LangiumDocument, diagnostic: Diagnostic): RulesDiagnostic {
  return {
    file: displayPath(document.uri),
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: SEVERITY[diagnostic.severity ?? 1] ?? 'error',
    code: diagnostic.code === undefined ? undefined : String(diagnostic.code),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
  };
}

/**
 * Loads rule sets and rule tests from files and directories, links them as one workspace, validates them
 * and maps them to the engine's definitions. Never throws for bad input: problems are diagnostics.
 */
export async function loadRules(paths: string[], options: LoadRulesOptions = {}): Promise<LoadedRules> {
  const services =
    options.services ??
    createCorrectionsServices({ ...NodeFileSystem, language: options.language }).Corrections;
  const shared = services.shared;
  const diagnostics: RulesDiagnostic[] = [];
  const files = await expandPaths(paths, diagnostics);

  const documents: LangiumDocument<CorrectionsFile>[] = [];
  for (const file of files) {
    documents.push(
      (await shared.workspace.LangiumDocuments.getOrCreateDocument(
        URI.file(file),
      )) as LangiumDocument<CorrectionsFile>,
    );
  }
  await shared.workspace.DocumentBuilder.build(documents, { validation: true });

  const ruleSets: RuleSetDefinition[] = [];
  const tests: RuleTestFile[] = [];
  for (const document of documents) {
    for (const diagnostic of document.diagnostics ?? [])
      diagnostics.push(toRulesDiagnostic(document, diagnostic));
    const root = document.parseResult.value;
    const parsed =
      document.parseResult.lexerErrors.length === 0 && document.parseResult.parserErrors.length === 0;
    if (!parsed) continue;
    if (isRuleSet(root)) {
      ruleSets.push(toRuleSetDefinition(root, document));
    } else if (isTestSuite(root)) {
      tests.push({
        file: displayPath(document.uri),
        ruleSet: root.ruleSet.ref?.name ?? root.ruleSet.$refText,
        tests: toRuleTestDefinitions(root, document),
      });
    }
  }
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { documents, diagnostics, ruleSets, tests };
}

/** `file:line:col: severity: message [code]`, the form terminals and editors link. */
export function formatDiagnostic(diagnostic: RulesDiagnostic): string {
  const code = diagnostic.code ? ` [${diagnostic.code}]` : '';
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message}${code}`;
}
