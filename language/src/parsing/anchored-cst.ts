/**
 * CST nodes whose positions are kept relative to the top-level node they belong to (a scenario of a rule
 * set, a test of a test file): moving everything after an edit (scenario-reparse.ts) then updates one
 * anchor per scenario instead of every token of it, and anchors move in blocks (shift-blocks.ts).
 * Comments Langium places inside a top-level node are made anchored; the others (between scenarios)
 * stay absolute. Composite nodes do not cache their range, which
 * would go stale when their anchor moves.
 */
import type { IToken, TokenType } from 'chevrotain';
import {
  CompositeCstNodeImpl,
  CstNodeBuilder,
  LeafCstNodeImpl,
  type CompositeCstNode,
  type CstNode,
  type GrammarAST,
  type LangiumCoreServices,
  type LangiumParser,
} from 'langium';
import type { Range } from 'vscode-languageserver';
import { createLangiumParser } from 'langium';

/**
 * Top-level nodes that move together: everything after an edit moves by the same amount, so the
 * re-parse moves a run of them by changing their block once (scenario-reparse.ts).
 */
export class ShiftBlock {
  offset = 0;
  lines = 0;
  /** Its place among the blocks of its document. */
  index = 0;
  readonly members: AnchorCstNode[] = [];
}

/** A top-level node: its tokens' positions are relative to where it was parsed, moved by these. */
export class AnchorCstNode extends CompositeCstNodeImpl {
  anchorOffset = 0;
  anchorLines = 0;
  /** The block it moves with, if any (its own offset and lines are then relative to the block's). */
  block: ShiftBlock | undefined;

  /** How far its tokens have moved since it was parsed. */
  get movedOffset(): number {
    return this.block ? this.anchorOffset + this.block.offset : this.anchorOffset;
  }

  get movedLines(): number {
    return this.block ? this.anchorLines + this.block.lines : this.anchorLines;
  }
  /**
   * The text it was parsed from (the file, or the re-parsed part): its own text is read from there, since
   * the document's text after a partial re-parse is joined only when something asks for all of it.
   */
  parsedFrom: string | undefined;
  /** Its text, once read: a subtree never changes once parsed (an edit re-parses the whole node). */
  private ownText: string | undefined;

  override get range(): Range {
    return uncachedRange(this);
  }

  override get text(): string {
    if (this.ownText === undefined) {
      const moved = this.movedOffset;
      this.ownText =
        this.parsedFrom === undefined
          ? super.text
          : this.parsedFrom.slice(this.offset - moved, this.end - moved);
    }
    return this.ownText;
  }

  /** The text of a part of it, from its own text (the whole document's text is not needed). */
  textOf(node: CstNode): string {
    const start = this.offset;
    return this.text.slice(node.offset - start, node.end - start);
  }
}

class AnchoredCompositeCstNode extends CompositeCstNodeImpl {
  override get range(): Range {
    return uncachedRange(this);
  }

  override get text(): string {
    let at: CstNode | undefined = this.container;
    while (at && !(at instanceof AnchorCstNode)) at = at.container;
    return at instanceof AnchorCstNode && !this.hidden ? at.textOf(this) : super.text;
  }
}

/** Langium's composite range (first to last token that is not hidden), computed each time. */
function uncachedRange(node: CompositeCstNodeImpl): Range {
  const ends = node as unknown as { firstNonHiddenNode?: CstNode; lastNonHiddenNode?: CstNode };
  const first = ends.firstNonHiddenNode;
  const last = ends.lastNonHiddenNode;
  if (!first || !last) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const start = first.range.start;
  const end = last.range.end;
  return { start, end: end.line < start.line ? start : end };
}

export class AnchoredLeafCstNode extends LeafCstNodeImpl {
  constructor(
    offset: number,
    length: number,
    startLine: number,
    startColumn: number,
    endLine: number,
    endColumn: number,
    tokenType: TokenType,
    hidden: boolean,
    readonly anchor: AnchorCstNode,
  ) {
    super(offset, length, startLine, startColumn, endLine, endColumn, tokenType, hidden);
  }

  override get offset(): number {
    return super.offset + this.anchor.movedOffset;
  }

  override get end(): number {
    return this.offset + this.length;
  }

  override get text(): string {
    return this.anchor.textOf(this);
  }

  override get range(): Range {
    return movedRange(super.range, this.anchor.movedLines);
  }
}

function movedRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

/** A comment inside a top-level node, moved with it like its tokens. */
export class AnchoredCommentCstNode extends AnchoredLeafCstNode {
  constructor(
    offset: number,
    length: number,
    startLine: number,
    startColumn: number,
    endLine: number,
    endColumn: number,
    tokenType: TokenType,
    anchor: AnchorCstNode,
  ) {
    super(offset, length, startLine, startColumn, endLine, endColumn, tokenType, true, anchor);
  }
}

/** Depth of the top-level nodes in the node stack: root, the entry rule's node, then them. */
const ANCHOR_DEPTH = 2;

class AnchoredCstNodeBuilder extends CstNodeBuilder {
  private get stack(): CompositeCstNode[] {
    return (this as unknown as { nodeStack: CompositeCstNode[] }).nodeStack;
  }

  /** The top-level node the comments being added go into, while Langium adds them. */
  private hiddenAnchor: AnchorCstNode | undefined;

  override createLeafNode(token: IToken, hidden: boolean): LeafCstNodeImpl {
    const anchor = hidden ? this.hiddenAnchor : undefined;
    if (!anchor) return super.createLeafNode(token, hidden);
    return new AnchoredCommentCstNode(
      token.startOffset,
      token.image.length,
      token.startLine! - 1,
      token.startColumn! - 1,
      token.endLine! - 1,
      token.endColumn!,
      token.tokenType,
      anchor,
    );
  }

  /**
   * The top-level node Langium's addHiddenNodes puts comments into now, if any: the current node once
   * it has content; else the container of the innermost node of the stack that is not its container's
   * first child (the property tests compare the result with a full parse after moves).
   */
  private anchorForHidden(): AnchorCstNode | undefined {
    const stack = this.stack;
    const anchor = stack[ANCHOR_DEPTH];
    if (!(anchor instanceof AnchorCstNode)) return undefined;
    let at = stack.length - 1;
    if (stack[at]!.content.length > 0) return anchor;
    for (; at > ANCHOR_DEPTH; at--) if (stack[at - 1]!.content[0] !== stack[at]) return anchor;
    return undefined;
  }

  /** Comments are made anchored when they go into a top-level node (never changed once made). */
  override addHiddenNodes(tokens: IToken[]): void {
    if (tokens.length === 0) return;
    this.hiddenAnchor = this.anchorForHidden();
    try {
      super.addHiddenNodes(tokens);
    } finally {
      this.hiddenAnchor = undefined;
    }
  }

  override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNode {
    const node = this.stack.length === ANCHOR_DEPTH ? new AnchorCstNode() : new AnchoredCompositeCstNode();
    if (node instanceof AnchorCstNode) node.parsedFrom = this.stack[0]!.root.fullText;
    node.grammarSource = feature;
    this.appendChild(this.current, node);
    this.stack.push(node);
    return node;
  }

  override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement) {
    const anchor = this.stack[ANCHOR_DEPTH];
    if (!(anchor instanceof AnchorCstNode) || !feature) return super.buildLeafNode(token, feature);
    const leaf = new AnchoredLeafCstNode(
      token.startOffset,
      token.image.length,
      token.startLine! - 1,
      token.startColumn! - 1,
      token.endLine! - 1,
      token.endColumn!,
      token.tokenType,
      false,
      anchor,
    );
    leaf.grammarSource = feature;
    this.appendChild(this.current, leaf);
    return leaf;
  }
}

/** Langium's parser, building anchored CST nodes. */
export function createAnchoredParser(services: LangiumCoreServices): LangiumParser {
  const parser = createLangiumParser(services);
  (parser as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new AnchoredCstNodeBuilder();
  return parser;
}
