/** The browser rule editor: wires the editors, the language server worker and the panels together. */
import * as vscode from 'vscode';
import { ClientCommands, type RunTestsParams, type RunTestsResult } from '#language/protocol';
import { downloadText, loadDraft, saveDraft } from './drafts.js';
import { renderCompiled } from './json-preview.js';
import { renderCoverage } from './coverage-view.js';
import { createEditor, monaco, reveal, RULES_URI, startMonaco, TESTS_URI } from './editor-setup.js';
import { escapeHtml } from './html.js';
import { resolveLanguage, type Language } from '#engine/i18n';
import { PAGE_LANGUAGES, pageTranslator, type Translate } from './i18n.js';
import { startLanguageClient, type RulesServer } from './language-client.js';
import { problemCounts, renderProblems, type Problem, type ProblemSeverity } from './problems.js';
import rulesSample from '../../rules/correction-actuals.crules?raw';
import testsSample from '../../rules/correction-actuals.crtest?raw';
import { renderTestResults } from './tests-panel.js';

type Tab = 'problems' | 'tests' | 'json' | 'coverage';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing from index.html`);
  return element as T;
};

const statusEl = $('status');
const runButton = $<HTMLButtonElement>('run-tests');
const executorSelect = $<HTMLSelectElement>('executor');
const languageSelect = $<HTMLSelectElement>('language');
const panels: Record<Tab, HTMLElement> = {
  problems: $('panel-problems'),
  tests: $('panel-tests'),
  json: $('panel-json'),
  coverage: $('panel-coverage'),
};

/** Local storage, unless the browser refuses it. */
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** `?lang=vi`, else the stored choice, else the browser's languages; English by default. */
let language: Language = resolveLanguage([
  new URLSearchParams(location.search).get('lang'),
  storage()?.getItem('rules-editor.lang'),
  ...navigator.languages,
]);
let t: Translate = pageTranslator(language);
let server: RulesServer | undefined;
let activeTab: Tab = 'problems';
let lastRun: RunTestsResult | undefined;
let lastRunParams: RunTestsParams | undefined;
let runIsStale = false;
let lastJson: string | undefined;
/** Panels whose content no longer matches the documents (or the language). */
const outdated = new Set<Tab>(['json', 'coverage']);
let requestSeq = 0;

const rulesUri = monaco.Uri.file(RULES_URI).toString();
const testsUri = monaco.Uri.file(TESTS_URI).toString();

// ------------------------------------------------------------------ page strings

function applyStaticStrings(): void {
  document.documentElement.lang = language;
  document.title = t('page.title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as Parameters<Translate>[0]);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    element.title = t(element.dataset.i18nTitle as Parameters<Translate>[0]);
  }
  setStatus(
    (statusEl.dataset.state as 'starting' | 'ready' | 'failed') ?? 'starting',
    statusEl.dataset.detail,
  );
}

function setStatus(state: 'starting' | 'ready' | 'failed', detail?: string): void {
  statusEl.dataset.state = state;
  if (detail !== undefined) statusEl.dataset.detail = detail;
  statusEl.textContent =
    state === 'ready'
      ? t('status.ready')
      : state === 'failed'
        ? t('status.failed', { message: detail ?? '' })
        : t('status.starting');
}

for (const { code, name } of PAGE_LANGUAGES)
  languageSelect.add(new Option(name, code, false, code === language));

// ------------------------------------------------------------------ tabs and panels

function selectTab(tab: Tab): void {
  activeTab = tab;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    button.setAttribute('aria-selected', String(button.dataset.tab === tab));
  }
  for (const [name, panel] of Object.entries(panels)) panel.hidden = name !== tab;
  if (outdated.has(tab)) void refreshPanel(tab);
}

function failureHtml(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `<div class="panel-error">${escapeHtml(t('request.failed', { message }))}</div>`;
}

/** Asks the server for the compiled JSON or the coverage matrix of the rules and shows it. */
async function refreshPanel(tab: Tab): Promise<void> {
  if (!server || (tab !== 'json' && tab !== 'coverage')) return;
  outdated.delete(tab);
  const seq = ++requestSeq;
  const panel = panels[tab];
  panel.setAttribute('aria-busy', 'true');
  if (!panel.firstChild) panel.innerHTML = `<p class="empty">${escapeHtml(t('panel.loading'))}</p>`;
  let html: string;
  try {
    await documentsSynced();
    if (tab === 'json') {
      const result = await server.compile({ uri: rulesUri });
      lastJson = result.json;
      html = renderCompiled(result, t);
    } else {
      html = renderCoverage(await server.coverage({ uri: rulesUri }), t);
    }
  } catch (error) {
    html = failureHtml(error);
  }
  if (seq !== requestSeq && outdated.has(tab)) return; // a newer edit asked again
  panel.innerHTML = html;
  panel.removeAttribute('aria-busy');
}

function renderTestsPanel(): void {
  const counter = $('test-count');
  if (!lastRun) {
    panels.tests.innerHTML = `<p class="empty">${escapeHtml(t('tests.notRun'))}</p>`;
    counter.textContent = '';
    return;
  }
  panels.tests.innerHTML =
    (runIsStale ? `<div class="stale">${escapeHtml(t('tests.stale'))}</div>` : '') +
    renderTestResults(lastRun, t);
  const failed = lastRun.failed > 0 || lastRun.files.some((f) => f.error !== undefined);
  counter.textContent = failed ? `${lastRun.failed || ''} ✗`.trim() : `${lastRun.passed} ✓`;
  counter.className = `count ${failed ? 'bad' : 'good'}`;
}

/** Runs tests and shows the results (`show`: switch to the results tab; a re-run after a language switch does not). */
async function runTests(params: RunTestsParams = {}, show = true): Promise<void> {
  if (!server) return;
  runButton.disabled = true;
  runButton.textContent = t('run.running');
  if (show) selectTab('tests');
  panels.tests.setAttribute('aria-busy', 'true');
  lastRunParams = params;
  try {
    await documentsSynced();
    lastRun = await server.runTests({ ...params, executor: executorSelect.value as 'fast' | 'reference' });
    runIsStale = false;
    renderTestsPanel();
  } catch (error) {
    lastRun = undefined;
    panels.tests.innerHTML = failureHtml(error);
  } finally {
    panels.tests.removeAttribute('aria-busy');
    runButton.disabled = false;
    runButton.textContent = t('run.button');
  }
}

/**
 * Resolves once the language client has seen the editors' latest text. Edits reach it through
 * monaco-vscode-api's extension host, a little later than the editor shows them; a request sent before that
 * would answer for the previous text (the client sends pending changes before a request, not unseen ones).
 */
async function documentsSynced(timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const synced = () =>
    monaco.editor.getModels().every((model) => {
      const uri = model.uri.toString();
      if (uri !== rulesUri && uri !== testsUri) return true;
      const seen = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      return seen !== undefined && seen.version >= model.getVersionId();
    });
  while (!synced() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

let testCount: number | undefined;
function showTestCount(count?: number): void {
  if (count !== undefined) testCount = count;
  $('test-file-count').textContent = testCount === undefined ? '' : t('pane.testCount', { count: testCount });
}

// ------------------------------------------------------------------ problems (the markers of both editors)

const SEVERITIES: Array<[monaco.MarkerSeverity, ProblemSeverity]> = [
  [monaco.MarkerSeverity.Error, 'error'],
  [monaco.MarkerSeverity.Warning, 'warning'],
  [monaco.MarkerSeverity.Info, 'info'],
  [monaco.MarkerSeverity.Hint, 'hint'],
];

function currentProblems(): Problem[] {
  return monaco.editor
    .getModelMarkers({})
    .filter((m) => [rulesUri, testsUri].includes(m.resource.toString()))
    .map((m) => ({
      uri: m.resource.toString(),
      line: m.startLineNumber,
      column: m.startColumn,
      severity: SEVERITIES.find(([s]) => s === m.severity)?.[1] ?? 'info',
      message: m.message,
    }));
}

function renderProblemsPanel(): void {
  const problems = currentProblems();
  panels.problems.innerHTML = renderProblems(problems, t);
  const counts = problemCounts(problems);
  const counter = $('problem-count');
  counter.textContent = problems.length ? t('problems.count', counts) : '';
  counter.className = `count ${counts.errors ? 'bad' : ''}`;
}

// ------------------------------------------------------------------ events

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const link = target.closest<HTMLElement>('[data-reveal-uri]');
  if (link) {
    event.preventDefault();
    reveal(link.dataset.revealUri!, Number(link.dataset.revealLine), Number(link.dataset.revealCharacter));
    return;
  }
  const tab = target.closest<HTMLElement>('[data-tab]');
  if (tab) selectTab(tab.dataset.tab as Tab);
  if (target.closest('.copy-json') && lastJson !== undefined) {
    void navigator.clipboard?.writeText(lastJson).then(() => {
      target.textContent = t('json.copied');
    });
  }
});
document.addEventListener('keydown', (event) => {
  const problem = (event.target as HTMLElement).closest?.<HTMLElement>('.problem');
  if (problem && event.key === 'Enter') {
    reveal(
      problem.dataset.revealUri!,
      Number(problem.dataset.revealLine),
      Number(problem.dataset.revealCharacter),
    );
  }
});
runButton.addEventListener('click', () => void runTests());

languageSelect.addEventListener('change', () => {
  language = languageSelect.value as Language;
  t = pageTranslator(language);
  storage()?.setItem('rules-editor.lang', language);
  const url = new URL(location.href);
  url.searchParams.set('lang', language);
  history.replaceState(null, '', url);
  applyStaticStrings();
  showTestCount();
  if (server) renderProblemsPanel();
  renderTestsPanel();
  outdated.add('json');
  outdated.add('coverage');
  if (!server) return;
  void server.setLanguage(language).then(() => {
    // The server's texts (failures, labels, errors) are in the new language only after it answers again.
    if (lastRun) void runTests(lastRunParams, false);
    if (activeTab === 'json' || activeTab === 'coverage') void refreshPanel(activeTab);
  });
});

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
function documentsChanged(): void {
  outdated.add('json');
  outdated.add('coverage');
  if (lastRun && !runIsStale) {
    runIsStale = true;
    renderTestsPanel();
  }
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    if (activeTab === 'json' || activeTab === 'coverage') void refreshPanel(activeTab);
  }, 700);
}

// The splitter between the editors and the panel.
{
  const splitter = $('splitter');
  const panel = $('panel');
  splitter.addEventListener('pointerdown', (event) => {
    splitter.setPointerCapture(event.pointerId);
    splitter.classList.add('dragging');
    const move = (e: PointerEvent) => {
      const height = Math.min(Math.max(window.innerHeight - e.clientY, 80), window.innerHeight - 200);
      panel.style.flex = `0 0 ${height}px`;
    };
    const up = () => {
      splitter.classList.remove('dragging');
      splitter.removeEventListener('pointermove', move);
      splitter.removeEventListener('pointerup', up);
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', up);
  });
}

// ------------------------------------------------------------------ start

async function start(): Promise<void> {
  applyStaticStrings();
  renderTestsPanel();
  await startMonaco(); // before any other use of monaco: that would initialise its services too early
  renderProblemsPanel();
  monaco.editor.onDidChangeMarkers(() => renderProblemsPanel());
  // One after the other: creating both at once sometimes made the TextMate tokenizer fail on a state.
  const rulesEditor = await createEditor(
    $('rules-editor'),
    RULES_URI,
    loadDraft(storage(), 'rules.crules') ?? rulesSample,
  );
  const testsEditor = await createEditor(
    $('tests-editor'),
    TESTS_URI,
    loadDraft(storage(), 'rules.crtest') ?? testsSample,
  );
  const documents = {
    rules: { editor: rulesEditor, name: 'rules.crules', sample: rulesSample },
    tests: { editor: testsEditor, name: 'rules.crtest', sample: testsSample },
  };
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  for (const { editor } of Object.values(documents)) {
    editor.onDidChangeModelContent(() => {
      documentsChanged();
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        for (const d of Object.values(documents)) saveDraft(storage(), d.name, d.editor.getValue(), d.sample);
      }, 400);
    });
  }
  document.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-download], [data-reset]');
    if (!button) return;
    const document_ = documents[(button.dataset.download ?? button.dataset.reset) as 'rules' | 'tests'];
    if (button.dataset.download) {
      downloadText(document_.name, document_.editor.getValue());
    } else if (
      document_.editor.getValue() !== document_.sample &&
      window.confirm(t('pane.resetConfirm', { file: document_.name }))
    ) {
      // An edit (not setValue) so that Undo brings the analyst's text back.
      const model = document_.editor.getModel()!;
      document_.editor.executeEdits('reset', [{ range: model.getFullModelRange(), text: document_.sample }]);
      document_.editor.pushUndoStop();
    }
  });
  // For the end-to-end test and for debugging from the console.
  Object.assign(window, { rulesEditor: { rules: rulesEditor, tests: testsEditor } });

  // Code lens commands of the server (protocol.ts ClientCommands).
  vscode.commands.registerCommand(ClientCommands.runTest, (uri: string, name?: string) =>
    runTests({ uri, names: name === undefined ? undefined : [name] }),
  );
  vscode.commands.registerCommand(ClientCommands.showCompiledJson, () => selectTab('json'));
  vscode.commands.registerCommand(ClientCommands.showCoverage, () => selectTab('coverage'));

  server = await startLanguageClient(language, (message) => setStatus('failed', message));
  server.onTestsChanged(({ files }) => {
    const file = files.find((f) => f.uri === testsUri);
    if (file) showTestCount(file.tests.length);
  });
  void server.listTests({ uri: testsUri }).then(({ files }) => showTestCount(files[0]?.tests.length ?? 0));
  setStatus('ready');
  runButton.disabled = false;
  if (activeTab === 'json' || activeTab === 'coverage') void refreshPanel(activeTab);
}

start().catch((error: unknown) => {
  console.error(error);
  setStatus('failed', error instanceof Error ? error.message : String(error));
});
