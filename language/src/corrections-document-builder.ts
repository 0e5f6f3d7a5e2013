/**
 * Test files link to the rule set they test. Langium relinks a document when the index says it refers to
 * a changed one; a test file whose build was cancelled between linking and indexing has no index entries,
 * so it kept links into a rules AST that no longer exists (stale "never matches" diagnostics, test runs
 * against an old parse). Test files are small: relink them whenever a rules file changes.
 */
import { DefaultDocumentBuilder, DocumentState, type LangiumDocument } from 'langium';
import { isTestSuite } from './generated/ast.js';

const TEST_FILE = /\.crtest$/;

export class CorrectionsDocumentBuilder extends DefaultDocumentBuilder {
  protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
    if (super.shouldRelink(document, changedUris)) return true;
    if (!isTestSuite(document.parseResult.value)) return false;
    const linkedButNotIndexed =
      document.state >= DocumentState.Linked && document.state < DocumentState.IndexedReferences;
    return linkedButNotIndexed || [...changedUris].some((uri) => !TEST_FILE.test(uri));
  }
}
