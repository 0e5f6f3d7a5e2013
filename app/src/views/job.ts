/** The progress panel of a sync or print job, as the progress stream sends it. */
import type { Language } from '#engine/i18n';
import type { JobSnapshot } from '../jobs/job-board.js';
import type { AppMessageKey, AppTranslate } from '../messages.js';
import { html, type Html } from './html.js';

export function jobPanel(t: AppTranslate, language: Language, job: JobSnapshot): Html {
  const title =
    job.kind === 'sync' ? t('job.sync', { n: job.invoices }) : t('job.print', { n: job.invoices });
  const parts = (['headers', 'details', 'xml'] as const)
    .filter((part) => job.progress[part])
    .map((part) => {
      const p = job.progress[part]!;
      return html`<span class="progress-part" data-part="${part}"
        >${t('job.progress', { part: t(`part.${part}` as AppMessageKey), done: p.done, total: p.total })}</span
      > `;
    });
  const rendering = job.rendering
    ? html`<span class="progress-part">${t('job.rendering', job.rendering)}</span>`
    : '';
  let outcome: Html | string = '';
  if (job.state === 'queued') outcome = html`<p>${t('job.queued')}</p>`;
  if (job.state === 'failed' && job.error)
    outcome = html`<p class="error">${t('job.failed', { reason: job.error[language] })}</p>`;
  if (job.state === 'done') {
    outcome = html`<p class="done" id="job-done">
      ${
        job.kind === 'print'
          ? t('job.printDone', { n: job.invoices })
          : t('job.done', job.result ?? { synced: 0, failed: 0, skipped: 0 })
      }${job.pdfUrl ? html` <a id="job-pdf" href="${job.pdfUrl}" target="_blank">${t('job.openPdf')}</a>` : ''}
    </p>`;
  }
  const failures =
    job.failures.length === 0
      ? ''
      : html`<details class="failures" open>
          <summary>${t('job.errors')} (${job.failures.length})</summary>
          <ul id="job-failures">
            ${job.failures.map(
              (f) =>
                html`<li>
                  <code>${f.key}</code> ${f.part ? t(`part.${f.part}` as AppMessageKey) : ''}:
                  ${t(`status.${f.status}` as AppMessageKey)} — ${f.reason[language]}
                </li>`,
            )}
          </ul>
        </details>`;
  return html`<div class="job-state" data-state="${job.state}" data-kind="${job.kind}">
    <b>${title}</b> ${parts}${rendering}${outcome}${failures}
  </div>`;
}
