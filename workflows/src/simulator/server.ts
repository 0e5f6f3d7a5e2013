/**
 * A loopback HTTP server with the tax portal's endpoints and shapes, under both base forms
 * (`/api/<path>` and `/<path>`), seeded data and seeded faults. Tests, the demo and benchmarks use it.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatInvoiceKey, type InvoiceFamily, type InvoiceKey } from '../portal/types.js';
import { makeCaptcha } from './captcha.js';
import { generateInvoices, pickKey, sameKey, type SimInvoice } from './generator.js';
import { corruptZip, exportZip } from './invoice-xml.js';
import { detailJson, headerRow } from './portal-json.js';
import { draw } from './prng.js';
import { listOrder, parsePageSize, parseSearch, PAGE_SIZE_MAX } from './list-query.js';

export interface PollFault {
  /** Share of invoices affected (0..1). */
  rate: number;
  /** Affected invoices answer badly for their first `polls` requests, then well. */
  polls: number;
}

/** Rates are probabilities per (invoice or list page, attempt); 0 or absent = never. */
export interface SimulatorFaults {
  transient5xx?: number;
  /** Hang for `timeoutHangMs`, then answer 504. */
  timeout?: number;
  /** HTTP 200 with the firewall's HTML "Request Rejected" page. */
  firewallPage?: number;
  corruptZip?: number;
  /** Tokens stop working after this many authenticated calls or milliseconds. */
  sessionExpiry?: { afterCalls?: number; afterMs?: number };
  xmlUnavailableUntilPolls?: PollFault;
  detailsIncompleteUntilPolls?: PollFault;
}

export interface SimulatorOptions {
  seed?: string | number;
  taxCode?: string;
  password?: string;
  /** `YYYY-MM`. */
  period?: string;
  invoiceCount?: number;
  /** Requests accepted per rolling second; the rest get 429 with Retry-After. */
  rateLimitPerSecond?: number;
  faults?: SimulatorFaults;
  /** How long a "timeout" fault hangs (bounded to 30 s). */
  timeoutHangMs?: number;
  /** A list window matching more rows than this only pages through the first ones (`total` stays true). */
  listCap?: number;
  host?: string;
  port?: number;
}

export interface SimulatorStats {
  requests: number;
  byEndpoint: Record<string, number>;
  rejectedByRateLimit: number;
  faultsInjected: Record<string, number>;
}

export interface Simulator {
  url: string;
  close(): Promise<void>;
  stats(): SimulatorStats;
  invoices: SimInvoice[];
  credentials: { username: string; password: string };
}

const UNAVAILABLE_MESSAGE = 'Không tồn tại hồ sơ gốc của hóa đơn.';
const FIREWALL_PAGE =
  '<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. ' +
  'Please consult with your administrator.<br><br>Your support ID is: 4412798551234567890<br><br>' +
  '<a href="javascript:history.back();">[Go Back]</a></body></html>';

type Endpoint =
  | 'captcha'
  | 'authenticate'
  | 'profile'
  | 'logout'
  | 'preflight'
  | 'list'
  | 'detail'
  | 'export-xml'
  | 'relative'
  | 'unknown';

interface Route {
  endpoint: Endpoint;
  family?: InvoiceFamily;
  direction?: 'purchase' | 'sold';
}

function route(method: string, path: string): Route {
  const bare = path.startsWith('/api/') ? path.slice(4) : path;
  if (method === 'OPTIONS') return { endpoint: 'preflight' };
  if (method === 'GET' && bare === '/captcha') return { endpoint: 'captcha' };
  if (method === 'POST' && bare === '/security-taxpayer/authenticate') return { endpoint: 'authenticate' };
  if (method === 'GET' && bare === '/security-taxpayer/profile') return { endpoint: 'profile' };
  if ((method === 'GET' || method === 'POST') && bare === '/security-taxpayer/logout')
    return { endpoint: 'logout' };
  const match = /^\/(query|sco-query)\/invoices\/(purchase|sold|detail|export-xml|relative)$/.exec(bare);
  if (method === 'GET' && match) {
    const family = match[1] as InvoiceFamily;
    const tail = match[2]!;
    if (tail === 'purchase' || tail === 'sold') return { endpoint: 'list', family, direction: tail };
    return { endpoint: tail as Endpoint, family };
  }
  return { endpoint: 'unknown' };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function keyFromQuery(query: URLSearchParams): InvoiceKey | null {
  const nbmst = query.get('nbmst');
  const khhdon = query.get('khhdon');
  const shdon = query.get('shdon');
  const khmshdon = query.get('khmshdon');
  if (!nbmst || !khhdon || !shdon || !khmshdon || !/^\d+$/.test(shdon) || !/^\d+$/.test(khmshdon))
    return null;
  return { nbmst, khhdon, shdon: Number(shdon), khmshdon: Number(khmshdon) };
}

function bearerToken(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice(7) : '';
}

/** Echoes the caller's origin (any, like a permissive API gateway); `*` without one. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '*';
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'X-Total-Count',
    ...(origin !== '*' ? { vary: 'Origin' } : {}),
  };
}

function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const asked = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers':
      typeof asked === 'string' && asked.trim() !== ''
        ? asked
        : 'authorization, content-type, action, end-point, accept-language',
    'access-control-max-age': '3600',
  };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const taxCode = options.taxCode ?? '0109744141';
  const password = options.password ?? `Sim#${seed}`;
  const faults = options.faults ?? {};
  const hangMs = Math.min(Math.max(options.timeoutHangMs ?? 3000, 0), 30_000);
  const invoices = generateInvoices({
    seed,
    taxCode,
    period: options.period ?? '2026-04',
    invoiceCount: options.invoiceCount ?? 40,
  });
  const signingKey = `simulator-${seed}`;

  const stats: SimulatorStats = { requests: 0, byEndpoint: {}, rejectedByRateLimit: 0, faultsInjected: {} };
  const captchas = new Map<string, string>();
  const sessions = new Map<string, { calls: number; issuedAt: number }>();
  const attempts = new Map<string, number>();
  const acceptedAt: number[] = [];
  const hangs = new Set<NodeJS.Timeout>();
  let captchaSerial = 0;
  let tokenSerial = 0;

  const countFault = (name: string): void => {
    stats.faultsInjected[name] = (stats.faultsInjected[name] ?? 0) + 1;
  };
  const nextAttempt = (subject: string): number => {
    const attempt = (attempts.get(subject) ?? 0) + 1;
    attempts.set(subject, attempt);
    return attempt;
  };
  const findInvoice = (family: InvoiceFamily, key: InvoiceKey): SimInvoice | undefined =>
    invoices.find((invoice) => invoice.family === family && sameKey(invoice, key));

  /** Rolling one-second window; returns the wait in seconds when over the limit. */
  const rateLimited = (now: number): number | null => {
    const limit = options.rateLimitPerSecond;
    if (!limit) return null;
    while (acceptedAt.length > 0 && acceptedAt[0]! <= now - 1000) acceptedAt.shift();
    if (acceptedAt.length >= limit) return Math.max(1, Math.ceil((acceptedAt[0]! + 1000 - now) / 1000));
    acceptedAt.push(now);
    return null;
  };

  const issueToken = (): string => {
    const header = base64url(JSON.stringify({ alg: 'HS512', typ: 'JWT' }));
    const payload = base64url(JSON.stringify({ sub: taxCode, type: 2, jti: ++tokenSerial, iat: Date.now() }));
    const signature = createHmac('sha512', signingKey).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${signature}`;
    sessions.set(token, { calls: 0, issuedAt: Date.now() });
    return token;
  };

  /** null when the bearer token is valid and fresh; otherwise the reason. */
  const checkSession = (req: IncomingMessage): string | null => {
    const token = bearerToken(req);
    const session = sessions.get(token);
    if (!session) return 'missing or unknown token';
    session.calls++;
    const expiry = faults.sessionExpiry;
    const expiredByCalls = expiry?.afterCalls !== undefined && session.calls > expiry.afterCalls;
    const expiredByTime = expiry?.afterMs !== undefined && Date.now() - session.issuedAt > expiry.afterMs;
    if (expiredByCalls || expiredByTime) {
      sessions.delete(token);
      countFault('sessionExpiry');
      return 'session expired';
    }
    return null;
  };

  /** Seeded transport faults for one (subject, attempt); true when a fault answered the request. */
  const injectTransportFault = (res: ServerResponse, subject: string, attempt: number): boolean => {
    if (draw(seed, 'timeout', subject, attempt) < (faults.timeout ?? 0)) {
      countFault('timeout');
      const timer = setTimeout(() => {
        hangs.delete(timer);
        if (!res.writableEnded && !res.destroyed) sendJson(res, 504, { message: 'Gateway Timeout' });
      }, hangMs);
      hangs.add(timer);
      return true;
    }
    if (draw(seed, 'transient5xx', subject, attempt) < (faults.transient5xx ?? 0)) {
      countFault('transient5xx');
      const status = [500, 502, 503, 504][Math.floor(draw(seed, 'status', subject, attempt) * 4)]!;
      if (status === 500) sendJson(res, 500, { message: 'Internal Server Error', status: 500 });
      else {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(`<html><body><h1>${status}</h1></body></html>`);
      }
      return true;
    }
    if (draw(seed, 'firewallPage', subject, attempt) < (faults.firewallPage ?? 0)) {
      countFault('firewallPage');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(FIREWALL_PAGE);
      return true;
    }
    return false;
  };

  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 64 * 1024) throw new Error('body too large');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  };

  const handleAuthenticate = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      sendJson(res, 400, { message: 'Dữ liệu đăng nhập không hợp lệ.' });
      return;
    }
    const expected = typeof body.ckey === 'string' ? captchas.get(body.ckey) : undefined;
    if (typeof body.ckey === 'string') captchas.delete(body.ckey);
    if (!expected || typeof body.cvalue !== 'string' || body.cvalue.toUpperCase() !== expected) {
      sendJson(res, 400, { message: 'Mã captcha không đúng.' });
      return;
    }
    if (body.username !== taxCode || body.password !== password) {
      sendJson(res, 400, { message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
      return;
    }
    sendJson(res, 200, { token: issueToken() });
  };

  const handleList = (res: ServerResponse, routeInfo: Route, query: URLSearchParams): void => {
    const filter = parseSearch(query.get('search'));
    if (typeof filter === 'string') {
      sendJson(res, 400, { message: `Tham số tìm kiếm không hợp lệ: ${filter}` });
      return;
    }
    const size = parsePageSize(query.get('size'));
    if (typeof size === 'string') {
      sendJson(res, 400, { message: `Tham số size không hợp lệ: ${size} (1..${PAGE_SIZE_MAX})` });
      return;
    }
    const order = listOrder(query.get('sort'));
    if (typeof order === 'string') {
      sendJson(res, 400, { message: `Tham số sort không hợp lệ: ${order}` });
      return;
    }
    const matching = invoices
      .filter(
        (invoice) =>
          invoice.family === routeInfo.family &&
          invoice.direction === routeInfo.direction &&
          (filter.ttxly === undefined || invoice.ttxly === filter.ttxly) &&
          (filter.nbmst === undefined || invoice.nbmst === filter.nbmst) &&
          (filter.nmmst === undefined || invoice.buyer.taxCode === filter.nmmst),
      )
      .filter((invoice) => {
        const at = Date.parse(invoice.tdlap);
        return at >= filter.from && at <= filter.to;
      })
      .sort(order);
    const pageable = options.listCap !== undefined ? matching.slice(0, options.listCap) : matching;
    let offset = 0;
    const state = query.get('state');
    if (state) {
      const decoded = /^o(\d+)$/.exec(Buffer.from(state, 'base64url').toString('utf8'));
      if (!decoded) {
        sendJson(res, 400, { message: 'Tham số state không hợp lệ.' });
        return;
      }
      offset = Number(decoded[1]);
    }
    const page = pageable.slice(offset, offset + size);
    const nextOffset = offset + page.length;
    sendJson(res, 200, {
      datas: page.map(headerRow),
      total: matching.length,
      state: nextOffset < pageable.length ? base64url(`o${nextOffset}`) : null,
      time: 12,
    });
  };

  const handleInvoice = (
    res: ServerResponse,
    routeInfo: Route,
    query: URLSearchParams,
    attempt: number,
  ): void => {
    const key = keyFromQuery(query);
    if (!key) {
      sendJson(res, 400, { message: 'Thiếu tham số nbmst, khhdon, shdon, khmshdon.' });
      return;
    }
    const invoice = findInvoice(routeInfo.family!, key);
    if (!invoice) {
      sendJson(res, 404, { message: 'Không tìm thấy hóa đơn.' });
      return;
    }
    const label = formatInvoiceKey(invoice);
    if (routeInfo.endpoint === 'detail') {
      const fault = faults.detailsIncompleteUntilPolls;
      const delayed = fault && draw(seed, 'detailsIncomplete', label) < fault.rate && attempt <= fault.polls;
      if (delayed) countFault('detailsIncomplete');
      sendJson(res, 200, detailJson(invoice, !delayed && !invoice.permanentlyWithoutXml));
      return;
    }
    if (routeInfo.endpoint === 'relative') {
      sendJson(
        res,
        200,
        invoice.chain.map((k) => headerRow(findInvoice(invoice.family, pickKey(k))!)),
      );
      return;
    }
    const fault = faults.xmlUnavailableUntilPolls;
    const delayed = fault && draw(seed, 'xmlUnavailable', label) < fault.rate && attempt <= fault.polls;
    if (invoice.hsgoc === null || delayed) {
      if (delayed) countFault('xmlUnavailable');
      sendJson(res, 500, { message: UNAVAILABLE_MESSAGE, status: 500 });
      return;
    }
    const broken = draw(seed, 'corruptZip', label, attempt) < (faults.corruptZip ?? 0);
    if (broken) countFault('corruptZip');
    const body = broken ? corruptZip(invoice) : exportZip(invoice);
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="invoice.zip"`,
    });
    res.end(Buffer.from(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const routeInfo = route(req.method ?? 'GET', url.pathname);
    stats.requests++;
    stats.byEndpoint[routeInfo.endpoint] = (stats.byEndpoint[routeInfo.endpoint] ?? 0) + 1;
    // The portal's own page calls the API from another origin: every answer carries CORS headers.
    for (const [name, value] of Object.entries(corsHeaders(req))) res.setHeader(name, value);
    if (routeInfo.endpoint === 'preflight') {
      res.writeHead(204, preflightHeaders(req));
      res.end();
      return;
    }

    const wait = rateLimited(Date.now());
    if (wait !== null) {
      stats.rejectedByRateLimit++;
      sendJson(res, 429, { message: 'Too Many Requests' }, { 'retry-after': String(wait) });
      return;
    }
    switch (routeInfo.endpoint) {
      case 'unknown':
        sendJson(res, 404, { message: 'Not Found' });
        return;
      case 'captcha': {
        const captcha = makeCaptcha(seed, ++captchaSerial);
        captchas.set(captcha.key, captcha.answer);
        sendJson(res, 200, { key: captcha.key, content: captcha.svg });
        return;
      }
      case 'authenticate':
        await handleAuthenticate(req, res);
        return;
    }
    const sessionProblem = checkSession(req);
    if (sessionProblem) {
      sendJson(res, 401, { message: `Unauthorized: ${sessionProblem}` });
      return;
    }
    if (routeInfo.endpoint === 'logout') {
      sessions.delete(bearerToken(req));
      sendJson(res, 200, { message: 'Đăng xuất thành công.' });
      return;
    }
    if (routeInfo.endpoint === 'profile') {
      sendJson(res, 200, { mst: taxCode, ten: 'CÔNG TY CỔ PHẦN GIẢI PHÁP TÀI CHÍNH MẪU' });
      return;
    }
    // Faults are keyed on what is asked (list window and cursor, or invoice), and its attempt number.
    const subject =
      routeInfo.endpoint === 'list'
        ? `list:${routeInfo.family}/${routeInfo.direction}?${url.searchParams.get('search')}&${url.searchParams.get('state') ?? ''}`
        : `${routeInfo.endpoint}:${routeInfo.family}:${url.searchParams.get('nbmst')}/${url.searchParams.get('khmshdon')}/${url.searchParams.get('khhdon')}/${url.searchParams.get('shdon')}`;
    const attempt = nextAttempt(subject);
    if (injectTransportFault(res, subject, attempt)) return;
    if (routeInfo.endpoint === 'list') handleList(res, routeInfo, url.searchParams);
    else handleInvoice(res, routeInfo, url.searchParams, attempt);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { message: 'Simulator error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    invoices,
    credentials: { username: taxCode, password },
    stats: () => structuredClone(stats),
    close: async () => {
      for (const timer of hangs) clearTimeout(timer);
      hangs.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
