/**
 * Processes and measurements for the durability suite: a Temporal dev server the test can stop and
 * start again on the same port and SQLite file, worker processes it can SIGKILL, a recording proxy in
 * front of the simulator (portal calls per second), and the comparison of the store with the
 * simulator's ground truth.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PROJECT_ROOT } from '../devserver/find-cli.js';
import { searchAttributeArgs, temporalAnswers } from '../devserver/local-temporal.js';
import { formatInvoiceKey, type InvoiceDirection } from '../portal/types.js';
import type { SimInvoice } from '../simulator/generator.js';
import { COUNTS_LINE, READY_LINE, WORKER_ENV, type WorkerCounts } from './protocol.js';

const HOST = '127.0.0.1';
const WORKER_ENTRY = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

/** Every process this suite started, so `killAll` can end them whatever happened. */
const started = new Set<ChildProcess>();

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (!alive(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
async function terminate(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (!alive(child)) return;
  const exited = exitOf(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (alive(child)) child.kill('SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Ends every process the suite started (afterAll, also after a failure). */
export async function killAll(): Promise<void> {
  await Promise.all([...started].map((child) => terminate(child, 3_000)));
  started.clear();
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, options.intervalMs ?? 100));
  }
}

// ----------------------------------------------------------------------------------------- dev server

/**
 * `temporal server start-dev` on a fixed port and SQLite file: `stop()` then `start()` brings back the
 * same server with its workflows, as a restarted production server would.
 */
export class DevServer {
  private child: ChildProcess | null = null;
  readonly address: string;
  readonly logFile: string;
  starts = 0;

  constructor(
    private readonly cli: string,
    readonly port: number,
    readonly dbFilename: string,
    readonly namespace: string,
  ) {
    this.address = `${HOST}:${port}`;
    this.logFile = `${dbFilename}.log`;
  }

  get pid(): number | null {
    return this.child && alive(this.child) ? (this.child.pid ?? null) : null;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const args = [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      HOST,
      '--port',
      String(this.port),
      '--db-filename',
      this.dbFilename,
      '--namespace',
      this.namespace,
      '--log-level',
      'warn',
      ...searchAttributeArgs(),
    ];
    const log = openSync(this.logFile, 'a');
    const child = spawn(this.cli, args, { stdio: ['ignore', log, log] });
    closeSync(log);
    started.add(child);
    child.once('exit', () => started.delete(child));
    this.child = child;
    this.starts++;
    await waitFor(
      `the dev server on ${this.address}`,
      async () => {
        if (!alive(child))
          throw new Error(`the dev server exited early; log ${this.logFile}:\n${this.tail()}`);
        return temporalAnswers(this.address, 1_000);
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** SIGTERM and wait for the exit (SIGKILL after 15 s). */
  async stop(): Promise<void> {
    if (this.child) await terminate(this.child, 15_000);
    this.child = null;
  }

  tail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

// -------------------------------------------------------------------------------------------- workers

export interface WorkerEnv {
  address: string;
  namespace: string;
  databaseUrl: string;
  schema: string;
  portalUrl: string;
  username: string;
  password: string;
  taskQueues: { sync: string; portal: string };
  bundlePath: string;
  portalRatePerSecond: number;
  portalConcurrency: number;
}

/** A worker process (`worker-process.ts`) with its output kept for the test. */
export class WorkerProcess {
  readonly output: string[] = [];
  readonly ready: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    env: WorkerEnv,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace,
        SYNC_PORTAL_RATE: String(env.portalRatePerSecond),
        SYNC_PORTAL_CONCURRENCY: String(env.portalConcurrency),
        DATABASE_URL: env.databaseUrl,
        [WORKER_ENV.schema]: env.schema,
        [WORKER_ENV.portalUrl]: env.portalUrl,
        [WORKER_ENV.username]: env.username,
        [WORKER_ENV.password]: env.password,
        [WORKER_ENV.syncQueue]: env.taskQueues.sync,
        [WORKER_ENV.portalQueue]: env.taskQueues.portal,
        [WORKER_ENV.bundle]: env.bundlePath,
      },
    });
    started.add(this.child);
    this.exited = exitOf(this.child).finally(() => started.delete(this.child));
    let markReady!: () => void;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      void this.exited.then(({ code, signal }) =>
        reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${this.tail()}`)),
      );
    });
    this.ready.catch(() => undefined);
    const keep = (stream: NodeJS.ReadableStream | null): void => {
      let partial = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          this.output.push(line);
          if (line.startsWith(READY_LINE)) markReady();
        }
      });
    };
    keep(this.child.stdout);
    keep(this.child.stderr);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return alive(this.child);
  }

  /** kill -9: no shutdown, no goodbye; whatever it was doing is lost with it. */
  async sigkill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM, wait for the exit, and the portal calls it reported. */
  async stop(): Promise<WorkerCounts | null> {
    await terminate(this.child, 20_000);
    return this.counts();
  }

  counts(): WorkerCounts | null {
    const line = [...this.output].reverse().find((text) => text.startsWith(COUNTS_LINE));
    return line ? (JSON.parse(line.slice(COUNTS_LINE.length)) as WorkerCounts) : null;
  }

  tail(lines = 30): string {
    return this.output.slice(-lines).join('\n');
  }
}

/** Portal calls (activity attempts) of a worker's counts. */
export function portalCallsOf(counts: WorkerCounts | null): number {
  return counts ? counts.listHeaders + counts.getDetail + counts.exportXml + counts.getRelative : 0;
}

// ------------------------------------------------------------------------------------ recording proxy

export interface RecordedCall {
  at: number;
  /** `list`, `detail`, `export-xml`, `relative`, `captcha`, `authenticate`, ... */
  endpoint: string;
  status: number;
}

/** The endpoints whose calls are sync work (one per portal activity attempt); login is not. */
export const DATA_ENDPOINTS: ReadonlySet<string> = new Set(['list', 'detail', 'export-xml', 'relative']);

function endpointOf(path: string): string {
  const bare = path.split('?')[0]!.replace(/^\/api\//, '/');
  if (bare === '/captcha') return 'captcha';
  if (bare === '/security-taxpayer/authenticate') return 'authenticate';
  if (bare === '/security-taxpayer/profile') return 'profile';
  const match = /\/invoices\/(purchase|sold|detail|export-xml|relative)$/.exec(bare);
  if (!match) return 'unknown';
  return match[1] === 'purchase' || match[1] === 'sold' ? 'list' : match[1]!;
}

/**
 * A loopback proxy in front of the simulator that records when each request arrived: the simulator
 * keeps only totals, and the rate limit is about requests per second as the portal sees them.
 */
export class RecordingProxy {
  private constructor(
    readonly calls: RecordedCall[],
    private readonly server: Server,
    private readonly agent: Agent,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<RecordingProxy> {
    const upstream = new URL(target);
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const calls: RecordedCall[] = [];
    const server = createServer((req, res) => {
      const call: RecordedCall = { at: Date.now(), endpoint: endpointOf(req.url ?? '/'), status: 0 };
      calls.push(call);
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent,
        },
        (answer) => {
          call.status = answer.statusCode ?? 0;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      req.pipe(forward);
    });
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, HOST, () => done());
    });
    const { port } = server.address() as AddressInfo;
    return new RecordingProxy(calls, server, agent, `http://${HOST}:${port}`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
    this.agent.destroy();
  }
}

/**
 * The most calls in any window [t, t + windowMs) that starts at a call at or after `from`: a sliding
 * window anchored on every call, so no burst falls between two fixed buckets.
 */
export function maxInWindow(times: readonly number[], windowMs: number, from = -Infinity): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    if (sorted[start]! < from) continue;
    if (end < start) end = start;
    while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

// ------------------------------------------------------------------------------------ store vs truth

export interface StoredRow {
  nbmst: string;
  khmshdon: number;
  khhdon: string;
  shdon: number;
  direction: string;
  family: string;
  details_status: string;
  xml_status: string;
  lines: number;
  has_xml: boolean;
  has_detail: boolean;
}

/** What the simulator's data says each part must end as, after a first sync with no re-check. */
export function expectedStatuses(invoice: SimInvoice): { details: string; xml: string } {
  return {
    // K series without an original record: the portal's details lack names (incomplete), and it never
    // exports XML (unavailable; the listing already says so with hsgoc null).
    details: invoice.permanentlyWithoutXml ? 'incomplete' : 'synced',
    xml: invoice.hsgoc === null ? 'unavailable' : 'synced',
  };
}

export interface Comparison {
  expected: number;
  stored: number;
  lost: string[];
  unexpected: string[];
  duplicateKeys: number;
  wrongStatus: string[];
  wrongLines: string[];
  byStatus: Record<string, number>;
}

/** Compares the store (one schema, one tax code) with the simulator's invoices of `direction`. */
export async function compareWithSimulator(options: {
  databaseUrl: string;
  schema: string;
  taxCode: string;
  direction: InvoiceDirection;
  invoices: readonly SimInvoice[];
}): Promise<Comparison> {
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    options: `-c search_path=${options.schema}`,
  });
  await client.connect();
  try {
    const duplicates = await client.query(
      `SELECT nbmst, khmshdon, khhdon, shdon, COUNT(*) AS n FROM invoices
        GROUP BY nbmst, khmshdon, khhdon, shdon HAVING COUNT(*) > 1`,
    );
    const rows = (
      await client.query<StoredRow>(
        `SELECT i.nbmst, i.khmshdon, i.khhdon, i.shdon, i.direction, i.family, i.details_status, i.xml_status,
                (SELECT COUNT(*)::int FROM invoice_lines l WHERE l.invoice_id = i.id) AS lines,
                EXISTS (SELECT 1 FROM invoice_xml x WHERE x.invoice_id = i.id) AS has_xml,
                EXISTS (SELECT 1 FROM invoice_details d WHERE d.invoice_id = i.id) AS has_detail
           FROM invoices i WHERE i.tax_code = $1`,
        [options.taxCode],
      )
    ).rows;
    const truth = new Map(
      options.invoices.filter((i) => i.direction === options.direction).map((i) => [formatInvoiceKey(i), i]),
    );
    const stored = new Map(rows.map((row) => [formatInvoiceKey(row), row]));
    const comparison: Comparison = {
      expected: truth.size,
      stored: rows.length,
      lost: [...truth.keys()].filter((key) => !stored.has(key)),
      unexpected: [...stored.keys()].filter((key) => !truth.has(key)),
      duplicateKeys: duplicates.rowCount ?? 0,
      wrongStatus: [],
      wrongLines: [],
      byStatus: {},
    };
    for (const [key, row] of stored) {
      const invoice = truth.get(key);
      const tally = `details=${row.details_status} xml=${row.xml_status}`;
      comparison.byStatus[tally] = (comparison.byStatus[tally] ?? 0) + 1;
      if (!invoice) continue;
      const want = expectedStatuses(invoice);
      if (
        row.details_status !== want.details ||
        row.xml_status !== want.xml ||
        row.family !== invoice.family ||
        row.has_xml !== (want.xml === 'synced') ||
        !row.has_detail
      ) {
        comparison.wrongStatus.push(
          `${key}: details=${row.details_status} xml=${row.xml_status} has_xml=${row.has_xml} ` +
            `has_detail=${row.has_detail}, want details=${want.details} xml=${want.xml}`,
        );
      }
      // Lines are replaced on every save, never appended: a repeated activity leaves one set.
      if (row.lines !== invoice.lines.length) {
        comparison.wrongLines.push(
          `${key}: ${row.lines} lines stored, ${invoice.lines.length} on the portal`,
        );
      }
    }
    return comparison;
  } finally {
    await client.end();
  }
}

/** Parts already settled (not `not_synced`) for a tax code: the progress a test waits on. */
export async function settledParts(client: pg.Client, schema: string, taxCode: string): Promise<number> {
  const result = await client.query<{ n: number }>(
    `SELECT (COUNT(*) FILTER (WHERE details_status <> 'not_synced')
           + COUNT(*) FILTER (WHERE xml_status <> 'not_synced'))::int AS n
       FROM ${schema}.invoices WHERE tax_code = $1`,
    [taxCode],
  );
  return result.rows[0]?.n ?? 0;
}
