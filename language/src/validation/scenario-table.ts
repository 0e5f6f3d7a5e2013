/**
 * The scenarios of one rule set as the checks last saw them, kept up to date by difference: after a
 * partial re-parse only the replaced scenarios leave and enter the name and cell indexes, and only the
 * scenarios whose duplicate or overlap status can have changed (same name, or a cell whose owner moved)
 * are looked at again. Per code, the totals of the diagnostics every scenario would report are kept,
 * so the checks can stop wording them once the cap is reached and still count them right.
 */
import type { Translate } from '#engine/i18n';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { takeScenarioSplice } from '../parsing/scenario-splices.js';
import { IssueCodes } from './issue-codes.js';
import { CaseSpaceIndex } from './overlap.js';
import type { ScenarioResult, ScenarioResults } from './scenario-results.js';

/** Issues without a code are never capped: counted under a key no code can have. */
export const UNCODED = '\u0000uncoded';

export interface ScenarioEntry {
  scenario: ast.Scenario;
  result: ScenarioResult;
  /** Its issues by code. */
  issueCounts: Map<string, number>;
  duplicate: boolean;
  /** How many earlier scenarios it overlaps. */
  overlaps: number;
  /** Its place when the scenarios have no CST positions to order them by. */
  seq: number;
}

export class ScenarioTable {
  readonly entries: ScenarioEntry[] = [];
  readonly index: CaseSpaceIndex<ScenarioEntry>;
  /** Per code, how many diagnostics all scenarios report. */
  readonly totals = new Map<string, number>();
  /** The entries with a diagnostic of their own or a duplicate name (overlaps aside): usually few. */
  readonly flagged = new Set<ScenarioEntry>();
  private readonly byName = new Map<string, Set<ScenarioEntry>>();
  private readonly bySeq: boolean;

  /** Whether entry a comes before b in the document. */
  readonly before: (a: ScenarioEntry, b: ScenarioEntry) => boolean;

  private constructor(
    readonly ruleSet: ast.RuleSet,
    readonly language: string,
  ) {
    const scenarios = ruleSet.scenarios ?? [];
    this.bySeq = scenarios.some((scenario) => !scenario.$cstNode);
    this.before = this.bySeq ? (a, b) => a.seq < b.seq : (a, b) => offset(a) < offset(b);
    this.index = new CaseSpaceIndex<ScenarioEntry>(this.before);
  }

  static build(ruleSet: ast.RuleSet, language: string, results: ScenarioResults, t: Translate<MessageKey>) {
    takeScenarioSplice(ruleSet);
    const table = new ScenarioTable(ruleSet, language);
    const scenarios = ruleSet.scenarios ?? [];
    for (let at = 0; at < scenarios.length; at++)
      table.entries.push(table.entryOf(scenarios[at]!, at, results, t));
    table.apply([], table.entries);
    return table;
  }

  /** Brings the table up to the rule set's current scenarios; false when it can not (build a new one). */
  update(results: ScenarioResults, t: Translate<MessageKey>): boolean {
    if (this.bySeq) return false;
    const scenarios = this.ruleSet.scenarios ?? [];
    const splice = takeScenarioSplice(this.ruleSet);
    if (splice) {
      const added: ScenarioEntry[] = [];
      for (let at = splice.at; at < splice.at + splice.added; at++) {
        const scenario = scenarios[at];
        if (!scenario?.$cstNode) return false;
        added.push(this.entryOf(scenario, at, results, t));
      }
      if (splice.at + splice.removed > this.entries.length) return false;
      const removed = this.entries.splice(splice.at, splice.removed, ...added);
      this.apply(removed, added);
    }
    if (this.entries.length !== scenarios.length) return false;
    const check = splice
      ? [0, splice.at - 1, splice.at + splice.added, scenarios.length - 1]
      : [0, scenarios.length - 1];
    return check.every(
      (at) => at < 0 || at >= scenarios.length || this.entries[at]!.scenario === scenarios[at],
    );
  }

  private entryOf(scenario: ast.Scenario, seq: number, results: ScenarioResults, t: Translate<MessageKey>) {
    const result = results.resultOf(scenario, t);
    const issueCounts = new Map<string, number>();
    for (const issue of result.issues) {
      const code = issue.info.code === undefined ? UNCODED : String(issue.info.code);
      issueCounts.set(code, (issueCounts.get(code) ?? 0) + 1);
    }
    return { scenario, result, issueCounts, duplicate: false, overlaps: 0, seq };
  }

  private count(code: string, change: number): void {
    if (change !== 0) this.totals.set(code, (this.totals.get(code) ?? 0) + change);
  }

  private setDuplicate(entry: ScenarioEntry, duplicate: boolean): void {
    if (entry.duplicate === duplicate) return;
    entry.duplicate = duplicate;
    this.count(IssueCodes.duplicateScenario, duplicate ? 1 : -1);
    if (duplicate) this.flagged.add(entry);
    else if (entry.result.issues.length === 0) this.flagged.delete(entry);
  }

  private setOverlaps(entry: ScenarioEntry, overlaps: number): void {
    this.count(IssueCodes.overlap, overlaps - entry.overlaps);
    entry.overlaps = overlaps;
  }

  private apply(removed: readonly ScenarioEntry[], added: readonly ScenarioEntry[]): void {
    const moved = new Map<string, ScenarioEntry | undefined>();
    const names = new Set<string>();
    for (const entry of removed) {
      for (const [code, count] of entry.issueCounts) this.count(code, -count);
      this.setDuplicate(entry, false);
      this.setOverlaps(entry, 0);
      this.flagged.delete(entry);
      this.byName.get(entry.scenario.name)?.delete(entry);
      names.add(entry.scenario.name);
      this.index.remove(entry, entry.result.cellKeys, moved);
    }
    for (const entry of added) {
      for (const [code, count] of entry.issueCounts) this.count(code, count);
      if (entry.result.issues.length > 0) this.flagged.add(entry);
      let named = this.byName.get(entry.scenario.name);
      if (!named) this.byName.set(entry.scenario.name, (named = new Set()));
      named.add(entry);
      names.add(entry.scenario.name);
      this.index.add(entry, entry.result.cellKeys, moved);
    }
    const before = this.before;
    for (const name of names) {
      const named = this.byName.get(name);
      if (!named) continue;
      if (named.size === 0) {
        this.byName.delete(name);
        continue;
      }
      let first: ScenarioEntry | undefined;
      for (const entry of named) if (!first || before(entry, first)) first = entry;
      for (const entry of named) this.setDuplicate(entry, entry !== first);
    }
    // Who a scenario overlaps changes when it is new or one of its cells changed owner; a scenario of
    // that one cell alone still overlaps one owner, unless it is or was the owner itself.
    const affected = new Set<ScenarioEntry>(added);
    for (const [key, before] of moved) {
      const members = this.index.membersOf(key) ?? [];
      for (let at = 0; at < members.length; at++) {
        const entry = members[at]!;
        if (at === 0 || entry === before || entry.result.cellKeys.length > 1) affected.add(entry);
      }
    }
    for (const entry of affected)
      this.setOverlaps(entry, this.index.collisionCount(entry, entry.result.cellKeys));
  }
}

function offset(entry: ScenarioEntry): number {
  return entry.scenario.$cstNode!.offset;
}
