/**
 * `status`: the recent sync runs from the store (`sync_runs`) with their progress counts, and on
 * Temporal also the workflows from visibility with the progress query of the running ones.
 */
import { RUN_STATUSES, type RunStatus } from '../../store/types.js';
import { connectTemporal, openCliStore, useTemporal, type CliContext } from '../config.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../io.js';
import { runsTable } from '../tables.js';

export interface StatusFlags {
  limit?: number;
  kind?: string;
  status?: string;
  json?: boolean;
}

export async function statusCommand(context: CliContext, flags: StatusFlags): Promise<ExitCode> {
  const { io, t } = context;
  const statuses = flags.status?.split(',').map((status) => status.trim());
  const unknown = statuses?.find((status) => !(RUN_STATUSES as readonly string[]).includes(status));
  if (unknown !== undefined) {
    throw new CliError('badOption', {
      option: '--status',
      value: flags.status ?? '',
      expected: RUN_STATUSES.join(', '),
    });
  }
  const opened = await openCliStore(context);
  try {
    const runs = await opened.store.listRuns({
      limit: flags.limit ?? 20,
      ...(flags.kind ? { kind: flags.kind } : {}),
      ...(statuses ? { status: statuses as RunStatus[] } : {}),
    });
    if (flags.json) io.out(JSON.stringify(runs, null, 2));
    else if (runs.length === 0) io.out(t('noRuns', { store: opened.label }));
    else {
      io.out(t('runsHeading', { store: opened.label }));
      io.out(runsTable(t, runs, (io.now ?? Date.now)()));
    }
  } finally {
    await opened.close();
  }
  if (!useTemporal(context)) return EXIT.ok;

  const temporal = await connectTemporal(context);
  try {
    const workflows = await temporal.sync.listRuns({ limit: flags.limit ?? 20 });
    io.out(t('workflowsHeading'));
    for (const run of workflows) {
      let progress = '';
      if (run.status === 'RUNNING') {
        const current = await temporal.sync.getProgress(run.workflowId).catch(() => null);
        if (current) {
          progress = ` ${current.phase} listed=${current.listed} outstanding=${current.outstanding} batches=${current.batchesDone}/${current.batchesStarted}`;
        }
      }
      io.out(`  ${run.workflowId} ${run.type} ${run.status} ${run.startTime.toISOString()}${progress}`);
    }
  } finally {
    await temporal.close();
  }
  return EXIT.ok;
}
