/**
 * The corrected lines the rules benchmark runs: seeded, every class and credit kind (advances invoiced and
 * reconciled, milestones credited in full as the product forces), decimal.js quantities and amounts in
 * USD, VND, EUR, JPY and KWD. Built with the engine's own fast-check generator of consistent lines.
 */
import fc from 'fast-check';
import { type LineCorrection, handwrittenTable } from '#engine';
import { randomLine } from '#engine/testing';

export const BENCH_SEED = 20261123;

/**
 * `count` lines the correction table accepts: refusals (product-based lines, milestones not credited in
 * full) throw, and exception handling is not what the benchmark measures.
 */
export function benchLines(count: number, seed = BENCH_SEED): LineCorrection[] {
  const lines: LineCorrection[] = [];
  let batch = 0;
  while (lines.length < count) {
    const sample = fc.sample(randomLine(), { numRuns: Math.ceil(count * 1.2), seed: seed + batch++ });
    for (const line of sample) {
      if (lines.length >= count) break;
      const candidate = { ...line, billingMethod: 'resource' as const };
      if (candidate.class === 'Milestone' && candidate.creditKind !== 'full') continue;
      try {
        handwrittenTable(candidate);
      } catch {
        continue;
      }
      lines.push(candidate);
    }
  }
  return lines;
}

/** How many lines of each class and credit kind, so the output shows the mix is what it claims. */
export function mixOf(lines: LineCorrection[]): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const line of lines) {
    const key = `${line.class}${line.class === 'Retainer' ? `/${line.advanceState}` : ''}`;
    mix[key] = (mix[key] ?? 0) + 1;
    mix[line.creditKind] = (mix[line.creditKind] ?? 0) + 1;
  }
  return mix;
}
