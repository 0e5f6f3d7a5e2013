/**
 * Sync and print jobs started from the page. One job runs at a time (the runner and the portal's rate
 * limit are shared); a request whose invoices are all in the running sync joins it, others wait their
 * turn. Each job tells its listeners (the progress streams) its progress and the rows that changed.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Language } from '#engine/i18n';
import { formatInvoiceKey, type InvoiceKey } from '#workflows/portal';
import type { ProgressPart, RunItemError, SyncRunner } from '#workflows/runner';
import type { InvoiceStore, SyncPart, WorkspaceInvoice, WorkspaceQueries } from '#workflows/store';
import { describeWarning, normaliseDetail } from '#einvoice';
import { checkInvoices } from '../invoice/checks.js';
import { translatorFor } from '../messages.js';

export type JobKind = 'sync' | 'print';
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobFailure {
  key: string;
  part: SyncPart | null;
  status: string;
  /** The reason in both languages (the page shows its own). */
  reason: Record<Language, string>;
}

export interface JobSnapshot {
  id: string;
  kind: JobKind;
  state: JobState;
  invoices: number;
  progress: Partial<Record<ProgressPart, { done: number; total: number }>>;
  rendering: { done: number; total: number } | null;
  result: { synced: number; failed: number; skipped: number } | null;
  failures: JobFailure[];
  error: Record<Language, string> | null;
  pdfUrl: string | null;
}

export interface Job {
  snapshot: JobSnapshot;
  keys: InvoiceKey[];
  pdf: Uint8Array | null;
  events: EventEmitter<{ update: [JobSnapshot]; rows: [WorkspaceInvoice[]] }>;
}

export interface JobBoardOptions {
  store: InvoiceStore;
  workspace: WorkspaceQueries;
  runner: SyncRunner;
  logger: Logger;
  /** Renders the selected invoices into one PDF (print jobs), reporting each invoice done. */
  printPdf(keys: InvoiceKey[], onRendered: (done: number) => void): Promise<Uint8Array>;
  /** Removes secrets from any text shown or logged. */
  redact(text: string): string;
}

const NEEDS_SYNC = new Set(['not_synced', 'failed', 'incomplete']);
const ROWS_EVERY_MS = 300;

function localized(error: unknown, fallback: string, language: Language): string {
  const candidate = error as { localized?: (language: Language) => string } | null;
  if (candidate && typeof candidate.localized === 'function') {
    try {
      return candidate.localized(language);
    } catch {
      return fallback;
    }
  }
  return fallback;
}

export class JobBoard {
  private readonly jobs = new Map<string, Job>();
  private tail: Promise<void> = Promise.resolve();
  private running: Job | null = null;
  private sequence = 0;

  constructor(private readonly options: JobBoardOptions) {}

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** The job running now, else the last one queued: what a page opened later joins. */
  current(): Job | null {
    if (this.running) return this.running;
    const waiting = [...this.jobs.values()].filter((job) => job.snapshot.state === 'queued');
    return waiting.at(-1) ?? null;
  }

  submit(kind: JobKind, keys: InvoiceKey[]): { job: Job; joined: boolean } {
    const running = this.running;
    if (kind === 'sync' && running && running.snapshot.kind === 'sync') {
      const inRun = new Set(running.keys.map((key) => formatInvoiceKey(key)));
      if (keys.every((key) => inRun.has(formatInvoiceKey(key)))) return { job: running, joined: true };
    }
    const id = `${Date.now().toString(36)}-${(++this.sequence).toString(36)}`;
    const job: Job = {
      keys,
      pdf: null,
      events: new EventEmitter(),
      snapshot: {
        id,
        kind,
        state: 'queued',
        invoices: keys.length,
        progress: {},
        rendering: null,
        result: null,
        failures: [],
        error: null,
        pdfUrl: null,
      },
    };
    job.events.setMaxListeners(100);
    this.jobs.set(id, job);
    this.forgetOld();
    this.tail = this.tail.then(() => this.run(job));
    return { job, joined: false };
  }

  /** Resolves once every job submitted so far has ended (tests, shutdown). */
  async idle(): Promise<void> {
    await this.tail;
  }

  private forgetOld(): void {
    const ended = [...this.jobs.values()].filter(
      (job) => job.snapshot.state === 'done' || job.snapshot.state === 'failed',
    );
    for (const job of ended.slice(0, Math.max(0, ended.length - 20))) this.jobs.delete(job.snapshot.id);
  }

  private update(job: Job): void {
    job.events.emit('update', structuredClone(job.snapshot));
  }

  private async run(job: Job): Promise<void> {
    this.running = job;
    job.snapshot.state = 'running';
    this.update(job);
    try {
      if (job.snapshot.kind === 'sync') await this.sync(job, job.keys);
      else await this.print(job);
      job.snapshot.state = 'done';
    } catch (error) {
      const message = this.options.redact(error instanceof Error ? error.message : String(error));
      this.options.logger.error({ job: job.snapshot.id, reason: message }, 'job failed');
      job.snapshot.state = 'failed';
      job.snapshot.error = {
        en: this.options.redact(localized(error, message, 'en')),
        vi: this.options.redact(localized(error, message, 'vi')),
      };
    } finally {
      this.running = null;
      this.update(job);
      job.events.emit('rows', await this.rowsOf(job.keys).catch(() => []));
    }
  }

  private async rowsOf(keys: InvoiceKey[]): Promise<WorkspaceInvoice[]> {
    return (await this.options.workspace.byKeys(keys)).found;
  }

  /** Re-syncs the missing parts of `keys` through the runner, one tax code (portal account) at a time. */
  private async sync(job: Job, keys: InvoiceKey[]): Promise<void> {
    const { runner, workspace, store } = this.options;
    const { found } = await workspace.byKeys(keys);
    const byTaxCode = new Map<string, InvoiceKey[]>();
    for (const invoice of found) {
      const list = byTaxCode.get(invoice.taxCode) ?? [];
      list.push({
        nbmst: invoice.nbmst,
        khmshdon: invoice.khmshdon,
        khhdon: invoice.khhdon,
        shdon: invoice.shdon,
      });
      byTaxCode.set(invoice.taxCode, list);
    }
    let lastRows = 0;
    let pendingRows: ReturnType<typeof setTimeout> | null = null;
    const sendRows = async () => {
      pendingRows = null;
      lastRows = Date.now();
      job.events.emit('rows', await this.rowsOf(keys).catch(() => []));
    };
    const errors: RunItemError[] = [];
    let synced = 0;
    let skipped = 0;
    for (const [taxCode, groupKeys] of byTaxCode) {
      const report = await runner.resync(
        { taxCode, parts: ['details', 'xml'], force: false, keys: groupKeys },
        {
          onProgress: (event) => {
            job.snapshot.progress[event.part] = { done: event.done, total: event.total };
            this.update(job);
            if (pendingRows === null) {
              pendingRows = setTimeout(
                () => void sendRows(),
                Math.max(0, ROWS_EVERY_MS - (Date.now() - lastRows)),
              );
            }
          },
        },
      );
      errors.push(...report.errors);
      synced += (report.counts.details.synced ?? 0) + (report.counts.xml.synced ?? 0);
      skipped += report.skipped;
    }
    if (pendingRows !== null) clearTimeout(pendingRows);
    await checkInvoices(store, workspace, keys);
    const rows = await this.rowsOf(keys);
    job.events.emit('rows', rows);
    // Failures from the rows themselves (Temporal reports only counts); the runner's error, in both
    // languages, where it gave one for that invoice and part.
    const failures: JobFailure[] = [];
    for (const invoice of rows) {
      const key = formatInvoiceKey(invoice);
      for (const part of ['details', 'xml'] as const) {
        const state = invoice[part];
        if (state.status === 'synced') continue;
        const error = errors.find((e) => e.key === key && (e.part === part || e.part === null));
        const localizedCause = (language: Language) => (error ? localized(error.cause, '', language) : '');
        const explained = await this.reasonOf(invoice, part);
        const reason = (language: Language) =>
          this.options.redact(localizedCause(language) || explained(language));
        failures.push({ key, part, status: state.status, reason: { en: reason('en'), vi: reason('vi') } });
      }
    }
    job.snapshot.failures = failures.slice(0, 200);
    job.snapshot.result = { synced, failed: failures.filter((f) => f.status === 'failed').length, skipped };
  }

  /**
   * Why a part is not synced, in the page's languages: from its status (and for incomplete details the
   * e-invoice model's findings), with the portal's own text only where nothing better is known.
   */
  private async reasonOf(invoice: WorkspaceInvoice, part: SyncPart): Promise<(language: Language) => string> {
    const state = invoice[part];
    const error = state.lastError ?? '';
    if (state.status === 'unavailable') {
      const key =
        part === 'details'
          ? 'reason.detailUnavailable'
          : invoice.hsgoc === null
            ? 'reason.noOriginalXml'
            : 'reason.xmlUnavailable';
      return (language) => translatorFor(language)(key);
    }
    if (state.status === 'incomplete' && part === 'details') {
      const detail = await this.options.store.getRawDetail(invoice).catch(() => null);
      const warnings = detail ? normaliseDetail(detail, invoice).warnings : [];
      return (language) =>
        translatorFor(language)('reason.detailIncomplete', {
          problems:
            warnings.length > 0 ? warnings.map((w) => describeWarning(w, language)).join('; ') : error,
        });
    }
    if (state.status === 'failed') return (language) => translatorFor(language)('reason.failed', { error });
    if (state.status === 'not_synced') return (language) => translatorFor(language)('reason.notSynced');
    return () => error || state.status;
  }

  /** Syncs what the selection misses, then renders it into one PDF. */
  private async print(job: Job): Promise<void> {
    const { found } = await this.options.workspace.byKeys(job.keys);
    const missing = found.filter(
      (invoice) => NEEDS_SYNC.has(invoice.details.status) || NEEDS_SYNC.has(invoice.xml.status),
    );
    if (missing.length > 0) await this.sync(job, missing);
    job.snapshot.rendering = { done: 0, total: job.keys.length };
    this.update(job);
    job.pdf = await this.options.printPdf(job.keys, (done) => {
      job.snapshot.rendering = { done, total: job.keys.length };
      this.update(job);
    });
    job.snapshot.pdfUrl = `/api/jobs/${job.snapshot.id}/pdf`;
  }
}
