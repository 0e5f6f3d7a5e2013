/**
 * Editor responsiveness (`npm run bench:lsp`): the Node language server and an LSP client in one process
 * (in-memory streams, as VS Code talks to it over IPC), on generated rules files of 2,000 and 10,000
 * scenarios (`BENCH_SIZES=2000,10000`).
 *
 * - diagnostics: 100 edits, each an incremental `didChange` (a range and its new text, as VS Code sends
 *   typing) that alternately puts a mistyped class value (`Tme`) into a different scenario and takes it
 *   out again; the time until the `publishDiagnostics` that shows (or no longer shows) it. 10 edits
 *   before them warm the server up (JIT) and are not counted, nor are the first 3 completions;
 * - completion: 100 requests after `class is` in different scenarios;
 * - completion after an edit: 30 more edits as above, each followed (once its diagnostics are out) by a
 *   completion in another scenario, timed alone: the first request of a new version, which pays for
 *   reading the whole text (Langium's completion reads all of it; an edit alone does not).
 *
 * Baselines in the same process: a plain parse + validate of the same text without LSP (what every
 * keystroke cost before validation became incremental) and a round trip of a trivial request
 * (completion can not be faster than that). Growth: p95 at the largest size over p95 at the smallest.
 * Prints a table per size; the last line is JSON with, per size (suffix `2k`, `10k` for the default
 * sizes): `diagnosticsP95Ms2k`, `diagnosticsMedianMs2k`, `completionP95Ms2k`, `completionMedianMs2k`,
 * `completionAfterEditP95Ms2k`, `completionAfterEditMedianMs2k`,
 * `parseValidateMedianMs2k`, `roundTripMedianMs2k`; then `diagnosticsGrowth`, `completionGrowth`,
 * `targetsMet` and `loadAverage` (the 1-minute load when the run started: on a busy machine p95 is noise).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver';
import { createCorrectionsServices, fileUri, startInProcessServer } from '#language';
import { ListTestsRequest } from '#language/protocol';
import { generateLargeRuleSet } from '#language/testing';

const SIZES = (process.env.BENCH_SIZES ?? '2000,10000').split(',').map(Number);
const EDITS = 100;
const WARM_UP_EDITS = 10;
const COMPLETIONS = 100;
const COMPLETIONS_AFTER_EDIT = 30;
const BASELINE_RUNS = 3;
/** At the smallest size (2,000 scenarios); growth is p95 at the largest size over p95 at the smallest. */
const TARGETS = { diagnosticsP95Ms: 100, completionP95Ms: 20, growth: 2 };

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
const median = (values: number[]) => quantile(values, 0.5);
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Offsets of every `class is ` value in the text, one per scenario. */
function classValueOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('class is '); at >= 0; at = text.indexOf('class is ', at + 1))
    offsets.push(at + 9);
  return offsets;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const mentionsTypo = (diagnostics: Diagnostic[]) =>
  diagnostics.some((d) => String(d.message).includes('`Tme`'));

async function plainParseValidate(text: string): Promise<number[]> {
  const services = createCorrectionsServices(EmptyFileSystem);
  const times: number[] = [];
  for (let run = -1; run < BASELINE_RUNS; run++) {
    const uri = URI.parse(`memory:///bench/plain-${run}.crules`);
    const start = performance.now();
    const document: LangiumDocument = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    if (run >= 0) times.push(performance.now() - start);
    services.shared.workspace.LangiumDocuments.deleteDocument(uri);
  }
  return times;
}

interface Figures {
  scenarios: number;
  diagnosticsMedianMs: number;
  diagnosticsP95Ms: number;
  completionMedianMs: number;
  completionP95Ms: number;
  completionAfterEditMedianMs: number;
  completionAfterEditP95Ms: number;
  parseValidateMedianMs: number;
  roundTripMedianMs: number;
}

async function measure(scenarios: number): Promise<Figures> {
  const text = generateLargeRuleSet({ scenarios });
  const offsets = classValueOffsets(text);
  if (offsets.length < scenarios)
    throw new Error('the generated rules file has fewer `class is` tests than scenarios');
  const folder = mkdtempSync(join(tmpdir(), 'bench-lsp-'));
  const file = join(folder, 'large.crules');
  writeFileSync(file, text);
  const uri = fileUri(file);

  const baselineBuild = await plainParseValidate(text);
  const server = await startInProcessServer({ folder });
  try {
    server.open(uri, text);
    const opened = await server.diagnostics(uri, undefined, { timeoutMs: 120_000 });
    console.log(
      `Node ${process.version}; ${scenarios.toLocaleString('en')} scenarios, ${text.split('\n').length.toLocaleString('en')} lines, ${opened.diagnostics.length.toLocaleString('en')} diagnostics on open (capped per code)`,
    );

    // Diagnostics after edits: even edits put the typo in, odd ones take it out again.
    /** Makes edit number `edit` and waits for its diagnostics; returns how long that took. */
    const editAndWait = async (edit: number): Promise<number> => {
      const breaking = edit % 2 === 0;
      const at = offsets[(((Math.floor(edit / 2) * 37) % offsets.length) + offsets.length) % offsets.length]!;
      const word = /^[A-Za-z]+/.exec(text.slice(at))![0];
      // The text around the edit is the original one: each fix restores exactly what the typo replaced.
      const range = { start: positionAt(text, at), end: positionAt(text, at + (breaking ? word.length : 3)) };
      const waiting = server.diagnostics(uri, (p) => mentionsTypo(p.diagnostics) === breaking, {
        fresh: true,
        timeoutMs: 60_000,
      });
      const sent = performance.now();
      server.edit(uri, range, breaking ? 'Tme' : word);
      const published = await waiting;
      return published.at - sent;
    };
    const diagnosticsMs: number[] = [];
    for (let edit = -WARM_UP_EDITS; edit < EDITS; edit++) {
      const took = await editAndWait(edit);
      if (edit >= 0) diagnosticsMs.push(took);
    }

    /** Completion after `class is ` in the scenario of class value `index`; returns how long it took. */
    const complete = async (index: number): Promise<number> => {
      const position = positionAt(text, offsets[index % offsets.length]!);
      const sent = performance.now();
      const result: CompletionList | CompletionItem[] = await server.client.sendRequest(
        'textDocument/completion',
        {
          textDocument: { uri },
          position,
        },
      );
      const done = performance.now();
      const items = Array.isArray(result) ? result : result.items;
      if (!items.some((item) => item.label === 'Time'))
        throw new Error(`no class values offered at ${JSON.stringify(position)}`);
      return done - sent;
    };

    // Completion at different scenarios of the unchanged file.
    const roundTripMs: number[] = [];
    const completionMs: number[] = [];
    for (let request = -3; request < COMPLETIONS; request++) {
      const ping = performance.now();
      await server.client.sendRequest(ListTestsRequest, { uri: 'file:///not-open.crtest' });
      const pinged = performance.now();
      const took = await complete(Math.abs(request * 41));
      if (request < 0) continue; // warm-up
      roundTripMs.push(pinged - ping);
      completionMs.push(took);
    }

    // The first completion after each edit (the edits go on where the diagnostics' ones stopped).
    const completionAfterEditMs: number[] = [];
    for (let request = -3; request < COMPLETIONS_AFTER_EDIT; request++) {
      await editAndWait(EDITS + 3 + request);
      const took = await complete(Math.abs(request * 53) + 7);
      if (request >= 0) completionAfterEditMs.push(took);
    }
    return {
      scenarios,
      diagnosticsMedianMs: round(median(diagnosticsMs)),
      diagnosticsP95Ms: round(quantile(diagnosticsMs, 0.95)),
      completionMedianMs: round(median(completionMs)),
      completionP95Ms: round(quantile(completionMs, 0.95)),
      completionAfterEditMedianMs: round(median(completionAfterEditMs)),
      completionAfterEditP95Ms: round(quantile(completionAfterEditMs, 0.95)),
      parseValidateMedianMs: round(median(baselineBuild)),
      roundTripMedianMs: round(median(roundTripMs)),
    };
  } finally {
    await server.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const loadAverage = Number(loadavg()[0]!.toFixed(2));
  const results: Figures[] = [];
  for (const size of SIZES) results.push(await measure(size));
  const table = new Table({
    head: ['scenarios', 'measure', 'median', 'p95', 'baseline (median)', 'ratio to baseline'],
    style: { head: [], border: [] },
  });
  for (const figures of results) {
    table.push(
      [
        figures.scenarios.toLocaleString('en'),
        `didChange -> publishDiagnostics (${EDITS} edits)`,
        `${figures.diagnosticsMedianMs} ms`,
        `${figures.diagnosticsP95Ms} ms`,
        `plain parse + validate ${figures.parseValidateMedianMs} ms`,
        (figures.diagnosticsMedianMs / figures.parseValidateMedianMs).toFixed(2),
      ],
      [
        figures.scenarios.toLocaleString('en'),
        `completion after \`class is\` (${COMPLETIONS} requests)`,
        `${figures.completionMedianMs} ms`,
        `${figures.completionP95Ms} ms`,
        `trivial request ${figures.roundTripMedianMs} ms`,
        (figures.completionMedianMs / Math.max(figures.roundTripMedianMs, 0.01)).toFixed(1),
      ],
      [
        figures.scenarios.toLocaleString('en'),
        `first completion after an edit (${COMPLETIONS_AFTER_EDIT} edits)`,
        `${figures.completionAfterEditMedianMs} ms`,
        `${figures.completionAfterEditP95Ms} ms`,
        `completion ${figures.completionMedianMs} ms`,
        (figures.completionAfterEditMedianMs / Math.max(figures.completionMedianMs, 0.01)).toFixed(2),
      ],
    );
  }
  console.log(table.toString());
  const small = results[0]!;
  const large = results.at(-1)!;
  const growth = (a: number, b: number) => Number((b / Math.max(a, 0.01)).toFixed(2));
  const diagnosticsGrowth = growth(small.diagnosticsP95Ms, large.diagnosticsP95Ms);
  const completionGrowth = growth(small.completionP95Ms, large.completionP95Ms);
  console.log(
    `targets at ${small.scenarios.toLocaleString('en')} scenarios: diagnostics p95 < ${TARGETS.diagnosticsP95Ms} ms, completion p95 < ${TARGETS.completionP95Ms} ms; p95 growth to ${large.scenarios.toLocaleString('en')} < ${TARGETS.growth}x (diagnostics ${diagnosticsGrowth}x, completion ${completionGrowth}x)`,
  );
  const met =
    small.diagnosticsP95Ms < TARGETS.diagnosticsP95Ms &&
    small.completionP95Ms < TARGETS.completionP95Ms &&
    (results.length < 2 || diagnosticsGrowth < TARGETS.growth);
  console.log(met ? 'targets met' : 'TARGETS MISSED');
  console.log(`load average (1 min) at start: ${loadAverage} on ${availableParallelism()} cores`);
  /** `2k` for 2,000 scenarios. */
  const label = (scenarios: number) => (scenarios % 1000 === 0 ? `${scenarios / 1000}k` : String(scenarios));
  const keyed = (figures: Figures) => {
    const suffix = label(figures.scenarios);
    return {
      [`diagnosticsP95Ms${suffix}`]: figures.diagnosticsP95Ms,
      [`diagnosticsMedianMs${suffix}`]: figures.diagnosticsMedianMs,
      [`completionP95Ms${suffix}`]: figures.completionP95Ms,
      [`completionMedianMs${suffix}`]: figures.completionMedianMs,
      [`completionAfterEditP95Ms${suffix}`]: figures.completionAfterEditP95Ms,
      [`completionAfterEditMedianMs${suffix}`]: figures.completionAfterEditMedianMs,
      [`parseValidateMedianMs${suffix}`]: figures.parseValidateMedianMs,
      [`roundTripMedianMs${suffix}`]: figures.roundTripMedianMs,
    };
  };
  console.log(
    JSON.stringify({
      ...Object.assign({}, ...results.map(keyed)),
      diagnosticsGrowth,
      completionGrowth,
      targetsMet: met,
      loadAverage,
      sizes: SIZES,
      edits: EDITS,
      completions: COMPLETIONS,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
