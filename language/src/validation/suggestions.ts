/** Message pieces shared by the checks: "did you mean" endings and bounded lists of cells. */
import type { CaseCell } from '#engine';
import type { Translate } from '#engine/i18n';
import { cellKey, describeCells } from '../cells.js';
import type { MessageKey } from '../messages.js';

/** Scenario descriptions list at most this many cells in a message; the rest is counted. */
const MAX_CELLS_IN_MESSAGE = 12;

/** Lists already worded, per translator (a file of thousands of overlaps names the same cells again and again). */
const listed = new WeakMap<Translate<MessageKey>, Map<string, string>>();

export function listCells(t: Translate<MessageKey>, cells: readonly CaseCell[]): string {
  let byCells = listed.get(t);
  if (!byCells) listed.set(t, (byCells = new Map()));
  const key = cells.map(cellKey).join(';');
  let text = byCells.get(key);
  if (text === undefined) {
    text =
      cells.length <= MAX_CELLS_IN_MESSAGE
        ? describeCells(cells, t)
        : `${describeCells(cells.slice(0, MAX_CELLS_IN_MESSAGE), t)}; … (+${cells.length - MAX_CELLS_IN_MESSAGE})`;
    byCells.set(key, text);
  }
  return text;
}

/** A message about a mistyped word, ending with the closest valid one when there is one. */
export function withSuggestion(
  t: Translate<MessageKey>,
  message: string,
  suggestion: string | undefined,
): string {
  return suggestion ? `${message} ${t('fix.didYouMean', { value: suggestion })}` : message;
}
