/**
 * The listing state machine alone: a scripted portal (rows by issue date, a page size, a cap on how many
 * rows of one window can be paged through) answers each page it asks for.
 */
import { describe, expect, it } from 'vitest';
import {
  listingDone,
  nextPage,
  onPage,
  slicesTotal,
  startListing,
  type ListingEvent,
  type ListingState,
  type PageSeen,
} from './listing.js';
import type { ListingSlice } from './plan.js';

const month = (from: string, to: string): ListingSlice => ({
  from,
  to,
  family: 'query',
  direction: 'purchase',
  ttxly: 5,
});

/** Like the portal: a window's `total` counts every row, but only the first `cap` can be paged through. */
function scriptedPortal(dates: string[], options: { pageSize: number; cap?: number }) {
  const asked: string[] = [];
  const answer = (slice: ListingSlice, cursor: string | null): PageSeen => {
    asked.push(`${slice.from}..${slice.to}@${cursor ?? 0}`);
    const rows = dates.filter((date) => date >= slice.from && date <= slice.to);
    const reachable = rows.slice(0, options.cap ?? rows.length);
    const start = cursor === null ? 0 : Number(cursor);
    const page = reachable.slice(start, start + options.pageSize);
    const next = start + options.pageSize;
    return {
      rows: page.length,
      nextState: next < reachable.length ? String(next) : null,
      total: rows.length,
    };
  };
  return { answer, asked };
}

/** Walks the machine to the end, optionally through a JSON round trip before every page. */
function walk(
  state: ListingState,
  answer: (slice: ListingSlice, cursor: string | null) => PageSeen,
  roundTrip = false,
): { state: ListingState; events: ListingEvent[] } {
  const events: ListingEvent[] = [];
  for (let request = nextPage(state); request !== null; request = nextPage(state)) {
    if (events.length > 1_000) throw new Error('the listing did not end');
    const step = onPage(state, answer(request.slice, request.state));
    events.push(step.event);
    state = roundTrip ? (JSON.parse(JSON.stringify(step.state)) as ListingState) : step.state;
  }
  return { state, events };
}

describe('listing state machine', () => {
  it('pages through a slice with the cursor, then moves to the next slice', () => {
    const portal = scriptedPortal(
      [
        '2026-04-02',
        '2026-04-03',
        '2026-04-05',
        '2026-04-09',
        '2026-04-11',
        '2026-04-20',
        '2026-04-28',
        '2026-05-03',
      ],
      { pageSize: 3 },
    );
    const start = startListing([month('2026-04-01', '2026-04-30'), month('2026-05-01', '2026-05-31')]);
    expect(nextPage(start)).toEqual({ slice: month('2026-04-01', '2026-04-30'), state: null });
    const { state, events } = walk(start, portal.answer);
    expect(events).toEqual(['more', 'more', 'slice-done', 'slice-done']);
    expect(portal.asked).toEqual([
      '2026-04-01..2026-04-30@0',
      '2026-04-01..2026-04-30@3',
      '2026-04-01..2026-04-30@6',
      '2026-05-01..2026-05-31@0',
    ]);
    expect(state).toMatchObject({ listed: 8, slicesDone: 2, cappedWindows: 0, repeatedCursors: 0 });
    expect(listingDone(state)).toBe(true);
    expect(nextPage(state)).toBeNull();
    expect(() => onPage(state, { rows: 0, nextState: null, total: 0 })).toThrow(RangeError);
  });

  it('halves a capped month down to a capped single day, keeping what that day gives', () => {
    // Five invoices on 10 April, one on 20 April; the portal pages through at most 3 rows of a window.
    const dates = ['2026-04-10', '2026-04-10', '2026-04-10', '2026-04-10', '2026-04-10', '2026-04-20'];
    const portal = scriptedPortal(dates, { pageSize: 2, cap: 3 });
    const { state, events } = walk(startListing([month('2026-04-01', '2026-04-30')]), portal.answer);
    expect(events.filter((event) => event === 'slice-halved').length).toBeGreaterThanOrEqual(4);
    expect(events.filter((event) => event === 'slice-capped')).toHaveLength(1);
    expect(state.cappedWindows).toBe(1);
    // 3 of the 5 on the capped day, and the one on the 20th; rows of halved windows are not counted twice.
    expect(state.listed).toBe(4);
    expect(state.slices).toContainEqual(month('2026-04-10', '2026-04-10'));
    // The halves cover the month, in order, without gaps or overlaps.
    const windows = state.slices.map((slice) => [slice.from, slice.to]);
    expect(windows[0]![0]).toBe('2026-04-01');
    expect(windows.at(-1)![1]).toBe('2026-04-30');
    for (let i = 1; i < windows.length; i++) {
      const dayAfter = new Date(Date.parse(`${windows[i - 1]![1]}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(windows[i]![0]).toBe(dayAfter);
    }
    expect(slicesTotal(state)).toBe(state.slices.length);
    expect(state.slicesDone).toBe(state.slices.length);
  });

  it('a window whose rows all fit is not halved, even when the portal answers in several pages', () => {
    const portal = scriptedPortal(['2026-04-10', '2026-04-10', '2026-04-10'], { pageSize: 1, cap: 3 });
    const { state, events } = walk(startListing([month('2026-04-01', '2026-04-30')]), portal.answer);
    expect(events).toEqual(['more', 'more', 'slice-done']);
    expect(state.slices).toHaveLength(1);
  });

  it('stops a slice whose cursor comes back (the same one, or one seen before), counting what it gave', () => {
    const cursors = ['A', 'B', 'A'];
    let call = 0;
    const looping = (): PageSeen => ({ rows: 2, nextState: cursors[call++] ?? null, total: 100 });
    const start = startListing([month('2026-04-01', '2026-04-30'), month('2026-05-01', '2026-05-31')]);
    let state = start;
    const first = onPage(state, looping());
    expect(first.event).toBe('more');
    state = first.state;
    expect(nextPage(state)).toMatchObject({ state: 'A' });
    state = onPage(state, looping()).state;
    const repeated = onPage(state, looping());
    expect(repeated.event).toBe('cursor-repeated');
    expect(repeated.state).toMatchObject({
      sliceIndex: 1,
      listed: 6,
      repeatedCursors: 1,
      cursor: null,
      cursorsSeen: [],
    });

    // The portal answering with the very cursor it was asked with.
    const same = onPage(repeated.state, { rows: 1, nextState: 'Z', total: 9 });
    const stuck = onPage(same.state, { rows: 1, nextState: 'Z', total: 9 });
    expect(stuck.event).toBe('cursor-repeated');
    expect(stuck.state).toMatchObject({ listed: 8, repeatedCursors: 2 });
    expect(listingDone(stuck.state)).toBe(true);
  });

  it('empty plans and empty slices end at once; an empty cursor means the last page', () => {
    const none = startListing([]);
    expect(listingDone(none)).toBe(true);
    expect(nextPage(none)).toBeNull();

    const { state, events } = walk(
      startListing([month('2026-04-01', '2026-04-30'), month('2026-05-01', '2026-05-31')]),
      () => ({ rows: 0, nextState: null, total: 0 }),
    );
    expect(events).toEqual(['slice-done', 'slice-done']);
    expect(state).toMatchObject({ listed: 0, slicesDone: 2 });

    const blank = onPage(startListing([month('2026-04-01', '2026-04-30')]), {
      rows: 3,
      nextState: '',
      total: 3,
    });
    expect(blank.event).toBe('slice-done');
    expect(blank.state.listed).toBe(3);
  });

  it('is plain JSON: a walk resumed from a JSON round trip at every page ends in the same state', () => {
    const dates = Array.from({ length: 40 }, (_, i) => `2026-04-${String((i % 9) + 10).padStart(2, '0')}`);
    const plan = [
      month('2026-04-01', '2026-04-30'),
      { ...month('2026-04-01', '2026-04-30'), ttxly: 6 as const },
    ];
    const direct = walk(startListing(plan), scriptedPortal(dates, { pageSize: 3, cap: 7 }).answer);
    const resumed = walk(startListing(plan), scriptedPortal(dates, { pageSize: 3, cap: 7 }).answer, true);
    expect(resumed.events).toEqual(direct.events);
    expect(resumed.state).toEqual(direct.state);
    expect(JSON.parse(JSON.stringify(direct.state))).toEqual(direct.state);
    // The state never holds rows or keys: its size depends on the plan, not on how many invoices were listed.
    const many = walk(
      startListing(plan),
      scriptedPortal([...dates, ...dates, ...dates], { pageSize: 3, cap: 7 }).answer,
    );
    expect(many.state.listed).toBeGreaterThan(direct.state.listed);
    expect(JSON.stringify(many.state).length).toBeLessThan(JSON.stringify(direct.state).length * 2);
  });
});
