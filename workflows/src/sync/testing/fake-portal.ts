/**
 * A scripted `PortalClient` for tests of the sync: headers paged with a cursor, and per invoice a list
 * of outcomes for details and XML (`ok`, or a `PortalError` kind), consumed one per call; the last
 * outcome repeats. Counts every call so tests can prove nothing was fetched twice.
 */
import { PortalError } from '../../portal/errors.js';
import {
  formatInvoiceKey,
  type InvoiceDirection,
  type InvoiceFamily,
  type InvoiceKey,
  type PortalClient,
  type PortalErrorKind,
  type PortalHeader,
} from '../../portal/types.js';

export type Outcome = 'ok' | 'incomplete' | 'bad-xml' | PortalErrorKind;

export interface FakeInvoice extends InvoiceKey {
  direction?: InvoiceDirection;
  family?: InvoiceFamily;
  ttxly?: 5 | 6 | 8;
  /** The listing's original-XML record id; null = the portal lists no XML for it. Default: one exists. */
  hsgoc?: string | null;
  issueDate?: string;
  details?: Outcome[];
  xml?: Outcome[];
}

export interface FakePortal extends PortalClient {
  calls: { list: number; detail: Map<string, number>; xml: Map<string, number> };
  /** Called before every portal answer (e.g. to abort a run midway). */
  onCall?: (endpoint: 'list' | 'detail' | 'xml', key?: string) => void;
}

export function fakeKey(index: number): InvoiceKey {
  return {
    nbmst: '0100109106',
    khmshdon: 1,
    khhdon: index % 3 === 0 ? 'K26TAS' : 'C26TAS',
    shdon: 1000 + index,
  };
}

function fail(kind: PortalErrorKind, endpoint: string, key: string): PortalError {
  const messageKey =
    kind === 'rate_limited'
      ? 'rateLimited'
      : kind === 'unavailable'
        ? 'unavailable'
        : kind === 'auth_expired'
          ? 'authExpired'
          : kind === 'bad_credentials'
            ? 'badCredentials'
            : kind === 'not_found'
              ? 'notFound'
              : kind === 'malformed'
                ? 'unexpectedData'
                : 'serverError';
  return new PortalError({
    kind,
    endpoint,
    messageKey,
    invoiceKey: key,
    ...(kind === 'rate_limited' ? { retryAfterMs: 5, params: { seconds: 1 } } : {}),
    params: { portalMessage: 'scripted', seconds: 1, reason: 'scripted' },
    secrets: ['hunter2-password'],
  });
}

export function validXml(key: InvoiceKey): string {
  return `<HDon><DLHDon><TTChung><KHMSHDon>${key.khmshdon}</KHMSHDon><KHHDon>${key.khhdon}</KHHDon><SHDon>${key.shdon}</SHDon></TTChung></DLHDon></HDon>`;
}

export function createFakePortal(
  invoices: FakeInvoice[],
  options: { pageSize?: number; delayMs?: number; listCap?: number } = {},
): FakePortal {
  const pageSize = options.pageSize ?? 2;
  const byKey = new Map(invoices.map((invoice) => [formatInvoiceKey(invoice), invoice]));
  const seen = { detail: new Map<string, number>(), xml: new Map<string, number>() };
  const delay = () =>
    options.delayMs ? new Promise((resolve) => setTimeout(resolve, options.delayMs)) : Promise.resolve();

  function next(outcomes: Outcome[] | undefined, count: number): Outcome {
    const list = outcomes ?? ['ok'];
    return list[Math.min(count - 1, list.length - 1)]!;
  }

  const portal: FakePortal = {
    calls: { list: 0, detail: seen.detail, xml: seen.xml },
    async listHeaders(request) {
      portal.calls.list++;
      portal.onCall?.('list');
      await delay();
      const rows = invoices.filter(
        (invoice) =>
          (invoice.direction ?? 'purchase') === request.direction &&
          (invoice.family ?? 'query') === request.family &&
          (request.direction === 'sold' || (invoice.ttxly ?? 5) === request.ttxly) &&
          (invoice.issueDate ?? '2026-04-10') >= request.from &&
          (invoice.issueDate ?? '2026-04-10') <= request.to,
      );
      const start = request.state ? Number(request.state) : 0;
      // Like the portal: a window matching more than `listCap` rows pages through the first ones only.
      const reachable = rows.slice(0, options.listCap ?? rows.length);
      const page = reachable.slice(start, start + pageSize);
      const headers: PortalHeader[] = page.map((invoice) => ({
        nbmst: invoice.nbmst,
        khmshdon: invoice.khmshdon,
        khhdon: invoice.khhdon,
        shdon: invoice.shdon,
        id: `id-${formatInvoiceKey(invoice)}`,
        family: invoice.family ?? 'query',
        direction: invoice.direction ?? 'purchase',
        issueDate: invoice.issueDate ?? '2026-04-10',
        tthai: 1,
        ttxly: invoice.ttxly ?? 5,
        hsgoc: invoice.hsgoc === undefined ? `hs-${formatInvoiceKey(invoice)}` : invoice.hsgoc,
        raw: { nbten: 'Công ty Bán', tgtttbso: 1080000 },
      }));
      const nextStart = start + pageSize;
      return {
        headers,
        nextState: nextStart < reachable.length ? String(nextStart) : null,
        total: rows.length,
      };
    },
    async getDetail(family, key, signal) {
      const text = formatInvoiceKey(key);
      const count = (seen.detail.get(text) ?? 0) + 1;
      seen.detail.set(text, count);
      portal.onCall?.('detail', text);
      await delay();
      signal?.throwIfAborted();
      const outcome = next(byKey.get(text)?.details, count);
      if (outcome === 'ok' || outcome === 'incomplete' || outcome === 'bad-xml') {
        return {
          ...key,
          family,
          hdhhdvu: [{ stt: 1, ten: outcome === 'incomplete' ? null : 'Dịch vụ', thtien: 1000000 }],
        };
      }
      throw fail(outcome, `${family}/invoices/detail`, text);
    },
    async exportXml(family, key, signal) {
      const text = formatInvoiceKey(key);
      const count = (seen.xml.get(text) ?? 0) + 1;
      seen.xml.set(text, count);
      portal.onCall?.('xml', text);
      await delay();
      signal?.throwIfAborted();
      const outcome = next(byKey.get(text)?.xml, count);
      if (outcome === 'ok' || outcome === 'incomplete') return validXml(key);
      if (outcome === 'bad-xml') return '<HDon><unclosed>';
      throw fail(outcome, `${family}/invoices/export-xml`, text);
    },
    async getRelative() {
      return [];
    },
  };
  return portal;
}

/** Parsers for fake data: complete when every line has a name; XML is good when it closes. */
export const fakeParsers = {
  parseInvoiceXml(xml: string, options: { invoiceKey: string }) {
    if (!xml.endsWith('</HDon>')) throw new Error(`XML of ${options.invoiceKey} is not well-formed (line 1)`);
    return { warnings: [] };
  },
  normaliseDetail(detail: unknown) {
    const lines = ((detail as { hdhhdvu?: { ten: string | null }[] }).hdhhdvu ?? []) as {
      ten: string | null;
    }[];
    const missing = lines.filter((line) => !line.ten).length;
    return { lines, complete: missing === 0, problems: missing ? [`${missing} line(s) without a name`] : [] };
  },
  isRefusal: () => false,
};
