import { describe, expect, it } from 'vitest';
import { PortalError } from '../portal/errors.js';
import { createCallPolicy } from './call-policy.js';

const FAST = { initialIntervalMs: 1, backoffCoefficient: 2, maximumIntervalMs: 4, maximumAttempts: 3 };

function portalError(kind: 'rate_limited' | 'malformed' | 'transient', retryAfterMs?: number): PortalError {
  return new PortalError({
    kind,
    endpoint: 'query/invoices/detail',
    messageKey: kind === 'rate_limited' ? 'rateLimited' : 'serverError',
    params: { seconds: 1 },
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

describe('call policy', () => {
  it('waits as long as Retry-After says before retrying a rate-limited call', async () => {
    const { call, stop } = createCallPolicy({ rateLimitPerSecond: 1000, concurrency: 1, retryPolicy: FAST });
    const attempts: number[] = [];
    const value = await call(async () => {
      attempts.push(Date.now());
      if (attempts.length === 1) throw portalError('rate_limited', 150);
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(140);
    await stop();
  });

  it('a 429 is waited out without spending an attempt kept for faults', async () => {
    const { call, stop } = createCallPolicy({ rateLimitPerSecond: 1000, concurrency: 1, retryPolicy: FAST });
    // 3 attempts for faults; 8 refusals and 2 faults in between would have exhausted them before.
    const script = ['429', '429', '429', '429', 'fault', '429', '429', '429', '429', 'fault', 'ok'];
    let calls = 0;
    const value = await call(async () => {
      const step = script[calls++];
      if (step === '429') throw portalError('rate_limited', 1);
      if (step === 'fault') throw portalError('transient');
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(calls).toBe(script.length);
    await stop();
  });

  it('a portal that keeps refusing gives up after the waits and attempts the policy allows', async () => {
    const policy = { ...FAST, maximumAttempts: 2, maximumRateLimitWaits: 2 };
    const { call, stop } = createCallPolicy({
      rateLimitPerSecond: 1000,
      concurrency: 1,
      retryPolicy: policy,
    });
    let calls = 0;
    await expect(
      call(async () => (calls++, Promise.reject(portalError('rate_limited', 1)))),
    ).rejects.toMatchObject({ kind: 'rate_limited' });
    // Per attempt: the call and its 2 waited re-sends; 2 attempts.
    expect(calls).toBe(6);
    await stop();
  });

  it('retries passing faults up to the policy, never permanent ones', async () => {
    const { call, stop } = createCallPolicy({ rateLimitPerSecond: 1000, concurrency: 2, retryPolicy: FAST });
    let transient = 0;
    await expect(
      call(async () => (transient++, Promise.reject(portalError('transient')))),
    ).rejects.toMatchObject({ kind: 'transient' });
    expect(transient).toBe(3);
    let malformed = 0;
    await expect(
      call(async () => (malformed++, Promise.reject(portalError('malformed')))),
    ).rejects.toMatchObject({ kind: 'malformed' });
    expect(malformed).toBe(1);
    await stop();
  });

  it('an aborted signal stops new calls', async () => {
    const controller = new AbortController();
    const { call, stop } = createCallPolicy({
      rateLimitPerSecond: 1000,
      concurrency: 1,
      retryPolicy: FAST,
      signal: controller.signal,
    });
    controller.abort(new Error('stop'));
    let ran = false;
    await expect(call(async () => (ran = true))).rejects.toThrow();
    expect(ran).toBe(false);
    await stop();
  });
});
