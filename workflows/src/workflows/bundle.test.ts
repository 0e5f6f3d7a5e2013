import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

describe('workflow bundle', () => {
  it('bundles offline with every sync workflow and no Node built-ins', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./index.ts', import.meta.url)),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
    for (const name of [
      'syncPeriodWorkflow',
      'syncBatchWorkflow',
      'resyncInvoicesWorkflow',
      'recheckWorkflow',
    ]) {
      expect(code).toContain(name);
    }
    expect(code).toContain('getProgress');
    expect(code).toContain('addInvoices');
    // Activities (portal client, store, XML parser) must never be pulled into the sandbox.
    expect(code).not.toMatch(/createPortalClient|parseInvoiceXml|require\(['"]node:/);
  }, 60_000);
});
