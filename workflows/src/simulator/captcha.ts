/**
 * SVG captchas shaped like the portal's: each glyph is one filled `<path>` (no `<text>`), noise lines are
 * paths with `fill="none"` and a stroke, which is what community solvers read. For automated tests only,
 * the answer is also embedded in a comment that `simulatorCaptchaSolver` reads (the real portal has none).
 */
import { createRandom, type Random } from './prng.js';

const ALPHABET = 'ABCDEFGHKMNPQRSTUVWXYZ23456789';
export const SIMULATOR_ANSWER_PATTERN = /<!--\s*simulator-captcha-answer:([A-Za-z0-9]+)\s*-->/;

/** Each character as strokes (polylines `x,y x,y ...`, `|` between strokes) on a 10 x 14 grid. */
const STROKES: Record<string, string> = {
  A: '0,14 5,0 10,14|2.5,8 7.5,8',
  B: '0,0 0,14 7,14 10,11 10,9 7,7 0,7|0,0 7,0 9,2 9,5 7,7',
  C: '10,2 8,0 2,0 0,2 0,12 2,14 8,14 10,12',
  D: '0,0 0,14 6,14 10,10 10,4 6,0 0,0',
  E: '10,0 0,0 0,14 10,14|0,7 7,7',
  F: '10,0 0,0 0,14|0,7 7,7',
  G: '10,2 8,0 2,0 0,2 0,12 2,14 8,14 10,12 10,8 6,8',
  H: '0,0 0,14|10,0 10,14|0,7 10,7',
  K: '0,0 0,14|10,0 0,8|3,6 10,14',
  M: '0,14 0,0 5,8 10,0 10,14',
  N: '0,14 0,0 10,14 10,0',
  P: '0,14 0,0 8,0 10,2 10,5 8,7 0,7',
  Q: '2,0 8,0 10,2 10,12 8,14 2,14 0,12 0,2 2,0|6,10 10,15',
  R: '0,14 0,0 8,0 10,2 10,5 8,7 0,7|4,7 10,14',
  S: '10,2 8,0 2,0 0,2 0,5 2,7 8,7 10,9 10,12 8,14 2,14 0,12',
  T: '0,0 10,0|5,0 5,14',
  U: '0,0 0,12 2,14 8,14 10,12 10,0',
  V: '0,0 5,14 10,0',
  W: '0,0 2.5,14 5,6 7.5,14 10,0',
  X: '0,0 10,14|10,0 0,14',
  Y: '0,0 5,7 10,0|5,7 5,14',
  Z: '0,0 10,0 0,14 10,14',
  '2': '0,2 2,0 8,0 10,2 10,5 0,14 10,14',
  '3': '0,1 2,0 8,0 10,2 10,5 8,7 4,7|8,7 10,9 10,12 8,14 2,14 0,13',
  '4': '8,14 8,0 0,10 10,10',
  '5': '10,0 0,0 0,6 8,6 10,8 10,12 8,14 0,14',
  '6': '9,0 3,0 0,4 0,12 2,14 8,14 10,12 10,9 8,7 0,7',
  '7': '0,0 10,0 3,14',
  '8': '2,0 8,0 10,2 10,5 8,7 2,7 0,5 0,2 2,0|2,7 0,9 0,12 2,14 8,14 10,12 10,9 8,7',
  '9': '10,7 2,7 0,5 0,2 2,0 8,0 10,2 10,10 7,14 1,14',
};

const round = (n: number): string => String(Math.round(n * 10) / 10);

/** One glyph: every stroke segment as a thin filled quadrilateral subpath, scaled, slanted and placed. */
function glyphPath(char: string, left: number, random: Random): string {
  const scale = 2.2 + random.next() * 0.4;
  const slant = (random.next() - 0.5) * 0.5;
  const top = 8 + random.int(0, 8);
  const half = 1.3;
  const point = (x: number, y: number): [number, number] => [
    left + (x + slant * (14 - y)) * scale * 0.8,
    top + y * scale * 0.8,
  ];
  const parts: string[] = [];
  for (const stroke of STROKES[char]!.split('|')) {
    const points = stroke.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
    for (let i = 1; i < points.length; i++) {
      const [x1, y1] = point(...points[i - 1]!);
      const [x2, y2] = point(...points[i]!);
      const length = Math.hypot(x2 - x1, y2 - y1) || 1;
      const nx = (-(y2 - y1) / length) * half;
      const ny = ((x2 - x1) / length) * half;
      parts.push(
        `M${round(x1 + nx)} ${round(y1 + ny)}L${round(x2 + nx)} ${round(y2 + ny)}` +
          `L${round(x2 - nx)} ${round(y2 - ny)}L${round(x1 - nx)} ${round(y1 - ny)}Z`,
      );
    }
  }
  return parts.join('');
}

export function makeCaptcha(
  seed: string | number,
  serial: number,
): { key: string; answer: string; svg: string } {
  const random = createRandom(seed, 'captcha', serial);
  const answer = Array.from({ length: 6 }, () => random.pick([...ALPHABET])).join('');
  const colours = ['#333', '#444', '#222', '#555', '#1f2d3d'];
  const glyphs = [...answer]
    .map((char, i) => `<path fill="${random.pick(colours)}" d="${glyphPath(char, 8 + i * 30, random)}"/>`)
    .join('');
  const noise = Array.from(
    { length: random.int(2, 4) },
    () =>
      `<path d="M${random.int(0, 40)} ${random.int(5, 45)}Q${random.int(60, 120)} ${random.int(0, 50)} ` +
      `${random.int(150, 190)} ${random.int(5, 45)}" stroke="#${random.pick(['888', '999', 'aaa', '777'])}" fill="none"/>`,
  ).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50" viewBox="0,0,200,50">` +
    `<!-- simulator-captcha-answer:${answer} -->${noise}${glyphs}</svg>`;
  return { key: `sim-${serial}-${random.int(100000, 999999)}`, answer, svg };
}
