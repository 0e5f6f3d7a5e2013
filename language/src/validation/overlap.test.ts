import { describe, expect, it } from 'vitest';
import type { CaseCell } from '#engine';
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
  const order = (name: string) => entries.findIndex((e) => e.scenario === name);
  const index = new CaseSpaceIndex<string>((a, b) => order(a) < order(b));
  // Added out of order: each cell still goes to the first scenario in the document.
  for (const e of [...entries].reverse()) index.add(e.scenario, e.cellKeys, new Map());

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

  it('gives an owned cell to the next scenario matching it when its owner is removed', () => {
    const moved = new Map<string, string | undefined>();
    const own = new CaseSpaceIndex<string>((a, b) => order(a) < order(b));
    for (const e of entries) own.add(e.scenario, e.cellKeys, new Map());
    own.remove('A', entries[0]!.cellKeys, moved);
    // Each with its owner before.
    expect([...moved]).toEqual(entries[0]!.cellKeys.map((key) => [key, 'A']));
    expect(own.collisions('C', entries[2]!.cells, entries[2]!.cellKeys)).toEqual([
      { earlier: 'B', cells: [cell(2)] },
    ]);
    expect(own.uncovered(cellKey)).toEqual(ALL_CELLS.slice(4));
    own.remove('B', entries[1]!.cellKeys, moved);
    own.remove('C', entries[2]!.cellKeys, moved);
    expect(own.uncovered(cellKey)).toEqual(ALL_CELLS);
  });

  it('lists the cells nobody covers', () => {
    expect(index.uncovered(cellKey)).toEqual(ALL_CELLS.slice(4));
  });
});
