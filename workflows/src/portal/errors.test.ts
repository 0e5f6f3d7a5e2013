import { describe, expect, it } from 'vitest';
import {
  classifyFailure,
  classifyResponse,
  maskSecrets,
  parseRetryAfter,
  portalMessageOf,
  PortalError,
} from './errors.js';

const respond = (status: number, bodyText: string, headers: Record<string, string> = {}) => ({
  status,
  bodyText,
  headers: new Headers(headers),
});
const json = {
  endpoint: 'query/invoices/detail',
  expect: 'json' as const,
  invoiceKey: '0100109106/1/C26TAS/12',
};

describe('classifyResponse', () => {
  it('429 -> rate_limited, Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(classifyResponse(respond(429, '', { 'retry-after': '7' }), { ...json, now })).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 7000,
    });
    const dated = classifyResponse(respond(429, '', { 'retry-after': 'Mon, 23 Nov 2026 10:00:30 GMT' }), {
      ...json,
      now,
    });
    expect(dated?.retryAfterMs).toBe(30_000);
    const bare = classifyResponse(respond(429, ''), json);
    expect(bare?.kind).toBe('rate_limited');
    expect(bare?.retryAfterMs).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('401/403 -> auth_expired, but on login any 4xx -> bad_credentials', () => {
    expect(classifyResponse(respond(401, ''), json)?.kind).toBe('auth_expired');
    expect(classifyResponse(respond(403, ''), json)?.kind).toBe('auth_expired');
    const login = classifyResponse(respond(400, '{"message":"Mã captcha không đúng."}'), {
      ...json,
      login: true,
    });
    expect(login?.kind).toBe('bad_credentials');
    expect(login?.message).toContain('Mã captcha không đúng.');
  });

  it('"Không tồn tại hồ sơ gốc" on HTTP 500 -> unavailable; other 5xx -> transient', () => {
    const body = '{"message":"Không tồn tại hồ sơ gốc của hóa đơn.","status":500}';
    expect(classifyResponse(respond(500, body), json)?.kind).toBe('unavailable');
    expect(classifyResponse(respond(500, '{"message":"boom"}'), json)?.kind).toBe('transient');
    expect(
      classifyResponse(respond(503, '<html>down</html>', { 'content-type': 'text/html' }), json),
    ).toMatchObject({
      kind: 'transient',
      status: 503,
      invoiceKey: json.invoiceKey,
    });
  });

  it('the firewall page on HTTP 200 -> transient; good bodies -> null', () => {
    const page =
      '<html><head><title>Request Rejected</title></head><body>The requested URL was rejected.</body></html>';
    expect(classifyResponse(respond(200, page, { 'content-type': 'text/html' }), json)?.messageKey).toBe(
      'firewall',
    );
    expect(classifyResponse(respond(200, page), { ...json, expect: 'zip' })?.kind).toBe('transient');
    expect(
      classifyResponse(respond(200, '{"datas":[]}', { 'content-type': 'application/json' }), json),
    ).toBeNull();
    expect(classifyResponse(respond(200, 'PK\u0003\u0004...'), { ...json, expect: 'zip' })).toBeNull();
  });

  it('404 -> not_found, other 4xx -> malformed (permanent)', () => {
    expect(classifyResponse(respond(404, ''), json)?.kind).toBe('not_found');
    const bad = classifyResponse(respond(400, '{"message":"Tham số không hợp lệ"}'), json)!;
    expect(bad.kind).toBe('malformed');
    expect(bad.permanent).toBe(true);
  });
});

describe('messages', () => {
  it('exist in English and Vietnamese and name the invoice', () => {
    const error = classifyResponse(respond(502, ''), json)!;
    expect(error.message).toContain('0100109106/1/C26TAS/12');
    expect(error.message).toContain('HTTP 502');
    expect(error.localized('vi')).toContain('hóa đơn 0100109106/1/C26TAS/12');
    expect(error.localized('vi')).toContain('thử lại');
  });

  it('mask registered secrets and anything that looks like a bearer token or JWT', () => {
    const jwt = 'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiIxIn0.abcDEF123';
    expect(maskSecrets(`p=Secret!Pass Bearer abc.def ${jwt}`, ['Secret!Pass'])).toBe('p=*** Bearer *** ***');
    const error = new PortalError({
      kind: 'malformed',
      endpoint: 'x',
      messageKey: 'badRequest',
      params: { portalMessage: 'echo Secret!Pass' },
      secrets: ['Secret!Pass'],
    });
    expect(error.message).not.toContain('Secret!Pass');
    expect(error.localized('vi')).not.toContain('Secret!Pass');
  });

  it('timeouts and connection failures are transient', () => {
    const timeout = classifyFailure(new DOMException('timed out', 'TimeoutError'), {
      endpoint: 'captcha',
      timeoutMs: 50,
    });
    expect([timeout.kind, timeout.messageKey]).toEqual(['transient', 'timeout']);
    const refused = classifyFailure(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), {
      endpoint: 'captcha',
      timeoutMs: 50,
    });
    expect([refused.kind, refused.message]).toEqual([
      'transient',
      'Cannot reach the tax portal (captcha): ECONNREFUSED.',
    ]);
  });
});

describe('portalMessageOf', () => {
  it("takes the portal's JSON message without its final full stop (our sentence adds one)", () => {
    const body = JSON.stringify({ message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    expect(portalMessageOf(body)).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    const error = new PortalError({
      kind: 'bad_credentials',
      endpoint: 'security-taxpayer/authenticate',
      messageKey: 'badCredentials',
      params: { portalMessage: portalMessageOf(body) },
    });
    expect(error.localized('vi')).toBe(
      'Cổng thuế từ chối đăng nhập: Tên đăng nhập hoặc mật khẩu không đúng.',
    );
  });
});
