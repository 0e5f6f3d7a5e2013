/**
 * Overlap and coverage of a rule set from the cells of its scenarios: each cell belongs to the first
 * scenario matching it; a later scenario matching an owned cell overlaps the owner. The index is one
 * map from cell to owner, built in one pass over the scenarios' cells (which are kept per scenario, see
 * scenario-results.ts); who a scenario overlaps is then read from the owners of its own cells, so the
 * cost grows with the cells, not with pairs of scenarios, and nothing is built for scenarios that
 * overlap nothing.
 */
import type { CaseCell } from '../../../engine/src/rules/case-space.js';
import { ALL_CELLS } from '../cells.js';

export interface Collision<S> {
  earlier: S;
  cells: CaseCell[];
}

export class CaseSpaceIndex<S> {
  private readonly owner = new Map<string, S>();

  /** `cellKeysOf(i)`: the keys of the cells of `scenarios[i]`, in document order. */
  constructor(scenarios: readonly S[], cellKeysOf: (index: number) => readonly string[]) {
    for (let index = 0; index < scenarios.length; index++) {
      const scenario = scenarios[index]!;
      for (const key of cellKeysOf(index)) if (!this.owner.has(key)) this.owner.set(key, scenario);
    }
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
