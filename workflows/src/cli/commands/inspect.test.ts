/** `invoices inspect` in-process: files of every fixture, a key from the store, and the exit codes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { einvoiceFixturePath, readEinvoiceFixture } from '#einvoice/fixtures';
import type { PortalHeader } from '../../portal/types.js';
import { openStore, type InvoiceStore } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { runCli } from '../run-cli.js';

async function inspect(args: string[], store?: InvoiceStore) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: {},
    ...(store ? { store } : {}),
  };
  const code = await runCli(['invoices', 'inspect', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CLEAN = [
  'real-vnpt-k25tek.xml',
  'real-vnpt-k25tek-signed.xml',
  'detail-vnpt.json',
  'bkav-c25tbk.xml',
  'bkav-c25tbk.json',
  'misa-c26tmi.xml',
  'misa-c26tmi.json',
  'viettel-k26tvt.xml',
  'viettel-k26tvt.json',
];
const WITH_WARNINGS = [
  'draft-mock-a-HDON_GTGT_PA1.xml',
  'draft-mock-c-HDON_BH.xml',
  'draft-mock-e-HDON_PXKKVCDT.xml',
  'draft-mock-g-HDON_KHAC.xml',
];

describe('invoices inspect', () => {
  it.each(CLEAN)('summarises %s and exits 0', async (name) => {
    const run = await inspect([einvoiceFixturePath(name)]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Invoice \d{10}(-\d{3})?\/1\/[CK]\d\d[A-Z]{3}\/\d+ \(from /);
    expect(run.out).toContain('Signatures:');
    expect(run.out).toContain('No warnings.');
  });

  it.each(WITH_WARNINGS)('lists the warnings of %s with their element paths and exits 1', async (name) => {
    const run = await inspect([einvoiceFixturePath(name)]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/Warnings \(\d+\):\n {2}\[TTChung\/KHMSHDon\] /);
  });

  it('prints the real VNPT invoice in Vietnamese formats', async () => {
    const run = await inspect([einvoiceFixturePath('real-vnpt-k25tek.xml'), '--lang', 'vi']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('ngày lập 22/09/2025');
    expect(run.out).toContain('tổng tiền thanh toán: 3.791.700 ₫');
    expect(run.out).toContain('khuyến mại (miễn phí)');
    expect(run.out).toContain(
      'CÔNG TY CỔ PHẦN VINHOMES (mã số thuế 0102671977), ký lúc 22/09/2025 15:41:21, rsa-sha1',
    );
    expect(run.out).toContain('Không có cảnh báo.');
  });

  it('--verify checks the signature: valid as signed, invalid once changed (exit 1)', async () => {
    const signed = await inspect([einvoiceFixturePath('real-vnpt-k25tek-signed.xml'), '--verify']);
    expect(signed.code).toBe(0);
    expect(signed.out).toContain('signature valid for this certificate (chain of trust not checked)');
    const indented = await inspect([einvoiceFixturePath('real-vnpt-k25tek.xml'), '--verify']);
    expect(indented.code).toBe(1);
    expect(indented.out).toContain('SIGNATURE INVALID');
    expect(indented.out).toContain(
      '[DSCKS/NBan] Invoice 0102671977/1/K25TEK/5082: signature DSCKS/NBan does not verify',
    );
  });

  it('--json gives the model with decimal strings and the warnings', async () => {
    const run = await inspect([einvoiceFixturePath('detail-vnpt.json'), '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out) as {
      invoice: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      warnings: unknown[];
      ok: boolean;
    };
    expect(json.ok).toBe(true);
    expect(json.warnings).toEqual([]);
    expect(json.invoice['totals']['totalPayable']).toBe('3791700');
    expect(json.invoice['lines'][1]['vatAmount']).toBe('344700');
    expect(json.invoice['signatures']['seller']['serialNumber']).toBe('540101017EDD7543E413F92EC333E53A');
    expect(json.invoice['header']['issueDate']).toBe('2025-09-22');
  });

  it('exits 1 with each problem named for an inconsistent invoice, and in JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    const file = join(dir, 'bad.xml');
    writeFileSync(
      file,
      readEinvoiceFixture('real-vnpt-k25tek.xml').replace(
        '<TgTThue>344700</TgTThue>',
        '<TgTThue>1E9999999999999999</TgTThue>',
      ),
    );
    const run = await inspect([file]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      '[NDHDon/TToan/TgTThue] Invoice 0102671977/1/K25TEK/5082: NDHDon/TToan/TgTThue is not a number',
    );
    const json = JSON.parse((await inspect([file, '--json', '--lang', 'vi'])).out) as {
      ok: boolean;
      warnings: { code: string; message: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.warnings[0]).toMatchObject({ code: 'invalid-number' });
    expect(json.warnings[0]!.message).toMatch(/^Hóa đơn /);
  });

  it('exits 2 with the position for a truncated file, and for something that is neither file nor key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    const file = join(dir, 'cut.xml');
    const xml = readEinvoiceFixture('real-vnpt-k25tek.xml');
    writeFileSync(file, xml.slice(0, xml.indexOf('<TToan>')));
    const cut = await inspect([file]);
    expect(cut.code).toBe(2);
    expect(cut.err).toMatch(
      /cut\.xml: Invoice \(unknown key\): malformed XML at line \d+, column \d+: unclosed tag/,
    );
    const none = await inspect(['no-such-thing']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('"no-such-thing" is neither a file nor an invoice key');
  });

  describe('a key from the store', () => {
    let store: InvoiceStore;
    const key = { nbmst: '0102671977', khmshdon: 1, khhdon: 'K25TEK', shdon: 5082 };
    beforeAll(async () => {
      store = await openStore({ databaseUrl: '', dataDir: 'memory://' });
      const header: PortalHeader = {
        ...key,
        id: '601d5eee-ec28-45aa-a94b-e08abd156ebf',
        family: 'query',
        direction: 'purchase',
        issueDate: '2025-09-22',
        tthai: 1,
        ttxly: 6,
        hsgoc: '446a34be-16bb-4aae-ad2b-f9c9d2cf3eb1',
        raw: { ...key },
      };
      await store.upsertHeaders('0109744141', [header, { ...header, shdon: 5083, id: 'other' }]);
      await store.saveXml(key, readEinvoiceFixture('real-vnpt-k25tek.xml'), { status: 'synced' });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('reads its stored XML', async () => {
      const run = await inspect(['0102671977/1/K25TEK/5082'], store);
      expect(run.code).toBe(0);
      expect(run.out).toContain('Invoice 0102671977/1/K25TEK/5082 (from XML)');
    });

    it('exits 2 when neither XML nor detail is stored', async () => {
      const run = await inspect(['0102671977/1/K25TEK/5083'], store);
      expect(run.code).toBe(2);
      expect(run.err).toBe(
        'Invoice 0102671977/1/K25TEK/5083: neither its XML nor its detail is in the store',
      );
    });
  });
});
