/**
 * Temporal activities over the real portal client and simulator, PGlite store and engine parsers:
 * real PortalErrors become the right ApplicationFailures, and bodies stay out of results.
 */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorCaptchaSolver } from '../portal/captcha.js';
import { createPortalClient } from '../portal/client.js';
import { formatInvoiceKey } from '../portal/types.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server.js';
import { openStore } from '../store/open-store.js';
import type { InvoiceStore } from '../store/types.js';
import { createActivities } from './create-activities.js';
import { isRateLimitedCall, type PartCallResult } from './part-call-result.js';
import type { ListPageResult, PartSyncResult } from './operations.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: SimulatorOptions, list = true) {
  const sim: Simulator = await startSimulator({ seed: 5, invoiceCount: 12, period: '2026-04', ...options });
  const store: InvoiceStore = await openStore({ databaseUrl: '', dataDir: 'memory://' });
  cleanups.push(async () => {
    await store.close();
    await sim.close();
  });
  const portal = createPortalClient({
    baseUrls: [`${sim.url}/api`],
    username: sim.credentials.username,
    password: sim.credentials.password,
    captcha: simulatorCaptchaSolver,
  });
  const activities = createActivities({ portal, store });
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  const run = <A, R>(activity: (input: A) => Promise<R>, input: A) =>
    env.run(activity as never, input as never) as Promise<R>;
  const taxCode = sim.credentials.username;
  const keys: ListPageResult['keys'] = [];
  for (const ttxly of list ? ([5, 6, 8] as const) : []) {
    let state: string | null = null;
    do {
      const page: ListPageResult = await run(activities.listHeadersPage, {
        taxCode,
        slice: { family: 'query', direction: 'purchase', ttxly, from: '2026-04-01', to: '2026-04-30' },
        state,
      });
      keys.push(...page.keys);
      state = page.nextState;
    } while (state !== null);
  }
  return { sim, store, activities, run, keys, taxCode };
}

/** No rate limit is set here: a 429 would be a bug in the test's setup. */
function settled(result: PartCallResult): PartSyncResult {
  if (isRateLimitedCall(result)) throw new Error('unexpected 429 from the simulator');
  return result;
}

describe('activities against the simulator', () => {
  it('stores XML and details; results are small; unavailable XML is recorded, not thrown', async () => {
    const { store, activities, run, keys } = await setup({});
    expect(keys.length).toBeGreaterThan(0);
    const results: PartSyncResult[] = [];
    for (const key of keys) {
      results.push(settled(await run(activities.syncXml, { key })));
      results.push(settled(await run(activities.syncDetails, { key })));
    }
    for (const result of results) expect(JSON.stringify(result).length).toBeLessThan(600);
    const synced = results.find((result) => result.part === 'xml' && result.status === 'synced')!;
    const key = keys.find((candidate) => formatInvoiceKey(candidate) === synced.key)!;
    expect(await store.getRawXml(key)).toContain('<HDon');
    expect((await store.getLines(key)).length).toBeGreaterThan(0);
    const statuses = new Set(results.map((result) => `${result.part}:${result.status}`));
    expect(
      [...statuses].every((status) => /^(xml|details):(synced|unavailable|incomplete)$/.test(status)),
    ).toBe(true);
  }, 30_000);

  it('a 429 with Retry-After becomes a retryable failure whose nextRetryDelay honours it', async () => {
    const { activities, run, taxCode } = await setup({ rateLimitPerSecond: 3 }, false);
    let failure: ApplicationFailure | null = null;
    for (let index = 0; index < 20 && !failure; index++) {
      try {
        await run(activities.listHeadersPage, {
          taxCode,
          slice: { family: 'query', direction: 'purchase', ttxly: 5, from: '2026-04-01', to: '2026-04-30' },
          state: null,
        });
      } catch (error) {
        failure = error as ApplicationFailure;
      }
    }
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'rate_limited', nonRetryable: false });
    expect(Number(failure!.nextRetryDelay)).toBeGreaterThanOrEqual(1000);
  }, 30_000);
});
