/**
 * End to end: builds the browser rule editor with Vite, serves it on 127.0.0.1, drives it in Chromium
 * (playwright-core, Debian's /usr/bin/chromium) and checks what an analyst sees: a typed error becomes a
 * marker and a problem naming its line, "Run tests" shows every test passing, a broken scenario shows the
 * failure and its diff, the compiled JSON and the coverage matrix are there, and the page switches to
 * Vietnamese. Screenshots go to test-results/e2e/web-*.png.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const configFile = `${webDir}vite.config.ts`;
const outDir = `${repoDir}test-results/e2e/web-dist`;
const shots = `${repoDir}test-results/e2e`;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const notRunReason = existsSync(chromiumPath)
  ? undefined
  : `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`;
if (notRunReason) console.warn(`\n*** browser editor e2e NOT RUN: ${notRunReason} ***\n`);

const rulesSample = readFileSync(`${webDir}../rules/correction-actuals.crules`, 'utf8');
const testsSample = readFileSync(`${webDir}../rules/correction-actuals.crtest`, 'utf8');
/** Counted, not assumed: every `test "..."` of the sample. */
const testCount = testsSample.match(/^test "/gm)?.length ?? 0;
const rulesLines = rulesSample.split('\n');

/** 1-based line and column of `text` on the first line matching `line` at or after `from` (1-based). */
function find(line: RegExp, text: string, from = 1): { line: number; column: number } {
  for (let i = from - 1; i < rulesLines.length; i++) {
    if (line.test(rulesLines[i]!) && rulesLines[i]!.includes(text)) {
      return { line: i + 1, column: rulesLines[i]!.indexOf(text) + 1 };
    }
  }
  throw new Error(`no line ${line} with ${text} in the rules sample`);
}

/**
 * Selects `length` characters of the rules editor at (line, column) and types `text` over it: key by key
 * (`keys`), or as one input like a paste.
 */
async function typeOver(
  page: Page,
  at: { line: number; column: number },
  length: number,
  text: string,
  keys = false,
) {
  await page.evaluate(
    ({ line, column, length }) => {
      const editor = (
        window as unknown as {
          rulesEditor: { rules: import('@codingame/monaco-vscode-editor-api').editor.ICodeEditor };
        }
      ).rulesEditor.rules;
      editor.setSelection({
        startLineNumber: line,
        startColumn: column,
        endLineNumber: line,
        endColumn: column + length,
      });
      editor.revealLineInCenter(line);
      editor.focus();
    },
    { ...at, length },
  );
  if (keys) await page.keyboard.type(text);
  else await page.keyboard.insertText(text);
  await page.keyboard.press('Escape'); // close the completion list
  const typed = await page.evaluate(
    ({ line }) =>
      (
        window as unknown as {
          rulesEditor: { rules: import('@codingame/monaco-vscode-editor-api').editor.ICodeEditor };
        }
      ).rulesEditor.rules
        .getModel()!
        .getLineContent(line),
    at,
  );
  expect(typed.slice(at.column - 1, at.column - 1 + text.length), `line ${at.line}: ${typed}`).toBe(text);
}

async function summaryText(page: Page): Promise<string> {
  await page.waitForSelector('#panel-tests:not([aria-busy]) [data-testid="test-summary"]', {
    state: 'attached',
    timeout: 60_000,
  });
  return (await page.textContent('[data-testid="test-summary"]'))!.trim();
}

describe.skipIf(notRunReason !== undefined)('browser rule editor in Chromium', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const started = Date.now();
    await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    console.log(`vite build of web/: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    server = await preview({
      configFile,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    url = server.resolvedUrls?.local[0] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts the language server in a worker and shows the two documents without errors', async () => {
    const started = Date.now();
    await page.goto(`${url}?lang=en`);
    await page.waitForSelector('#status[data-state="ready"]', { timeout: 60_000 });
    console.log(`page to language server ready: ${Date.now() - started} ms`);
    expect(await page.textContent('#status')).toBe('Language server ready');
    await page.waitForSelector('#test-file-count:not(:empty)', { timeout: 30_000 });
    expect(await page.textContent('#test-file-count')).toBe(`${testCount} tests`);
    // Both documents are open in the one server: the tests resolve `tests for CorrectionActuals`.
    await page.waitForSelector('.view-lines', { timeout: 30_000 });
    await page.waitForTimeout(1500);
    expect(await page.locator('#panel-problems .problem.error').count()).toBe(0);
    // Syntax colouring (the TextMate grammar): keywords, strings, comments and names get different token classes.
    const tokenClasses = await page.$$eval(
      '[data-testid="rules-editor"] .view-line span[class^="mtk"]',
      (spans) => [...new Set(spans.map((s) => s.className))].length,
    );
    expect(tokenClasses).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: `${shots}/web-start.png` });
  }, 90_000);

  it('shows a typed error as a marker, a hover and a problem naming its line; fixing it clears them', async () => {
    const at = find(/when class is Time and/, 'Time');
    await typeOver(page, at, 'Time'.length, 'Tme', true);
    const problem = page.locator('#panel-problems .problem.error', { hasText: 'Tme' });
    await problem.first().waitFor({ timeout: 30_000 });
    expect(await problem.first().textContent()).toContain(`rules.crules:${at.line}:${at.column}`);
    expect(await page.textContent('#problem-count')).toMatch(/^errors: [1-9]/);

    // The squiggle in the editor, and its hover text.
    const squiggle = page.locator('[data-testid="rules-editor"] .squiggly-error').first();
    await squiggle.waitFor({ timeout: 15_000 });
    const box = (await squiggle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'Tme' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await hover.textContent()).toContain('is not a class value');
    await page.screenshot({ path: `${shots}/web-error.png` });

    await page.mouse.move(5, 5);
    await typeOver(page, at, 'Tme'.length, 'Time');
    await page.waitForFunction(() => !document.querySelector('#panel-problems .problem.error'), null, {
      timeout: 30_000,
    });
  }, 90_000);

  it(`runs the ${testCount} tests of the sample: all pass`, async () => {
    expect(testCount).toBeGreaterThan(10);
    await page.click('#run-tests');
    expect(await summaryText(page)).toBe(`${testCount} passed, 0 failed`);
    expect(await page.locator('#panel-tests li.test.passed').count()).toBe(testCount);
    // Each actual is explained by the rule line that made it.
    expect(await page.locator('#panel-tests .actuals li').first().textContent()).toMatch(
      /rules\.crules:\d+:\d+/,
    );
    await page.screenshot({ path: `${shots}/web-tests.png` });
  }, 90_000);

  it('shows the failure, the expected/actual diff and the explanations when a scenario is broken', async () => {
    // TimePartialCredit puts the remainder back to unbilled sales; make it the original instead.
    const scenario = find(/^scenario TimePartialCredit /, 'TimePartialCredit');
    const at = find(/create unbilled sales chargeable for remaining/, 'remaining', scenario.line);
    await typeOver(page, at, 'remaining'.length, 'original');
    await page.waitForTimeout(800);
    await page.click('#run-tests');
    const summary = await summaryText(page);
    const [, passed, failed] = summary.match(/^(\d+) passed, (\d+) failed$/) ?? [];
    expect(Number(failed)).toBeGreaterThan(0);
    expect(Number(passed) + Number(failed)).toBe(testCount);
    const failedTest = page.locator('#panel-tests li.test.failed').first();
    expect(await failedTest.locator('.failure').textContent()).not.toBe('');
    expect(await failedTest.locator('.diff-line.missing').count()).toBeGreaterThan(0);
    expect(await failedTest.locator('.diff-line.extra').count()).toBeGreaterThan(0);
    expect(await failedTest.locator('.diff-line.extra').first().textContent()).toContain('unbilled sales');
    await page.screenshot({ path: `${shots}/web-test-failure.png` });

    // Clicking the test reveals its line in the tests editor.
    const name = (await failedTest.getAttribute('data-test-name'))!;
    await failedTest.locator('.test-name').click();
    const line = await page.evaluate(
      () =>
        (
          window as unknown as {
            rulesEditor: { tests: import('@codingame/monaco-vscode-editor-api').editor.ICodeEditor };
          }
        ).rulesEditor.tests.getPosition()?.lineNumber,
    );
    expect(testsSample.split('\n')[line! - 1]).toContain(`test "${name}"`);

    await typeOver(page, at, 'original'.length, 'remaining');
  }, 90_000);

  it('shows the compiled JSON and the coverage matrix', async () => {
    await page.click('[data-tab="json"]');
    const json = page.locator('[data-testid="compiled-json"]');
    await json.waitFor({ timeout: 30_000 });
    const text = (await json.textContent())!;
    expect(text).toContain('"rules"');
    expect(JSON.parse(text).name).toBe('CorrectionActuals');
    await page.screenshot({ path: `${shots}/web-json.png` });

    await page.click('[data-tab="coverage"]');
    const matrix = page.locator('[data-testid="coverage-matrix"]');
    await matrix.waitFor({ timeout: 30_000 });
    // 6 classes (the advance in two states) x 4 changes x 2 billing methods = 56 cases.
    expect(await matrix.locator('tbody tr').count()).toBe(7);
    expect(await matrix.locator('thead th').count()).toBe(1 + 8);
    expect(await matrix.locator('tbody td').count()).toBe(56);
    expect(await matrix.locator('td.uncovered').count()).toBe(0);
    expect(await page.textContent('#panel-coverage')).toContain(
      'Every case is handled by exactly one scenario.',
    );
    await page.screenshot({ path: `${shots}/web-coverage.png` });
  }, 90_000);

  it('switches the page and the server messages to Vietnamese', async () => {
    await page.selectOption('#language', 'vi');
    // The earlier results are run again so that the server's texts are in Vietnamese too.
    await page.waitForSelector('#run-tests:not([disabled])', { timeout: 60_000 });
    expect(await summaryText(page)).toBe(`${testCount} đạt, 0 không đạt`);
    expect(await page.textContent('#run-tests')).toBe('Chạy kiểm thử');
    expect(await page.textContent('[data-tab="coverage"]')).toBe('Độ bao phủ');
    // A new error arrives in Vietnamese from the server.
    await page.click('[data-tab="problems"]');
    const at = find(/when class is Time and/, 'Time');
    await typeOver(page, at, 'Time'.length, 'Tme', true);
    const problem = page
      .locator('#panel-problems .problem.error', { hasText: /`Tme` không phải là giá trị/ })
      .first();
    await problem.waitFor({ timeout: 30_000 });
    const message = (await problem.textContent())!;
    expect(message).toContain(`lỗi rules.crules:${at.line}:${at.column}`);
    expect(message).toContain('`Tme`');
    await page.screenshot({ path: `${shots}/web-vi.png` });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('keeps the edits across a reload, and resets a document to the sample', async () => {
    // The last test left `Tme` in the rules.
    await page.waitForTimeout(600); // the draft is saved 0.4 s after the last edit
    await page.reload();
    await page.waitForSelector('#status[data-state="ready"]', { timeout: 60_000 });
    const rulesText = () =>
      page.evaluate(() =>
        (
          window as unknown as {
            rulesEditor: { rules: import('@codingame/monaco-vscode-editor-api').editor.ICodeEditor };
          }
        ).rulesEditor.rules.getValue(),
      );
    expect(await rulesText()).toContain('when class is Tme and');
    expect(await page.textContent('#run-tests')).toBe('Chạy kiểm thử'); // the language is remembered too
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-reset="rules"]');
    expect(await rulesText()).toBe(rulesSample);
    await page.waitForFunction(() => !document.querySelector('#panel-problems .problem.error'), null, {
      timeout: 30_000,
    });
    await page.screenshot({ path: `${shots}/web-reset.png` });
  }, 90_000);
});
