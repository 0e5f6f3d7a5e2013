import { describe, expect, it } from 'vitest';
import { RULES, cli } from './cli-harness.js';

describe('corrections command line', () => {
  it('prints help with every command and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['check', 'compile', 'test', 'coverage', 'apply'])
      expect(run.stdout).toContain(command);
    const vi = await cli(['apply', '--help', '--lang', 'vi']);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('hóa đơn đã xác nhận (JSON)');
  });

  it("translates commander's own headings and help texts for --lang vi", async () => {
    const en = await cli(['apply', '--help']);
    expect(en.stdout).toMatch(/^Usage: corrections apply/);
    expect(en.stdout).toContain('Options:');
    expect(en.stdout).toMatch(/\(choices: "fast", "reference",\s+default: "fast"\)/);
    const vi = await cli(['apply', '--help', '--lang', 'vi']);
    expect(vi.stdout).toMatch(/^Cách dùng: corrections apply/);
    expect(vi.stdout).toContain('Tùy chọn:');
    expect(vi.stdout).toMatch(/lựa chọn: "fast", "reference",\s+mặc\s+định: "fast"/);
    expect(vi.stdout).toContain('hiển thị trợ giúp cho lệnh');
    expect(vi.stdout).not.toMatch(/Usage:|Options:|display help|choices:|default:/);
    const root = await cli([], { LC_ALL: 'vi_VN.UTF-8' });
    expect(root.code).toBe(2);
    expect(root.stderr).toMatch(/^Cách dùng: corrections/);
    expect(root.stderr).toContain('Lệnh:');
    expect(root.stderr).not.toMatch(/Usage:|Options:|Commands:/);
  });

  it('shows help on stderr and exits 2 without a command', async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: corrections');
  });

  it.each([
    [['bogus'], 'Unknown command "bogus"'],
    [['check', '--frobnicate', 'rules'], 'Unknown option "--frobnicate"'],
    [['compile'], 'Missing argument file'],
    [['apply', '--invoice', 'x.json', '--corrections', 'y.json'], 'Missing required option --rules <file>'],
    [
      ['test', 'rules', '--executor', 'slow'],
      'Invalid value "slow" for --executor: allowed are fast, reference',
    ],
    [['check', '--lang', 'fr', 'rules'], 'Invalid value "fr" for --lang: allowed are en, vi'],
  ])('refuses %j with one clear line and exit 2', async (argv, message) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(message);
    expect(run.stdout).toBe('');
  });

  it('says usage errors in Vietnamese', async () => {
    const run = await cli(['bogus', '--lang', 'vi']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('Lệnh không xác định "bogus"');
    const option = await cli(['compile', RULES, '--frob'], { LC_ALL: 'vi_VN.UTF-8' });
    expect(option.stderr.trim()).toBe('Tùy chọn không xác định "--frob"');
  });
});
