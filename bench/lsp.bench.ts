/**
 * Editor responsiveness (`npm run bench:lsp`): the Node language server and an LSP client in one process
 * (in-memory streams, as VS Code talks to it over IPC), on a generated 2,000-scenario rules file.
 *
 * - diagnostics: 50 edits, each a whole-text `didChange` that alternately puts a mistyped class value
 *   (`Tme`) into a different scenario and takes it out again; the time until the `publishDiagnostics`
 *   that shows (or no longer shows) it;
 * - completion: 50 requests after `class is` in different scenarios.
 *
 * Baselines in the same process: a plain parse + validate of the same text without LSP (diagnostics can
 * not be faster than that) and a round trip of a trivial request (completion can not be faster than that).
 * Prints a table; the last line is JSON with `diagnosticsP95Ms` and `completionP95Ms`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver';
import { createCorrectionsServices } from '../language/src/corrections-module.js';
import { fileUri, startInProcessServer } from '../language/src/lsp/in-process-server.js';
import { ListTestsRequest } from '../language/src/lsp/protocol.js';
import { generateLargeRuleSet } from '../language/src/testing/generate-large-ruleset.js';

const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 2_000);
const EDITS = 50;
const COMPLETIONS = 50;
const BASELINE_RUNS = 5;
const TARGETS = { diagnosticsP95Ms: 300, completionP95Ms: 50 };

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

async function main(): Promise<void> {
  const text = generateLargeRuleSet({ scenarios: SCENARIOS });
  const offsets = classValueOffsets(text);
  if (offsets.length < SCENARIOS)
    throw new Error('the generated rules file has fewer `class is` tests than scenarios');
  const folder = mkdtempSync(join(tmpdir(), 'bench-lsp-'));
  const file = join(folder, 'large.crules');
  writeFileSync(file, text);
  const uri = fileUri(file);

  const baselineBuild = await plainParseValidate(text);
  const server = await startInProcessServer({ folder });
  try {
    server.open(uri, text);
    const opened = await server.diagnostics(uri, undefined, { timeoutMs: 60_000 });
    console.log(
      `Node ${process.version}; ${SCENARIOS.toLocaleString('en')} scenarios, ${text.split('\n').length.toLocaleString('en')} lines, ${opened.diagnostics.length.toLocaleString('en')} diagnostics on open`,
    );

    // Diagnostics after edits: odd edits put the typo in, even ones take it out again.
    const diagnosticsMs: number[] = [];
    let current = text;
    for (let edit = 0; edit < EDITS; edit++) {
      const breaking = edit % 2 === 0;
      if (breaking) {
        const at = offsets[(edit * 37) % offsets.length]!;
        const end = text.indexOf(' ', at) < 0 ? at : Math.min(text.indexOf(' ', at), text.indexOf('\n', at));
        current = `${text.slice(0, at)}Tme${text.slice(end)}`;
      } else current = text;
      const waiting = server.diagnostics(uri, (p) => mentionsTypo(p.diagnostics) === breaking, {
        fresh: true,
        timeoutMs: 60_000,
      });
      const sent = performance.now();
      server.change(uri, current);
      const published = await waiting;
      diagnosticsMs.push(published.at - sent);
    }

    // Completion after `class is ` at different scenarios of the unchanged file.
    const roundTripMs: number[] = [];
    const completionMs: number[] = [];
    let offered = 0;
    for (let request = -3; request < COMPLETIONS; request++) {
      const position = positionAt(text, offsets[Math.abs(request * 41) % offsets.length]!);
      const ping = performance.now();
      await server.client.sendRequest(ListTestsRequest, { uri: 'file:///not-open.crtest' });
      const pinged = performance.now();
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
      if (request < 0) continue; // warm-up
      offered += items.length;
      roundTripMs.push(pinged - ping);
      completionMs.push(done - pinged);
    }

    const figures = {
      diagnosticsMedianMs: round(median(diagnosticsMs)),
      diagnosticsP95Ms: round(quantile(diagnosticsMs, 0.95)),
      completionMedianMs: round(median(completionMs)),
      completionP95Ms: round(quantile(completionMs, 0.95)),
      parseValidateMedianMs: round(median(baselineBuild)),
      roundTripMedianMs: round(median(roundTripMs)),
    };
    const table = new Table({
      head: ['measure', 'median', 'p95', 'baseline (median)', 'ratio to baseline', 'target p95'],
      style: { head: [], border: [] },
    });
    table.push(
      [
        `didChange -> publishDiagnostics (${EDITS} edits)`,
        `${figures.diagnosticsMedianMs} ms`,
        `${figures.diagnosticsP95Ms} ms`,
        `plain parse + validate ${figures.parseValidateMedianMs} ms`,
        (figures.diagnosticsMedianMs / figures.parseValidateMedianMs).toFixed(2),
        `< ${TARGETS.diagnosticsP95Ms} ms`,
      ],
      [
        `completion after \`class is\` (${COMPLETIONS} requests)`,
        `${figures.completionMedianMs} ms`,
        `${figures.completionP95Ms} ms`,
        `trivial request ${figures.roundTripMedianMs} ms`,
        (figures.completionMedianMs / Math.max(figures.roundTripMedianMs, 0.01)).toFixed(1),
        `< ${TARGETS.completionP95Ms} ms`,
      ],
    );
    console.log(table.toString());
    console.log(`${(offered / COMPLETIONS).toFixed(0)} completion items per request on average`);
    const met =
      figures.diagnosticsP95Ms < TARGETS.diagnosticsP95Ms &&
      figures.completionP95Ms < TARGETS.completionP95Ms;
    console.log(met ? 'targets met' : 'TARGETS MISSED');
    console.log(
      JSON.stringify({
        ...figures,
        diagnosticsVsParseValidate: Number(
          (figures.diagnosticsMedianMs / figures.parseValidateMedianMs).toFixed(2),
        ),
        completionVsRoundTrip: Number(
          (figures.completionMedianMs / Math.max(figures.roundTripMedianMs, 0.01)).toFixed(1),
        ),
        scenarios: SCENARIOS,
        edits: EDITS,
        completions: COMPLETIONS,
      }),
    );
  } finally {
    await server.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
