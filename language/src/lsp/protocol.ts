/**
 * The rules language server's own LSP messages, beyond the standard ones: test discovery and runs (the
 * VS Code Test Explorer and the browser editor's "Run tests"), the compiled JSON, the coverage matrix and
 * the message language. Plain types and method names only, so the extension and the browser editor can
 * import them without pulling in Langium.
 */

/** Messages (diagnostics, hovers, test failures) are in one of these. */
export type MessageLanguage = 'en' | 'vi';

/** 0-based, as LSP positions are. */
export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Sent by the client in `initialize` (`initializationOptions`). */
export interface CorrectionsInitializationOptions {
  language?: MessageLanguage;
}

// ------------------------------------------------------------------ test discovery

export interface DiscoveredTest {
  /** The test's name as written in `test "..."`; unique ids are `${uri}#${name}`. */
  name: string;
  range: LspRange;
}

export interface DiscoveredTestFile {
  uri: string;
  /** The rule set named in `tests for <RuleSet>`. */
  ruleSet: string;
  /** Range of the `tests for ...` header. */
  range: LspRange;
  tests: DiscoveredTest[];
}

/** Request: every `.crtest` document the server knows (or the one given), with its tests. */
export const ListTestsRequest = 'corrections/listTests';
export interface ListTestsParams {
  uri?: string;
}
export interface ListTestsResult {
  files: DiscoveredTestFile[];
}

/** Notification server -> client, after each build: these test files changed (or were deleted: no tests). */
export const TestsChangedNotification = 'corrections/testsChanged';
export interface TestsChangedParams {
  files: DiscoveredTestFile[];
  /** Test files removed from the workspace. */
  removed: string[];
}

// ------------------------------------------------------------------ test runs

/** Request: run tests through the engine's rule-test runner (the same as `corrections test`). */
export const RunTestsRequest = 'corrections/runTests';
export interface RunTestsParams {
  /** A `.crtest` document; omitted: every test file. */
  uri?: string;
  /** Only these tests of `uri`; omitted: all of them. */
  names?: string[];
  /** `fast` (default) or `reference` (json-rules-engine). */
  executor?: 'fast' | 'reference';
}

export interface TestActualView {
  /** "expect billed sales reversal quantity -8 amount -1600": the `expect` line this actual satisfies. */
  text: string;
  /** "TimePartialCredit (rules/correction-actuals.crules:12:3)". */
  explanation: string;
  /** Where the rule line that created it is, to link to. */
  source?: { uri: string; range: LspRange };
}

export interface TestRunResult {
  name: string;
  range: LspRange;
  passed: boolean;
  durationMs: number;
  /** The scenario that matched, if any. */
  scenario?: string;
  /** Why it failed, in the message language (first line is a summary). */
  failure?: string;
  /**
   * Both sides of a diff as `expect` lines: the test's own expectations, and the lines that would make it
   * pass (a matched actual takes the text of its expectation, so only real differences show).
   */
  expectedText?: string;
  actualText: string;
  /** "  " matched, "- " expected but missing, "+ " produced but not expected. */
  diff: string[];
  /** Every produced actual with the rule line that made it. */
  actuals: TestActualView[];
}

export interface TestFileRunResult {
  uri: string;
  ruleSet: string;
  /** Set when the file's tests could not run at all (rules with errors, unknown rule set); tests is empty. */
  error?: string;
  tests: TestRunResult[];
}

export interface RunTestsResult {
  files: TestFileRunResult[];
  passed: number;
  failed: number;
}

// ------------------------------------------------------------------ compiled JSON and coverage

/** Request: the json-rules-engine JSON of the rule set of a `.crules` document (or the one a `.crtest` tests). */
export const CompileRequest = 'corrections/compile';
export interface CompileParams {
  uri: string;
}
export interface CompileResult {
  ruleSet?: string;
  /** Byte for byte what `corrections compile` writes. */
  json?: string;
  /** Why there is no JSON (errors in the rules, no rule set), in the message language. */
  error?: string;
}

export const CoverageRequest = 'corrections/coverage';
export interface CoverageParams {
  uri: string;
}
export interface CoverageColumn {
  creditKind: string;
  billingMethod: string;
  /** "partial credit, resource-based", translated. */
  label: string;
}
export interface CoverageCellView {
  /** Every scenario matching the cell: none = uncovered, several = overlap. */
  scenarios: string[];
  unsupported: boolean;
  /** "Time, partial credit, no advance, resource-based", translated. */
  description: string;
  /** Billing types of the cell's new actuals: `AsOriginal` where they keep the original line's. */
  billingTypes?: string[];
}
export interface CoverageRow {
  /** "Time", or "Retainer (invoiced)". */
  label: string;
  class: string;
  advanceState: string;
  /** One per column, in column order. */
  cells: CoverageCellView[];
}
export interface CoverageResult {
  ruleSet?: string;
  columns: CoverageColumn[];
  rows: CoverageRow[];
  /** Descriptions of the uncovered cells, and of the cells several scenarios match (with their names). */
  uncovered: string[];
  ambiguous: string[];
  /** Scenario name -> where it is, for links from the matrix. */
  scenarios: Record<string, { uri: string; range: LspRange }>;
  error?: string;
}

// ------------------------------------------------------------------ message language

/** Notification client -> server: switch the message language; every document is validated again. */
export const SetLanguageNotification = 'corrections/setLanguage';
export interface SetLanguageParams {
  language: MessageLanguage;
}

// ------------------------------------------------------------------ client commands used by code lenses

/** Code lens commands the server puts on documents; the client implements them. Arguments in order. */
export const ClientCommands = {
  /** [uri: string, name?: string]: run one test (or all of the file's tests without a name). */
  runTest: 'corrections.runTest',
  /** [uri: string]: show the compiled JSON of the rule set. */
  showCompiledJson: 'corrections.showCompiledJson',
  /** [uri: string]: show the coverage matrix. */
  showCoverage: 'corrections.showCoverage',
} as const;

/**
 * The same four requests as `workspace/executeCommand` commands (one argument: the request's params),
 * for LSP clients that cannot send custom requests.
 */
export const ServerCommands = {
  listTests: 'corrections.server.listTests',
  runTests: 'corrections.server.runTests',
  compile: 'corrections.server.compile',
  coverage: 'corrections.server.coverage',
} as const;
