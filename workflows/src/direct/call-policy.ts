/**
 * How the in-process runner calls the portal: through one Bottleneck limiter (the concurrency as
 * `maxConcurrent`), with requests paced to the rate by `pacer` (wrap the portal with `pacedPortal`) and with the same retry schedule as the Temporal activities
 * (p-retry), honouring `Retry-After`. Only passing faults are retried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import Bottleneck from 'bottleneck';
import pRetry from 'p-retry';
import { isPortalError } from '../portal/errors.js';
import { PORTAL_RETRY_POLICY, pRetryTiming, type PortalRetryPolicy } from '../sync/retry-policy.js';
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

export function createCallPolicy(options: CallPolicyOptions): {
  call: PortalCall;
  pacer: Pacer;
  stop(): Promise<void>;
} {
  const limiter = new Bottleneck({
    maxConcurrent: options.concurrency,
  });
  const pacer = createPacer(options.rateLimitPerSecond);
  const timing = pRetryTiming(options.retryPolicy ?? PORTAL_RETRY_POLICY);
  const { signal } = options;

  const call: PortalCall = (work) =>
    pRetry(
      () =>
        limiter.schedule(() => {
          signal?.throwIfAborted();
          return work(signal);
        }),
      {
        ...timing,
        ...(signal ? { signal } : {}),
        shouldRetry: async ({ error, retryDelay }) => {
          if (!isRetryable(error) || signal?.aborted) return false;
          // The portal said how long to wait: top the policy's own delay up to that.
          const retryAfterMs = isPortalError(error) ? error.retryAfterMs : undefined;
          if (retryAfterMs !== undefined && retryAfterMs > retryDelay) {
            await sleep(retryAfterMs - retryDelay, undefined, signal ? { signal } : {}).catch(
              () => undefined,
            );
          }
          return !signal?.aborted;
        },
      },
    );

  return {
    call,
    pacer,
    stop: async () => {
      await limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
    },
  };
}
