/**
 * The `invoice-sync` CLI in-process (`runCli(argv, io)`): every command against the portal simulator
 * and a PGlite store in memory.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatInvoiceKey } from '../portal/types.js';
import { startSimulator, type SimulatorOptions } from '../simulator/server.js';
import { openStore } from '../store/open-store.js';
import type { InvoiceStore } from '../store/types.js';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const PERIOD = '2026-04';
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function setup(options: SimulatorOptions = {}) {
  const sim = await startSimulator({ seed: 'cli', invoiceCount: 20, period: PERIOD, ...options });
  const store = await openStore({ databaseUrl: '', dataDir: 'memory://' });
  cleanup.push(
    () => sim.close(),
    () => store.close(),
  );
  const env = {
    PORTAL_URL: `${sim.url}/api`,
    PORTAL_USERNAME: sim.credentials.username,
    PORTAL_PASSWORD: sim.credentials.password,
    PORTAL_CAPTCHA_SOLVER: 'simulator',
  };
  return { sim, store, env, taxCode: sim.credentials.username };
}

interface Captured {
  io: CliIo;
  out: string[];
  err: string[];
  text(): string;
  errors(): string;
}

function capture(
  env: Record<string, string | undefined>,
  store?: InvoiceStore,
  extra: Partial<CliIo> = {},
): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      env,
      isTTY: false,
      ...(store ? { store } : {}),
      ...extra,
    },
    out,
    err,
    text: () => out.join('\n'),
    errors: () => err.join('\n'),
  };
}

/** Runs one command; the rate is raised because the CLI treats PORTAL_URL as the real portal (1/s). */
async function cli(
  argv: string[],
  env: Record<string, string | undefined>,
  store?: InvoiceStore,
  extra: Partial<CliIo> = {},
) {
  const captured = capture(env, store, extra);
  const code = await runCli(argv, captured.io);
  return { code, ...captured };
}

const FAST = ['--rate', '500'];

describe('invoice-sync sync and invoices list', () => {
  it('syncs a small period; the exit code says whether everything is synced; list shows both statuses in en and vi', async () => {
    const { sim, store, env, taxCode } = await setup();
    const run = await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    expect(run.errors()).toBe('');
    expect(run.text()).toContain(`Listed ${sim.invoices.length} invoice headers`);
    const counts = await store.countByStatus({ taxCode, period: PERIOD });
    const total = (part: 'details' | 'xml') => Object.values(counts[part]).reduce((a, b) => a + b, 0);
    expect(total('details')).toBe(sim.invoices.length);
    expect(counts.details.not_synced + counts.xml.not_synced).toBe(0);
    // The seeded data has K-series invoices without an original record: their XML stays unavailable.
    expect(counts.xml.unavailable).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    expect(run.text()).toContain('sync selected --missing details,xml --period 2026-04');

    const en = await cli(['invoices', 'list', '--period', PERIOD], env, store);
    expect(en.code).toBe(0);
    for (const heading of ['XML synced', 'Details synced', 'Attempts', 'Last error'])
      expect(en.text()).toContain(heading);
    expect(en.text()).toContain('Unavailable');
    for (const invoice of sim.invoices) expect(en.text()).toContain(formatInvoiceKey(invoice));

    const vi = await cli(['--lang', 'vi', 'invoices', 'list', '--period', PERIOD], env, store);
    for (const heading of ['Đồng bộ XML', 'Đồng bộ chi tiết', 'Đã đồng bộ', 'Lỗi gần nhất'])
      expect(vi.text()).toContain(heading);

    const json = await cli(['invoices', 'list', '--xml-status', 'unavailable', '--json'], env, store);
    const rows = JSON.parse(json.text()) as { key: string; xml: { status: string } }[];
    expect(rows).toHaveLength(counts.xml.unavailable);
    for (const row of rows) expect(row.xml.status).toBe('unavailable');
  }, 60_000);

  it('a headers-only sync leaves details and XML "Chưa đồng bộ" (not synced)', async () => {
    const { sim, store, env } = await setup({ invoiceCount: 6 });
    const run = await cli(['sync', '--period', PERIOD, '--parts', 'headers', ...FAST], env, store);
    expect(run.code).toBe(0);
    expect(sim.stats().byEndpoint['detail'] ?? 0).toBe(0);
    const vi = await cli(['invoices', 'list', '--lang', 'vi'], env, store);
    expect(vi.text()).toContain('Chưa đồng bộ');
    expect(vi.text()).not.toContain('Đã đồng bộ');
  }, 30_000);

  it('without PORTAL_URL it syncs from the built-in simulator, clearly labelled', async () => {
    const store = await openStore({ databaseUrl: '', dataDir: 'memory://' });
    cleanup.push(() => store.close());
    const run = await cli(['sync', '--period', PERIOD, '--sim-invoices', '8', ...FAST], {}, store);
    expect(run.text()).toContain('*** SIMULATOR ***');
    expect((await store.listInvoices({})).length).toBe(8);
    expect([0, 1]).toContain(run.code);
  }, 30_000);
});

describe('invoice-sync sync selected and status', () => {
  it('sync selected --missing xml re-fetches only the XML still missing; status shows both runs', async () => {
    const { sim, store, env, taxCode } = await setup({
      faults: { xmlUnavailableUntilPolls: { rate: 0.5, polls: 1 } },
    });
    await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    const missingBefore = await store.listInvoices({
      taxCode,
      xmlStatus: ['not_synced', 'unavailable', 'incomplete'],
    });
    const late = missingBefore.filter(
      (invoice) =>
        sim.invoices.find((s) => formatInvoiceKey(s) === formatInvoiceKey(invoice))!.hsgoc !== null,
    );
    expect(late.length).toBeGreaterThan(0);
    const before = { ...sim.stats().byEndpoint };

    const resync = await cli(
      ['sync', 'selected', '--missing', 'xml', '--period', PERIOD, ...FAST],
      env,
      store,
    );
    const after = sim.stats().byEndpoint;
    expect(resync.text()).toContain(`Re-synced ${missingBefore.length} invoices`);
    expect((after['export-xml'] ?? 0) - (before['export-xml'] ?? 0)).toBe(missingBefore.length);
    expect((after['detail'] ?? 0) - (before['detail'] ?? 0)).toBe(0);
    for (const invoice of late) expect((await store.getInvoice(invoice))!.xml.status).toBe('synced');
    // What is still unavailable has no original record on the portal.
    const still = await store.listInvoices({ taxCode, xmlStatus: ['unavailable'] });
    for (const invoice of still) {
      expect(sim.invoices.find((s) => formatInvoiceKey(s) === formatInvoiceKey(invoice))!.hsgoc).toBeNull();
    }

    const status = await cli(['status'], env, store);
    expect(status.code).toBe(0);
    expect(status.text()).toMatch(/│ 1\s+│ sync\s+│/);
    expect(status.text()).toMatch(/│ 2\s+│ resync\s+│/);
    expect(status.text()).toContain('succeeded');
    const json = await cli(['status', '--json'], env, store);
    const runs = JSON.parse(json.text()) as {
      kind: string;
      status: string;
      counts: Record<string, number>;
    }[];
    expect(runs.map((run) => run.kind)).toEqual(['resync', 'sync']);
    expect(runs[1]!.counts['listed']).toBe(sim.invoices.length);
  }, 60_000);

  it('status --watch redraws the runs until the signal stops it (exit 0); in-process it shows no workflows', async () => {
    const { store, env } = await setup({ invoiceCount: 3 });
    await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    const stop = new AbortController();
    let draws = 0;
    const lines: string[] = [];
    const run = await cli(['status', '--watch', '--interval', '0.05'], env, store, {
      signal: stop.signal,
      now: () => Date.UTC(2026, 4, 1, 17, 30),
      out: (text) => {
        lines.push(text);
        if (text.startsWith('Updated') && ++draws === 2) stop.abort();
      },
    });
    expect(run.code).toBe(0);
    expect(
      lines.filter((line) => line.startsWith('Updated 2026-05-01 17:30:00; refreshing every 0.05 s')),
    ).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('Recent sync runs'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('Temporal');
    const vi = await cli(['--lang', 'vi', 'status', '--watch', '--json'], env, store, {
      signal: AbortSignal.abort(),
    });
    expect(vi.code).toBe(0);
    expect(vi.text()).toBe('');
  }, 30_000);

  it('sync selected <keys> re-fetches exactly those invoices', async () => {
    const { sim, store, env } = await setup({ invoiceCount: 8 });
    await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    const chosen = sim.invoices
      .filter((invoice) => invoice.hsgoc !== null)
      .slice(0, 2)
      .map(formatInvoiceKey);
    const before = sim.stats().byEndpoint['detail'] ?? 0;
    const run = await cli(['sync', 'selected', ...chosen, '--parts', 'details', ...FAST], env, store);
    expect(run.errors()).toBe('');
    expect((sim.stats().byEndpoint['detail'] ?? 0) - before).toBe(2);
  }, 30_000);

  it('sync selected refuses keys not in the store before any run (exit 2), naming them, in en and vi', async () => {
    const { sim, store, env, taxCode } = await setup({ invoiceCount: 4 });
    await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    const known = formatInvoiceKey(sim.invoices[0]!);
    const strangers = [`${taxCode}/1/C26TZZ/99999999`, `${taxCode}/2/C26TZY/7`];
    const runsBefore = (await store.listRuns({})).length;
    const callsBefore = sim.stats().requests;
    const run = await cli(['sync', 'selected', known, ...strangers, ...FAST], env, store);
    expect(run.code).toBe(2);
    expect(run.errors()).toContain('2 invoice keys are not in the store');
    for (const key of strangers) expect(run.errors()).toContain(key);
    expect(run.errors()).not.toContain(known);
    expect(run.errors()).toContain('npm run sync -- sync --period');
    expect(run.text()).not.toContain('All invoices synced.');
    // Refused before a run: no run recorded, the portal not even logged in to.
    expect((await store.listRuns({})).length).toBe(runsBefore);
    expect(sim.stats().requests).toBe(callsBefore);
    const vi = await cli(['--lang', 'vi', 'sync', 'selected', strangers[0]!, ...FAST], env, store);
    expect(vi.code).toBe(2);
    expect(vi.errors()).toContain(`1 khóa hóa đơn không có trong kho: ${strangers[0]}`);
    // Malformed keys are all named, not only the first.
    const bad = await cli(['sync', 'selected', 'not-a-key', known, 'a/b/c/d'], env, store);
    expect(bad.code).toBe(2);
    expect(bad.errors()).toContain('"not-a-key"');
    expect(bad.errors()).toContain('"a/b/c/d"');
    // The run statuses in `status` are in the chosen language too.
    const status = await cli(['--lang', 'vi', 'status'], env, store);
    expect(status.text()).toContain('hoàn tất');
    expect(status.text()).not.toContain('succeeded');
  }, 30_000);
});

describe('invoice-sync errors', () => {
  let shared: InvoiceStore;
  beforeAll(async () => {
    shared = await openStore({ databaseUrl: '', dataDir: 'memory://' });
  });
  afterAll(async () => {
    await shared.close();
  });

  it.each([
    [['sync', '--period', '2026-13'], /Invalid --period "2026-13"/],
    [['sync'], /Missing --period/],
    [['sync', '--period', PERIOD, '--bogus'], /Bad usage: unknown option '--bogus'/],
    [['sync', '--period', PERIOD, '--direction', 'sideways'], /Invalid --direction "sideways"/],
    [['sync', '--period', PERIOD, '--parts', 'lines'], /Invalid --parts "lines"/],
    [['invoices', 'list', '--limit', 'abc'], /Bad usage: .*'abc' is invalid/],
    [['status', '--limit', '0'], /Bad usage: .*'0' is invalid.*a whole number of at least 1/],
    [['--lang', 'vi', 'invoices', 'list', '--limit', '0'], /số nguyên từ 1 trở lên/],
    [['sync', '--period', PERIOD, '--rate', '-1'], /a number above 0/],
    [['invoices', 'list', '--xml-status', 'done'], /Invalid --xml-status "done"/],
    [['sync', 'selected'], /either invoice keys or --missing/],
    [
      ['sync', 'selected', '--missing', 'lines'],
      /Invalid --missing "lines": expected details, xml or details,xml\./,
    ],
    [['sync', 'selected', 'not-a-key'], /Invalid invoice key "not-a-key"/],
    [['--lang', 'vi', 'sync', '--period', '2026-13'], /--period "2026-13" không hợp lệ/],
    [['--lang', 'vi', 'frobnicate'], /Sai cú pháp lệnh/],
    [['simulator', '--faults', 'transient=2'], /Invalid --faults "transient=2"/],
    [['worker'], /TEMPORAL_ADDRESS is not set/],
    [['status', '--interval', '1'], /--interval goes with --watch/],
    [['status', '--watch', '--interval', '0'], /Bad usage: .*'0' is invalid.*a number above 0/],
  ])('%j exits 2 with a clear message', async (argv, message) => {
    const run = await cli(argv, {}, shared);
    expect(run.code).toBe(2);
    expect(run.errors()).toMatch(message);
    expect(run.errors()).not.toMatch(/\n\s+at /);
  });

  it('a PORTAL_URL holding credentials is refused (exit 2) without printing the password', async () => {
    const env = {
      PORTAL_URL: 'http://ops:Hidden!Pw@127.0.0.1:9/api',
      PORTAL_USERNAME: '0109744141',
      PORTAL_PASSWORD: 'x',
    };
    for (const lang of ['en', 'vi']) {
      const run = await cli(['--lang', lang, 'sync', '--period', PERIOD], env, shared);
      expect(run.code).toBe(2);
      expect(run.errors()).toContain('http://ops:***@127.0.0.1:9/api');
      expect(run.errors()).toContain('PORTAL_PASSWORD');
      expect(run.text() + run.errors()).not.toContain('Hidden!Pw');
    }
  });

  it('an unreachable portal or a refused login exits 3', async () => {
    const { store, env } = await setup({ invoiceCount: 2 });
    // A port nothing listens on: connection refused is not retried (a wrong URL or a portal that is down).
    const { createServer } = await import('node:net');
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const down = await cli(
      ['sync', '--period', PERIOD],
      { ...env, PORTAL_URL: `http://127.0.0.1:${closed}/api` },
      store,
    );
    expect(down.code).toBe(3);
    expect(down.errors()).toContain(`Cannot log in to the tax portal at http://127.0.0.1:${closed}/api`);
    const refused = await cli(
      ['--lang', 'vi', 'sync', '--period', PERIOD],
      { ...env, PORTAL_PASSWORD: 'wrong' },
      store,
    );
    expect(refused.code).toBe(3);
    expect(refused.errors()).toContain('Không đăng nhập được cổng thuế');
  }, 30_000);
});

describe('invoice-sync crash and resume', () => {
  it('a run stopped midway resumes: no invoice lost, none stored twice', async () => {
    const { sim, store, env, taxCode } = await setup({ invoiceCount: 40 });
    const controller = new AbortController();
    const first = await cli(['sync', '--period', PERIOD, ...FAST], env, store, {
      signal: controller.signal,
      out: (text) => {
        const match = /^(details|XML)\s+(\d+)\/\d+/.exec(text);
        if (match && Number(match[2]) >= 8) controller.abort();
      },
    });
    expect(first.code).toBe(1);
    const midway = await store.countByStatus({ taxCode });
    expect(midway.details.not_synced + midway.xml.not_synced).toBeGreaterThan(0);

    const second = await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    expect(second.text()).not.toContain('Stopped on request');
    const rows = await store.listInvoices({ taxCode });
    expect(rows).toHaveLength(sim.invoices.length);
    expect(new Set(rows.map(formatInvoiceKey)).size).toBe(rows.length);
    const final = await store.countByStatus({ taxCode });
    expect(final.details.not_synced + final.xml.not_synced).toBe(0);
    const runs = JSON.parse((await cli(['status', '--json'], env, store)).text()) as { status: string }[];
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'cancelled']);
  }, 60_000);
});

describe('invoice-sync simulator and demo', () => {
  it('simulator prints its URL and credentials, labelled, and stops on the signal', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const run = await cli(
      ['simulator', '--port', '0', '--invoices', '5', '--faults', 'transient=0.1,xml-late=0.2'],
      {},
      undefined,
      {
        signal: controller.signal,
        out: (text) => {
          lines.push(text);
          if (text.includes('PORTAL_PASSWORD=')) controller.abort();
        },
      },
    );
    expect(run.code).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('*** SIMULATOR ***');
    expect(text).toMatch(/PORTAL_URL=http:\/\/127\.0\.0\.1:\d+\/api/);
    expect(text).toContain('PORTAL_USERNAME=0109744141');
    expect(text).toContain('5 invoices in 2026-10');
  });

  it('demo --direct runs end to end on the simulator with a small month, in-process', async () => {
    const lines: string[] = [];
    const run = await cli(
      ['demo', '--direct', '--invoices', '16', '--data-dir', 'memory://'],
      {},
      undefined,
      {
        out: (text) => lines.push(text),
        localTemporal: () => {
          throw new Error('--direct must not ask for a Temporal server');
        },
      },
    );
    const text = lines.join('\n');
    expect(run.errors()).toBe('');
    expect(run.code).toBe(0);
    expect(text).toContain('SIMULATOR');
    expect(text).toContain('purchases and sales (in-process)');
    expect(text).toContain('Re-sync what is missing');
    expect(text).toMatch(/Invoices\s+│ 16\s/);
    expect(text).toMatch(/Lost \(on the portal, not in the store\)\s+│ 0\s/);
    expect(text).toMatch(/Portal requests\s+│ \d+/);
    expect(text).not.toContain('Temporal');
  }, 60_000);

  it('demo without a Temporal server to be had says why in one line, then runs in-process (en and vi)', async () => {
    for (const lang of ['en', 'vi'] as const) {
      const asked: { dataDir: string; language?: string }[] = [];
      const run = await cli(
        ['--lang', lang, 'demo', '--invoices', '6', '--data-dir', 'memory://'],
        {},
        undefined,
        {
          localTemporal: async (options) => {
            asked.push(options);
            options.log('Looking for a Temporal CLI');
            return { ok: false, reason: 'no Temporal CLI and no download' };
          },
        },
      );
      expect(asked).toEqual([expect.objectContaining({ dataDir: '.data', language: lang })]);
      expect(run.errors()).toBe('');
      expect(run.code).toBe(0);
      const fallback = run.out.filter((line) => line.includes('no Temporal CLI and no download'));
      expect(fallback).toEqual([
        lang === 'en'
          ? 'No Temporal server to be had (no Temporal CLI and no download): running in-process.'
          : 'Không có máy chủ Temporal (no Temporal CLI and no download): chạy trong tiến trình.',
      ]);
      expect(run.text()).toContain(lang === 'en' ? '(in-process)' : '(trong tiến trình)');
    }
  }, 60_000);
});

describe('codec-server', () => {
  it('serves the codec for the Temporal UI until stopped; without keys it says which variable is missing', async () => {
    const { randomBytes } = await import('node:crypto');
    const stop = new AbortController();
    const lines: string[] = [];
    let announced: (url: string) => void = () => undefined;
    const ready = new Promise<string>((resolve) => (announced = resolve));
    const env = { SYNC_PAYLOAD_KEYS: `k1:${randomBytes(32).toString('base64')}` };
    const running = runCli(['codec-server', '--port', '0'], {
      ...capture(env).io,
      out: (text) => {
        lines.push(text);
        const url = /http:\/\/127\.0\.0\.1:\d+/.exec(text)?.[0];
        if (url) announced(url);
      },
      signal: stop.signal,
    });
    const url = await ready;
    const answer = await fetch(`${url}/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payloads: [] }),
    });
    expect(await answer.json()).toEqual({ payloads: [] });
    stop.abort();
    expect(await running).toBe(0);
    expect(lines.join('\n')).toContain('Codec Server');

    const missing = await cli(['codec-server', '--lang', 'vi'], {});
    expect(missing.code).toBe(2);
    expect(missing.errors()).toContain('SYNC_PAYLOAD_KEYS');
  });
});

describe('invoice-sync tells the truth in its summary', () => {
  it('a headers-only sync over invoices with unavailable and incomplete parts does not say "All invoices synced."', async () => {
    const { store, env, taxCode } = await setup();
    await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    const counts = await store.countByStatus({ taxCode, period: PERIOD });
    expect(counts.xml.unavailable + counts.details.incomplete).toBeGreaterThan(0);
    const run = await cli(['sync', '--period', PERIOD, '--parts', 'headers', ...FAST], env, store);
    expect(run.text()).not.toContain('All invoices synced.');
    // What was asked for (the headers) is done: exit 0, and the sentence says so and what is still missing.
    expect(run.code).toBe(0);
    expect(run.text()).toContain('Everything asked for (headers) is synced');
    expect(run.text()).toContain(`XML: Unavailable ${counts.xml.unavailable}`);
    expect(run.text()).toContain(`details: Incomplete ${counts.details.incomplete}`);
    expect(run.text()).toContain(
      `Re-sync them with: npm run sync -- sync selected --missing details,xml --period ${PERIOD}`,
    );
    // Asked for XML only: XML is still missing, so exit 1 with the counts by status.
    const xml = await cli(['sync', '--period', PERIOD, '--parts', 'xml', ...FAST], env, store);
    expect(xml.code).toBe(1);
    expect(xml.text()).toContain(`not synced yet (XML: Unavailable ${counts.xml.unavailable})`);
    expect(xml.text()).not.toContain('All invoices synced.');
    const vi = await cli(
      ['--lang', 'vi', 'sync', '--period', PERIOD, '--parts', 'headers', ...FAST],
      env,
      store,
    );
    expect(vi.text()).toContain('Mọi phần được yêu cầu (danh sách) đã đồng bộ');
    expect(vi.text()).toContain(`XML: Cổng chưa có ${counts.xml.unavailable}`);
    expect(vi.text()).not.toContain('Tất cả hóa đơn đã đồng bộ.');
  }, 60_000);

  it('failed parts, which --missing leaves alone, get their own hint', async () => {
    const { printOutcome } = await import('./outcome.js');
    const { cliTranslator } = await import('./messages.js');
    const zero = { not_synced: 0, synced: 0, unavailable: 0, incomplete: 0, failed: 0 };
    const counts = { details: { ...zero, synced: 5 }, xml: { ...zero, synced: 3, failed: 2 } };
    const out: string[] = [];
    const context = {
      io: { ...capture({}).io, out: (text: string) => out.push(text) },
      language: 'en' as const,
      t: cliTranslator('en'),
    } as unknown as Parameters<typeof printOutcome>[0];
    const code = printOutcome(
      context,
      { counts, missing: 2, exitCode: 1 },
      { parts: ['details', 'xml'], hintScope: ` --period ${PERIOD}` },
    );
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toContain('2 invoice parts are not synced yet (XML: Failed 2)');
    expect(text).toContain(
      '2 failed XML parts are not picked up by --missing: list them with npm run sync -- invoices list --xml-status failed',
    );
  });

  it('hints name a command the user can type (npm run sync -- ...), never a bare invoice-sync', async () => {
    const { store, env } = await setup({ invoiceCount: 8 });
    const run = await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    expect(run.code).toBe(1);
    expect(run.text()).toContain('Re-sync them with: npm run sync -- sync selected --missing');
    expect(run.text()).not.toMatch(/invoice-sync (sync|status|devserver|invoices)/);
    const vi = await cli(['--lang', 'vi', 'sync', '--period', PERIOD, ...FAST], env, store);
    expect(vi.text()).toContain('Đồng bộ lại bằng: npm run sync -- sync selected --missing');
  }, 60_000);
});

describe('invoice-sync refuses numbers beyond what the store holds', () => {
  let shared: InvoiceStore;
  beforeAll(async () => {
    shared = await openStore({ databaseUrl: '', dataDir: 'memory://' });
  });
  afterAll(async () => {
    await shared.close();
  });

  it.each([
    [
      ['invoices', 'list', '--offset', '99999999999999999999'],
      /--offset.*'99999999999999999999'.*0 to 9007199254740991/,
    ],
    [['invoices', 'list', '--limit', '1e400'], /--limit.*'1e400'/],
    [['status', '--limit', '99999999999999999999'], /--limit.*'99999999999999999999'/],
    [['simulator', '--port', '99999'], /--port.*'99999'.*a port number from 0 to 65535/],
    [
      ['sync', 'selected', '0100109106/1/C26TAS/99999999999'],
      /invoice key "0100109106\/1\/C26TAS\/99999999999": the invoice number \(shdon\) 99999999999 is out of range/,
    ],
    [
      ['sync', 'selected', '0100109106/12345678901/C26TAS/1'],
      /invoice key "0100109106\/12345678901\/C26TAS\/1": the template number \(khmshdon\) 12345678901 is out of range/,
    ],
    [
      ['--lang', 'vi', 'sync', 'selected', '0100109106/1/C26TAS/99999999999'],
      /số hóa đơn \(shdon\) 99999999999/,
    ],
  ])('%j exits 2 naming the field and the value', async (argv, message) => {
    const run = await cli(argv, {}, shared);
    expect(run.errors()).toMatch(message);
    expect(run.errors()).not.toMatch(/out of range for type|bigint out of range|Unexpected error/);
    expect(run.code).toBe(2);
  });

  it('the store itself refuses an out-of-range key or paging with a message naming the field', async () => {
    const key = { nbmst: '0100109106', khmshdon: 1, khhdon: 'C26TAS', shdon: 99_999_999_999 };
    await expect(shared.getInvoice(key)).rejects.toThrow(/shdon 99999999999 is out of range/);
    await expect(shared.listInvoices({ keys: [key] })).rejects.toThrow(/shdon 99999999999 is out of range/);
    await expect(shared.listInvoices({ offset: 1e20 })).rejects.toThrow(/offset 100000000000000000000/);
    await expect(shared.listRuns({ limit: 1e20 })).rejects.toThrow(/limit 100000000000000000000/);
  });
});

describe('invoice-sync with a bad DATABASE_URL', () => {
  it('a malformed URL is named as such (exit 2), never "getaddrinfo ENOTFOUND"', async () => {
    for (const value of ['not-a-url', 'postgres//u@127.0.0.1/test', 'mysql://u@127.0.0.1/test']) {
      const run = await cli(['invoices', 'list'], { DATABASE_URL: value });
      expect(run.errors()).toContain(`DATABASE_URL "${value}" is not a PostgreSQL URL`);
      expect(run.errors()).toContain('postgres://user:password@host:5432/database');
      expect(run.errors()).not.toContain('ENOTFOUND');
      expect(run.err).toHaveLength(1);
      expect(run.code).toBe(2);
    }
    const vi = await cli(['--lang', 'vi', 'status'], { DATABASE_URL: 'not-a-url' });
    expect(vi.errors()).toContain('DATABASE_URL "not-a-url" không phải địa chỉ PostgreSQL');
  });

  it('a server nothing answers on is one line naming host:port (exit 3), without the password', async () => {
    const { createServer } = await import('node:net');
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const run = await cli(['invoices', 'list'], {
      DATABASE_URL: `postgres://ops:Secret!9@127.0.0.1:${closed}/test`,
    });
    expect(run.err).toHaveLength(1);
    expect(run.errors()).toContain(`Cannot reach PostgreSQL at 127.0.0.1:${closed}`);
    expect(run.errors()).not.toContain('Secret!9');
    expect(run.code).toBe(3);
  });
});

describe('invoice-sync tables in Vietnamese formats', () => {
  it('invoices list shows 814.107.140 ₫, dd/MM/yyyy and the seller or buyer; English groups with commas', async () => {
    const { sim, store, env } = await setup({ invoiceCount: 6 });
    await cli(['sync', '--period', PERIOD, '--parts', 'headers', ...FAST], env, store);
    const vi = await cli(['--lang', 'vi', 'invoices', 'list'], env, store);
    const en = await cli(['--lang', 'en', 'invoices', 'list'], env, store);
    expect(vi.text()).toContain('Người bán / người mua');
    expect(en.text()).toContain('Seller / buyer');
    for (const invoice of sim.invoices) {
      const [year, month, day] = invoice.issueDate.split('-');
      expect(vi.text()).toContain(`${day}/${month}/${year}`);
      const digits = invoice.totalPayable.toFixed();
      expect(digits).toMatch(/^\d+$/);
      const grouped = (separator: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
      expect(vi.text()).toContain(`${grouped('.')} ₫`);
      expect(en.text()).toContain(`₫${grouped(',')}`);
      const party = invoice.direction === 'purchase' ? invoice.seller : invoice.buyer;
      expect(vi.text()).toContain(party.name.slice(0, 20));
    }
    expect(vi.text()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(vi.text()).not.toContain(' VND');
  }, 30_000);

  it('status in Vietnamese shows start times in UTC+7 as dd/MM/yyyy HH:mm and counts grouped with dots', async () => {
    const store = await openStore({ databaseUrl: '', dataDir: 'memory://' });
    cleanup.push(() => store.close());
    const run = await store.startRun('sync', { period: PERIOD });
    await store.updateRunCounts(run.id, { listed: 12_345 });
    // A running run's elapsed time is measured to the command's clock.
    const now = () => run.startedAt.getTime() + 12_345;
    const local = new Date(run.startedAt.getTime() + 7 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const started = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
    const vi = await cli(['--lang', 'vi', 'status'], {}, store, { now });
    expect(vi.text()).toContain('Bắt đầu (giờ VN)');
    expect(vi.text()).toContain(`│ ${started} `);
    expect(vi.text()).toContain('12,3 giây');
    expect(vi.text()).toContain('listed=12.345');
    const en = await cli(['--lang', 'en', 'status'], {}, store, { now });
    expect(en.text()).toContain(`│ ${run.startedAt.toISOString().replace('T', ' ').slice(0, 19)} `);
    expect(en.text()).toContain('12.3 s');
    expect(en.text()).toContain('listed=12,345');
  });
});

describe("invoice-sync speaks Vietnamese in Commander's own words too", () => {
  it('help headings and usage errors are translated with --lang vi', async () => {
    const help = await cli(['--lang', 'vi', 'invoices', 'list', '--help'], {});
    expect(help.code).toBe(0);
    for (const heading of ['Cách dùng:', 'Tùy chọn:', 'Tùy chọn chung:', '(mặc định: 50)'])
      expect(help.text()).toContain(heading);
    for (const heading of ['Usage:', 'Options:', 'default:']) expect(help.text()).not.toContain(heading);
    const top = await cli(['--lang', 'vi', '--help'], {});
    expect(top.text()).toContain('Lệnh:');
    expect(top.text()).not.toContain('Commands:');

    const unknown = await cli(['--lang', 'vi', 'sync', '--period', PERIOD, '--bogus'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.errors()).toContain("tùy chọn không xác định '--bogus'");
    const command = await cli(['--lang', 'vi', 'invoice'], {});
    expect(command.errors()).toContain("lệnh không xác định 'invoice'");
    expect(command.errors()).toContain('Có phải ý bạn là invoices?');
    const value = await cli(['--lang', 'vi', 'invoices', 'list', '--limit', 'abc'], {});
    expect(value.errors()).toContain("giá trị 'abc' của tùy chọn '--limit <n>' không hợp lệ");
    const missing = await cli(['--lang', 'vi', 'sync', '--period'], {});
    expect(missing.errors()).toContain("tùy chọn '--period <YYYY-MM>' thiếu giá trị");
    for (const run of [unknown, command, value, missing]) {
      expect(run.errors()).not.toMatch(/unknown|invalid|argument missing|Did you mean|error:/);
    }
  });
});

describe('invoice-sync captcha prompt at a terminal', () => {
  it('a terminal closed before the captcha is typed ends the command (exit 2) instead of waiting forever', async () => {
    const { PassThrough } = await import('node:stream');
    const { sim, store, env } = await setup({ invoiceCount: 2 });
    const input = new PassThrough();
    const terminal = new PassThrough();
    // The user sees the question, then presses Ctrl-D.
    terminal.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('captcha')) input.end();
    });
    const { PORTAL_CAPTCHA_SOLVER: _solver, ...withoutSolver } = env;
    const run = await cli(['sync', '--period', PERIOD, ...FAST], withoutSolver, store, {
      inputIsTTY: true,
      input,
      terminal,
    });
    expect(run.code).toBe(2);
    expect(run.errors()).toContain('The terminal closed before the captcha was typed');
    expect(run.errors()).toContain('PORTAL_CAPTCHA');
    expect(sim.stats().byEndpoint['captcha']).toBe(1);
  }, 30_000);
});
