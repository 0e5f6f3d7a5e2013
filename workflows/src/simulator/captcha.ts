/**
 * SVG text captchas. The answer is drawn as jittered glyphs and, for automated tests only, also embedded
 * in a comment that `simulatorCaptchaSolver` reads (the real portal has no such comment).
 */
import { createRandom } from './prng.js';

const ALPHABET = 'ABCDEFGHKMNPQRSTUVWXYZ23456789';
export const SIMULATOR_ANSWER_PATTERN = /<!--\s*simulator-captcha-answer:([A-Za-z0-9]+)\s*-->/;

export function makeCaptcha(
  seed: string | number,
  serial: number,
): { key: string; answer: string; svg: string } {
  const random = createRandom(seed, 'captcha', serial);
  const answer = Array.from({ length: 6 }, () => random.pick([...ALPHABET])).join('');
  const glyphs = [...answer]
    .map((char, i) => {
      const x = 12 + i * 22;
      const y = 32 + random.int(-5, 5);
      const rotate = random.int(-20, 20);
      return `<text x="${x}" y="${y}" transform="rotate(${rotate} ${x} ${y})" font-size="26" fill="#333">${char}</text>`;
    })
    .join('');
  const noise = Array.from(
    { length: 3 },
    () =>
      `<path d="M${random.int(0, 150)} ${random.int(0, 50)} L${random.int(0, 150)} ${random.int(0, 50)}" stroke="#999"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50" viewBox="0,0,150,50"><!-- simulator-captcha-answer:${answer} -->${noise}${glyphs}</svg>`;
  return { key: `sim-${serial}-${random.int(100000, 999999)}`, answer, svg };
}
