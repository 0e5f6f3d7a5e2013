/**
 * One retry policy for portal calls, expressed for Temporal activity options and for p-retry in the
 * in-process runner, so both paths back off the same way.
 */
import type { RetryPolicy } from '@temporalio/common';

export interface PortalRetryPolicy {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  /** Total attempts including the first. */
  maximumAttempts: number;
}

export const PORTAL_RETRY_POLICY: PortalRetryPolicy = {
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
  maximumAttempts: 6,
};

/** `ApplicationFailure` types the activities throw that must never be retried. */
export const NON_RETRYABLE_FAILURE_TYPES = [
  'bad_credentials',
  'malformed',
  'not_found',
  'invalid_input',
] as const;

export function temporalRetryPolicy(policy: PortalRetryPolicy = PORTAL_RETRY_POLICY): RetryPolicy {
  return {
    initialInterval: policy.initialIntervalMs,
    backoffCoefficient: policy.backoffCoefficient,
    maximumInterval: policy.maximumIntervalMs,
    maximumAttempts: policy.maximumAttempts,
    nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
  };
}

export interface PRetryTiming {
  retries: number;
  factor: number;
  minTimeout: number;
  maxTimeout: number;
  randomize: boolean;
}

/** The same schedule for p-retry (`retries` counts retries, not attempts). */
export function pRetryTiming(policy: PortalRetryPolicy = PORTAL_RETRY_POLICY): PRetryTiming {
  return {
    retries: Math.max(0, policy.maximumAttempts - 1),
    factor: policy.backoffCoefficient,
    minTimeout: policy.initialIntervalMs,
    maxTimeout: policy.maximumIntervalMs,
    randomize: false,
  };
}

/** Delay before attempt `attempt + 1` (attempt is 1-based), as both runners compute it. */
export function retryDelayMs(attempt: number, policy: PortalRetryPolicy = PORTAL_RETRY_POLICY): number {
  const raw = policy.initialIntervalMs * policy.backoffCoefficient ** Math.max(0, attempt - 1);
  return Math.min(raw, policy.maximumIntervalMs);
}
