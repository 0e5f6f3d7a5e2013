/**
 * A typed client for the sync on Temporal: start a period sync (a second start joins the running one),
 * re-sync selected invoices with update-with-start (or signal-with-start), query progress, list runs
 * through visibility, and keep the re-check Schedule in place.
 */
import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
  type ScheduleOptionsAction,
  type WorkflowExecutionInfo,
} from '@temporalio/client';
import { ApplicationFailure, type SearchAttributePair } from '@temporalio/common';
import { dataConverterFromEnv } from '../codec/index.js';
import type { InvoiceDirection, InvoiceKey } from '../portal/types.js';
import type { SyncPart } from '../store/types.js';
import {
  ALL_PARTS,
  chunk,
  normaliseParts,
  periodWorkflowId,
  recheckScheduleId,
  resyncWorkflowId,
  uniqueKeys,
} from '../sync/batch.js';
import { SyncError } from '../sync/errors.js';
import { monthsOf, PeriodError } from '../sync/plan.js';
import { SEARCH_ATTRIBUTES, TASK_QUEUES, type SyncKind } from '../temporal-config.js';
import { connectionOptions, temporalSettingsFromEnv, type TemporalSettings } from '../worker/config.js';
import {
  addInvoicesSignal,
  addInvoicesUpdate,
  getProgressQuery,
  MAX_KEYS_PER_UPDATE,
  type AddInvoicesRequest,
  type AddInvoicesResult,
  type RecheckInput,
  type ResyncInput,
  type SyncPeriodInput,
  type SyncProgress,
} from '../workflows/definitions.js';
import type { recheckWorkflow, resyncInvoicesWorkflow, syncPeriodWorkflow } from '../workflows/index.js';
import { RESYNC_CLOSING } from '../workflows/resync-invoices.js';

export interface SyncClientOptions {
  /** Task queues of the workers (tests use unique ones); default `invoice-sync` and `tax-portal`. */
  taskQueues?: { sync: string; portal: string };
  /** How long a re-sync waits for more requests once its queue runs dry (default 5 s). */
  resyncLingerMs?: number;
  /** Set TaxCode/Direction/Period/SyncKind at start (the namespace must have them registered). Default true. */
  searchAttributes?: boolean;
}

export interface StartedSync {
  workflowId: string;
  runId: string;
}

export interface ResyncRequest {
  taxCode: string;
  parts?: SyncPart[];
  /** Re-fetch parts already synced (default true). */
  force?: boolean;
  /** Any number of keys: sent in requests of at most `MAX_KEYS_PER_UPDATE`. */
  keys?: InvoiceKey[];
  /** Or: the invoices of the tax code still missing parts (`due`: whose re-check is due), selected in the store. */
  missing?: { period?: string; direction?: InvoiceDirection; due?: boolean; limit?: number };
}

export interface SyncRunSummary {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  startTime: Date;
  closeTime: Date | null;
  taxCode: string | null;
  direction: string | null;
  period: string | null;
  kind: string | null;
  outstanding: number | null;
}

export interface ListRunsFilter {
  taxCode?: string;
  kind?: SyncKind;
  /** Visibility status, e.g. `Running`, `Completed`, `Failed`. */
  status?: string;
  limit?: number;
}

export interface RecheckScheduleOptions {
  scheduleId?: string;
  /** Temporal duration, e.g. `1 hour`, `30 minutes`. */
  every?: string;
  input?: RecheckInput;
}

const QUOTE = /'/g;

function quote(value: string): string {
  return `'${value.replace(QUOTE, "\\'")}'`;
}

export function summariseExecution(execution: WorkflowExecutionInfo): SyncRunSummary {
  const attributes = execution.typedSearchAttributes;
  return {
    workflowId: execution.workflowId,
    runId: execution.runId,
    type: execution.type,
    status: execution.status.name,
    startTime: execution.startTime,
    closeTime: execution.closeTime ?? null,
    taxCode: attributes.get(SEARCH_ATTRIBUTES.taxCode) ?? null,
    direction: attributes.get(SEARCH_ATTRIBUTES.direction) ?? null,
    period: attributes.get(SEARCH_ATTRIBUTES.period) ?? null,
    kind: attributes.get(SEARCH_ATTRIBUTES.syncKind) ?? null,
    outstanding: attributes.get(SEARCH_ATTRIBUTES.outstandingCount) ?? null,
  };
}

/** Visibility query for `listRuns`; exported for tests. */
export function runsQuery(filter: ListRunsFilter): string {
  const clauses = [`WorkflowType IN ('syncPeriodWorkflow', 'resyncInvoicesWorkflow', 'recheckWorkflow')`];
  if (filter.taxCode) clauses.push(`TaxCode = ${quote(filter.taxCode)}`);
  if (filter.kind) clauses.push(`SyncKind = ${quote(filter.kind)}`);
  if (filter.status) clauses.push(`ExecutionStatus = ${quote(filter.status)}`);
  // No ORDER BY: SQL visibility (the dev server, PostgreSQL, MySQL) and Temporal Cloud refuse it.
  return clauses.join(' AND ');
}

const CLOSING_RETRIES = 20;

function isClosingRejection(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === RESYNC_CLOSING
  );
}

export class SyncClient {
  readonly taskQueues: { sync: string; portal: string };
  private readonly searchAttributes: boolean;
  private readonly resyncLingerMs: number | undefined;

  constructor(
    readonly client: Client,
    options: SyncClientOptions = {},
  ) {
    this.taskQueues = options.taskQueues ?? { sync: TASK_QUEUES.sync, portal: TASK_QUEUES.portal };
    this.searchAttributes = options.searchAttributes ?? true;
    this.resyncLingerMs = options.resyncLingerMs;
  }

  private resyncInput(request: ResyncRequest, parts: SyncPart[]): ResyncInput {
    return this.withQueue<ResyncInput>({
      taxCode: request.taxCode,
      parts,
      force: request.force ?? true,
      ...(this.resyncLingerMs !== undefined ? { lingerMs: this.resyncLingerMs } : {}),
    });
  }

  private attributes(
    kind: SyncKind,
    values: { taxCode?: string; direction?: string; period?: string },
  ): SearchAttributePair[] {
    if (!this.searchAttributes) return [];
    const pairs: SearchAttributePair[] = [{ key: SEARCH_ATTRIBUTES.syncKind, value: kind }];
    if (values.taxCode) pairs.push({ key: SEARCH_ATTRIBUTES.taxCode, value: values.taxCode });
    if (values.direction) pairs.push({ key: SEARCH_ATTRIBUTES.direction, value: values.direction });
    if (values.period) pairs.push({ key: SEARCH_ATTRIBUTES.period, value: values.period });
    return pairs;
  }

  /** The portal queue for workflows that do not name one: this client's. */
  private withQueue<T extends { portalTaskQueue?: string }>(input: T): T {
    return { ...input, portalTaskQueue: input.portalTaskQueue ?? this.taskQueues.portal };
  }

  /**
   * Starts the coordinator for (tax code, direction, period), or joins the one already running, and
   * makes sure the tax code's re-check Schedule exists (it picks up parts the portal did not have yet).
   */
  async startPeriodSync(input: SyncPeriodInput): Promise<StartedSync> {
    try {
      monthsOf(input.period);
    } catch (error) {
      if (error instanceof PeriodError) throw new SyncError('invalidPeriod', { period: input.period });
      throw error;
    }
    const workflowId = periodWorkflowId(input.taxCode, input.direction, input.period);
    const handle = await this.client.workflow.start<typeof syncPeriodWorkflow>('syncPeriodWorkflow', {
      workflowId,
      taskQueue: this.taskQueues.sync,
      args: [this.withQueue(input)],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: this.attributes('period', input),
    });
    await this.ensureRecheckSchedule({ input: { taxCode: input.taxCode }, keepExisting: true });
    return { workflowId, runId: handle.firstExecutionRunId };
  }

  private resyncStart(
    request: ResyncRequest,
    parts: SyncPart[],
  ): WithStartWorkflowOperation<typeof resyncInvoicesWorkflow> {
    return new WithStartWorkflowOperation<typeof resyncInvoicesWorkflow>('resyncInvoicesWorkflow', {
      workflowId: resyncWorkflowId(request.taxCode),
      taskQueue: this.taskQueues.sync,
      args: [this.resyncInput(request, parts)],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: this.attributes('resync', { taxCode: request.taxCode }),
    });
  }

  /** The requests a re-sync is sent as: keys in bounded chunks, or one store selection. */
  private requestsOf(request: ResyncRequest, parts: SyncPart[]): AddInvoicesRequest[] {
    const force = request.force ?? true;
    if (request.missing) return [{ selection: request.missing, parts, force }];
    return chunk(uniqueKeys(request.keys ?? []), MAX_KEYS_PER_UPDATE).map((keys) => ({ keys, parts, force }));
  }

  /**
   * "Sync these invoices now": each request is an update-with-start on the tax code's re-sync
   * workflow, so the first starts it and overlapping ones join; a run that is just ending refuses the
   * update and the next request starts a new run.
   */
  async resync(request: ResyncRequest): Promise<StartedSync & { added: AddInvoicesResult }> {
    const parts = normaliseParts(request.parts ?? [...ALL_PARTS]);
    const added: AddInvoicesResult = { accepted: 0, joined: 0, unknownCount: 0, unknown: [] };
    let runId = '';
    for (const addition of this.requestsOf(request, parts)) {
      for (let attempt = 1; ; attempt++) {
        const start = this.resyncStart(request, parts);
        try {
          const result = await this.client.workflow.executeUpdateWithStart(addInvoicesUpdate, {
            args: [addition],
            startWorkflowOperation: start,
          });
          added.accepted += result.accepted;
          added.joined += result.joined;
          added.unknownCount += result.unknownCount;
          added.unknown.push(...result.unknown.slice(0, Math.max(0, 20 - added.unknown.length)));
          if (!runId) runId = (await (await start.workflowHandle()).describe()).runId;
          break;
        } catch (error) {
          if (!isClosingRejection(error) || attempt >= CLOSING_RETRIES) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * attempt)));
        }
      }
    }
    return { workflowId: resyncWorkflowId(request.taxCode), runId, added };
  }

  /** The same with signal-with-start, for servers without update-with-start (no join counts come back). */
  async resyncWithSignal(request: ResyncRequest): Promise<StartedSync> {
    const parts = normaliseParts(request.parts ?? [...ALL_PARTS]);
    let runId = '';
    for (const addition of this.requestsOf(request, parts)) {
      const handle = await this.client.workflow.signalWithStart<
        typeof resyncInvoicesWorkflow,
        [AddInvoicesRequest]
      >('resyncInvoicesWorkflow', {
        workflowId: resyncWorkflowId(request.taxCode),
        taskQueue: this.taskQueues.sync,
        args: [this.resyncInput(request, parts)],
        signal: addInvoicesSignal,
        signalArgs: [addition],
        typedSearchAttributes: this.attributes('resync', { taxCode: request.taxCode }),
      });
      runId = handle.signaledRunId;
    }
    return { workflowId: resyncWorkflowId(request.taxCode), runId };
  }

  /** Progress of the latest run, or of `runId` (a closed run answers from its history). */
  async getProgress(workflowId: string, runId?: string): Promise<SyncProgress> {
    return this.client.workflow.getHandle(workflowId, runId).query(getProgressQuery);
  }

  /** The outcome, following continue-as-new from `runId` (default: the latest run). */
  async result(workflowId: string, runId?: string): Promise<SyncProgress> {
    return this.client.workflow.getHandle(workflowId, runId).result() as Promise<SyncProgress>;
  }

  /** Requests cancellation; the batches' portal calls are aborted through their heartbeats. */
  async cancel(workflowId: string): Promise<void> {
    await this.client.workflow.getHandle(workflowId).cancel();
  }

  /** The sync's workflows, newest first (sorted here: visibility servers refuse ORDER BY). */
  async listRuns(filter: ListRunsFilter = {}): Promise<SyncRunSummary[]> {
    const runs: SyncRunSummary[] = [];
    const limit = filter.limit ?? 20;
    for await (const execution of this.client.workflow.list({
      query: runsQuery(filter),
      pageSize: Math.min(limit, 100),
    })) {
      runs.push(summariseExecution(execution));
      if (runs.length >= limit) break;
    }
    return runs.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
  }

  /**
   * Creates the tax code's re-check Schedule; if it exists, updates its interval and input (or, with
   * `keepExisting`, leaves it as ops set it).
   */
  async ensureRecheckSchedule(
    options: RecheckScheduleOptions & { input: RecheckInput; keepExisting?: boolean },
  ): Promise<'created' | 'updated' | 'kept'> {
    const scheduleId = options.scheduleId ?? recheckScheduleId(options.input.taxCode);
    const every = options.every ?? '1 hour';
    const action: ScheduleOptionsAction = {
      type: 'startWorkflow',
      workflowType: 'recheckWorkflow',
      workflowId: `${scheduleId}-run`,
      taskQueue: this.taskQueues.sync,
      args: [this.withQueue(options.input)] satisfies Parameters<typeof recheckWorkflow>,
      typedSearchAttributes: this.attributes('recheck', { taxCode: options.input.taxCode }),
    };
    try {
      await this.client.schedule.create({
        scheduleId,
        spec: { intervals: [{ every }] },
        action,
        policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
      });
      return 'created';
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      if (options.keepExisting) return 'kept';
      await this.client.schedule.getHandle(scheduleId).update((previous) => ({
        ...previous,
        spec: { intervals: [{ every }] },
        action,
      }));
      return 'updated';
    }
  }
}

/** Connects with the environment's settings (and payload codec); null when `TEMPORAL_ADDRESS` is unset. */
export async function connectSyncClient(
  env: Record<string, string | undefined> = process.env,
  options: SyncClientOptions & { settings?: TemporalSettings } = {},
): Promise<{ sync: SyncClient; close(): Promise<void> } | null> {
  const settings = options.settings ?? temporalSettingsFromEnv(env);
  if (!settings) return null;
  const connection = await Connection.connect(
    connectionOptions(settings) as Parameters<typeof Connection.connect>[0],
  );
  const dataConverter = dataConverterFromEnv(env);
  const client = new Client({
    connection,
    namespace: settings.namespace,
    ...(dataConverter ? { dataConverter } : {}),
  });
  return { sync: new SyncClient(client, options), close: () => connection.close() };
}
