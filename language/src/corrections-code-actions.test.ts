import { describe, expect, it } from 'vitest';
import { TextDocument } from 'langium';
import { validationHelper } from 'langium/test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { RuleSet } from './generated/ast.js';
import { IssueCodes } from './validation/index.js';
import { COMPLETE_RULESET, createTestServices } from './test/services.js';

const services = createTestServices().Corrections;
const validate = validationHelper<RuleSet>(services);

// Each validated document gets its own rule set name: names must be unique in the workspace.
let documents = 0;
const named = (text: string) => text.replace(/^ruleset \w+/m, `ruleset Fix${++documents}`);

async function fixesFor(original: string, code: string) {
  const text = named(original);
  const { document, diagnostics } = await validate(text);
  const diagnostic = diagnostics.find((d: Diagnostic) => d.code === code);
  expect(diagnostic, `no ${code} diagnostic`).toBeDefined();
  const actions = (await services.lsp.CodeActionProvider!.getCodeActions(document, {
    textDocument: { uri: document.uri.toString() },
    range: diagnostic!.range,
    context: { diagnostics: [diagnostic!] },
  })) as CodeAction[];
  const apply = (action: CodeAction): string =>
    TextDocument.applyEdits(document.textDocument, action.edit!.changes![document.uri.toString()]!);
  return { actions, apply, text };
}

describe('quick fixes', () => {
  const withoutMaterial = COMPLETE_RULESET.replace(
    'Time or Expense or Material or Fee',
    'Time or Expense or Fee',
  );

  it('adds a skeleton scenario for an uncovered cell, which then is covered', async () => {
    const { actions, apply } = await fixesFor(withoutMaterial, IssueCodes.uncovered);
    expect(actions.map((a) => a.title)).toEqual([
      'Add scenario for Material, full credit, no advance, resource-based',
      'Mark Material, full credit, no advance, resource-based unsupported',
      'Add scenario for Material, partial credit, no advance, resource-based',
      'Mark Material, partial credit, no advance, resource-based unsupported',
      'Add scenario for Material, unchanged, no advance, resource-based',
      'Mark Material, unchanged, no advance, resource-based unsupported',
      'Add scenario for Material, increase, no advance, resource-based',
      'Mark Material, increase, no advance, resource-based unsupported',
    ]);
    const fixed = apply(actions[0]!);
    expect(fixed).toContain(
      'scenario MaterialFullResource "Material, full credit, no advance, resource-based" {\n  when class is Material and credit is full and billing is resource\n',
    );
    const after = await validate(named(fixed));
    const uncovered = after.diagnostics.find((d) => d.code === IssueCodes.uncovered);
    expect(uncovered?.message).toBe(
      'No scenario for 3 case(s): Material (no advance, resource-based): partial credit, unchanged, increase.',
    );
    expect(after.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('puts a blank line before the added scenario however the file ends', async () => {
    for (const ending of ['\n', '\r\n', '', '\r']) {
      const original = withoutMaterial.replace(/\s*$/, ending);
      const { actions, apply, text } = await fixesFor(original, IssueCodes.uncovered);
      const added = apply(actions[0]!).slice(text.length);
      expect(added.startsWith(ending === '\n' || ending === '\r\n' ? '\nscenario ' : '\n\nscenario ')).toBe(
        true,
      );
    }
  });

  it('marks an uncovered cell unsupported', async () => {
    const { actions, apply } = await fixesFor(withoutMaterial, IssueCodes.uncovered);
    const fixed = apply(actions[1]!);
    expect(fixed).toContain(
      '  unsupported "Not supported: Material, full credit, no advance, resource-based"\n}',
    );
    const after = await validate(named(fixed));
    expect(after.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('replaces a mistyped fact value with the closest valid one', async () => {
    const { actions, apply, text } = await fixesFor(
      COMPLETE_RULESET.replace('billing is product', 'billing is prodcut'),
      IssueCodes.unknownFactValue,
    );
    expect(actions.map((a) => a.title)).toEqual(['Did you mean `product`?']);
    expect(apply(actions[0]!)).toBe(text.replace('billing is prodcut', 'billing is product'));
  });

  it('completes a scenario without a decision or without a body', async () => {
    const source = `${COMPLETE_RULESET.replace('  because "test decision"\n  create reversal of billed sales for original\n}\n\nscenario Milestones', '  create reversal of billed sales for original\n}\n\nscenario Milestones')}`;
    const decision = await fixesFor(source, IssueCodes.noDecision);
    expect(decision.actions.map((a) => a.title)).toEqual(['Write the decision (`because "..."`)']);
    expect(decision.apply(decision.actions[0]!)).toContain(
      'scenario Advances {\n  when class is Retainer and billing is resource\n  because "TODO: the decision and its reason"\n  create reversal',
    );
    const empty = await fixesFor(
      `${COMPLETE_RULESET}\nscenario Nothing {\n  when class is Time and advance is invoiced\n  because "x"\n}\n`,
      IssueCodes.emptyScenario,
    );
    const fixed = empty.apply(empty.actions[0]!);
    expect(fixed).toContain('  because "x"\n  no actuals\n}');
    const after = await validate(named(fixed));
    expect(after.diagnostics.filter((d) => d.code === IssueCodes.emptyScenario)).toEqual([]);
  });
});
