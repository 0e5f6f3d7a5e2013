/** Reading what went wrong out of Temporal's failure wrappers (activity or child workflow). */
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';

/** The `ApplicationFailure` type at the root of a failure chain, if any. */
export function failureType(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof ApplicationFailure) return current.type ?? null;
    if (current instanceof ActivityFailure || current instanceof ChildWorkflowFailure)
      current = current.cause;
    else return null;
  }
  return null;
}

/** The account cannot log in: the whole sync stops until a person acts. */
export function isFatal(error: unknown): boolean {
  return failureType(error) === 'bad_credentials';
}

export function messageOf(error: unknown): string {
  let current: unknown = error;
  while (current instanceof ActivityFailure || current instanceof ChildWorkflowFailure) {
    if (!current.cause) break;
    current = current.cause;
  }
  return current instanceof Error ? current.message : String(current);
}

/** A batch size from the caller, or a non-retryable failure (a workflow task must not loop on it). */
export function checkedBatchSize(value: number | undefined, fallback: number): number {
  const size = value ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw ApplicationFailure.nonRetryable(
      `invalid batch size ${size}: expected a whole number from 1 to 1000`,
      'invalid_input',
    );
  }
  return size;
}
