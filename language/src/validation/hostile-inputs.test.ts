/**
 * Inputs that made the checks throw (Langium then printed a stack trace and reported "An error occurred
 * during validation" at 1:1): each gives its syntax error at its place and nothing else goes wrong;
 * and 600 random edits of a rules and a test file log no exception at all.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { EditingSession } from '../test/editing.js';
import { COMPLETE_RULESET } from '../test/services.js';
import { applyEdit, textEdit } from '../testing/random-edits.js';
import { MAX_PER_CODE } from './diagnostic-cap.js';
import { IssueCodes } from './issue-codes.js';

const TESTS = `tests for Small
test "credit in full" {
  given Time line quantity 10 amount 1000 USD corrected to quantity 0
  expect scenario Others
  expect billed sales reversal quantity -10 amount -1000
}
`;

let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errors.mockRestore());

const internal = (diagnostics: readonly Diagnostic[] | undefined) =>
  (diagnostics ?? []).filter((d) => String(d.message).includes('An error occurred'));

async function workspace() {
  const session = new EditingSession('small.crtest');
  await session.add('small.crules', COMPLETE_RULESET);
  return session;
}

describe('inputs that made the checks throw', () => {
  it.each([
    [
      'a test without its given line',
      'small.crtest',
      TESTS.replace(/ {2}given .*\n/, ''),
      'Expected `given` but found `expect`.',
    ],
    [
      'a fact word broken by a space in a scenario a test expects',
      'small.crules',
      COMPLETE_RULESET.replace('Fee and billing', 'Fee and billi ng'),
      'found `billi`',
    ],
    [
      '`when class is Time unsupported`',
      'small.crules',
      'ruleset Small\nscenario A {\n  when class is Time unsupported\n}\n',
      'Expected a quoted text but found `}`.',
    ],
    [
      '`set milestone status to` without a status',
      'small.crules',
      'ruleset Small\nscenario A {\n  when class is Milestone\n  because "x"\n  set milestone status to\n}\n',
      'Expected a name but found `}`.',
    ],
  ])('%s: the syntax error at its place, no exception', async (_name, path, text, syntaxError) => {
    const session = new EditingSession(path);
    if (path.endsWith('.crtest')) await session.add('small.crules', COMPLETE_RULESET);
    else await session.add('small.crtest', TESTS);
    const document = await session.open(text);
    const syntax = document.diagnostics!.find((d) => String(d.message).includes(syntaxError))!;
    expect(syntax).toBeDefined();
    expect(syntax.range.start).not.toEqual({ line: 0, character: 0 });
    expect(internal(document.diagnostics)).toEqual([]);
    // The test file is validated against the edited rules too.
    const all = session.services.shared.workspace.LangiumDocuments.all.toArray();
    for (const other of all) expect(internal(other.diagnostics)).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
  });
});

describe('a file of 50,000 broken scenarios', () => {
  it('gives capped diagnostics and no exception (their list once overflowed the stack)', async () => {
    const session = new EditingSession('junk.crules');
    const document = await session.open(`ruleset Junk\n${'scenario { when '.repeat(50_000)}`);
    expect(internal(document.diagnostics)).toEqual([]);
    const summaries = document.diagnostics!.filter((d) => d.code === IssueCodes.moreNotShown);
    expect(summaries.length).toBeGreaterThan(0);
    expect(document.diagnostics!.length).toBeLessThanOrEqual(summaries.length * (MAX_PER_CODE + 1));
    expect(errors).not.toHaveBeenCalled();
  }, 120_000);
});

describe('random edits', () => {
  it('log no validator exception over 600 edits of a rules file and a test file', async () => {
    let edits = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(textEdit, { minLength: 20, maxLength: 20 }),
        async (rules, sequence) => {
          const session = rules ? new EditingSession('small.crules') : await workspace();
          if (rules) await session.add('small.crtest', TESTS);
          let text = rules ? COMPLETE_RULESET : TESTS;
          await session.open(text);
          for (const edit of sequence) {
            text = applyEdit(text, edit);
            const document = await session.change(text);
            expect(internal(document.diagnostics), text).toEqual([]);
            edits++;
          }
        },
      ),
      { seed: 128, numRuns: 30 },
    );
    expect(edits).toBe(600);
    expect(errors).not.toHaveBeenCalled();
  }, 120_000);
});
