import { describe, expect, it } from 'vitest';
import { halve, searchFilter, splitIntoMonths, vietnamDateOf } from './dates.js';

describe('Vietnam dates', () => {
  it('converts UTC tdlap to the Vietnam-local date (UTC+7)', () => {
    expect(vietnamDateOf('2026-04-02T17:00:00Z')).toBe('2026-04-03');
    expect(vietnamDateOf('2026-04-02T16:59:59Z')).toBe('2026-04-02');
    expect(vietnamDateOf('2025-12-31T17:00:00Z')).toBe('2026-01-01');
    expect(() => vietnamDateOf('yesterday')).toThrow(/not a date-time/);
  });

  it('builds the search filter with local day bounds', () => {
    expect(searchFilter({ from: '2026-04-01', to: '2026-04-30', ttxly: 6 })).toBe(
      'tdlap=ge=01/04/2026T00:00:00;tdlap=le=30/04/2026T23:59:59;ttxly==6',
    );
    expect(() => searchFilter({ from: '2026-02-30', to: '2026-03-01' })).toThrow(/invalid date "2026-02-30"/);
  });

  it('splits ranges into months and halves windows down to a day', () => {
    expect(splitIntoMonths('2026-01-20', '2026-03-02')).toEqual([
      { from: '2026-01-20', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-02' },
    ]);
    expect(splitIntoMonths('2026-04-05', '2026-04-05')).toEqual([{ from: '2026-04-05', to: '2026-04-05' }]);
    expect(() => splitIntoMonths('2026-05-01', '2026-04-01')).toThrow(/after/);
    expect(halve({ from: '2026-04-01', to: '2026-04-30' })).toEqual([
      { from: '2026-04-01', to: '2026-04-15' },
      { from: '2026-04-16', to: '2026-04-30' },
    ]);
    expect(halve({ from: '2026-04-01', to: '2026-04-02' })).toEqual([
      { from: '2026-04-01', to: '2026-04-01' },
      { from: '2026-04-02', to: '2026-04-02' },
    ]);
    expect(halve({ from: '2026-04-01', to: '2026-04-01' })).toBeNull();
  });
});
