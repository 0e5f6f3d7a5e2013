/**
 * Conformance, requests: every recorded request form of two public clients (`requests/*.json`, written
 * down in our own words) replayed against the simulator, in the raw and the percent-encoded query form,
 * each answered as the portal answers it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInvoiceKey } from '../../portal/types.js';
import type { SimInvoice } from '../generator.js';
import { startSimulator, type Simulator } from '../server.js';
import { fill, replayCase, type QueryForm, type RecordedClient } from './replay.js';

const folder = new URL('./requests/', import.meta.url);
const clients = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({
    file: name,
    ...(JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as RecordedClient),
  }));

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'conformance', invoiceCount: 150, period: '2026-04' });
});
afterAll(async () => sim.close());

/** The invoice the recorded detail/export/relative calls ask for: one with XML and a chain. */
function subject(): SimInvoice {
  const invoice = sim.invoices.find((i) => i.family === 'query' && i.hsgoc !== null && i.chain.length > 0);
  if (!invoice) throw new Error('conformance: the seed has no query invoice with XML and a chain');
  return invoice;
}

function expectedRows(rows: {
  family: string;
  direction: string;
  ttxly?: number;
  nmmst?: string;
}): SimInvoice[] {
  return sim.invoices.filter(
    (i) =>
      i.family === rows.family &&
      i.direction === rows.direction &&
      (rows.ttxly === undefined || i.ttxly === rows.ttxly) &&
      (rows.nmmst === undefined ||
        i.buyer.taxCode === fill(rows.nmmst, { username: sim.credentials.username }, false)),
  );
}

describe('recorded request forms of public clients, replayed against the simulator', () => {
  it('the fixtures are consistent: each encoded query decodes to its raw form', () => {
    expect(clients.length).toBeGreaterThanOrEqual(2);
    for (const client of clients) {
      for (const recorded of client.cases) {
        if (!recorded.query) continue;
        const decoded = new URLSearchParams(recorded.query.encoded);
        const raw = recorded.query.raw
          .split('&')
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]);
        expect([...decoded.entries()], `${client.file}: ${recorded.name}`).toEqual(raw);
      }
    }
  });

  for (const client of clients) {
    for (const form of ['raw', 'encoded'] as QueryForm[]) {
      it(`${client.client} (${client.file}), query ${form}: every case answered as recorded`, async () => {
        const invoice = subject();
        const values: Record<string, string> = {
          username: sim.credentials.username,
          password: sim.credentials.password,
          'invoice.nbmst': invoice.nbmst,
          'invoice.khhdon': invoice.khhdon,
          'invoice.shdon': String(invoice.shdon),
          'invoice.khmshdon': String(invoice.khmshdon),
        };
        const pages = new Map<string, string[]>();
        for (const recorded of client.cases) {
          const label = `${client.file}: ${recorded.name} (${form})`;
          const response = await replayCase(sim.url, client, recorded, values, form);
          const want = recorded.expect;
          expect(response.status, label).toBe(want.status);
          for (const [name, value] of Object.entries(want.headers ?? {})) {
            expect(response.headers.get(name), `${label}: header ${name}`).toBe(value);
          }
          const body = response.json as Record<string, unknown>;
          if (want.message) expect(String(body.message), label).toMatch(new RegExp(want.message));
          if (want.kind === 'captcha') expect(String(body.content), label).toMatch(/^<svg/);
          if (want.kind === 'token') expect(String(body.token).split('.'), label).toHaveLength(3);
          if (want.kind === 'detail') {
            expect(formatInvoiceKey(body as never), label).toBe(formatInvoiceKey(invoice));
            expect((body.hdhhdvu as unknown[]).length, label).toBe(invoice.lines.length);
          }
          if (want.kind === 'zip') {
            expect(response.contentType, label).toBe('application/zip');
            const files = Object.keys(unzipSync(response.bytes));
            expect(
              files.some((f) => f.endsWith('invoice.xml')),
              label,
            ).toBe(true);
          }
          if (want.kind === 'relative') {
            const keys = (body as unknown as SimInvoice[]).map((row) => formatInvoiceKey(row)).sort();
            expect(keys, label).toEqual(invoice.chain.map(formatInvoiceKey).sort());
          }
          if (want.kind === 'list' && want.rows) {
            const truth = expectedRows(want.rows);
            const rows = body.datas as { id: string; tdlap: string }[];
            expect(body.total, label).toBe(truth.length);
            expect(truth.length, `${label}: the seed must give this case rows`).toBeGreaterThan(0);
            const size = want.page?.size ?? 50;
            expect(rows.length, label).toBe(Math.min(size, truth.length - size * (want.page?.index ?? 0)));
            for (const row of rows)
              expect(
                truth.map((i) => i.id),
                label,
              ).toContain(row.id);
            if (want.order === 'tdlap:desc') {
              const dates = rows.map((r) => r.tdlap);
              expect(dates, label).toEqual([...dates].sort().reverse());
            }
            if (want.page) {
              const key = JSON.stringify(want.rows);
              const seen = pages.get(key) ?? [];
              for (const row of rows) expect(seen, `${label}: pages overlap`).not.toContain(row.id);
              pages.set(key, [...seen, ...rows.map((r) => r.id)]);
            }
          }
        }
      });
    }
  }

  it('raw and percent-encoded forms get the same answers', async () => {
    const lists = clients.flatMap((client) =>
      client.cases
        .filter((c) => c.expect.kind === 'list' && !c.query?.raw.includes('{{state}}'))
        .map((c) => ({ client, c })),
    );
    const values: Record<string, string> = { ...sim.credentials };
    const login = clients.find((c) => c.base === '/api')!;
    for (const recorded of login.cases.filter(
      (c) => c.expect.kind === 'captcha' || c.expect.kind === 'token',
    ))
      await replayCase(sim.url, login, recorded, values, 'raw');
    for (const { client, c } of lists) {
      const raw = await replayCase(sim.url, client, c, values, 'raw');
      const encoded = await replayCase(sim.url, client, c, values, 'encoded');
      expect(new TextDecoder().decode(encoded.bytes), c.name).toBe(new TextDecoder().decode(raw.bytes));
    }
  });
});
