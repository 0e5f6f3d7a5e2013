/**
 * The listing decisions of a sync, as a pure state machine both runners walk (the coordinator workflow
 * and the in-process runner): which page to ask for next, when a slice is done, when a capped window is
 * halved, when a repeating cursor stops a slice. The state is plain JSON and holds no invoice keys, so it
 * travels through continue-as-new at the same size whatever the period holds.
 */
import { halveSlice, type ListingSlice } from './plan.js';

export interface ListingState {
  /** The plan, as amended by halved windows. */
  slices: ListingSlice[];
  sliceIndex: number;
  /** The portal's cursor for the next page of the current slice (null: its first page). */
  cursor: string | null;
  /** Cursors already followed in the current slice: one coming back would page forever. */
  cursorsSeen: string[];
  /** Rows the current slice has returned so far. */
  sliceRows: number;
  /** Rows of completed slices. */
  listed: number;
  slicesDone: number;
  /** Single-day windows the portal capped below their total: rows beyond the cap could not be listed. */
  cappedWindows: number;
  /** Slices stopped because the portal sent a cursor it had sent before. */
  repeatedCursors: number;
}

export interface PageRequest {
  slice: ListingSlice;
  state: string | null;
}

export interface PageSeen {
  rows: number;
  nextState: string | null;
  total: number;
}

/**
 * What the page meant: `more` (same slice, next cursor), `slice-done`, `slice-halved` (the window was
 * capped; its halves replace it and list its rows again), `slice-capped` (capped, a single day: kept as
 * far as it goes), `cursor-repeated` (the slice stops), and `done` after the last slice.
 */
export type ListingEvent = 'more' | 'slice-done' | 'slice-halved' | 'slice-capped' | 'cursor-repeated';

export function startListing(slices: readonly ListingSlice[]): ListingState {
  return {
    slices: [...slices],
    sliceIndex: 0,
    cursor: null,
    cursorsSeen: [],
    sliceRows: 0,
    listed: 0,
    slicesDone: 0,
    cappedWindows: 0,
    repeatedCursors: 0,
  };
}

export function listingDone(state: ListingState): boolean {
  return state.sliceIndex >= state.slices.length;
}

/** The next page to ask the portal for, or null when every slice is listed. */
export function nextPage(state: ListingState): PageRequest | null {
  if (listingDone(state)) return null;
  return { slice: state.slices[state.sliceIndex]!, state: state.cursor };
}

function nextSlice(state: ListingState, rowsKept: number): ListingState {
  return {
    ...state,
    sliceIndex: state.sliceIndex + 1,
    cursor: null,
    cursorsSeen: [],
    sliceRows: 0,
    listed: state.listed + rowsKept,
    slicesDone: state.slicesDone + 1,
  };
}

/** The state after a page of the current slice, and what the page meant. */
export function onPage(state: ListingState, page: PageSeen): { state: ListingState; event: ListingEvent } {
  if (listingDone(state)) throw new RangeError('onPage after the listing finished');
  const sliceRows = state.sliceRows + page.rows;
  const next = page.nextState || null;
  if (next !== null) {
    if (state.cursorsSeen.includes(next) || next === state.cursor) {
      return {
        state: nextSlice({ ...state, repeatedCursors: state.repeatedCursors + 1 }, sliceRows),
        event: 'cursor-repeated',
      };
    }
    return {
      state: { ...state, cursor: next, cursorsSeen: [...state.cursorsSeen, next], sliceRows },
      event: 'more',
    };
  }
  if (sliceRows >= page.total) return { state: nextSlice(state, sliceRows), event: 'slice-done' };
  const halves = halveSlice(state.slices[state.sliceIndex]!);
  if (halves) {
    const slices = [...state.slices];
    slices.splice(state.sliceIndex, 1, ...halves);
    return {
      state: { ...state, slices, cursor: null, cursorsSeen: [], sliceRows: 0 },
      event: 'slice-halved',
    };
  }
  return {
    state: nextSlice({ ...state, cappedWindows: state.cappedWindows + 1 }, sliceRows),
    event: 'slice-capped',
  };
}

/** How many slices the plan has now (halving adds one each time). */
export function slicesTotal(state: ListingState): number {
  return state.slices.length;
}
