import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleSetToJson, validateCompiledRuleSet } from '#engine';
import { loadRules } from '../workspace.js';
import { FIXTURES, REPO_ROOT, RULES, cli, json } from './cli-harness.js';

describe('corrections check', () => {
  it('passes the repository rules with a summary line and exit 0', async () => {
    const run = await cli(['check', 'rules']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 file(s) checked: 0 error(s), 0 warning(s)');
  });

  it('prints file:line:col: severity: message [code] for a broken file and exits 1', async () => {
    const run = await cli(['check', `${FIXTURES}/broken/broken.crules`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${FIXTURES}/broken/broken.crules:4:17: error: \`Tiem\` is not a class value. Valid values: Time, Expense, Material, Fee, Milestone, Retainer. Did you mean \`Time\`? [unknown-fact-value]`,
    );
    // Warnings are shown as well, and counted.
    expect(run.stdout).toMatch(/broken\.crules:1:9: warning: .*\[uncovered\]/);
    expect(run.stdout).toContain('1 file(s) checked: 1 error(s), 2 warning(s)');
  });

  it('loads the rule set beside a test file, so the test file links', async () => {
    const run = await cli(['check', `${FIXTURES}/gaps/gaps.crtest`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 file(s) checked: 0 error(s), 1 warning(s)');
  });

  it('speaks Vietnamese with --lang vi and with a vi locale', async () => {
    const explicit = await cli(['check', `${FIXTURES}/broken/broken.crules`, '--lang', 'vi']);
    expect(explicit.stdout).toContain('Đã kiểm tra 1 tệp: 1 lỗi, 2 cảnh báo');
    expect(explicit.stdout).toMatch(/broken\.crules:4:17: error: `Tiem` không/);
    const fromLocale = await cli(['check', 'rules'], { LANG: 'vi_VN.UTF-8' });
    expect(fromLocale.stdout).toContain('Đã kiểm tra 2 tệp');
  });

  it('reports a missing path as bad input (exit 2) in the user language', async () => {
    const run = await cli(['check', 'rules/nope.crules']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      'rules/nope.crules:1:1: error: rules/nope.crules: no such file or directory',
    );
    const vi = await cli(['check', 'rules/nope.crules', '--lang=vi']);
    expect(vi.stdout).toContain('không có tệp hoặc thư mục này');
  });

  it('gives the diagnostics as JSON with --json', async () => {
    const run = await cli(['check', `${FIXTURES}/broken/broken.crules`, '--json']);
    const report = json<{
      errors: number;
      diagnostics: Array<{ line: number; column: number; code: string }>;
    }>(run);
    expect(report.errors).toBe(1);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ line: 4, column: 17, code: 'unknown-fact-value' }),
    );
  });
});

describe('corrections compile', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'corrections-cli-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('prints reproducible json-rules-engine JSON that the schema accepts', async () => {
    const first = await cli(['compile', RULES]);
    const second = await cli(['compile', RULES]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const compiled = JSON.parse(first.stdout) as {
      name: string;
      rules: Array<{ event: { params: { source: { file: string } } } }>;
    };
    expect(() => validateCompiledRuleSet(compiled)).not.toThrow();
    expect(compiled.name).toBe('CorrectionActuals');
    // Sources are relative to the project holding the rules: the same bytes on every machine.
    expect(compiled.rules[0]!.event.params.source.file).toBe(RULES);
    const loaded = await loadRules([join(REPO_ROOT, RULES)]);
    expect(first.stdout).toBe(compileRuleSetToJson(loaded.ruleSets[0]!, { sourceRoot: REPO_ROOT }));
  });

  it('prints the same bytes whatever the working folder', async () => {
    const fromRoot = await cli(['compile', RULES]);
    const fromRules = await cli(['compile', 'correction-actuals.crules'], {}, join(REPO_ROOT, 'rules'));
    const fromElsewhere = await cli(['compile', join(REPO_ROOT, RULES)], {}, folder);
    expect(fromRules.code).toBe(0);
    expect(fromRules.stdout).toBe(fromRoot.stdout);
    expect(fromElsewhere.stdout).toBe(fromRoot.stdout);
  });

  it('names a rules file outside any project by its own name', async () => {
    const copy = join(folder, 'copy.crules');
    await writeFile(copy, await readFile(join(REPO_ROOT, RULES), 'utf8'));
    const run = await cli(['compile', copy]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"file": "copy.crules"');
    expect(run.stdout).not.toContain(folder);
  });

  it('writes the same bytes with -o', async () => {
    const out = join(folder, 'rules.json');
    const run = await cli(['compile', RULES, '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(await readFile(out, 'utf8')).toBe((await cli(['compile', RULES])).stdout);
  });

  it('refuses a file with errors: exit 1, the errors on stderr, nothing written', async () => {
    const out = join(folder, 'broken.json');
    const run = await cli(['compile', `${FIXTURES}/broken/broken.crules`, '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('broken.crules:4:17: error:');
    expect(run.stderr).toContain('The rules have 1 error(s): fix them first');
    await expect(stat(out)).rejects.toThrow();
  });

  it('refuses a test file as bad usage (exit 2)', async () => {
    const run = await cli(['compile', 'rules/correction-actuals.crtest']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('rules/correction-actuals.crtest: expected a .crules file');
  });
});
