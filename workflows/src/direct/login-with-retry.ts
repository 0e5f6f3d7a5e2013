/**
 * The first login of a command, retried on passing faults (429 honouring `Retry-After`, 5xx, firewall
 * pages, timeouts, dropped connections) with the shared schedule, so a busy portal does not stop a sync
 * that one more try would have started. Refused credentials are never retried, and nor is a portal that
 * nothing answers for (connection refused, host unknown): that is a wrong URL or a portal that is down,
 * and the user hears it at once.
 */
import pRetry from 'p-retry';
import { isPortalError } from '../portal/errors.js';
import { PORTAL_RETRY_POLICY, type PortalRetryPolicy } from '../sync/retry-policy.js';
import { portalRetryOptions } from './call-policy.js';

/** Connection failures meaning nothing is there: retrying for a minute would only delay the answer. */
const NOTHING_THERE = new Set(['ECONNREFUSED', 'ENOTFOUND']);

export function isPassingLoginFault(error: unknown): boolean {
  if (!isPortalError(error)) return false;
  if (error.kind === 'rate_limited') return true;
  if (error.kind !== 'transient') return false;
  return !(error.messageKey === 'connection' && NOTHING_THERE.has(String(error.params['reason'] ?? '')));
}

export interface LoginRetryOptions {
  signal?: AbortSignal | undefined;
  retryPolicy?: PortalRetryPolicy;
  /** Told before each wait (e.g. to log "portal busy, retrying in 2 s"). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Calls `login` until it succeeds, a permanent failure comes, retries run out or `signal` aborts. */
export async function loginWithRetry(
  login: (signal?: AbortSignal) => Promise<void>,
  options: LoginRetryOptions = {},
): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  await pRetry(
    () => {
      signal?.throwIfAborted();
      return login(signal);
    },
    portalRetryOptions(
      options.retryPolicy ?? PORTAL_RETRY_POLICY,
      signal,
      isPassingLoginFault,
      options.onRetry,
    ),
  );
}
