/**
 * Overlap and coverage of a rule set from the cells of its scenarios: each cell belongs to the first
 * scenario matching it; a later scenario matching an owned cell overlaps the owner. The index maps
 * each cell to the scenarios matching it and their first (the owner), updated by difference after an
 * edit (the changed scenarios' cells removed, the new ones added, see scenario-table.ts): an edit costs
 * the cells it touches, not the file. Who a scenario overlaps is read from the owners of its own cells.
 */
import type { CaseCell } from '#engine';
import { ALL_CELLS } from '../cells.js';

export interface Collision<S> {
  earlier: S;
  cells: CaseCell[];
}

export class CaseSpaceIndex<S> {
  /**
   * The scenarios matching each cell in document order: the first is the cell's owner. An edit never
   * reorders the scenarios it keeps, so the order holds; a scenario enters at its place (binary search)
   * and leaves by identity (its old position may be stale by then).
   */
  private readonly members = new Map<string, S[]>();

  /** `before(a, b)`: whether scenario a comes before b in the document. */
  constructor(private readonly before: (a: S, b: S) => boolean) {}

  /**
   * Adds a scenario's cells (keys by cellKey); the cells whose owner changed go into `moved` with their
   * owner before (the first one, when a cell moves more than once).
   */
  add(scenario: S, cellKeys: readonly string[], moved: Map<string, S | undefined>): void {
    for (let index = 0; index < cellKeys.length; index++) {
      const key = cellKeys[index]!;
      const members = this.members.get(key);
      if (!members) {
        this.members.set(key, [scenario]);
        if (!moved.has(key)) moved.set(key, undefined);
        continue;
      }
      let low = 0;
      let high = members.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.before(members[middle]!, scenario)) low = middle + 1;
        else high = middle;
      }
      if (members[low] === scenario) continue; // a cell listed twice
      if (low === 0 && !moved.has(key)) moved.set(key, members[0]);
      members.splice(low, 0, scenario);
    }
  }

  /** Removes a scenario's cells; a cell it owned goes to the first scenario left matching it. */
  remove(scenario: S, cellKeys: readonly string[], moved: Map<string, S | undefined>): void {
    for (let index = 0; index < cellKeys.length; index++) {
      const key = cellKeys[index]!;
      const members = this.members.get(key);
      const at = members ? members.indexOf(scenario) : -1;
      if (at < 0) continue;
      members!.splice(at, 1);
      if (at !== 0) continue;
      if (!moved.has(key)) moved.set(key, scenario);
      if (members!.length === 0) this.members.delete(key);
    }
  }

  private ownerOf(key: string): S | undefined {
    return this.members.get(key)?.[0];
  }

  /** The scenarios matching a cell. */
  membersOf(key: string): readonly S[] | undefined {
    return this.members.get(key);
  }

  /** The earlier scenarios `scenario` overlaps, in the order of the first shared cell, with the shared cells. */
  collisions(scenario: S, cells: readonly CaseCell[], cellKeys: readonly string[]): Collision<S>[] {
    const collisions: Collision<S>[] = [];
    for (let index = 0; index < cellKeys.length; index++) {
      const earlier = this.ownerOf(cellKeys[index]!);
      if (earlier === undefined || earlier === scenario) continue;
      const known = collisions.find((collision) => collision.earlier === earlier);
      if (known) known.cells.push(cells[index]!);
      else collisions.push({ earlier, cells: [cells[index]!] });
    }
    return collisions;
  }

  /** How many earlier scenarios `scenario` overlaps (the length of `collisions`, without building it). */
  collisionCount(scenario: S, cellKeys: readonly string[]): number {
    const seen = this.seen;
    seen.length = 0;
    for (let index = 0; index < cellKeys.length; index++) {
      const earlier = this.ownerOf(cellKeys[index]!);
      if (earlier !== undefined && earlier !== scenario && !seen.includes(earlier)) seen.push(earlier);
    }
    return seen.length;
  }

  /** Scratch list of collisionCount (called once per scenario: no list made each time). */
  private readonly seen: S[] = [];

  uncovered(cellKey: (cell: CaseCell) => string): CaseCell[] {
    return ALL_CELLS.filter((cell) => !this.members.has(cellKey(cell)));
  }
}
