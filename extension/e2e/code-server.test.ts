/**
 * End-to-end in a real VS Code: code-server (VS Code in the browser) with the packaged .vsix installed,
 * driven through Chromium with playwright-core. Checks what an analyst does: open the rules, see a
 * mistyped value flagged at the right line and column, fix it with the quick fix, accept a completion, run
 * the tests in the Testing view (all pass), break a scenario (tests fail, the failure diff shows), revert
 * (all pass again), and open the compiled JSON and coverage matrix from the code lenses.
 * Screenshots go to test-results/e2e/code-server-*.png.
 *
 * Needs code-server in .tools/code-server (extension/e2e/install-code-server.sh) and Chromium; without
 * them it says loudly that it did not run and is skipped.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  missingPrerequisite,
  packageExtension,
  repoRoot,
  startCodeServer,
  type CodeServer,
} from './code-server.js';

// The workspace is the shipped rules folder itself (startCodeServer works on a temporary copy of it).
const fixture = join(repoRoot, 'rules');
const rulesFile = 'correction-actuals.crules';
const testsFile = 'correction-actuals.crtest';
const shotsDir = join(repoRoot, 'test-results/e2e');

const missing = missingPrerequisite();
if (missing) {
  console.error(`\n*** code-server e2e NOT RUN: ${missing} ***\n`);
}

const rulesLines = readFileSync(join(fixture, rulesFile), 'utf8').split('\n');
const testCount = (readFileSync(join(fixture, testsFile), 'utf8').match(/^test "/gm) ?? []).length;
/** 1-based line of the first line matching, after the line matching `after`. */
function lineOf(pattern: RegExp, after?: RegExp): number {
  const start = after ? rulesLines.findIndex((l) => after.test(l)) : 0;
  const index = rulesLines.findIndex((l, i) => i >= start && pattern.test(l));
  if (index < 0) throw new Error(`fixture has no line ${pattern}`);
  return index + 1;
}
// `when class is Time and credit is full ...` of TimeFullCredit: the value `Time` gets mistyped.
const classLine = lineOf(/^\s*when class is Time and credit is full\b/);
const classColumn = rulesLines[classLine - 1].indexOf('Time') + 1;
// The last action of TimePartialCredit: deleting it breaks the partial-credit tests.
const remainingLine = lineOf(
  /^\s*create unbilled sales chargeable for remaining/,
  /^scenario TimePartialCredit\b/,
);

describe.skipIf(missing !== undefined)('VS Code extension in code-server (e2e)', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let shot = 0;

  const screenshot = async (name: string) => {
    shot++;
    await page.screenshot({
      path: join(shotsDir, `code-server-${String(shot).padStart(2, '0')}-${name}.png`),
    });
  };

  /** Runs a command from the command palette (F1) by its exact label. */
  const command = async (label: string) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${label}`);
    const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: exact }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    // The palette closes, or the same widget turns into what the command asks (a save dialog's path).
    await page
      .locator('.quick-input-widget input[aria-label="Type the name of a command to run."]')
      .waitFor({ state: 'hidden' });
  };

  /** Shows the Testing view (its activity bar entry toggles, so only when it is not shown). */
  const showTesting = async () => {
    await page.keyboard.press('Escape');
    if (!(await page.locator('.test-explorer').first().isVisible())) {
      await page.locator('.activitybar .action-item a[aria-label^="Testing"]').first().click();
    }
    await page.locator('.test-explorer').first().waitFor({ state: 'visible' });
  };

  /** Saves the active editor (Ctrl+S in the editor) and waits until it is no longer dirty. */
  const save = async () => {
    await page.keyboard.press('Control+s');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 30_000 });
  };

  const openFile = async (name: string) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+p');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor();
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
  };

  /** Puts the cursor of the active editor at a 1-based line and column. */
  const goTo = async (line: number, column: number) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+g');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  };

  /**
   * VS Code 1.139 shows the Settings editor as a modal over the editors; Escape does not always close it
   * (focus in a checkbox), and while it is up no tab takes a click.
   */
  const closeModalEditor = async () => {
    const block = page.locator('.monaco-modal-editor-block');
    for (let attempt = 0; attempt < 3 && (await block.isVisible()); attempt++) {
      const close = block.locator('.codicon-close, .codicon-chrome-close').first();
      if (await close.isVisible()) await close.click();
      else await page.keyboard.press('Escape');
      await block.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
  };

  const focusEditor = async (name: string) => {
    await closeModalEditor();
    await page.locator('.tab', { hasText: name }).first().click();
    await page.locator('.tab.active', { hasText: name }).waitFor();
    await command('View: Focus Active Editor Group');
  };

  /** The text of a line of the active editor, through the Go to Line + select line + copy-free route. */
  const lineText = async (line: number) => {
    await goTo(line, 1);
    const current = page.locator(
      '.editor-group-container.active .monaco-editor .view-overlays .current-line',
    );
    await current.first().waitFor();
    // The view line at the same vertical position as the current-line highlight.
    return page.evaluate(() => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      const highlight = editor?.querySelector('.view-overlays .current-line')
        ?.parentElement as HTMLElement | null;
      if (!editor || !highlight) return '';
      const top = highlight.style.top;
      for (const el of editor.querySelectorAll<HTMLElement>('.view-lines .view-line')) {
        if (el.style.top === top) return el.textContent?.replace(/\u00a0/g, ' ') ?? '';
      }
      return '';
    });
  };

  /** "passed/total" in the Testing view's summary, once a run has finished. */
  const testSummary = () => page.locator('.test-explorer .result-summary').first();
  /** The Testing view's row of the tests file: its aria-label says Passed or Failed. */
  const testFileStatus = () =>
    page
      .locator('.test-explorer .monaco-list-row', { hasText: testsFile })
      .first()
      .getAttribute('aria-label');
  /** Every test ran ("n/total") and some failed. */
  const someTestsFail = async () => {
    const [passed, total] = (await testSummary().innerText()).split('/').map((n) => parseInt(n, 10));
    return total === testCount && passed! < testCount;
  };

  const runAllTests = async () => {
    const before = await page.locator('.test-explorer .result-summary').count();
    await command('Test: Run All Tests');
    // The run ends when the summary shows a duration again and no test is running.
    await page.waitForTimeout(500);
    await expect
      .poll(
        async () =>
          page
            .locator(
              '.test-explorer .monaco-list-row[aria-label*="Running"], .test-explorer .monaco-list-row[aria-label*="Queued"]',
            )
            .count(),
        { timeout: 120_000 },
      )
      .toBe(0);
    if (before === 0) await testSummary().waitFor({ timeout: 60_000 });
  };

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    packageExtension();
    server = await startCodeServer(fixture);
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
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: rulesFile })
      .waitFor({ timeout: 120_000 });
  }, 300_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page && !page.isClosed()) {
      await screenshot(`failed-${context.task.name.replace(/\W+/g, '-').slice(0, 40)}`).catch(
        () => undefined,
      );
      await page.keyboard.press('Escape').catch(() => undefined);
    }
  });

  afterAll(async () => {
    if (page && !page.isClosed()) await screenshot('final').catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (server) {
      const log = server.log();
      await server.stop();
      if (process.env.E2E_VERBOSE) console.log(log);
    }
  }, 60_000);

  it('shows the diagnostic of a mistyped value where it is, and fixes it with the quick fix', async () => {
    await openFile(rulesFile);
    // The server is up when its code lenses are there.
    await page
      .locator('.codelens-decoration', { hasText: /compiled JSON/i })
      .first()
      .waitFor({ timeout: 120_000 });
    await screenshot('opened');

    await goTo(classLine, classColumn);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.type('Tiem');
    await page.locator('.editor-group-container.active .squiggly-error').first().waitFor({ timeout: 60_000 });

    await command('Problems: Focus on Problems View');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: '`Tiem`' }).first();
    await problem.waitFor({ timeout: 60_000 });
    const text = await problem.innerText();
    expect(text).toContain('is not a class value');
    expect(text).toContain('Did you mean `Time`?');
    expect(text).toContain(`[Ln ${classLine}, Col ${classColumn}]`);
    expect(await problem.getAttribute('aria-label')).toMatch(/^Error:/);
    await screenshot('diagnostic');

    await focusEditor(rulesFile);
    await goTo(classLine, classColumn + 1);
    // Code actions are computed after the diagnostics arrive: ask again until the menu offers the fix.
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Did you mean `Time`?' }).first();
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await fix.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 8) throw error;
        await page.keyboard.press('Escape');
        await goTo(classLine, classColumn + 1);
      }
    }
    await screenshot('quick-fix');
    await fix.click();
    await expect.poll(() => lineText(classLine), { timeout: 30_000 }).toContain('when class is Time and');
    await expect
      .poll(() => page.locator('.markers-panel .monaco-list-row', { hasText: '`Tiem`' }).count(), {
        timeout: 60_000,
      })
      .toBe(0);
  }, 600_000);

  it('offers the class values as completions and accepts one', async () => {
    await focusEditor(rulesFile);
    await goTo(classLine, classColumn);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.type('Ti');
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    if (!(await widget.isVisible())) await page.keyboard.press('Control+Space');
    await widget.waitFor({ timeout: 30_000 });
    const time = widget.locator('.monaco-list-row', { hasText: /^Time/ }).first();
    await time.waitFor({ timeout: 30_000 });
    await screenshot('completion');
    await time.click();
    await widget.waitFor({ state: 'hidden' });
    expect(await lineText(classLine)).toMatch(/when class is Time and credit is full/);
    await save();
  }, 600_000);

  it('explains an action line on hover', async () => {
    await focusEditor(rulesFile);
    await goTo(remainingLine, 5);
    await command('Show or Focus Hover');
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => hover.innerText(), { timeout: 30_000 }).toMatch(/unbilled/i);
    await screenshot('hover');
    await page.keyboard.press('Escape');
  }, 300_000);

  it('runs the tests in the Testing view: all pass', async () => {
    await showTesting();
    await page
      .locator('.test-explorer .monaco-list-row', { hasText: testsFile })
      .first()
      .waitFor({ timeout: 120_000 });
    await runAllTests();
    await expect
      .poll(() => testSummary().innerText(), { timeout: 120_000 })
      .toContain(`${testCount}/${testCount}`);
    await expect.poll(testFileStatus).toMatch(/Passed/);
    await screenshot('tests-pass');
  }, 600_000);

  it('reports the failing tests after a scenario is broken, with the expected/actual diff', async () => {
    await focusEditor(rulesFile);
    expect(await lineText(remainingLine)).toContain('create unbilled sales chargeable for remaining');
    await page.keyboard.press('Control+Shift+k');
    await save();

    await showTesting();
    await runAllTests();
    await expect.poll(someTestsFail, { timeout: 120_000 }).toBe(true);
    await expect.poll(testFileStatus).toMatch(/Failed/);
    await screenshot('tests-fail');

    // The failing test's code lens runs it again (corrections.runTest); the peek shows the diff.
    await openFile(testsFile);
    await goTo(1, 1);
    const lens = page.locator('.codelens-decoration a', { hasText: /Run test$/ }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    await expect.poll(testFileStatus).toMatch(/Failed/);
    const failing = 'time 8 h at 200/h corrected to 6 h (published example)';
    const testsLines = readFileSync(join(fixture, testsFile), 'utf8').split('\n');
    await goTo(testsLines.findIndex((l) => l.includes(failing)) + 1, 1);
    await command('Test: Peek Output');
    const peek = page.locator('.test-output-peek').first();
    await peek.waitFor({ timeout: 60_000 });
    // Expected vs produced actuals side by side: the remaining-hours actual is missing.
    const peekText = async () => (await peek.innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(peekText, { timeout: 60_000 }).toMatch(/Expected[\s\S]*Actual/);
    expect(await peekText()).toContain('unbilled sales chargeable quantity 2 amount 400');
    await screenshot('failure-diff');
    await page.keyboard.press('Escape');
  }, 600_000);

  it('passes again once the scenario is restored', async () => {
    await focusEditor(rulesFile);
    await goTo(remainingLine, 1);
    await page.keyboard.press('Control+z');
    await expect
      .poll(() => lineText(remainingLine), { timeout: 30_000 })
      .toContain('create unbilled sales chargeable for remaining');
    await save();
    await showTesting();
    await runAllTests();
    await expect
      .poll(() => testSummary().innerText(), { timeout: 120_000 })
      .toContain(`${testCount}/${testCount}`);
    await screenshot('tests-pass-again');
  }, 600_000);

  it('opens the compiled JSON and the coverage matrix from the code lenses', async () => {
    await openFile(rulesFile);
    await goTo(1, 1);
    await page
      .locator('.codelens-decoration a', { hasText: /compiled JSON/i })
      .first()
      .click();
    await page.locator('.tab', { hasText: 'CorrectionActuals.json' }).waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.locator('.editor-group-container.active .view-lines').first().innerText(), {
        timeout: 30_000,
      })
      .toMatch(/"conditions"/);
    await screenshot('compiled-json');

    await focusEditor(rulesFile);
    await page
      .locator('.codelens-decoration a', { hasText: /coverage/i })
      .first()
      .click();
    await page.locator('.tab', { hasText: 'Coverage: CorrectionActuals' }).waitFor({ timeout: 60_000 });
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('table').waitFor({ timeout: 60_000 });
    expect(await frame.locator('td.cell').count()).toBeGreaterThan(0);
    expect(await frame.locator('td.uncovered').count()).toBe(0);
    await screenshot('coverage');
  }, 600_000);
  it('re-runs the tests of a saved rule set with corrections.testing.runOnSave', async () => {
    await command('Preferences: Open User Settings');
    await page.keyboard.type('corrections.testing.runOnSave');
    // The search filters the list only after a moment: pick our setting's row, never the first checkbox
    // (that was "Editor: Format On Save" while the list still showed the commonly used settings).
    const checkbox = page
      .locator('.setting-item-bool', { hasText: 'Testing: Run On Save' })
      .locator('.setting-value-checkbox')
      .first();
    await checkbox.waitFor({ timeout: 30_000 });
    await checkbox.click();
    await expect.poll(() => checkbox.getAttribute('aria-checked')).toBe('true');
    await screenshot('run-on-save-setting');
    // The setting travels to the (remote) extension host before the save below.
    await page.waitForTimeout(2_000);
    await closeModalEditor();

    await focusEditor(rulesFile);
    await goTo(remainingLine, 1);
    await page.keyboard.press('Control+Shift+k');
    await save();
    await showTesting();
    await expect.poll(someTestsFail, { timeout: 120_000 }).toBe(true);
    await screenshot('run-on-save-fail');

    await focusEditor(rulesFile);
    await page.keyboard.press('Control+z');
    await save();
    await showTesting();
    await expect
      .poll(() => testSummary().innerText(), { timeout: 120_000 })
      .toContain(`${testCount}/${testCount}`);
  }, 300_000);

  it('compiles the rule set to a JSON file beside it', async () => {
    await focusEditor(rulesFile);
    await command('Correction Rules: Compile Rules to JSON File...');
    // code-server's save dialog is a quick input holding the proposed path: <name>.json beside the rules.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toMatch(/correction-actuals\.json$/);
    await screenshot('compile-to-file');
    await page.keyboard.press('Enter');
    const target = join(server!.workspace, 'correction-actuals.json');
    await expect.poll(() => existsSync(target), { timeout: 30_000 }).toBe(true);
    const compiled = JSON.parse(readFileSync(target, 'utf8'));
    expect(compiled.name).toBe('CorrectionActuals');
    expect(compiled.rules.length).toBeGreaterThan(10);
  }, 300_000);

  it('switches the messages to Vietnamese with corrections.language', async () => {
    // Through the Settings editor, as a user would: the extension sends corrections/setLanguage.
    await command('Preferences: Open User Settings');
    await page.keyboard.type('corrections.language');
    const select = page.locator('select[aria-label="corrections.language"]');
    await select.waitFor({ timeout: 30_000 });
    await select.selectOption('vi');
    await screenshot('setting-vi');
    // The Settings editor writes settings.json a moment later; closing it first can drop the change.
    const settingsFile = join(server!.dir, 'user-data/User/settings.json');
    await expect
      .poll(() => readFileSync(settingsFile, 'utf8'), { timeout: 30_000 })
      .toMatch(/"corrections\.language":\s*"vi"/);
    await closeModalEditor();
    await focusEditor(rulesFile);
    await goTo(classLine, classColumn);
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.type('Tiem');
    await command('Problems: Focus on Problems View');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: '`Tiem`' }).first();
    await expect.poll(() => problem.innerText(), { timeout: 60_000 }).toContain('không phải là giá trị của');
    expect(await problem.innerText()).toContain(`[Ln ${classLine}, Col ${classColumn}]`);
    await focusEditor(rulesFile);
    await goTo(1, 1);
    await expect
      .poll(() => page.locator('.codelens-decoration').first().innerText(), { timeout: 60_000 })
      .toContain('Xem JSON đã biên dịch');
    await screenshot('vietnamese');
    await page.keyboard.press('Control+z');
  }, 300_000);
});
