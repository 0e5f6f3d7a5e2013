/** What the durability suite and its worker processes say to each other (lines on stdout, env names). */

/** Printed once the worker polls its task queues: `DURABILITY_READY {"pid":123}`. */
export const READY_LINE = 'DURABILITY_READY';
/** Printed when the worker stops: `DURABILITY_COUNTS {...WorkerCounts}`. */
export const COUNTS_LINE = 'DURABILITY_COUNTS';

/** Portal calls one worker process made, by method: each is one portal activity attempt. */
export interface WorkerCounts {
  pid: number;
  listHeaders: number;
  getDetail: number;
  exportXml: number;
  getRelative: number;
  /** Calls that threw (passing faults, retried by the activity's retry policy). */
  failed: number;
}

export type CountedMethod = 'listHeaders' | 'getDetail' | 'exportXml' | 'getRelative';

/** Environment a worker process reads besides TEMPORAL_*, SYNC_PORTAL_* and DATABASE_URL. */
export const WORKER_ENV = {
  schema: 'DURABILITY_SCHEMA',
  portalUrl: 'DURABILITY_PORTAL_URL',
  username: 'DURABILITY_PORTAL_USERNAME',
  password: 'DURABILITY_PORTAL_PASSWORD',
  syncQueue: 'DURABILITY_SYNC_QUEUE',
  portalQueue: 'DURABILITY_PORTAL_QUEUE',
  bundle: 'DURABILITY_BUNDLE',
} as const;
