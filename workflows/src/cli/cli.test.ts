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

  it('sync selected with a key not in the store is not "all synced": it names the key and exits 1', async () => {
    const { store, env, taxCode } = await setup({ invoiceCount: 4 });
    await cli(['sync', '--period', PERIOD, ...FAST], env, store);
    const stranger = `${taxCode}/1/C26TZZ/99999999`;
    const run = await cli(['sync', 'selected', stranger, ...FAST], env, store);
    expect(run.text()).toContain(`${stranger} details: Invoice ${stranger} is not in the store`);
    expect(run.text()).not.toContain('All invoices synced.');
    expect(run.text()).toContain('2 invoice parts could not be synced');
    expect(run.code).toBe(1);
    const vi = await cli(['--lang', 'vi', 'sync', 'selected', stranger, ...FAST], env, store);
    expect(vi.text()).toContain('Có 2 phần hóa đơn không đồng bộ được');
    // The per-invoice error is in Vietnamese too, not the English text the store keeps.
    expect(vi.text()).toContain(`${stranger} details: Hóa đơn ${stranger}`);
    expect(vi.text()).not.toContain('is not in the store');
    expect(vi.code).toBe(1);
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
