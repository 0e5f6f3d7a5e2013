/**
 * Re-parsing a rules file after an edit without parsing all of it: only the scenarios the edit touched
 * are parsed again (as a small rule set of their own) and put in place of the old ones; the scenarios
 * after them keep their nodes, moved by the length and the line count of the edit. Typing in one
 * scenario of a 10,000-scenario file then costs about as much as in a 2,000-scenario file.
 *
 * Only when the result is certain to equal a full parse: the old parse and the new part without syntax
 * errors, the edit inside the scenario list, and the replaced part beginning and ending at line starts
 * (so no token can join across its edges). Anything else (undefined) falls back to a full parse. The
 * property test in scenario-reparse.test.ts compares both on random edit sequences.
 */
import type { AstNode, CstNode, LangiumParser, ParseResult } from 'langium';
import * as ast from '../generated/ast.js';
import { AnchorCstNode, AnchoredLeafCstNode } from './anchored-cst.js';
import { MAX_DOCUMENT_CHARS } from './input-limits.js';
import { recordScenarioSplice } from './scenario-splices.js';
import { ShiftBlocks } from './shift-blocks.js';
import { TextSnapshot, type ChangedWindow } from './text-snapshot.js';

/** Langium's CST node classes keep positions in these fields (see langium/lib/parser/cst-node-builder). */
interface MutableLeaf {
  _offset: number;
  _startLine: number;
  _endLine: number;
}
interface MutableComposite {
  content: CstNode[];
  container?: MutableComposite;
  _rangeCache?: unknown;
  _text?: string;
}

/** The fragment is parsed as `ruleset R` + newline + the scenarios' text. */
const HEADER = 'ruleset R\n';

function isComposite(node: CstNode): node is CstNode & MutableComposite {
  return Array.isArray((node as unknown as MutableComposite).content);
}

/** The nodes of a subtree that hold absolute positions: its comments, and any node not anchored. */
interface Absolute {
  leaves: MutableLeaf[];
  composites: MutableComposite[];
}
const absolute = new WeakMap<CstNode, Absolute>();

function absoluteNodes(node: CstNode): Absolute {
  let found = absolute.get(node);
  if (found) return found;
  found = { leaves: [], composites: [] };
  const stack: CstNode[] = [node];
  while (stack.length > 0) {
    const at = stack.pop()!;
    const content = (at as unknown as MutableComposite).content;
    if (content === undefined) {
      // Comments inside a scenario (AnchoredCommentCstNode) are anchored leaves too.
      if (!(at instanceof AnchoredLeafCstNode)) found.leaves.push(at as unknown as MutableLeaf);
    } else {
      if (!(at instanceof AnchorCstNode)) found.composites.push(at as unknown as MutableComposite);
      for (let index = 0; index < content.length; index++) stack.push(content[index]!);
    }
  }
  absolute.set(node, found);
  return found;
}

/**
 * Moves subtrees: offsets by `offset`, lines by `lines` (columns stay: every part starts a line). A
 * scenario moves by its anchor (anchored-cst.ts), comments included; a subtree never changes once parsed
 * (an edit re-parses the whole scenario), so its list of absolute nodes stays right.
 */
function shift(nodes: readonly CstNode[], offset: number, lines: number): void {
  for (const node of nodes) {
    if (node instanceof AnchorCstNode) {
      node.anchorOffset += offset;
      node.anchorLines += lines;
      continue;
    }
    const { leaves, composites } = absoluteNodes(node);
    for (let index = 0; index < leaves.length; index++) {
      const leaf = leaves[index]!;
      leaf._offset += offset;
      leaf._startLine += lines;
      leaf._endLine += lines;
    }
    for (let index = 0; index < composites.length; index++) composites[index]!._rangeCache = undefined;
  }
}

/** The length of the common start of two texts (compared in slices: string equality runs at memory speed). */
function commonPrefix(a: string, b: string, limit: number): number {
  let low = 0;
  let high = limit;
  // Invariant: a and b agree on [0, low); they differ somewhere in [0, high) unless high = limit agrees.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (a.slice(low, middle) === b.slice(low, middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (a.slice(a.length - middle, a.length - low) === b.slice(b.length - middle, b.length - low))
      low = middle;
    else high = middle - 1;
  }
  return low;
}

const NEWLINE = 10;

/** Line breaks as the lexer counts them (Chevrotain's default: `\n`, `\r\n` and a lone `\r`). */
function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1))
    if (text.charCodeAt(at + 1) !== NEWLINE) lines++;
  return lines;
}

/** How many more line breaks `[start, newEnd)` of the new text holds than `[start, oldEnd)` of the old. */
function lineGrowth(oldText: TextView, newText: TextView, start: number, oldEnd: number, newEnd: number) {
  // Both open documents' texts: their line indexes answer without reading the part (same text before start).
  if (oldText instanceof TextSnapshot && newText instanceof TextSnapshot)
    return newText.lineOf(newEnd) - oldText.lineOf(oldEnd);
  return countLines(newText.slice(start, newEnd)) - countLines(oldText.slice(start, oldEnd));
}

function hasErrors(result: ParseResult): boolean {
  return (
    result.lexerErrors.length > 0 ||
    result.parserErrors.length > 0 ||
    (result.lexerReport?.diagnostics.length ?? 0) > 0
  );
}

/** Returned by lastStartingAtOrBefore when a scenario it looked at has no CST node to place it. */
const NO_POSITION = -2;

/** The last index whose scenario starts at or before `offset` (-1 if none). */
function lastStartingAtOrBefore(scenarios: readonly ast.Scenario[], offset: number): number {
  let low = 0;
  let high = scenarios.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const node = scenarios[middle]!.$cstNode;
    if (!node) return NO_POSITION;
    if (node.offset <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** What the re-parse reads of a text: a string, or an open document's chunks (text-snapshot.ts). */
export interface TextView {
  readonly length: number;
  charCodeAt(offset: number): number;
  slice(from: number, to: number): string;
}

/** Re-parses after an edit found by comparing the two texts (their common prefix and suffix). */
export function reparseScenarios(
  previous: ParseResult,
  oldText: string,
  newText: string,
  parser: LangiumParser,
): ParseResult | undefined {
  const shorter = Math.min(oldText.length, newText.length);
  const prefix = commonPrefix(oldText, newText, shorter);
  const suffix = commonSuffix(oldText, newText, shorter - prefix);
  const window = { start: prefix, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
  return reparseChangedWindow(previous, oldText, newText, window, parser, newText);
}

/**
 * Re-parses after `window` of the old text changed (it may be wider than the change: more scenarios are
 * parsed again, the result is the same). `fullText` becomes the CST's text: the string, or a getter that
 * joins an open document's chunks only when something reads all of it.
 */
export function reparseChangedWindow(
  previous: ParseResult,
  oldText: TextView,
  newText: TextView,
  window: ChangedWindow,
  parser: LangiumParser,
  fullText: string | (() => string),
): ParseResult | undefined {
  const ruleSet = previous.value;
  if (!ast.isRuleSet(ruleSet) || hasErrors(previous) || newText.length > MAX_DOCUMENT_CHARS) return undefined;
  const scenarios = ruleSet.scenarios;
  if (scenarios.length === 0) return undefined;
  const root = ruleSet.$cstNode as (CstNode & MutableComposite) | undefined;
  const list = scenarios[0]!.$cstNode?.container as (CstNode & MutableComposite) | undefined;
  if (!root || !list || list.container !== root) return undefined;

  const prefix = window.start;
  const changedEnd = window.oldEnd;
  if (newText.length - oldText.length !== window.newEnd - window.oldEnd) return undefined;

  // Scenarios first..last hold the change (with the text between them up to the next scenario).
  const first = lastStartingAtOrBefore(scenarios, prefix);
  if (first < 0) return undefined; // the edit is in the header (or a scenario has no CST node)
  const lastStarting = lastStartingAtOrBefore(scenarios, changedEnd - 1);
  if (lastStarting === NO_POSITION) return undefined;
  const last = Math.max(first, lastStarting);
  const start = scenarios[first]!.$cstNode!.offset;
  const next = scenarios[last + 1];
  const oldEnd = next ? next.$cstNode!.offset : oldText.length;
  const delta = newText.length - oldText.length;
  const newEnd = oldEnd + delta;
  if (oldText.charCodeAt(start - 1) !== NEWLINE) return undefined;
  if (next && newText.charCodeAt(newEnd - 1) !== NEWLINE) return undefined;

  const partText = newText.slice(start, newEnd);
  const fragment = parser.parse(HEADER + partText);
  const part = fragment.value;
  if (hasErrors(fragment) || !ast.isRuleSet(part) || part.title !== undefined) return undefined;
  const partRoot = part.$cstNode as (CstNode & MutableComposite) | undefined;
  if (!partRoot || partRoot.content.length === 0) return undefined;

  // The new part's nodes: those of its list after `ruleset R`, then comments trailing at its end.
  if (!isComposite(partRoot.content[0]!)) return undefined;
  const partListNodes = (partRoot.content[0] as CstNode & MutableComposite).content.slice(2);
  const partTrailing = partRoot.content.slice(1);
  const lineOfStart = scenarios[first]!.$cstNode!.range.start.line;
  shift([...partListNodes, ...partTrailing], start - HEADER.length, lineOfStart - 1);

  // Put them in place of the old part; what follows it moves.
  const firstIndex = list.content.indexOf(scenarios[first]!.$cstNode!);
  const nextIndex = next ? list.content.indexOf(next.$cstNode!) : list.content.length;
  const listAt = root.content.indexOf(list as CstNode);
  if (firstIndex < 0 || nextIndex < 0 || listAt < 0) return undefined;
  const blocks = ShiftBlocks.of(list, () => scenarios.map((scenario) => scenario.$cstNode));
  if (!blocks) return undefined;
  const nextNode = next?.$cstNode;
  if (next && !(nextNode instanceof AnchorCstNode && nextNode.block)) return undefined;
  const adopt = (nodes: CstNode[], parent: MutableComposite) => {
    for (const node of nodes) (node as unknown as MutableComposite).container = parent;
    return nodes;
  };
  if (next) {
    const lines = lineGrowth(oldText, newText, start, oldEnd, newEnd);
    blocks.replace(
      list.content.slice(firstIndex, nextIndex),
      [...partListNodes, ...partTrailing],
      nextNode as AnchorCstNode,
      { offset: delta, lines },
      (nodes) => shift(nodes, delta, lines),
    );
    shift(root.content.slice(listAt + 1), delta, lines);
    // Comments before the next scenario belong to the list, as a full parse puts them.
    list.content.splice(
      firstIndex,
      nextIndex - firstIndex,
      ...adopt([...partListNodes, ...partTrailing], list),
    );
  } else {
    // The part runs to the end of the file: its trailing comments are the file's.
    blocks.replace(
      list.content.slice(firstIndex),
      partListNodes,
      undefined,
      { offset: 0, lines: 0 },
      () => {},
    );
    list.content.splice(firstIndex, list.content.length - firstIndex, ...adopt(partListNodes, list));
    root.content.splice(listAt + 1, root.content.length - listAt - 1, ...adopt(partTrailing, root));
  }
  list._rangeCache = undefined;
  root._rangeCache = undefined;
  Object.defineProperty(
    root,
    '_text',
    typeof fullText === 'string'
      ? { value: fullText, writable: true, configurable: true }
      : { get: fullText, configurable: true },
  );

  const mutable = ruleSet as unknown as { scenarios: ast.Scenario[] };
  mutable.scenarios.splice(first, last - first + 1, ...part.scenarios);
  recordScenarioSplice(ruleSet, { at: first, removed: last - first + 1, added: part.scenarios.length });
  // Later scenarios keep their index unless the count changed.
  const renumberTo =
    part.scenarios.length === last - first + 1 ? first + part.scenarios.length : mutable.scenarios.length;
  for (let index = first; index < renumberTo; index++) {
    const scenario = mutable.scenarios[index] as unknown as Record<string, unknown>;
    scenario.$container = ruleSet as AstNode;
    scenario.$containerProperty = 'scenarios';
    scenario.$containerIndex = index;
  }
  return { value: ruleSet, lexerErrors: [], lexerReport: { diagnostics: [] }, parserErrors: [] };
}
