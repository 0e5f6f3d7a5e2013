/**
 * The scenarios of a rule set in blocks of about 64 that move together (ShiftBlock, anchored-cst.ts):
 * after an edit, everything behind it moves by the same amount, so the re-parse moves the scenarios
 * behind it in its own block one by one and each later block once: about 64 + n / 64 updates instead
 * of n. The nodes of the scenario list that are no scenario (comments between scenarios) are kept in
 * document order beside them and moved one by one; there are few.
 */
import type { CstNode } from 'langium';
import { AnchorCstNode, ShiftBlock } from './anchored-cst.js';

const BLOCK = 64;

export interface Move {
  offset: number;
  lines: number;
}

export class ShiftBlocks {
  private readonly blocks: ShiftBlock[] = [];
  /** The list's nodes that are no scenario, in document order (their positions are absolute). */
  private readonly loose: CstNode[] = [];

  private static readonly byList = new WeakMap<CstNode, ShiftBlocks>();

  /**
   * The blocks of a scenario list (made on its first re-parse, from the scenarios' nodes); undefined
   * when a scenario's node is not anchored in the list, which the blocks could not move.
   */
  static of(
    list: CstNode & { content: CstNode[] },
    scenarioNodes: () => ReadonlyArray<CstNode | undefined>,
  ): ShiftBlocks | undefined {
    const known = ShiftBlocks.byList.get(list);
    if (known) return known;
    const nodes = scenarioNodes();
    const scenarios = new Set(nodes);
    const blocks = new ShiftBlocks();
    let anchors = 0;
    for (const node of list.content) {
      if (!(node instanceof AnchorCstNode) || !scenarios.has(node)) {
        blocks.loose.push(node);
        continue;
      }
      let block = blocks.blocks.at(-1);
      if (!block || block.members.length >= BLOCK) {
        block = new ShiftBlock();
        block.index = blocks.blocks.length;
        blocks.blocks.push(block);
      }
      node.block = block;
      block.members.push(node);
      anchors++;
    }
    if (anchors !== nodes.length) {
      for (const block of blocks.blocks) blocks.detachAll(block);
      return undefined;
    }
    ShiftBlocks.byList.set(list, blocks);
    return blocks;
  }

  /**
   * The list's nodes `removed` are replaced by `added` (positioned already); `next`, the first scenario
   * kept after them, and everything after it move by `move` (moveLoose moves the loose nodes).
   */
  replace(
    removed: readonly CstNode[],
    added: readonly CstNode[],
    next: AnchorCstNode | undefined,
    move: Move,
    moveLoose: (nodes: readonly CstNode[]) => void,
  ): void {
    for (const node of removed) {
      if (node instanceof AnchorCstNode) this.detach(node);
      else {
        const at = this.loose.indexOf(node);
        if (at >= 0) this.loose.splice(at, 1);
      }
    }
    let block: ShiftBlock;
    let place: number;
    if (next?.block) {
      block = next.block;
      place = block.members.indexOf(next);
      const nextOffset = next.offset;
      const members = block.members;
      for (let at = place; at < members.length; at++) {
        members[at]!.anchorOffset += move.offset;
        members[at]!.anchorLines += move.lines;
      }
      for (let at = block.index + 1; at < this.blocks.length; at++) {
        this.blocks[at]!.offset += move.offset;
        this.blocks[at]!.lines += move.lines;
      }
      const firstLooseAfter = this.looseFrom(nextOffset);
      moveLoose(this.loose.slice(firstLooseAfter));
    } else {
      block = this.blocks.at(-1) ?? this.newBlock(this.blocks.length);
      place = block.members.length;
    }
    const anchors: AnchorCstNode[] = [];
    const loose: CstNode[] = [];
    for (const node of added) {
      if (node instanceof AnchorCstNode) {
        node.anchorOffset -= block.offset;
        node.anchorLines -= block.lines;
        node.block = block;
        anchors.push(node);
      } else {
        loose.push(node);
      }
    }
    block.members.splice(place, 0, ...anchors);
    if (loose.length > 0) this.loose.splice(this.looseFrom(loose[0]!.offset), 0, ...loose);
    if (block.members.length > 2 * BLOCK) this.split(block);
  }

  /** The index of the first loose node at or after `offset`. */
  private looseFrom(offset: number): number {
    let low = 0;
    let high = this.loose.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.loose[middle]!.offset < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private newBlock(index: number): ShiftBlock {
    const block = new ShiftBlock();
    this.blocks.splice(index, 0, block);
    for (let at = index; at < this.blocks.length; at++) this.blocks[at]!.index = at;
    return block;
  }

  /** A block grown past twice the size gives its second half to a new block after it. */
  private split(block: ShiftBlock): void {
    const second = this.newBlock(block.index + 1);
    second.offset = block.offset;
    second.lines = block.lines;
    const moved = block.members.splice(BLOCK);
    for (const anchor of moved) anchor.block = second;
    second.members.push(...moved);
  }

  /** A scenario leaves: it keeps where it was, without the block. */
  private detach(anchor: AnchorCstNode): void {
    const block = anchor.block;
    if (!block) return;
    const at = block.members.indexOf(anchor);
    if (at >= 0) block.members.splice(at, 1);
    anchor.anchorOffset += block.offset;
    anchor.anchorLines += block.lines;
    anchor.block = undefined;
    if (block.members.length === 0) {
      this.blocks.splice(block.index, 1);
      for (let index = block.index; index < this.blocks.length; index++) this.blocks[index]!.index = index;
    }
  }

  private detachAll(block: ShiftBlock): void {
    for (const anchor of block.members) {
      anchor.anchorOffset += block.offset;
      anchor.anchorLines += block.lines;
      anchor.block = undefined;
    }
    block.members.length = 0;
  }
}
