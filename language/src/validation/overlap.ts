/**
 * Overlap and coverage of a rule set from the cells of its scenarios: each cell belongs to the first
 * scenario matching it; a later scenario matching an owned cell overlaps the owner. The index maps
 * each cell to the scenarios matching it and their first (the owner), updated by difference after an
 * edit (the changed scenarios' cells removed, the new ones added, see scenario-table.ts): an edit costs
 * the cells it touches, not the file. Who a scenario overlaps is read from the owners of its own cells.
 */
import type { CaseCell } from '../../../engine/src/rules/case-space.js';
import { ALL_CELLS } from '../cells.js';

export interface Collision<S> {
  earlier: S;
  cells: CaseCell[];
}

export class CaseSpaceIndex<S> {
  /** The scenarios matching each cell, and the first of them (the cell's owner). */
  private readonly members = new Map<string, Set<S>>();
  private readonly owner = new Map<string, S>();

  /** `before(a, b)`: whether scenario a comes before b in the document. */
  constructor(private readonly before: (a: S, b: S) => boolean) {}

  /** Adds a scenario's cells (keys by cellKey); the cells whose owner changed are added to `moved`. */
  add(scenario: S, cellKeys: readonly string[], moved: Set<string>): void {
    for (let index = 0; index < cellKeys.length; index++) {
      const key = cellKeys[index]!;
      let members = this.members.get(key);
      if (!members) this.members.set(key, (members = new Set()));
      members.add(scenario);
      const owner = this.owner.get(key);
      if (owner === undefined || this.before(scenario, owner)) {
        this.owner.set(key, scenario);
        moved.add(key);
      }
    }
  }

  /** Removes a scenario's cells; a cell it owned goes to the first scenario left matching it. */
  remove(scenario: S, cellKeys: readonly string[], moved: Set<string>): void {
    for (let index = 0; index < cellKeys.length; index++) {
      const key = cellKeys[index]!;
      const members = this.members.get(key);
      if (!members?.delete(scenario) || this.owner.get(key) !== scenario) continue;
      moved.add(key);
      let first: S | undefined;
      for (const member of members) if (first === undefined || this.before(member, first)) first = member;
      if (first === undefined) {
        this.owner.delete(key);
        this.members.delete(key);
      } else {
        this.owner.set(key, first);
      }
    }
  }

  /** The scenarios matching a cell. */
  membersOf(key: string): ReadonlySet<S> | undefined {
    return this.members.get(key);
  }

  /** The earlier scenarios `scenario` overlaps, in the order of the first shared cell, with the shared cells. */
  collisions(scenario: S, cells: readonly CaseCell[], cellKeys: readonly string[]): Collision<S>[] {
    const collisions: Collision<S>[] = [];
    for (let index = 0; index < cellKeys.length; index++) {
      const earlier = this.owner.get(cellKeys[index]!);
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
      const earlier = this.owner.get(cellKeys[index]!);
      if (earlier !== undefined && earlier !== scenario && !seen.includes(earlier)) seen.push(earlier);
    }
    return seen.length;
  }

  /** Scratch list of collisionCount (called once per scenario: no list made each time). */
  private readonly seen: S[] = [];

  uncovered(cellKey: (cell: CaseCell) => string): CaseCell[] {
    return ALL_CELLS.filter((cell) => !this.owner.has(cellKey(cell)));
  }
}
