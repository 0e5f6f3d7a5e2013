/** Editor features: hover, completion, formatting, outline, go to definition, references and rename. */
import { describe, expect, it } from 'vitest';
import { expectCompletion, expectFormatting, expectHover, expectSymbols, parseHelper } from 'langium/test';
import type { RuleSet } from './generated/ast.js';
import { COMPLETE_RULESET, createTestServices } from './test/services.js';

const services = createTestServices().Corrections;
const setMessageLanguage = (language: 'en' | 'vi') => services.i18n.Messages.setLanguage(language);
const crtest = (name: string) => ({ documentUri: `file:///${name}.crtest` });

describe('hover', () => {
  const hover = expectHover(services);

  it('says what an action creates, in analyst words', async () => {
    await hover({
      text: 'ruleset H scenario S { create unbilled sales chargeable for <|>remaining }',
      index: 0,
      hover:
        'Creates a new **chargeable unbilled sales (work not, or no longer, billed: the billing backlog)** actual with the quantity and amount of the remainder: original minus corrected.',
      disposeAfterCheck: true,
    });
    await hover({
      text: 'ruleset H scenario S { create <|>reversal of unbilled sales for reconciliation }',
      index: 0,
      hover:
        /Reverses the \*\*negative unbilled actual\*\* the advance left for reconciliation, so this reversal is positive/,
      disposeAfterCheck: true,
    });
  });

  it('documents keywords and facts', async () => {
    await hover({
      text: 'ruleset H scenario S { <|>when <|>credit is full because "x" no actuals }',
      index: 0,
      hover: /^Selects the cases of this scenario/,
      disposeAfterCheck: true,
    });
    await hover({
      text: 'ruleset H scenario S { when cre<|>dit is full because "x" no actuals }',
      index: 0,
      hover: /`full` \(corrected to 0\), `partial` \(below the original\)/,
      disposeAfterCheck: true,
    });
  });

  it("shows a scenario's title, row and decision on its name", async () => {
    await hover({
      text: 'ruleset H scenario Sc<|>en "Title" row 4 { because "Why so" no actuals }',
      index: 0,
      hover: '**Scen**: Title\n\nTable row 4.\n\nDecision: Why so',
      disposeAfterCheck: true,
    });
  });
});

describe('hover in test files and in Vietnamese', () => {
  const hover = expectHover(services);

  it('shows the scenario behind `expect scenario`', async () => {
    await parseHelper<RuleSet>(services)(
      'ruleset HoverRef scenario Target "The title" row 3 { no actuals }',
      {
        documentUri: 'file:///hover-ref.crules',
      },
    );
    await hover({
      text: 'tests for HoverRef test "t" { given Time line quantity 1 amount 1 USD corrected to quantity 0 expect scenario Tar<|>get }',
      index: 0,
      hover: '**Target**: The title\n\nTable row 3.',
      parseOptions: crtest('hover-ref'),
      disposeAfterCheck: true,
    });
  });

  it('explains actions in Vietnamese when the language is vi', async () => {
    setMessageLanguage('vi');
    try {
      await hover({
        text: 'ruleset H scenario S { create <|>reversal of billed sales for original }',
        index: 0,
        hover: /^Đảo bút toán \*\*doanh thu đã lập hóa đơn gốc\*\*/,
        disposeAfterCheck: true,
      });
    } finally {
      setMessageLanguage('en');
    }
  });
});

describe('completion', () => {
  const completion = expectCompletion(services);

  it('offers the values of the fact being tested', async () => {
    await completion({
      text: 'ruleset C scenario S { when credit is <|>',
      index: 0,
      expectedItems: ['full', 'partial', 'unchanged', 'increase', 'not'],
      disposeAfterCheck: true,
    });
    await completion({
      text: 'ruleset C scenario S { when class is Time or <|>',
      index: 0,
      expectedItems: ['Time', 'Expense', 'Material', 'Fee', 'Milestone', 'Retainer'],
      disposeAfterCheck: true,
    });
  });

  it('offers the keywords that may follow', async () => {
    await completion({
      text: 'ruleset C scenario S { create <|>',
      index: 0,
      expectedItems: ['reversal', 'negative', 'billed', 'unbilled'],
      disposeAfterCheck: true,
    });
  });

  it('offers the scenarios of the tested rule set in a test file', async () => {
    await parseHelper<RuleSet>(services)(
      'ruleset Done scenario Alpha { no actuals } scenario Beta { no actuals }',
      {
        documentUri: 'file:///done.crules',
      },
    );
    await completion({
      text: 'tests for Done test "t" { given Time line quantity 1 amount 1 USD corrected to quantity 0 expect scenario <|>',
      index: 0,
      expectedItems: ['Alpha', 'Beta'],
      parseOptions: crtest('completion'),
      disposeAfterCheck: true,
    });
  });

  it('offers transaction classes after `given`', async () => {
    await completion({
      text: 'tests for Done test "t" { given <|>',
      index: 0,
      expectedItems: ['Time', 'Expense', 'Material', 'Fee', 'Milestone', 'Retainer'],
      parseOptions: crtest('given'),
      disposeAfterCheck: true,
    });
  });

  it('offers milestone statuses', async () => {
    await completion({
      text: 'ruleset C scenario S { set milestone status to <|>',
      index: 0,
      expectedItems: ['NotReady', 'ReadyToInvoice', 'CustomerInvoiceCreated', 'CustomerInvoicePosted'],
      disposeAfterCheck: true,
    });
  });
});

describe('formatting', () => {
  const formatting = expectFormatting(services);

  it('puts one action per line, indented, with single spaces', async () => {
    await formatting({
      before:
        'ruleset   F "t"\nscenario A   "x" row 3 {   when class is   Time and credit   is full\n create reversal  of billed sales for original create unbilled sales chargeable for original }\nscenario B { when billing is product unsupported   "no" }',
      after:
        'ruleset F "t"\nscenario A "x" row 3 {\n  when class is Time and credit is full\n  create reversal of billed sales for original\n  create unbilled sales chargeable for original\n}\nscenario B {\n  when billing is product\n  unsupported "no"\n}',
      options: { tabSize: 2, insertSpaces: true },
      disposeAfterCheck: true,
    });
  });

  it('indents comments inside a block and keeps trailing comments', async () => {
    await formatting({
      before:
        'ruleset G\nscenario A {\n      when class is Time   // why Time\n  because   "x"\n/* first */ create reversal of billed sales for original\n      // second\n  create unbilled sales for original\n}\nscenario B { when billing is product because "y" no   actuals }',
      after:
        'ruleset G\nscenario A {\n  when class is Time   // why Time\n  because "x"\n  /* first */\n  create reversal of billed sales for original\n  // second\n  create unbilled sales for original\n}\nscenario B {\n  when billing is product\n  because "y"\n  no actuals\n}',
      options: { tabSize: 2, insertSpaces: true },
      disposeAfterCheck: true,
    });
  });

  it('lays out tests the same way', async () => {
    await formatting({
      before:
        'tests for F\ntest "t" { given Time line quantity   8 amount 1600 USD corrected to quantity 6 expect scenario A expect billed sales reversal quantity -8   amount -1600 }',
      after:
        'tests for F\ntest "t" {\n  given Time line quantity 8 amount 1600 USD corrected to quantity 6\n  expect scenario A\n  expect billed sales reversal quantity -8 amount -1600\n}',
      parseOptions: crtest('format'),
      options: { tabSize: 2, insertSpaces: true },
      disposeAfterCheck: true,
    });
  });
});

describe('outline', () => {
  it('lists the rule set and its scenarios', async () => {
    await expectSymbols(services)({
      text: COMPLETE_RULESET,
      assert: (symbols) => {
        expect(symbols.map((symbol) => symbol.name)).toEqual(['Small']);
        expect(symbols[0]!.children!.map((symbol) => symbol.name)).toEqual([
          'Products',
          'Advances',
          'Milestones',
          'Others',
        ]);
      },
      disposeAfterCheck: true,
    });
  });
});

describe('go to definition, references and rename across files', () => {
  const rules = 'ruleset Nav\nscenario Target { no actuals }\nscenario Other { no actuals }\n';
  const tests =
    'tests for Nav\ntest "a" { given Time line quantity 1 amount 1 USD corrected to quantity 0 expect scenario Target }\ntest "b" { given Fee line quantity 1 amount 1 USD corrected to quantity 0 expect scenario Target }\n';

  let round = 0;
  async function setUp() {
    const parse = parseHelper(services);
    round++;
    const ruleDoc = await parse(rules.replace('Nav', `Nav${round}`), {
      documentUri: `file:///nav${round}.crules`,
    });
    const testDoc = await parse(tests.replace('Nav', `Nav${round}`), {
      documentUri: `file:///nav${round}.crtest`,
    });
    return { ruleDoc, testDoc };
  }

  it('goes from `expect scenario` to the scenario in the rules file', async () => {
    const { ruleDoc, testDoc } = await setUp();
    const offset = testDoc.textDocument.getText().indexOf('Target') + 2;
    const links = await services.lsp.DefinitionProvider!.getDefinition(testDoc, {
      textDocument: { uri: testDoc.uri.toString() },
      position: testDoc.textDocument.positionAt(offset),
    });
    expect(links).toHaveLength(1);
    expect(links![0]!.targetUri).toBe(ruleDoc.uri.toString());
    expect(links![0]!.targetSelectionRange.start).toEqual({ line: 1, character: 'scenario '.length });
  });

  it('finds the references to a scenario in test files', async () => {
    const { ruleDoc, testDoc } = await setUp();
    const references = await services.lsp.ReferencesProvider!.findReferences(ruleDoc, {
      textDocument: { uri: ruleDoc.uri.toString() },
      position: ruleDoc.textDocument.positionAt(ruleDoc.textDocument.getText().indexOf('Target')),
      context: { includeDeclaration: false },
    });
    expect(references.map((location) => [location.uri, location.range.start.line])).toEqual([
      [testDoc.uri.toString(), 1],
      [testDoc.uri.toString(), 2],
    ]);
  });

  it('renames a scenario in the rules file and in its tests', async () => {
    const { ruleDoc, testDoc } = await setUp();
    const edit = await services.lsp.RenameProvider!.rename(ruleDoc, {
      textDocument: { uri: ruleDoc.uri.toString() },
      position: ruleDoc.textDocument.positionAt(ruleDoc.textDocument.getText().indexOf('Target')),
      newName: 'Renamed',
    });
    const changes = edit!.changes!;
    expect(changes[ruleDoc.uri.toString()]!.map((e) => e.newText)).toEqual(['Renamed']);
    expect(changes[testDoc.uri.toString()]!.map((e) => e.newText)).toEqual(['Renamed', 'Renamed']);
  });
});
