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
  type ScheduleOptionsAction,
  type WorkflowExecutionInfo,
} from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { dataConverterFromEnv } from '../codec/aes-gcm-codec.js';
import type { InvoiceKey } from '../portal/types.js';
import type { SyncPart } from '../store/types.js';
import { ALL_PARTS, normaliseParts, periodWorkflowId, resyncWorkflowId, uniqueKeys } from '../sync/batch.js';
import { SyncError } from '../sync/errors.js';
import { monthsOf, PeriodError } from '../sync/plan.js';
import { SEARCH_ATTRIBUTES, TASK_QUEUES, type SyncKind } from '../temporal-config.js';
import { connectionOptions, temporalSettingsFromEnv, type TemporalSettings } from '../worker/config.js';
import {
  addInvoicesSignal,
  addInvoicesUpdate,
  getProgressQuery,
  type AddInvoicesResult,
  type RecheckInput,
  type SyncPeriodInput,
  type SyncProgress,
} from '../workflows/definitions.js';
import type { recheckWorkflow, resyncInvoicesWorkflow, syncPeriodWorkflow } from '../workflows/index.js';

export interface SyncClientOptions {
  taskQueue?: string;
  /** Set TaxCode/Direction/Period/SyncKind at start (the namespace must have them registered). Default true. */
  searchAttributes?: boolean;
}

export interface StartedSync {
  workflowId: string;
  runId: string;
}

export interface ResyncRequest {
  taxCode: string;
  keys: InvoiceKey[];
  parts?: SyncPart[];
  /** Re-fetch parts already synced (default true). */
  force?: boolean;
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
  return `${clauses.join(' AND ')} ORDER BY StartTime DESC`;
}

export class SyncClient {
  readonly taskQueue: string;
  private readonly searchAttributes: boolean;

  constructor(
    readonly client: Client,
    options: SyncClientOptions = {},
  ) {
    this.taskQueue = options.taskQueue ?? TASK_QUEUES.sync;
    this.searchAttributes = options.searchAttributes ?? true;
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

  /** Starts the coordinator for (tax code, direction, period), or joins the one already running. */
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
      taskQueue: this.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: this.attributes('period', input),
    });
    return { workflowId, runId: handle.firstExecutionRunId };
  }

  /**
   * "Sync these invoices now": update-with-start under an id derived from the selection, so a second
   * request for the same invoices joins the running workflow (its update reports them as joined).
   */
  async resyncSelected(request: ResyncRequest): Promise<StartedSync & { added: AddInvoicesResult }> {
    const parts = normaliseParts(request.parts ?? [...ALL_PARTS]);
    const keys = uniqueKeys(request.keys);
    const workflowId = resyncWorkflowId(request.taxCode, keys, parts);
    const startOperation = new WithStartWorkflowOperation<typeof resyncInvoicesWorkflow>(
      'resyncInvoicesWorkflow',
      {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ taxCode: request.taxCode, parts, force: request.force ?? true, keys: [] }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: this.attributes('resync', { taxCode: request.taxCode }),
      },
    );
    const added = await this.client.workflow.executeUpdateWithStart(addInvoicesUpdate, {
      args: [keys],
      startWorkflowOperation: startOperation,
    });
    const handle = await startOperation.workflowHandle();
    return { workflowId, runId: (await handle.describe()).runId, added };
  }

  /** The same with signal-with-start, for servers without update-with-start. */
  async resyncSelectedWithSignal(request: ResyncRequest): Promise<StartedSync> {
    const parts = normaliseParts(request.parts ?? [...ALL_PARTS]);
    const keys = uniqueKeys(request.keys);
    const workflowId = resyncWorkflowId(request.taxCode, keys, parts);
    const handle = await this.client.workflow.signalWithStart<typeof resyncInvoicesWorkflow, [InvoiceKey[]]>(
      'resyncInvoicesWorkflow',
      {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ taxCode: request.taxCode, parts, force: request.force ?? true, keys: [] }],
        signal: addInvoicesSignal,
        signalArgs: [keys],
        typedSearchAttributes: this.attributes('resync', { taxCode: request.taxCode }),
      },
    );
    return { workflowId, runId: handle.signaledRunId };
  }

  /** Adds invoices to a running re-sync (or any workflow handling `addInvoices`). */
  async addInvoices(workflowId: string, keys: InvoiceKey[]): Promise<AddInvoicesResult> {
    return this.client.workflow
      .getHandle(workflowId)
      .executeUpdate(addInvoicesUpdate, { args: [uniqueKeys(keys)] });
  }

  /** Progress of the latest run, or of `runId` (a closed run answers from its history). */
  async getProgress(workflowId: string, runId?: string): Promise<SyncProgress> {
    return this.client.workflow.getHandle(workflowId, runId).query(getProgressQuery);
  }

  /** The outcome, following continue-as-new from `runId` (default: the latest run). */
  async result(workflowId: string, runId?: string): Promise<SyncProgress> {
    return this.client.workflow.getHandle(workflowId, runId).result() as Promise<SyncProgress>;
  }

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
    return runs;
  }

  /** Creates the re-check Schedule, or updates its interval and input if it exists. */
  async ensureRecheckSchedule(options: RecheckScheduleOptions = {}): Promise<'created' | 'updated'> {
    const scheduleId = options.scheduleId ?? 'invoice-recheck';
    const every = options.every ?? '1 hour';
    const action: ScheduleOptionsAction = {
      type: 'startWorkflow',
      workflowType: 'recheckWorkflow',
      workflowId: `${scheduleId}-run`,
      taskQueue: this.taskQueue,
      args: [options.input ?? {}] satisfies Parameters<typeof recheckWorkflow>,
      typedSearchAttributes: this.attributes('recheck', {
        ...(options.input?.taxCode ? { taxCode: options.input.taxCode } : {}),
      }),
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
