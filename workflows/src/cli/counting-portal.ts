/**
 * A `PortalClient` that counts what the sync asked of the portal: calls, and calls that failed with a
 * passing fault (each such failure is retried by the runner's policy, so it is counted as a retry).
 */
import { isRetryable } from '../direct/call-policy.js';
import type { PortalClient } from '../portal/types.js';

export interface PortalCounters {
  calls: number;
  retries: number;
}

export function countingPortal(inner: PortalClient): { portal: PortalClient; counters: PortalCounters } {
  const counters: PortalCounters = { calls: 0, retries: 0 };
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    counters.calls++;
    try {
      return await work();
    } catch (error) {
      if (isRetryable(error)) counters.retries++;
      throw error;
    }
  };
  const portal: PortalClient = {
    listHeaders: (request) => counted(() => inner.listHeaders(request)),
    getDetail: (family, key, signal) => counted(() => inner.getDetail(family, key, signal)),
    exportXml: (family, key, signal) => counted(() => inner.exportXml(family, key, signal)),
    getRelative: (family, key, signal) => counted(() => inner.getRelative(family, key, signal)),
  };
  return { portal, counters };
}
