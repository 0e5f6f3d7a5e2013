/**
 * Activity stubs as workflows see them: portal calls on the rate-limited queue the starter named (so a
 * custom queue never sends work to the production one), store work on the workflow's own queue.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { PortalActivities, StoreActivities } from '../activities/create-activities.js';
import { temporalRetryPolicy } from '../sync/retry-policy.js';
import { TASK_QUEUES } from '../temporal-config.js';
import type { PortalCallOptions } from './definitions.js';

/**
 * A portal call (a login, or a ZIP export of a large invoice) may take minutes; the activities
 * heartbeat every few seconds, so a dead worker is noticed after `heartbeatTimeout`, not at the end.
 */
export function portalActivities(options: PortalCallOptions = {}): PortalActivities {
  return proxyActivities<PortalActivities>({
    taskQueue: options.portalTaskQueue ?? TASK_QUEUES.portal,
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '30 seconds',
    retry: temporalRetryPolicy(options.portalRetry),
  });
}

/** Store-only activities: on the workflow's own task queue (no `taskQueue` = the workflow's). */
export function storeActivities(options: PortalCallOptions = {}): StoreActivities {
  return proxyActivities<StoreActivities>({
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '30 seconds',
    retry: temporalRetryPolicy(options.portalRetry),
  });
}
