/**
 * The tax-portal HTTP client: login with captcha, header lists with cursor paging, details, XML export
 * and related invoices. Every call has a timeout; every failure is a classified `PortalError`; an
 * expired session is renewed once per call. Retries of other failures are the caller's policy.
 */
import Bottleneck from 'bottleneck';
import { extractInvoiceXml } from './archive.js';
import { parseJsonExactly } from './exact-json.js';
import type { CaptchaSolver } from './captcha.js';
import { searchFilter, vietnamDateOf } from './dates.js';
import { classifyFailure, classifyResponse, isConnectionError, PortalError } from './errors.js';
import { listAllHeaders, type ListAllOptions, type ListAllRequest } from './list-all.js';
import {
  captchaSchema,
  detailSchema,
  headerRowSchema,
  keyOfRow,
  listResponseSchema,
  parseWith,
  relativeResponseSchema,
  sameInvoiceKey,
  tokenSchema,
} from './schemas.js';
import {
  formatInvoiceKey,
  type HeaderPage,
  type InvoiceDirection,
  type InvoiceFamily,
  type InvoiceKey,
  type ListHeadersRequest,
  type PortalClient,
  type PortalHeader,
} from './types.js';

/** pino-compatible subset. */
export interface PortalLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

export interface PortalClientOptions {
  /** Tried in order (e.g. `https://hoadondientu.gdt.gov.vn/api`, `https://hoadondientu.gdt.gov.vn:30000`). */
  baseUrls: string[];
  username: string;
  password: string;
  captcha: CaptchaSolver;
  /** Per request, including reading the body. Default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  logger?: PortalLogger;
  /** Rows per list page (the portal allows up to 50). */
  pageSize?: number;
  /** Login tries when the portal says the captcha was wrong (each with a new captcha). Default 3. */
  captchaAttempts?: number;
  /**
   * Client-side pacing for runs without Temporal's task-queue rate limit (the community's safe pace is
   * about 1 request/s). Unset = no pacing.
   */
  requestsPerSecond?: number;
}

export interface TaxPortalClient extends PortalClient {
  login(signal?: AbortSignal): Promise<void>;
  /** Every header of a date range: month windows (split further if capped), all pages, deduplicated. */
  listAllHeaders(request: ListAllRequest, options?: ListAllOptions): AsyncGenerator<PortalHeader>;
  /** Like `exportXml`, but fails fast as `unavailable` when the header says no original record exists. */
  exportXmlForHeader(header: PortalHeader, signal?: AbortSignal): Promise<string>;
  /** The base URL that answered last (after fallback). */
  readonly activeBaseUrl: string;
}

const LIST_SORT = 'tdlap:desc,khmshdon:asc,shdon:desc';
const NO_ORIGINAL_MESSAGE = 'Không tồn tại hồ sơ gốc của hóa đơn.';

interface Call {
  /** Path after the base, e.g. `query/invoices/detail`; also the endpoint name in errors. */
  path: string;
  query?: Record<string, string | number | undefined | null>;
  method?: 'GET' | 'POST';
  body?: unknown;
  expect: 'json' | 'zip';
  invoiceKey?: string;
  login?: boolean;
  authenticated?: boolean;
  signal?: AbortSignal | undefined;
}

interface Received {
  json?: unknown;
  bytes?: Uint8Array;
}

export function createPortalClient(options: PortalClientOptions): TaxPortalClient {
  if (options.baseUrls.length === 0) throw new Error('createPortalClient: baseUrls is empty');
  const baseUrls = options.baseUrls.map((url) => url.replace(/\/+$/, ''));
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 50);
  const logger = options.logger;
  let activeBase = 0;
  let token: string | null = null;
  let loginInFlight: Promise<void> | null = null;
  const pacer =
    options.requestsPerSecond && options.requestsPerSecond > 0
      ? new Bottleneck({ minTime: Math.ceil(1000 / options.requestsPerSecond), maxConcurrent: null })
      : null;

  const secrets = (): string[] => [options.password, ...(token ? [token] : [])];

  const urlFor = (base: string, call: Call): string => {
    const url = new URL(`${base}/${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    return url.toString();
  };

  /** One HTTP exchange with base-URL fallback on connection errors; returns the classified result. */
  const exchange = (call: Call): Promise<Received> =>
    pacer ? pacer.schedule(() => exchangeNow(call)) : exchangeNow(call);

  const exchangeNow = async (call: Call): Promise<Received> => {
    const headers: Record<string, string> = {
      accept: call.expect === 'zip' ? 'application/zip, */*' : 'application/json',
    };
    if (call.authenticated !== false && token) headers.authorization = `Bearer ${token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const context = {
      endpoint: call.path,
      timeoutMs,
      secrets: secrets(),
      ...(call.invoiceKey ? { invoiceKey: call.invoiceKey } : {}),
    };
    let lastFailure: unknown;
    for (let tried = 0; tried < baseUrls.length; tried++) {
      const index = (activeBase + tried) % baseUrls.length;
      const signals = [AbortSignal.timeout(timeoutMs), ...(call.signal ? [call.signal] : [])];
      const signal = AbortSignal.any(signals);
      let response: Response;
      let body: Uint8Array;
      try {
        response = await fetchImpl(urlFor(baseUrls[index]!, call), {
          method: call.method ?? 'GET',
          headers,
          signal,
          ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        });
        body = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        lastFailure = error;
        if (isConnectionError(error) && tried + 1 < baseUrls.length) {
          logger?.warn(
            { base: baseUrls[index], endpoint: call.path },
            'portal base URL unreachable, trying the next',
          );
          continue;
        }
        throw classifyFailure(error, context);
      }
      if (index !== activeBase) {
        logger?.info({ base: baseUrls[index] }, 'portal base URL switched');
        activeBase = index;
      }
      const bodyText = new TextDecoder().decode(call.expect === 'zip' ? body.subarray(0, 4096) : body);
      const failure = classifyResponse(
        { status: response.status, headers: response.headers, bodyText },
        { ...context, expect: call.expect, ...(call.login ? { login: true } : {}) },
      );
      if (failure) throw failure;
      if (call.expect === 'zip') return { bytes: body };
      let parsed: ReturnType<typeof parseJsonExactly>;
      try {
        parsed = parseJsonExactly(bodyText);
      } catch (error) {
        throw new PortalError({
          kind: 'malformed',
          endpoint: call.path,
          status: response.status,
          messageKey: 'malformedJson',
          params: { reason: error instanceof Error ? error.message : String(error) },
          secrets: secrets(),
          ...(call.invoiceKey ? { invoiceKey: call.invoiceKey } : {}),
        });
      }
      const [inexact] = parsed.inexact;
      if (inexact) {
        throw new PortalError({
          kind: 'malformed',
          endpoint: call.path,
          status: response.status,
          messageKey: 'inexactNumber',
          params: { path: inexact.field, source: inexact.source },
          ...(call.invoiceKey ? { invoiceKey: call.invoiceKey } : {}),
        });
      }
      return { json: parsed.value };
    }
    throw classifyFailure(lastFailure, context);
  };

  const loginOnce = async (signal?: AbortSignal): Promise<void> => {
    const attempts = Math.max(1, options.captchaAttempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      const captcha = await exchange({ path: 'captcha', expect: 'json', authenticated: false, signal });
      const { key, content } = parseWith(captchaSchema, captcha.json, { endpoint: 'captcha' });
      const answer = await options.captcha.solve(content, key);
      try {
        const result = await exchange({
          path: 'security-taxpayer/authenticate',
          method: 'POST',
          body: { username: options.username, password: options.password, cvalue: answer, ckey: key },
          expect: 'json',
          login: true,
          authenticated: false,
          signal,
        });
        token = parseWith(tokenSchema, result.json, { endpoint: 'security-taxpayer/authenticate' }).token;
        logger?.info({ username: options.username }, 'logged in to the tax portal');
        return;
      } catch (error) {
        const wrongCaptcha =
          error instanceof PortalError && error.kind === 'bad_credentials' && /captcha/i.test(error.message);
        if (!wrongCaptcha || attempt >= attempts) throw error;
        logger?.warn({ attempt }, 'captcha rejected, asking again');
      }
    }
  };

  const login = async (signal?: AbortSignal): Promise<void> => {
    // Concurrent callers share one login (one captcha).
    loginInFlight ??= loginOnce(signal).finally(() => {
      loginInFlight = null;
    });
    return loginInFlight;
  };

  /** An authenticated call: logs in first if needed, and once more if the session expired. */
  const authed = async (call: Call): Promise<Received> => {
    if (!token) await login(call.signal);
    const tokenUsed = token;
    try {
      return await exchange(call);
    } catch (error) {
      if (!(error instanceof PortalError) || error.kind !== 'auth_expired') throw error;
      logger?.info({ endpoint: call.path }, 'portal session expired, logging in again');
      // Concurrent calls that hit the same expiry share one new login; a call that already sees a
      // newer token just retries with it.
      if (token === tokenUsed) token = null;
      if (!token) await login(call.signal);
      return exchange(call);
    }
  };

  const keyQuery = (key: InvoiceKey): Call['query'] => ({
    nbmst: key.nbmst,
    khhdon: key.khhdon,
    shdon: key.shdon,
    khmshdon: key.khmshdon,
  });

  const toHeader = (
    row: unknown,
    family: InvoiceFamily,
    direction: InvoiceDirection,
    endpoint: string,
    index: number,
  ): PortalHeader => {
    const parsed = parseWith(headerRowSchema, row, { endpoint, pathPrefix: `datas[${index}]` });
    return {
      id: parsed.id,
      nbmst: parsed.nbmst,
      khmshdon: parsed.khmshdon,
      khhdon: parsed.khhdon,
      shdon: parsed.shdon,
      family,
      direction,
      issueDate: vietnamDateOf(parsed.tdlap),
      tthai: parsed.tthai ?? null,
      ttxly: parsed.ttxly ?? null,
      hsgoc: parsed.hsgoc ?? null,
      raw: row as Record<string, unknown>,
    };
  };

  const client: TaxPortalClient = {
    get activeBaseUrl() {
      return baseUrls[activeBase]!;
    },
    login,

    async listHeaders(request: ListHeadersRequest): Promise<HeaderPage> {
      const path = `${request.family}/invoices/${request.direction}`;
      const received = await authed({
        path,
        query: {
          sort: LIST_SORT,
          size: pageSize,
          search: searchFilter(request),
          state: request.state || undefined,
        },
        expect: 'json',
        signal: request.signal,
      });
      const page = parseWith(listResponseSchema, received.json, { endpoint: path });
      return {
        headers: (page.datas ?? []).map((row, index) =>
          toHeader(row, request.family, request.direction, path, index),
        ),
        nextState: page.state ? page.state : null,
        total: page.total,
      };
    },

    listAllHeaders(request, listOptions) {
      return listAllHeaders(client, request, listOptions);
    },

    async getDetail(family, key, signal) {
      const path = `${family}/invoices/detail`;
      const invoiceKey = formatInvoiceKey(key);
      const received = await authed({ path, query: keyQuery(key), expect: 'json', invoiceKey, signal });
      const detail = parseWith(detailSchema, received.json, { endpoint: path, invoiceKey });
      if (!sameInvoiceKey(detail, key)) {
        throw new PortalError({
          kind: 'malformed',
          endpoint: path,
          invoiceKey,
          messageKey: 'unexpectedData',
          params: { path: 'nbmst/khmshdon/khhdon/shdon', problem: `answer is for ${keyOfRow(detail)}` },
        });
      }
      return received.json as Record<string, unknown>;
    },

    async exportXml(family, key, signal) {
      const path = `${family}/invoices/export-xml`;
      const invoiceKey = formatInvoiceKey(key);
      const received = await authed({ path, query: keyQuery(key), expect: 'zip', invoiceKey, signal });
      return extractInvoiceXml(received.bytes!, { endpoint: path, invoiceKey });
    },

    async exportXmlForHeader(header, signal) {
      if (header.hsgoc === null) {
        throw new PortalError({
          kind: 'unavailable',
          endpoint: `${header.family}/invoices/export-xml`,
          invoiceKey: formatInvoiceKey(header),
          messageKey: 'noOriginalRecord',
          params: { portalMessage: NO_ORIGINAL_MESSAGE },
        });
      }
      return client.exportXml(header.family, header, signal);
    },

    async getRelative(family, key, signal) {
      const path = `${family}/invoices/relative`;
      const invoiceKey = formatInvoiceKey(key);
      const received = await authed({ path, query: keyQuery(key), expect: 'json', invoiceKey, signal });
      const parsed = parseWith(relativeResponseSchema, received.json, { endpoint: path, invoiceKey });
      return Array.isArray(parsed) ? parsed : (parsed.datas ?? []);
    },
  };
  return client;
}
