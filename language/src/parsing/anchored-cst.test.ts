/**
 * After a partial re-parse of an open document, the text of any CST node of a scenario (its tokens, its
 * comments, the whole scenario, parsed before the edit or by it) is read from the text its scenario was parsed from:
 * right, and without joining the document's chunks into one 2.4 MB string.
 */
import { CstUtils, type CstNode } from 'langium';
import type { RuleSet } from '../generated/ast.js';
import { describe, expect, it } from 'vitest';
import type { ChunkedTextDocument } from '../lsp/chunked-text-document.js';
import { EditingSession } from '../test/editing.js';
import { generateLargeRuleSet } from '../testing/generate-large-ruleset.js';
import { AnchorCstNode, AnchoredCommentCstNode } from './anchored-cst.js';
import type { CorrectionsDocumentFactory } from './corrections-document-factory.js';

describe('anchored CST nodes', () => {
  it('read their text without joining the open document after a partial re-parse', async () => {
    const start = generateLargeRuleSet({ scenarios: 400, name: 'Texts' }).replace(
      /\n {2}because/g,
      '\n  // why\n  because',
    );
    const session = new EditingSession('texts.crules', { chunked: true });
    await session.open(start);
    const at = start.indexOf('class is', start.indexOf('scenario S3 '));
    const text = `${start.slice(0, at)}class is  ${start.slice(at + 'class is '.length)}`;
    const document = await session.change(text);
    const workspace = session.services.shared.workspace;
    expect((workspace.LangiumDocumentFactory as CorrectionsDocumentFactory).reparses.partial).toBe(1);
    const open = workspace.TextDocuments!.get(session.uri.toString()) as ChunkedTextDocument;
    expect(open.snapshot.isJoined).toBe(false);

    let comments = 0;
    const ruleSet = document.parseResult.value as RuleSet;
    for (const scenario of ruleSet.scenarios) {
      for (const node of CstUtils.streamCst(scenario.$cstNode!)) {
        expect(node.text).toBe(text.slice(node.offset, node.end));
        if (node.hidden && node.text.startsWith('//')) comments++;
      }
    }
    expect(comments).toBe(400);
    expect(open.snapshot.isJoined).toBe(false);
  });

  it('are made for the comments inside a scenario, and only those', async () => {
    const text = `// before all\nruleset C "c" // after the name\n\n// before S\nscenario S { // after the brace\n  // first\n  when class is Fee and credit is full // after when\n  because "b" // after because\n  // last\n  no actuals\n  // after the actions\n} // after S\n// between\nscenario T {\n  when class is Time and credit is full\n  because "b"\n  no actuals\n}\n// the end\n`;
    const session = new EditingSession('comments.crules');
    const document = await session.open(text);
    const hidden = CstUtils.streamCst(document.parseResult.value.$cstNode!)
      .filter((node) => node.hidden)
      .toArray();
    expect(hidden.map((node) => node.text)).toEqual(text.match(/\/\/[^\n]*/g));
    for (const node of hidden) {
      let anchor: CstNode | undefined = node.container;
      while (anchor && !(anchor instanceof AnchorCstNode)) anchor = anchor.container;
      expect(node instanceof AnchoredCommentCstNode ? node.anchor : undefined, node.text).toBe(anchor);
    }
    expect(hidden.filter((node) => node instanceof AnchoredCommentCstNode).length).toBeGreaterThan(4);
  });
});
