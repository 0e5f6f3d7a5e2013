/**
 * What one scenario says about itself (its cells and the diagnostics of its own checks) depends only on
 * its text and the message language. Those results are kept per rules document, keyed by the scenario's
 * text: after an edit only the scenarios whose text changed are checked again; the others' diagnostics
 * are replayed onto their (new) nodes, so the ranges are those of the current text. Results of scenarios
 * no longer in the document are dropped after each validation.
 */
import type { AstNode, DiagnosticInfo, ValidationAcceptor, ValidationSeverity } from 'langium';
import type { CaseCell } from '#engine';
import type { Translate } from '#engine/i18n';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { cellKey } from '../cells.js';
import { budgetOf } from './diagnostic-cap.js';
import { cellsOf, checkFactTests } from './fact-tests.js';
import { checkScenarioBody } from './scenario-body.js';
import { checkScenarioCells } from './scenario-cells.js';

/** A step from a node to one of its children: the property and, in a list, the index. */
type Step = readonly [property: string, index: number | undefined];

interface RecordedIssue {
  severity: ValidationSeverity;
  message: string;
  path: Step[];
  info: Omit<DiagnosticInfo<AstNode>, 'node'>;
}

export interface ScenarioResult {
  /** Undefined when the `when` clause could not be read (see caseSpaceTests). */
  cells: CaseCell[] | undefined;
  /** Their keys (cellKey), for the overlap index. */
  cellKeys: string[];
  issues: RecordedIssue[];
}

function pathFrom(scenario: AstNode, node: AstNode): Step[] | undefined {
  const steps: Step[] = [];
  for (let at: AstNode | undefined = node; at !== scenario; at = at.$container) {
    if (!at?.$containerProperty) return undefined;
    steps.unshift([at.$containerProperty, at.$containerIndex]);
  }
  return steps;
}

function follow(scenario: AstNode, path: readonly Step[]): AstNode | undefined {
  let at: unknown = scenario;
  for (const [property, index] of path) {
    const value = (at as Record<string, unknown>)[property];
    at = index === undefined ? value : (value as unknown[] | undefined)?.[index];
    if (at === undefined) return undefined;
  }
  return at as AstNode;
}

/** Runs the checks of one scenario, recording what they report. */
export function checkScenario(scenario: ast.Scenario, t: Translate<MessageKey>): ScenarioResult {
  const issues: RecordedIssue[] = [];
  const record: ValidationAcceptor = (severity, message, info) => {
    const { node, ...rest } = info;
    const path = pathFrom(scenario, node);
    // Every check reports on the scenario or a node inside it; anything else would not replay.
    if (!path) throw new Error(`a scenario check reported on a ${node.$type} outside the scenario`);
    issues.push({ severity, message, path, info: rest });
  };
  checkFactTests(scenario, record, t);
  checkScenarioBody(scenario, record, t);
  const cells = cellsOf(scenario);
  if (cells) checkScenarioCells(scenario, cells, record, t);
  return { cells, cellKeys: (cells ?? []).map(cellKey), issues };
}

export function replayIssues(
  scenario: ast.Scenario,
  result: ScenarioResult,
  accept: ValidationAcceptor,
): void {
  const budget = budgetOf(accept);
  for (const issue of result.issues) {
    const code = issue.info.code === undefined ? undefined : String(issue.info.code);
    // Past the cap for its code: counted, without finding its node or making it.
    if (budget && code !== undefined && !budget.wants(code)) {
      budget.skip(code, 1);
      continue;
    }
    const node = follow(scenario, issue.path) ?? scenario;
    accept(issue.severity, issue.message, { ...issue.info, node } as DiagnosticInfo<AstNode>);
  }
}

/** The results of one document's scenarios: by node (kept by the partial re-parse), else by text. */
export class ScenarioResults {
  private byNode = new WeakMap<ast.Scenario, ScenarioResult>();
  private byText = new Map<string, ScenarioResult>();
  private language = '';

  /** Starts a validation of the document: results from another message language are not reused. */
  begin(language: string): void {
    if (language === this.language) return;
    this.byNode = new WeakMap();
    this.byText = new Map();
    this.language = language;
  }

  resultOf(scenario: ast.Scenario, t: Translate<MessageKey>): ScenarioResult {
    const known = this.byNode.get(scenario);
    if (known) return known;
    const text = scenario.$cstNode?.text;
    if (text === undefined) return checkScenario(scenario, t);
    let result = this.byText.get(text);
    if (!result) {
      result = checkScenario(scenario, t);
      this.byText.set(text, result);
    }
    this.byNode.set(scenario, result);
    return result;
  }

  /**
   * Ends the validation of a document of `scenarios` scenarios. Texts of scenarios edited away pile up
   * as typing goes on; past twice the document's scenarios they are dropped (the next full parse
   * re-reads the texts it needs; kept nodes still find their results by node).
   */
  end(scenarios: number): void {
    if (this.byText.size > 2 * scenarios + 100) this.byText = new Map();
  }
}
