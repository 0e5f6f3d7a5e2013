import { describe, expect, it } from 'vitest';
import { simulatorCaptchaSolver } from '../portal/captcha.js';
import { makeCaptcha } from './captcha.js';

describe('captcha SVG', () => {
  it('draws each glyph as a filled <path> and the noise as unfilled stroked paths, like the portal', () => {
    for (let serial = 1; serial <= 20; serial++) {
      const { svg, answer } = makeCaptcha('captcha', serial);
      expect(svg).not.toMatch(/<text\b/);
      const paths = [...svg.matchAll(/<path\b[^>]*>/g)].map((m) => m[0]);
      const noise = paths.filter((p) => /fill="none"/.test(p));
      const glyphs = paths.filter((p) => !/fill="none"/.test(p));
      expect(glyphs).toHaveLength(answer.length);
      expect(noise.length).toBeGreaterThanOrEqual(2);
      for (const path of noise) expect(path).toMatch(/stroke="#[0-9a-f]{3,6}"/i);
      for (const path of glyphs) expect(path).toMatch(/fill="#[0-9a-f]{3,6}" d="M[\d.\s,LMZ-]+"/i);
      // Glyphs stand left to right and apart, as solvers sort them by position.
      const xs = glyphs.map((p) => Math.min(...[...p.matchAll(/[ML](-?[\d.]+) /g)].map((m) => Number(m[1]))));
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(15);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
    }
  });

  it('draws the same character the same way (up to position and jitter), and different ones differently', () => {
    const shapes = new Map<string, Set<number>>();
    for (let serial = 1; serial <= 40; serial++) {
      const { svg, answer } = makeCaptcha('shapes', serial);
      const glyphs = [...svg.matchAll(/<path fill="#[0-9a-f]+" d="([^"]+)"/gi)].map((m) => m[1]!);
      expect(glyphs).toHaveLength(answer.length);
      glyphs.forEach((d, i) => {
        const count = (d.match(/M/g) ?? []).length;
        const set = shapes.get(answer[i]!) ?? new Set<number>();
        set.add(count);
        shapes.set(answer[i]!, set);
      });
    }
    for (const counts of shapes.values()) expect(counts.size).toBe(1);
  });

  it('keeps the test-only answer the project solver reads', async () => {
    const { svg, answer } = makeCaptcha(7, 3);
    expect(await simulatorCaptchaSolver.solve(svg, 'k')).toBe(answer);
  });
});
