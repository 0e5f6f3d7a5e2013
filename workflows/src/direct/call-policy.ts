/**
 * How the in-process runner calls the portal: through one Bottleneck limiter (the concurrency as
 * `maxConcurrent`), with requests paced to the rate by `pacer` (wrap the portal with `pacedPortal`) and
 * with the same retry schedule as the Temporal activities (p-retry), honouring `Retry-After`. Only
 * passing faults are retried; a 429 is waited out and sent again without spending an attempt, as the
 * batch workflow does (`maximumRateLimitWaits` times per attempt).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import Bottleneck from 'bottleneck';
import pRetry, { type Options } from 'p-retry';
import { isPortalError, isRateLimited } from '../portal/errors.js';
import {
  PORTAL_RETRY_POLICY,
  pRetryTiming,
  rateLimitWaitMs,
  rateLimitWaitsOf,
  type PortalRetryPolicy,
} from '../sync/retry-policy.js';
import { RETRYABLE_KINDS } from '../sync/status.js';
import { createPacer, type Pacer } from './pacer.js';

export interface CallPolicyOptions {
  /** Portal requests per second across this runner. */
  rateLimitPerSecond: number;
  /** Portal requests in flight at once. */
  concurrency: number;
  retryPolicy?: PortalRetryPolicy;
  signal?: AbortSignal;
}

export type PortalCall = <T>(work: (signal: AbortSignal | undefined) => Promise<T>) => Promise<T>;

export function isRetryable(error: unknown): boolean {
  return isPortalError(error) && RETRYABLE_KINDS.has(error.kind);
}

/**
 * p-retry options for portal calls: the shared schedule, the abort signal, and only the errors
 * `retryable` accepts retried, each after at least the `Retry-After` the portal asked for.
 */
export function portalRetryOptions(
  policy: PortalRetryPolicy,
  signal: AbortSignal | undefined,
  retryable: (error: unknown) => boolean = isRetryable,
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void,
): Options {
  return {
    ...pRetryTiming(policy),
    ...(signal ? { signal } : {}),
    shouldRetry: async ({ error, retryDelay, attemptNumber }) => {
      if (!retryable(error) || signal?.aborted) return false;
      // The portal said how long to wait: top the policy's own delay up to that.
      const retryAfterMs = isPortalError(error) ? error.retryAfterMs : undefined;
      const extraMs = retryAfterMs !== undefined && retryAfterMs > retryDelay ? retryAfterMs - retryDelay : 0;
      onRetry?.(error, attemptNumber, retryDelay + extraMs);
      if (extraMs > 0) {
        await sleep(extraMs, undefined, signal ? { signal } : {}).catch(() => undefined);
      }
      return !signal?.aborted;
    },
  };
}

export function createCallPolicy(options: CallPolicyOptions): {
  call: PortalCall;
  pacer: Pacer;
  stop(): Promise<void>;
} {
  const limiter = new Bottleneck({
    maxConcurrent: options.concurrency,
  });
  const pacer = createPacer(options.rateLimitPerSecond);
  const policy = options.retryPolicy ?? PORTAL_RETRY_POLICY;
  const retry = portalRetryOptions(policy, options.signal);
  const { signal } = options;

  // The wait happens outside the limiter: a refused call holds no slot while it waits.
  const attempt = async <T>(work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> => {
    for (let waits = 0; ; waits++) {
      try {
        return await limiter.schedule(() => {
          signal?.throwIfAborted();
          return work(signal);
        });
      } catch (error) {
        if (!isRateLimited(error) || waits >= rateLimitWaitsOf(policy) || signal?.aborted) throw error;
        await sleep(rateLimitWaitMs(error.retryAfterMs), undefined, signal ? { signal } : {});
      }
    }
  };
  const call: PortalCall = (work) => pRetry(() => attempt(work), retry);

  return {
    call,
    pacer,
    stop: async () => {
      await limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
    },
  };
}
