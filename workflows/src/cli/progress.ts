/**
 * Progress of long work: cli-progress bars when stdout is a terminal, otherwise a plain line per part
 * every tenth of the way (and at the end), so logs and CI output stay readable.
 */
import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressPart } from '../direct/run-direct.js';
import type { CliContext } from './config.js';
import type { CliMessageKey } from './messages.js';

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  stop(): void;
}

const PART_LABEL: Record<ProgressPart, CliMessageKey> = {
  headers: 'partHeaders',
  details: 'partDetails',
  xml: 'partXml',
};

export function createProgress(context: CliContext): ProgressReporter {
  const { io, t } = context;
  const label = (part: ProgressPart) => t(PART_LABEL[part]).padEnd(12);

  if (io.isTTY) {
    const bars = new cliProgress.MultiBar(
      {
        stream: io.terminal ?? process.stdout,
        format: '{label} [{bar}] {value}/{total} ({percentage}%)',
        hideCursor: true,
        clearOnComplete: false,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    const byPart = new Map<ProgressPart, cliProgress.SingleBar>();
    return {
      update(event) {
        let bar = byPart.get(event.part);
        if (!bar) {
          bar = bars.create(event.total, event.done, { label: label(event.part) });
          byPart.set(event.part, bar);
        }
        bar.setTotal(event.total);
        bar.update(event.done, { label: label(event.part) });
      },
      stop() {
        bars.stop();
      },
    };
  }

  const lastTenth = new Map<ProgressPart, number>();
  return {
    update(event) {
      const tenth = event.total === 0 ? 10 : Math.floor((event.done * 10) / event.total);
      if (lastTenth.get(event.part) === tenth) return;
      lastTenth.set(event.part, tenth);
      const percent = event.total === 0 ? 100 : Math.floor((event.done * 100) / event.total);
      io.out(t('progressLine', { part: label(event.part), done: event.done, total: event.total, percent }));
    },
    stop() {},
  };
}
