/** Activity stubs as workflows see them: portal calls on the rate-limited queue, store reads on ours. */
import { proxyActivities } from '@temporalio/workflow';
import type { PortalActivities, StoreActivities } from '../activities/create-activities.js';
import { temporalRetryPolicy } from '../sync/retry-policy.js';
import { TASK_QUEUES } from '../temporal-config.js';

export function portalActivities(): PortalActivities {
  return proxyActivities<PortalActivities>({
    taskQueue: TASK_QUEUES.portal,
    // One portal call each; the client's own timeout is 30 s, a ZIP export may take longer.
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '1 minute',
    retry: temporalRetryPolicy(),
  });
}

export function storeActivities(): StoreActivities {
  return proxyActivities<StoreActivities>({
    taskQueue: TASK_QUEUES.sync,
    startToCloseTimeout: '5 minutes',
    heartbeatTimeout: '1 minute',
    retry: temporalRetryPolicy(),
  });
}
