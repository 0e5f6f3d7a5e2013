/** A one-line workflow to bundle in tests: proves the failure converter can live in the workflow sandbox. */
import { ApplicationFailure } from '@temporalio/workflow';

export async function failingWorkflow(invoiceKey: string): Promise<void> {
  throw ApplicationFailure.nonRetryable(`invoice ${invoiceKey} refused`);
}
