/**
 * Captcha answers for login. The portal shows an SVG text captcha; a person reads it (terminal prompt,
 * or an answer file written while the SVG waits beside it), or an automated solver is plugged in.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { PortalError } from './errors.js';

export interface CaptchaSolver {
  solve(svg: string, key: string): Promise<string>;
}

function missing(reason: string): PortalError {
  return new PortalError({
    kind: 'bad_credentials',
    endpoint: 'captcha',
    messageKey: 'captchaMissing',
    params: { reason },
  });
}

/** Saves the SVG to a file a person can open, then asks on the terminal. */
export function terminalCaptchaSolver(
  io: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; directory?: string } = {},
): CaptchaSolver {
  return {
    async solve(svg, key) {
      const file = join(io.directory ?? tmpdir(), `portal-captcha-${key.replace(/[^\w-]/g, '_')}.svg`);
      writeFileSync(file, svg);
      const rl = createInterface({ input: io.input ?? process.stdin, output: io.output ?? process.stdout });
      try {
        const answer = (
          await rl.question(`Captcha saved to ${file} - type the characters / nhập mã captcha: `)
        ).trim();
        if (!answer) throw missing('empty answer typed');
        return answer;
      } finally {
        rl.close();
      }
    },
  };
}

/** `PORTAL_CAPTCHA` from the environment: for a session where someone solved the captcha out of band. */
export function envCaptchaSolver(env: Record<string, string | undefined> = process.env): CaptchaSolver {
  return {
    async solve() {
      const answer = env.PORTAL_CAPTCHA?.trim();
      if (!answer) throw missing('PORTAL_CAPTCHA is not set');
      return answer;
    },
  };
}

/**
 * Writes the SVG to `<answerFile>.svg` and waits until a person writes the answer to `answerFile`
 * (the file must change after the SVG was written).
 */
export function fileCaptchaSolver(
  answerFile: string,
  options: { timeoutMs?: number; pollMs?: number } = {},
): CaptchaSolver {
  return {
    async solve(svg) {
      const shownAt = Date.now();
      writeFileSync(`${answerFile}.svg`, svg);
      const deadline = shownAt + (options.timeoutMs ?? 5 * 60_000);
      while (Date.now() <= deadline) {
        if (existsSync(answerFile) && statSync(answerFile).mtimeMs >= shownAt) {
          const answer = readFileSync(answerFile, 'utf8').trim();
          if (answer) return answer;
        }
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
      }
      throw missing(`no answer written to ${answerFile} in time`);
    },
  };
}

/**
 * TEST-ONLY: reads the answer the local simulator embeds in its SVG. The real portal embeds nothing,
 * so this solver fails there with a clear message.
 */
export const simulatorCaptchaSolver: CaptchaSolver = {
  async solve(svg) {
    const match = /<!--\s*simulator-captcha-answer:([A-Za-z0-9]+)\s*-->/.exec(svg);
    if (!match) throw missing('not a simulator captcha (simulatorCaptchaSolver is for tests only)');
    return match[1]!;
  },
};
