/**
 * The first login, retried on passing faults: the real portal client against a small local HTTP server
 * that answers the authenticate call as each test scripts it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPortalClient } from '../portal/client.js';
import { isPortalError } from '../portal/errors.js';
import { isPassingLoginFault, loginWithRetry } from './login-with-retry.js';

const FAST = { initialIntervalMs: 1, backoffCoefficient: 2, maximumIntervalMs: 4, maximumAttempts: 4 };
const PASSWORD = 'hunter2-password';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A portal whose authenticate call gives `answers` in turn (the last one repeats). */
async function portal(answers: Answer[]) {
  const seen = { captcha: 0, authenticate: 0 };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const send = (answer: Answer) => {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(JSON.stringify(answer.body ?? {}));
    };
    if (path === '/api/captcha') {
      seen.captcha++;
      return send({ status: 200, body: { key: `k${seen.captcha}`, content: '<svg/>' } });
    }
    if (path === '/api/security-taxpayer/authenticate' && request.method === 'POST') {
      request.resume();
      const answer = answers[Math.min(seen.authenticate, answers.length - 1)]!;
      seen.authenticate++;
      return send(answer);
    }
    send({ status: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const client = createPortalClient({
    baseUrls: [url],
    username: '0109744141',
    password: PASSWORD,
    captcha: { solve: async () => 'abc123' },
    timeoutMs: 5_000,
  });
  return { client, seen, url };
}

const OK: Answer = { status: 200, body: { token: 'token-0123456789' } };

describe('loginWithRetry', () => {
  it('retries a 429 and a 503 at the first login, then logs in', async () => {
    const { client, seen } = await portal([
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 503, body: { message: 'Service Unavailable' } },
      OK,
    ]);
    const retries: string[] = [];
    await loginWithRetry((signal) => client.login(signal), {
      retryPolicy: FAST,
      onRetry: (error, attempt) => retries.push(`${attempt}:${isPortalError(error) ? error.kind : '?'}`),
    });
    expect(seen.authenticate).toBe(3);
    expect(seen.captcha).toBe(3);
    expect(retries).toEqual(['1:rate_limited', '2:transient']);
  });

  it('waits as long as Retry-After asks before the next try', async () => {
    const { client, seen } = await portal([{ status: 429, headers: { 'retry-after': '1' } }, OK]);
    const delays: number[] = [];
    const started = performance.now();
    await loginWithRetry((signal) => client.login(signal), {
      retryPolicy: FAST,
      onRetry: (_error, _attempt, delayMs) => delays.push(delayMs),
    });
    expect(seen.authenticate).toBe(2);
    expect(delays).toEqual([1_000]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('never retries refused credentials, and keeps the password out of the error', async () => {
    const { client, seen } = await portal([
      { status: 400, body: { message: 'Tên đăng nhập hoặc mật khẩu không đúng' } },
    ]);
    const error = await loginWithRetry((signal) => client.login(signal), { retryPolicy: FAST }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: 'bad_credentials' });
    expect(seen.authenticate).toBe(1);
    expect(String((error as Error).message)).not.toContain(PASSWORD);
  });

  it('gives up after the shared schedule on a portal that keeps failing', async () => {
    const { client, seen } = await portal([{ status: 502 }]);
    await expect(
      loginWithRetry((signal) => client.login(signal), { retryPolicy: FAST }),
    ).rejects.toMatchObject({
      kind: 'transient',
    });
    expect(seen.authenticate).toBe(FAST.maximumAttempts);
  });

  it('does not retry a portal nothing answers for (connection refused)', async () => {
    const { url } = await portal([OK]);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const client = createPortalClient({
      baseUrls: [url],
      username: '0109744141',
      password: PASSWORD,
      captcha: { solve: async () => 'x' },
    });
    let attempts = 0;
    const error = await loginWithRetry((signal) => (attempts++, client.login(signal)), {
      retryPolicy: FAST,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'transient', messageKey: 'connection' });
    expect(isPassingLoginFault(error)).toBe(false);
    expect(attempts).toBe(1);
  });

  it('stops waiting when the signal aborts', async () => {
    const { client, seen } = await portal([{ status: 429, headers: { 'retry-after': '3600' } }, OK]);
    const controller = new AbortController();
    const stop = new Error('user pressed Ctrl+C');
    const login = loginWithRetry((signal) => client.login(signal), {
      retryPolicy: FAST,
      signal: controller.signal,
      onRetry: () => controller.abort(stop),
    });
    await expect(login).rejects.toBe(stop);
    expect(seen.authenticate).toBe(1);
  });
});
