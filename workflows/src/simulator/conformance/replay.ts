/**
 * Replays a recorded client's request forms (`requests/*.json`) against a running simulator, in order,
 * with placeholders filled in: `{{username}}`, `{{password}}`, `{{token}}`, `{{captchaKey}}`,
 * `{{captchaAnswer}}`, `{{state}}` (captured from an earlier case) and `{{invoice.<field>}}`. The query
 * string is sent exactly as written (raw, or percent-encoded with placeholders encoded too).
 */
import { SIMULATOR_ANSWER_PATTERN } from '../captcha.js';

export interface RecordedCase {
  name: string;
  method: 'GET' | 'POST' | 'OPTIONS';
  path: string;
  query: { raw: string; encoded: string } | null;
  headers: Record<string, string>;
  body: unknown;
  /** A response field kept for later cases as `{{<capture>}}`. */
  capture?: string;
  expect: {
    status: number;
    kind?: 'captcha' | 'token' | 'list' | 'detail' | 'zip' | 'relative';
    headers?: Record<string, string>;
    /** Regular expression the error message must match. */
    message?: string;
    rows?: { family: string; direction: string; ttxly?: number; nmmst?: string };
    order?: string;
    page?: { size: number; index: number };
  };
}

export interface RecordedClient {
  client: string;
  about: string;
  /** `/api` (current form) or `` (the older :30000 form). */
  base: string;
  cases: RecordedCase[];
}

export interface ReplayedResponse {
  status: number;
  headers: Headers;
  contentType: string;
  json: unknown;
  bytes: Uint8Array;
}

export type QueryForm = 'raw' | 'encoded';

/** Fills placeholders; in the encoded form both `{{x}}` and `%7B%7Bx%7D%7D` are replaced, value encoded. */
export function fill(text: string, values: Record<string, string>, encode: boolean): string {
  return text.replace(
    /\{\{([\w.]+)\}\}|%7B%7B([\w.]+)%7D%7D/gi,
    (_whole, plain?: string, encoded?: string) => {
      const name = plain ?? encoded!;
      const value = values[name];
      if (value === undefined) throw new Error(`replay: no value for placeholder {{${name}}}`);
      return encode || encoded ? encodeURIComponent(value) : value;
    },
  );
}

function fillDeep(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') return fill(value, values, false);
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, values));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, values)]));
  return value;
}

/** Sends one case; `values` gains the captcha, token and captured fields the answer carries. */
export async function replayCase(
  url: string,
  client: RecordedClient,
  recorded: RecordedCase,
  values: Record<string, string>,
  form: QueryForm,
): Promise<ReplayedResponse> {
  const query = recorded.query ? fill(recorded.query[form], values, form === 'encoded') : '';
  const target = `${url}${client.base}${recorded.path}${query ? `?${query}` : ''}`;
  const headers = fillDeep(recorded.headers, values) as Record<string, string>;
  const response = await fetch(target, {
    method: recorded.method,
    headers,
    ...(recorded.body !== null ? { body: JSON.stringify(fillDeep(recorded.body, values)) } : {}),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const contentType = response.headers.get('content-type') ?? '';
  const json: unknown = contentType.includes('json') ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  const answer = json as Record<string, unknown> | null;
  if (recorded.expect.kind === 'captcha' && answer) {
    values.captchaKey = String(answer.key);
    values.captchaAnswer = SIMULATOR_ANSWER_PATTERN.exec(String(answer.content))?.[1] ?? '';
  }
  if (recorded.expect.kind === 'token' && answer?.token) values.token = String(answer.token);
  if (recorded.capture && answer && answer[recorded.capture] != null)
    values[recorded.capture] = String(answer[recorded.capture]);
  return { status: response.status, headers: response.headers, contentType, json, bytes };
}
