/**
 * Every failed portal call becomes a `PortalError` with a `kind`, so retry policy is decided without
 * looking at HTTP details. Messages never carry passwords or tokens: the client registers its secrets
 * and they are masked in every message.
 */
import type { Language, Params } from '#engine/i18n';
import { portalTranslator, type PortalMessageKey } from './messages.js';
import type { PortalErrorKind } from './types.js';

export const UNAVAILABLE_MARKER = 'Không tồn tại hồ sơ gốc';
const PERMANENT_KINDS: ReadonlySet<PortalErrorKind> = new Set(['malformed', 'bad_credentials', 'not_found']);
const MASK = '***';

export interface PortalErrorInit {
  kind: PortalErrorKind;
  endpoint: string;
  messageKey: PortalMessageKey;
  params?: Params;
  status?: number;
  retryAfterMs?: number;
  invoiceKey?: string;
  /** Strings to mask wherever they would appear (password, token). */
  secrets?: readonly string[];
  cause?: unknown;
}

export function maskSecrets(text: string, secrets: readonly string[] = []): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length >= 4) masked = masked.split(secret).join(MASK);
  }
  // Bearer tokens and JWT-looking strings are masked even when the client does not know them.
  return masked
    .replace(/Bearer\s+[\w.~+/=-]+/gi, `Bearer ${MASK}`)
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, MASK);
}

export class PortalError extends Error {
  override readonly name = 'PortalError';
  readonly kind: PortalErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly endpoint: string;
  readonly invoiceKey?: string;
  readonly messageKey: PortalMessageKey;
  readonly params: Params;

  constructor(init: PortalErrorInit) {
    const params: Params = {
      endpoint: init.endpoint,
      invoice: init.invoiceKey ? ` (invoice ${init.invoiceKey})` : '',
      invoiceKey: init.invoiceKey ?? '',
      status: init.status ?? '',
      ...init.params,
    };
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string') params[name] = maskSecrets(value, init.secrets);
    }
    super(
      portalTranslator('en')(init.messageKey, params),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.messageKey = init.messageKey;
    this.params = params;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.invoiceKey !== undefined) this.invoiceKey = init.invoiceKey;
  }

  /** Permanent failures should not be retried until a person acts or the data changes. */
  get permanent(): boolean {
    return PERMANENT_KINDS.has(this.kind);
  }

  /** The message in the user's language (English or Vietnamese). */
  localized(language: Language): string {
    const params = { ...this.params };
    if (language === 'vi' && this.invoiceKey) params.invoice = ` (hóa đơn ${this.invoiceKey})`;
    return portalTranslator(language)(this.messageKey, params);
  }
}

export function isPortalError(error: unknown): error is PortalError {
  return error instanceof PortalError;
}

/** A 429: the portal said "not now", which is not a fault. */
export function isRateLimited(error: unknown): error is PortalError {
  return isPortalError(error) && error.kind === 'rate_limited';
}

/** `Retry-After` is either delay-seconds or an HTTP date; returns milliseconds, or undefined. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The portal's own `message` from a JSON error body, or a short excerpt of the text. */
export function portalMessageOf(bodyText: string): string {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') {
      // Our messages end the sentence themselves ("... refused the login: {portalMessage}.").
      return parsed.message.slice(0, 300).replace(/\s*\.+\s*$/, '');
    }
  } catch {
    // not JSON: fall through to an excerpt
  }
  return bodyText.replace(/\s+/g, ' ').trim().slice(0, 200) || '(empty body)';
}

export function looksLikeFirewallPage(contentType: string, bodyText: string): boolean {
  const head = bodyText.slice(0, 2000).toLowerCase();
  return (
    head.includes('request rejected') ||
    (contentType.toLowerCase().includes('text/html') && head.includes('<html'))
  );
}

export interface ResponseFacts {
  status: number;
  headers: Headers;
  /** The body as text (for a ZIP, only its first bytes are needed). */
  bodyText: string;
}

export interface CallContext {
  endpoint: string;
  invoiceKey?: string;
  /** What a good answer looks like: firewall HTML on 200 is caught for both. */
  expect: 'json' | 'zip';
  /** The login call: a refusal there is bad credentials, not an expired session. */
  login?: boolean;
  secrets?: readonly string[];
  now?: number;
}

/** A failure class for a received response, or null when the response looks like a good answer. */
export function classifyResponse(response: ResponseFacts, context: CallContext): PortalError | null {
  const { status, headers, bodyText } = response;
  const base = {
    endpoint: context.endpoint,
    status,
    secrets: context.secrets,
    ...(context.invoiceKey ? { invoiceKey: context.invoiceKey } : {}),
  };
  const portalMessage = portalMessageOf(bodyText);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), context.now);
    return retryAfterMs === undefined
      ? new PortalError({ ...base, kind: 'rate_limited', messageKey: 'rateLimitedNoHint' })
      : new PortalError({
          ...base,
          kind: 'rate_limited',
          retryAfterMs,
          messageKey: 'rateLimited',
          params: { seconds: Math.ceil(retryAfterMs / 1000) },
        });
  }
  if (context.login && status >= 400 && status < 500) {
    return new PortalError({
      ...base,
      kind: 'bad_credentials',
      messageKey: 'badCredentials',
      params: { portalMessage },
    });
  }
  if (status === 401 || status === 403) {
    return new PortalError({ ...base, kind: 'auth_expired', messageKey: 'authExpired' });
  }
  if (status >= 500 && bodyText.includes(UNAVAILABLE_MARKER)) {
    return new PortalError({
      ...base,
      kind: 'unavailable',
      messageKey: 'unavailable',
      params: { portalMessage },
    });
  }
  if (status >= 500) {
    return new PortalError({ ...base, kind: 'transient', messageKey: 'serverError' });
  }
  if (status === 404) {
    return new PortalError({ ...base, kind: 'not_found', messageKey: 'notFound' });
  }
  if (status >= 400) {
    return new PortalError({
      ...base,
      kind: 'malformed',
      messageKey: 'badRequest',
      params: { portalMessage },
    });
  }
  const contentType = headers.get('content-type') ?? '';
  if (looksLikeFirewallPage(contentType, bodyText)) {
    return new PortalError({ ...base, kind: 'transient', messageKey: 'firewall' });
  }
  return null;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** True for errors where another base URL may work (refused, unknown host, reset, TLS). */
export function isConnectionError(error: unknown): boolean {
  return error instanceof TypeError && !(error instanceof DOMException);
}

export function isTimeoutError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError';
}

/** A thrown fetch failure (timeout, connection) as a transient PortalError. */
export function classifyFailure(
  error: unknown,
  context: { endpoint: string; invoiceKey?: string; timeoutMs: number; secrets?: readonly string[] },
): PortalError {
  const base = {
    endpoint: context.endpoint,
    kind: 'transient' as const,
    secrets: context.secrets,
    cause: error,
    ...(context.invoiceKey ? { invoiceKey: context.invoiceKey } : {}),
  };
  if (isTimeoutError(error))
    return new PortalError({ ...base, messageKey: 'timeout', params: { ms: context.timeoutMs } });
  const code = errorCode(error);
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new PortalError({ ...base, messageKey: 'connection', params: { reason } });
}
