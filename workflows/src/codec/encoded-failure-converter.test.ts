import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { ENCODED_FAILURE_CONVERTER_PATH } from './codec-from-env.js';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

describe('encoded failure converter in the workflow sandbox', () => {
  it('bundles into workflow code (workflow failures are converted inside the sandbox)', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./testing/failing-workflow.ts', import.meta.url)),
      failureConverterPath: ENCODED_FAILURE_CONVERTER_PATH,
      logger: quiet,
    });
    expect(code).toMatch(/encodeCommonAttributes:\s*true/);
  }, 60_000);
});
