/**
 * One orchestration, two runners: what the CLI and the demo ask of a sync runner, whether it works in
 * this process (`runDirectSync`/`runDirectResync`) or through Temporal workflows.
 */
import type { ProgressEvent } from '../direct/run-direct.js';
import type { InvoiceDirection, InvoiceKey } from '../portal/types.js';
import type { SyncPart, SyncStatus } from '../store/types.js';

export type { ProgressEvent, ProgressPart } from '../direct/run-direct.js';

export type RunnerMode = 'temporal' | 'in-process';

export interface SyncPeriodRequest {
  taxCode: string;
  /** `YYYY-MM` or `YYYY-MM..YYYY-MM`. */
  period: string;
  directions: InvoiceDirection[];
  parts: SyncPart[];
}

export interface ResyncMissing {
  period?: string;
  direction?: InvoiceDirection;
  /** Only the parts whose next re-check is due. */
  due?: boolean;
  limit?: number;
}

export interface ResyncRequest {
  taxCode: string;
  parts: SyncPart[];
  /** Re-fetch parts already synced. */
  force: boolean;
  /** These invoices; without keys, those of `taxCode` still missing a part (narrowed by `missing`). */
  keys?: InvoiceKey[];
  missing?: ResyncMissing;
}

/** A workflow a Temporal run started or joined, with its page in the Temporal UI (when known). */
export interface StartedWorkflow {
  workflowId: string;
  runId: string;
  uiUrl: string | null;
}

/** What a re-sync request added to the (possibly running) re-sync workflow of its tax code. */
export interface ResyncAdded {
  accepted: number;
  joined: number;
  unknownCount: number;
  unknown: string[];
}

export type RunStarted =
  | { mode: 'in-process'; runId: number }
  | { mode: 'temporal'; workflows: StartedWorkflow[]; added?: ResyncAdded };

export interface RunObserver {
  /** Once the work is under way: the store's run id (in-process) or the workflows (Temporal). */
  onStarted?(started: RunStarted): void;
  /** Progress per part (headers, details, xml), as the in-process runner reports it. */
  onProgress?(event: ProgressEvent): void;
}

export interface RunItemError {
  key: string;
  part: SyncPart | null;
  /** English message (what the store and logs keep). */
  message: string;
  /** The error itself, so a caller can show it in the user's language (`localized(language)`). */
  cause?: unknown;
}

export interface RunReport {
  mode: RunnerMode;
  /** Headers listed (period sync) or invoices selected (re-sync). */
  listed: number;
  counts: Record<SyncPart, Partial<Record<SyncStatus, number>>>;
  /** Parts not fetched because they were already done. */
  skipped: number;
  /** Parts whose retries ran out on passing faults: still `not_synced`, picked up by the next run. */
  retriesExhausted: number;
  /** Single-day windows the portal capped below their total. */
  cappedWindows: number;
  /** Errors with their invoice (in-process; Temporal's progress only counts them: see `errorCount`). */
  errors: RunItemError[];
  /** Invoice parts the run could not work on; at least `errors.length`. */
  errorCount: number;
  /** Stopped by the signal before the end (in-process: the run is cancelled, the work done is kept). */
  aborted: boolean;
  /** Temporal only: stopped waiting; the workflows go on running on the server. */
  detached: boolean;
  /** In-process: the store's run id. */
  runId: number | null;
  /** Temporal: the workflows started or joined. */
  workflows: StartedWorkflow[];
  /** Temporal re-sync: what the request added. */
  added: ResyncAdded | null;
}

export interface TemporalPlace {
  address: string;
  namespace: string;
  /** The Temporal UI's base URL, e.g. `http://127.0.0.1:8233`; null when unknown. */
  uiUrl: string | null;
}

export interface SyncRunner {
  readonly mode: RunnerMode;
  /** One line for the user: where it runs (e.g. "Temporal at 127.0.0.1:7233, namespace default (UI http://127.0.0.1:8233)" or "in-process"). */
  readonly description: string;
  /** Temporal runners: where (for messages in the user's language); null in-process. */
  readonly temporal: TemporalPlace | null;
  syncPeriod(request: SyncPeriodRequest, observer?: RunObserver): Promise<RunReport>;
  resync(request: ResyncRequest, observer?: RunObserver): Promise<RunReport>;
  /** Stops what the runner started (a worker in this process); the caller closes what it passed in. */
  close(): Promise<void>;
}

export function emptyReport(mode: RunnerMode): RunReport {
  return {
    mode,
    listed: 0,
    counts: { details: {}, xml: {} },
    skipped: 0,
    retriesExhausted: 0,
    cappedWindows: 0,
    errors: [],
    errorCount: 0,
    aborted: false,
    detached: false,
    runId: null,
    workflows: [],
    added: null,
  };
}
