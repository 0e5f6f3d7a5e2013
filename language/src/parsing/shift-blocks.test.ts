/**
 * Scenarios moved in blocks stay where a full parse puts them while blocks fill up, split and empty:
 * scenarios added one after another at the same place (one block grows past twice its size), then
 * the first ones removed (blocks empty), each edit compared with a parse from scratch.
 */
import { describe, expect, it } from 'vitest';
import type { CorrectionsDocumentFactory } from './corrections-document-factory.js';
import { comparable, dumpParse, EditingSession, FromScratch } from '../test/editing.js';
import { generateLargeRuleSet } from '../testing/generate-large-ruleset.js';

const scenario = (name: string) =>
  `scenario ${name} {\n  // added\n  when class is Fee and credit is full\n  because "added"\n  no actuals\n}\n\n`;

describe('scenarios moved in blocks', () => {
  it('stay in place as blocks grow, split and empty', async () => {
    let text = `${generateLargeRuleSet({ scenarios: 80, name: 'Blocks' })}// the end\n`;
    const session = new EditingSession('blocks.crules', { chunked: true });
    await session.open(text);
    const scratch = new FromScratch();
    const compare = async () => {
      const document = await session.change(text);
      const expected = await scratch.check('blocks.crules', text);

      expect(dumpParse(document)).toEqual(dumpParse(expected.document));
      expect(comparable(document.diagnostics)).toEqual(comparable(expected.diagnostics));
    };
    // Added in the second block, while an edit in the first block moves it now and then (a text that
    // grows by a character or two).
    for (let added = 0; added < 140; added++) {
      const at = text.indexOf('scenario S70 ');
      text = text.slice(0, at) + scenario(`Added${added}`) + text.slice(at);
      if (added % 10 === 9) {
        await compare();
        text = text.replace('"Generated decision 1"', `"Generated decision 1, moved ${added}"`);
        text = text.replace(/"Generated decision 1, moved \d+"/, `"Generated decision 1, moved ${added}"`);
      }
      await session.change(text);
    }
    await compare();
    // The first scenarios removed: the first block empties, the later ones move back.
    for (let removed = 0; removed < 75; removed++) {
      const start = text.indexOf('scenario S');
      text = text.slice(0, start) + text.slice(text.indexOf('\n}\n', start) + 3);
      if (removed % 5 === 4) await compare();
      else await session.change(text);
    }
    const factory = session.services.shared.workspace.LangiumDocumentFactory as CorrectionsDocumentFactory;
    // Every edit took the partial path (a wrong position would make its checks fall back to a full parse).
    expect(factory.reparses.full).toBe(0);
    expect(factory.reparses.partial).toBeGreaterThan(200);
  }, 60_000);
});
