/**
 * What a portal outcome means for an invoice part: the stored status, when to look again, and whether
 * the caller should retry now, later, or stop the whole sync. Shared by activities and the direct runner.
 */
import type { PortalErrorKind } from '../portal/types.js';
import type { SyncStatus } from '../store/types.js';
import { nextRecheckAt } from './recheck.js';

/**
 * - `record`: the outcome is final for this attempt; store it and move on.
 * - `retry`: a passing fault; try again with backoff (after `retryAfterMs` if the portal said so).
 * - `abort`: the account cannot work (bad credentials); stop the sync, leave invoices untouched.
 */
export type ErrorAction = 'record' | 'retry' | 'abort';

export interface ErrorDecision {
  action: ErrorAction;
  /** Status to store for `record`; for `retry`/`abort` the status stays as it was. */
  status: SyncStatus | null;
  nextCheckAt: Date | null;
  retryAfterMs?: number;
}

export const RETRYABLE_KINDS: ReadonlySet<PortalErrorKind> = new Set([
  'rate_limited',
  'auth_expired',
  'transient',
]);

export function decideOnPortalError(
  kind: PortalErrorKind,
  context: { issueDate: string; now: Date; retryAfterMs?: number | undefined },
): ErrorDecision {
  switch (kind) {
    case 'unavailable':
      return {
        action: 'record',
        status: 'unavailable',
        nextCheckAt: nextRecheckAt(context.issueDate, context.now),
      };
    case 'malformed':
    case 'not_found':
      return { action: 'record', status: 'failed', nextCheckAt: null };
    case 'bad_credentials':
      return { action: 'abort', status: null, nextCheckAt: null };
    case 'rate_limited':
      return {
        action: 'retry',
        status: null,
        nextCheckAt: null,
        ...(context.retryAfterMs !== undefined ? { retryAfterMs: context.retryAfterMs } : {}),
      };
    case 'auth_expired':
    case 'transient':
      return { action: 'retry', status: null, nextCheckAt: null };
  }
}

/** Details that arrived: complete -> synced; lines without names or totals that disagree -> incomplete. */
export function decideOnDetails(
  complete: boolean,
  context: { issueDate: string; now: Date },
): { status: SyncStatus; nextCheckAt: Date | null } {
  return complete
    ? { status: 'synced', nextCheckAt: null }
    : { status: 'incomplete', nextCheckAt: nextRecheckAt(context.issueDate, context.now) };
}

/** Statuses a normal sync works on; `synced` and `failed` wait for a person (or a forced re-sync). */
export const NEEDS_WORK: readonly SyncStatus[] = ['not_synced', 'unavailable', 'incomplete'];
/** Statuses the periodic re-check looks at once their `nextCheckAt` is due. */
export const RECHECKABLE: readonly SyncStatus[] = ['unavailable', 'incomplete'];
