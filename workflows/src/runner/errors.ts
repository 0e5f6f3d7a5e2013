/** What a Temporal run reports when a workflow ends in failure (not a stack: one sentence). */
export class WorkflowRunError extends Error {
  override readonly name = 'WorkflowRunError';
  constructor(
    readonly workflowId: string,
    readonly reason: string,
  ) {
    super(`Temporal workflow ${workflowId} did not complete: ${reason}`);
  }
}

/** The innermost message of a Temporal failure chain (WorkflowFailedError -> ApplicationFailure ...). */
export function reasonOf(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause; depth++) {
    current = current.cause;
    if (current instanceof Error && current.message) message = current.message;
  }
  return message;
}
