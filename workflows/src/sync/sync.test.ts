import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunk,
  normaliseParts,
  periodWorkflowId,
  resyncWorkflowId,
  recheckScheduleId,
  uniqueKeys,
} from './batch.js';
import { syncTranslator } from './messages.js';
import { describeSlice, halveSlice, monthsOf, PeriodError, planListing, windowsOf } from './plan.js';
import { ageInDays, nextRecheckAt, recheckDelayMs } from './recheck.js';
import { pRetryTiming, PORTAL_RETRY_POLICY, retryDelayMs, temporalRetryPolicy } from './retry-policy.js';
import { decideOnDetails, decideOnPortalError } from './status.js';

const HOUR = 3_600_000;

describe('plan', () => {
  it('a purchase month is 2 families x 3 processing states; a sale month is 2 families', () => {
    const slices = planListing({ period: '2026-04', directions: ['purchase', 'sold'] });
    expect(slices).toHaveLength(8);
    expect(
      slices
        .filter((slice) => slice.direction === 'purchase')
        .map((slice) => `${slice.family}:${slice.ttxly}`),
    ).toEqual(['query:5', 'query:6', 'query:8', 'sco-query:5', 'sco-query:6', 'sco-query:8']);
    expect(
      slices.filter((slice) => slice.direction === 'sold').every((slice) => slice.ttxly === undefined),
    ).toBe(true);
    expect(describeSlice(slices[0]!)).toBe('purchase/query/ttxly=5 2026-04-01..2026-04-30');
  });

  it('month windows respect month lengths and leap years; weeks are cut at month ends', () => {
    expect(windowsOf('2028-02')).toEqual([{ from: '2028-02-01', to: '2028-02-29' }]);
    expect(windowsOf('2026-02')).toEqual([{ from: '2026-02-01', to: '2026-02-28' }]);
    const weeks = windowsOf('2026-04', 'week');
    expect(weeks.map((window) => window.from)).toEqual([
      '2026-04-01',
      '2026-04-08',
      '2026-04-15',
      '2026-04-22',
      '2026-04-29',
    ]);
    expect(weeks.at(-1)!.to).toBe('2026-04-30');
  });

  it('ranges cross year ends; bad periods are refused with the period named', () => {
    expect(monthsOf('2025-11..2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(() => monthsOf('2026-13')).toThrow(PeriodError);
    expect(() => monthsOf('2026-04..2026-01')).toThrow(/"2026-04..2026-01".*ends before/);
    expect(() => monthsOf('April')).toThrow(/"April"/);
  });

  it('a capped slice halves into two windows that cover it; a single day cannot be halved', () => {
    const [slice] = planListing({ period: '2026-04', directions: ['purchase'], families: ['query'] });
    const halves = halveSlice(slice!)!;
    expect(halves.map((half) => `${half.from}..${half.to}`)).toEqual([
      '2026-04-01..2026-04-15',
      '2026-04-16..2026-04-30',
    ]);
    expect(halves.every((half) => half.ttxly === 5 && half.family === 'query')).toBe(true);
    expect(halveSlice({ ...slice!, from: '2026-04-03', to: '2026-04-03' })).toBeNull();
  });

  it('weeks tile every month exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const period = `${year}-${String(month).padStart(2, '0')}`;
        const weeks = windowsOf(period, 'week');
        const [whole] = windowsOf(period);
        expect(weeks[0]!.from).toBe(whole!.from);
        expect(weeks.at(-1)!.to).toBe(whole!.to);
        for (let index = 1; index < weeks.length; index++) {
          const previousEnd = Number(weeks[index - 1]!.to.slice(8));
          expect(Number(weeks[index]!.from.slice(8))).toBe(previousEnd + 1);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('batching and ids', () => {
  const keys = Array.from({ length: 7 }, (_, index) => ({
    nbmst: '0100109106',
    khmshdon: 1,
    khhdon: 'C26TAS',
    shdon: index,
  }));

  it('chunks keep order and sizes; a bad size is refused', () => {
    expect(chunk(keys, 3).map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(chunk(keys, 3).flat()).toEqual(keys);
    expect(() => chunk(keys, 0)).toThrow(RangeError);
  });

  it('ids: one re-sync workflow and one re-check schedule per tax code, one coordinator per period', () => {
    const shuffled = [...keys].reverse().concat(keys[2]!);
    expect(resyncWorkflowId('0312345678')).toBe('resync-0312345678');
    expect(recheckScheduleId('0312345678')).toBe('invoice-recheck-0312345678');
    expect(uniqueKeys(shuffled)).toHaveLength(7);
    expect(normaliseParts(['xml', 'details', 'xml'])).toEqual(['details', 'xml']);
    expect(periodWorkflowId('0312345678', 'purchase', '2026-04')).toBe('sync-0312345678-purchase-2026-04');
  });
});

describe('retry policy', () => {
  it('Temporal and p-retry get the same schedule', () => {
    const temporal = temporalRetryPolicy();
    const pretry = pRetryTiming();
    expect(temporal.maximumAttempts).toBe(pretry.retries + 1);
    expect(temporal.initialInterval).toBe(pretry.minTimeout);
    expect(temporal.maximumInterval).toBe(pretry.maxTimeout);
    expect(temporal.backoffCoefficient).toBe(pretry.factor);
    expect(temporal.nonRetryableErrorTypes).toEqual(
      expect.arrayContaining(['bad_credentials', 'malformed', 'not_found']),
    );
    expect(temporal.nonRetryableErrorTypes).not.toContain('transient');
  });

  it('delays grow by the coefficient up to the maximum', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30)).toBe(PORTAL_RETRY_POLICY.maximumIntervalMs);
  });
});

describe('status decisions and re-checks', () => {
  const now = new Date('2026-04-20T05:00:00Z');

  it('maps each portal error kind to what happens to the invoice', () => {
    const unavailable = decideOnPortalError('unavailable', { issueDate: '2026-04-19', now });
    expect(unavailable).toMatchObject({ action: 'record', status: 'unavailable' });
    expect(unavailable.nextCheckAt!.getTime() - now.getTime()).toBe(HOUR);
    expect(decideOnPortalError('malformed', { issueDate: '2026-04-19', now })).toMatchObject({
      action: 'record',
      status: 'failed',
    });
    expect(decideOnPortalError('not_found', { issueDate: '2026-04-19', now })).toMatchObject({
      action: 'record',
      status: 'failed',
    });
    expect(decideOnPortalError('bad_credentials', { issueDate: '2026-04-19', now })).toMatchObject({
      action: 'abort',
      status: null,
    });
    expect(
      decideOnPortalError('rate_limited', { issueDate: '2026-04-19', now, retryAfterMs: 3000 }),
    ).toMatchObject({ action: 'retry', retryAfterMs: 3000 });
    expect(decideOnPortalError('auth_expired', { issueDate: '2026-04-19', now }).action).toBe('retry');
    expect(decideOnPortalError('transient', { issueDate: '2026-04-19', now }).action).toBe('retry');
  });

  it('complete details are synced; incomplete ones wait for a re-check', () => {
    expect(decideOnDetails(true, { issueDate: '2026-01-01', now })).toEqual({
      status: 'synced',
      nextCheckAt: null,
    });
    const incomplete = decideOnDetails(false, { issueDate: '2026-01-01', now });
    expect(incomplete.status).toBe('incomplete');
    expect(incomplete.nextCheckAt!.getTime() - now.getTime()).toBe(7 * 24 * HOUR);
  });

  it('ages are taken in Vietnam time; the re-check delay never shrinks as invoices age (property)', () => {
    // 2026-04-19 in Vietnam began at 2026-04-18T17:00Z: at 2026-04-20T05:00Z it is 1 day old.
    expect(ageInDays('2026-04-19', now)).toBe(1);
    expect(ageInDays('2026-05-01', now)).toBe(0);
    expect(ageInDays('garbage', now)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (a, b) => {
        const [younger, older] = a <= b ? [a, b] : [b, a];
        const dateOf = (days: number) =>
          new Date(now.getTime() - days * 24 * HOUR).toISOString().slice(0, 10);
        expect(recheckDelayMs(dateOf(younger), now)).toBeLessThanOrEqual(recheckDelayMs(dateOf(older), now));
      }),
      { numRuns: 200 },
    );
    expect(nextRecheckAt('2025-01-01', now).getTime() - now.getTime()).toBe(7 * 24 * HOUR);
  });

  it('messages exist in English and Vietnamese', () => {
    const en = syncTranslator('en')('invoiceNotInStore', { invoiceKey: '0100109106/1/C26TAS/7' });
    const vi = syncTranslator('vi')('invoiceNotInStore', { invoiceKey: '0100109106/1/C26TAS/7' });
    expect(en).toContain('0100109106/1/C26TAS/7');
    expect(vi).toContain('0100109106/1/C26TAS/7');
    expect(vi).not.toBe(en);
  });
});
