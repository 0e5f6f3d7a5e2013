/**
 * CORS for the codec endpoint. The Temporal UI calls it from the browser with `Content-Type:
 * application/json`, `X-Namespace` (and `Authorization` when it passes its access token), and with
 * `credentials: 'include'` when "Include cross-origin credentials" is on, which needs an exact origin
 * (never `*`) and `Access-Control-Allow-Credentials: true`.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The UI of `temporal server start-dev`; the browser sends whichever host was typed, so both. */
export const TEMPORAL_UI_DEV_ORIGINS: readonly string[] = ['http://127.0.0.1:8233', 'http://localhost:8233'];

const ALLOWED_HEADERS = 'Content-Type, X-Namespace, Authorization';
export const ALLOWED_METHODS = 'POST, OPTIONS';
const PREFLIGHT_CACHE_SECONDS = '600';

/** Normalised (`new URL(o).origin`) so `http://LOCALHOST:8233/` matches what browsers send. */
export function originSet(origins: readonly string[]): ReadonlySet<string> {
  return new Set(
    origins.map((origin) => {
      const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
      if (!parsed || parsed.origin === 'null') throw new TypeError(`not a browser origin: ${origin}`);
      return parsed.origin;
    }),
  );
}

export type CorsDecision =
  /** No `Origin` header: not a browser (CLI, curl), nothing to add. */
  | { kind: 'no-origin'; headers: Record<string, string> }
  | { kind: 'allowed'; headers: Record<string, string> }
  | { kind: 'refused'; headers: Record<string, string> };

export function corsFor(requestHeaders: IncomingHttpHeaders, allowed: ReadonlySet<string>): CorsDecision {
  const origin = requestHeaders.origin;
  // Responses differ by origin: caches must not hand one origin's answer to another.
  const vary = { Vary: 'Origin' };
  if (origin === undefined) return { kind: 'no-origin', headers: vary };
  if (!allowed.has(origin)) return { kind: 'refused', headers: vary };
  return {
    kind: 'allowed',
    headers: {
      ...vary,
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
    },
  };
}

/** Extra headers answering an allowed preflight (`OPTIONS`). */
export function preflightHeaders(requestHeaders: IncomingHttpHeaders): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': PREFLIGHT_CACHE_SECONDS,
    // Chrome asks this when a page on a public origin (e.g. Temporal Cloud's UI) calls loopback.
    ...(requestHeaders['access-control-request-private-network'] === 'true'
      ? { 'Access-Control-Allow-Private-Network': 'true' }
      : {}),
  };
}
