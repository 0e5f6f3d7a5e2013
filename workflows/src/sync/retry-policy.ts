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
  /**
   * Times one call may be refused with 429 and sent again after the portal's `Retry-After`, on top of
   * `maximumAttempts`: a refusal says "not now", not "broken", so it must not use up the attempts kept
   * for real faults (a bench run lost an invoice to 429s spending them).
   */
  maximumRateLimitWaits?: number;
}

const DEFAULT_RATE_LIMIT_WAITS = 10;

export const PORTAL_RETRY_POLICY: PortalRetryPolicy = {
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
  maximumAttempts: 6,
  maximumRateLimitWaits: DEFAULT_RATE_LIMIT_WAITS,
};

/** The 429 waits a policy allows (a policy from an older starter may not say). */
export function rateLimitWaitsOf(policy: PortalRetryPolicy = PORTAL_RETRY_POLICY): number {
  return policy.maximumRateLimitWaits ?? DEFAULT_RATE_LIMIT_WAITS;
}

/** A `Retry-After` beyond this is read as a broken header, not a wish. */
const LONGEST_RATE_LIMIT_WAIT_MS = 10 * 60_000;

/** How long to wait out a 429: what the portal asked, 1 s if it did not say. */
export function rateLimitWaitMs(retryAfterMs: number | undefined): number {
  const asked =
    retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 1_000;
  return Math.min(asked, LONGEST_RATE_LIMIT_WAIT_MS);
}

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
