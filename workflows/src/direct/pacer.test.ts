import { describe, expect, it } from 'vitest';
import { createPacer } from './pacer.js';

describe('createPacer', () => {
  it('never lets more than the rate through in a rolling second', async () => {
    const pacer = createPacer(50);
    const launches: number[] = [];
    await Promise.all(
      Array.from({ length: 60 }, () => pacer.take().then(() => launches.push(performance.now()))),
    );
    launches.sort((a, b) => a - b);
    // Any 51 consecutive launches span more than a second: at most 50 in any rolling second.
    for (let i = 50; i < launches.length; i++)
      expect(launches[i]! - launches[i - 50]!).toBeGreaterThanOrEqual(1000);
    // And it does not crawl: a loose bound, only to catch a pace far under the rate.
    expect(launches.at(-1)! - launches[0]!).toBeLessThan(3000);
  });

  it('stops waiting when the signal aborts', async () => {
    const pacer = createPacer(1);
    await pacer.take();
    const controller = new AbortController();
    const waiting = pacer.take(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow();
  });
});
