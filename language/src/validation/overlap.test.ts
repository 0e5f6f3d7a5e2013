import { describe, expect, it } from 'vitest';
import type { CaseCell } from '../../../engine/src/rules/case-space.js';
import { ALL_CELLS, cellKey } from '../cells.js';
import { CaseSpaceIndex } from './overlap.js';

const cell = (index: number): CaseCell => ALL_CELLS[index]!;
const entry = (scenario: string, cells: CaseCell[]) => ({ scenario, cells, cellKeys: cells.map(cellKey) });

describe('the case-space index', () => {
  const entries = [
    entry('A', [cell(0), cell(1)]),
    entry('B', [cell(1), cell(2)]),
    entry('C', [cell(2), cell(0), cell(3)]),
  ];
  const index = new CaseSpaceIndex(
    entries.map((e) => e.scenario),
    (at) => entries[at]!.cellKeys,
  );

  it('gives each cell to its first scenario and names the earlier scenarios a later one overlaps', () => {
    expect(index.collisions('A', entries[0]!.cells, entries[0]!.cellKeys)).toEqual([]);
    expect(index.collisions('B', entries[1]!.cells, entries[1]!.cellKeys)).toEqual([
      { earlier: 'A', cells: [cell(1)] },
    ]);
    // In the order of the first shared cell: cell 2 is B's, cell 0 is A's.
    expect(index.collisions('C', entries[2]!.cells, entries[2]!.cellKeys)).toEqual([
      { earlier: 'B', cells: [cell(2)] },
      { earlier: 'A', cells: [cell(0)] },
    ]);
  });

  it('counts collisions without building them', () => {
    expect(entries.map((e) => index.collisionCount(e.scenario, e.cellKeys))).toEqual([0, 1, 2]);
  });

  it('lists the cells nobody covers', () => {
    expect(index.uncovered(cellKey)).toEqual(ALL_CELLS.slice(4));
  });
});
