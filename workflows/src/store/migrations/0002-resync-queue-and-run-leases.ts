/**
 * The re-sync work queue, and liveness leases on sync runs.
 *
 * `sync_queue`: one row per (queue, invoice, part). A workflow re-syncing a selection of any size keeps
 * only its queue id; enqueueing is `INSERT ... ON CONFLICT DO NOTHING`, so a part asked for twice (even by
 * concurrent callers) is queued once. `batch` is null while unclaimed, else the batch number that claimed
 * it; claimed rows stay until the queue is dropped, so a part done in this queue is joined, not repeated.
 *
 * `sync_runs`: the owning process (`host:pid`) and its last heartbeat, and the run statuses `incomplete`
 * (ended with parts failed or out of retries) and `interrupted` (its process stopped heartbeating).
 */
export const resyncQueueAndRunLeases = `
CREATE TABLE sync_queue (
  queue_id TEXT NOT NULL,
  invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  part TEXT NOT NULL CHECK (part IN ('details', 'xml')),
  force BOOLEAN NOT NULL DEFAULT false,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  batch INTEGER,
  queued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  claimed_at TIMESTAMPTZ,
  PRIMARY KEY (queue_id, invoice_id, part)
);
CREATE INDEX sync_queue_unclaimed ON sync_queue (queue_id, seq) WHERE batch IS NULL;
CREATE INDEX sync_queue_batch ON sync_queue (queue_id, batch) WHERE batch IS NOT NULL;

ALTER TABLE sync_runs ADD COLUMN owner TEXT;
ALTER TABLE sync_runs ADD COLUMN heartbeat_at TIMESTAMPTZ;
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
  CHECK (status IN ('running', 'succeeded', 'incomplete', 'failed', 'cancelled', 'interrupted'));
CREATE INDEX sync_runs_running ON sync_runs (heartbeat_at) WHERE status = 'running';
`;
