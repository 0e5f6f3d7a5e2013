/**
 * What a detail or XML activity returns. Kept free of runtime imports: the batch workflow reads it
 * inside Temporal's workflow sandbox.
 */
import type { PartSyncResult } from './operations.js';

/** The portal said "not now" (429): wait `retryAfterMs`, then send the same call again. */
export interface RateLimitedCall {
  rateLimited: true;
  retryAfterMs: number;
}

export type PartCallResult = PartSyncResult | RateLimitedCall;

export function isRateLimitedCall(result: PartCallResult): result is RateLimitedCall {
  return 'rateLimited' in result && result.rateLimited === true;
}
