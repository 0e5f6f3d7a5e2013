/**
 * Errors leaving an activity become `ApplicationFailure`s whose type is the portal error kind, so the
 * retry policy in the workflow can tell permanent from passing faults without HTTP details. Messages
 * are the already-masked English texts: no password or token can reach workflow history.
 */
import { ApplicationFailure } from '@temporalio/common';
import { isPortalError } from '../portal/errors.js';
import { isSyncError } from '../sync/errors.js';

export function toActivityFailure(error: unknown): unknown {
  if (isPortalError(error)) {
    return ApplicationFailure.create({
      message: error.message,
      type: error.kind,
      nonRetryable: error.permanent,
      // The portal said when to come back: Temporal waits that long instead of the policy's backoff.
      ...(error.kind === 'rate_limited' && error.retryAfterMs !== undefined
        ? { nextRetryDelay: error.retryAfterMs }
        : {}),
      details: [
        {
          kind: error.kind,
          status: error.status ?? null,
          endpoint: error.endpoint,
          invoiceKey: error.invoiceKey ?? null,
        },
      ],
    });
  }
  if (isSyncError(error)) {
    return ApplicationFailure.create({
      message: error.message,
      type: error.failureType,
      nonRetryable: true,
      details: [{ messageKey: error.messageKey, params: error.params }],
    });
  }
  return error;
}

/** Runs `work`, translating what it throws. */
export async function asActivity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toActivityFailure(error);
  }
}
