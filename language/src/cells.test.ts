import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_DIMENSIONS, FACT_NAMES, type CaseCell, type FactName, type FactTest } from '#engine';
import { ALL_CELLS, cellKey, closestValue, describeCells, matchedCells } from './cells.js';
import { translatorFor } from './messages.js';

/** The meaning of a `when` clause, evaluated per cell the slow and obvious way. */
function naiveMatches(cell: CaseCell, tests: FactTest[]): boolean {
  return tests.every((test) => (test.operator === 'in') === test.values.includes(cell[test.fact]));
}

const factTest: fc.Arbitrary<FactTest> = fc.constantFrom(...FACT_NAMES).chain((fact: FactName) =>
  fc.record({
    fact: fc.constant(fact),
    operator: fc.constantFrom('in' as const, 'notIn' as const),
    values: fc.subarray([...CASE_DIMENSIONS[fact]], { minLength: 1 }),
  }),
);

describe('case-space expansion', () => {
  it('matches exactly the cells a direct evaluation of the when clause matches', () => {
    fc.assert(
      fc.property(fc.array(factTest, { maxLength: 4 }), (tests) => {
        const expected = ALL_CELLS.filter((cell) => naiveMatches(cell, tests)).map(cellKey);
        expect(matchedCells(tests).map(cellKey)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('has 56 applicable cells and groups them by credit kind for reading', () => {
    expect(ALL_CELLS).toHaveLength(56);
    const material = ALL_CELLS.filter(
      (cell) => cell.class === 'Material' && cell.billingMethod === 'resource',
    );
    expect(describeCells(material, translatorFor('en'))).toBe(
      'Material (no advance, resource-based): full credit, partial credit, unchanged, increase',
    );
  });

  it('suggests close values only', () => {
    expect(closestValue('Tme', CASE_DIMENSIONS.class)).toBe('Time');
    expect(closestValue('partal', CASE_DIMENSIONS.creditKind)).toBe('partial');
    expect(closestValue('time', CASE_DIMENSIONS.class)).toBe('Time');
    expect(closestValue('Banana', CASE_DIMENSIONS.class)).toBeUndefined();
  });
});
