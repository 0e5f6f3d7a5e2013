/**
 * The captcha typed at the terminal, only when there is one. Under cron (stdin /dev/null, closed or a
 * pipe) a question would never be answered: readline waits forever and Node ends the process with exit
 * 13 ("unsettled top-level await"). So the CLI refuses before logging in, naming the other ways.
 */
import { terminalCaptchaSolver, type CaptchaSolver } from '../portal/captcha.js';
import { CliError } from './errors.js';
import { EXIT, type CliIo } from './io.js';

export function promptCaptchaSolver(io: CliIo): CaptchaSolver {
  if (!io.inputIsTTY) throw new CliError('captchaNoTerminal', {}, EXIT.usage);
  const input = io.input ?? process.stdin;
  const solver = terminalCaptchaSolver({ input, output: io.terminal ?? process.stdout });
  return {
    solve: (svg, key) =>
      new Promise<string>((resolve, reject) => {
        // Ctrl-D or a terminal that goes away mid-question: the answer will never come.
        const closed = () => reject(new CliError('captchaInputClosed', {}, EXIT.usage));
        input.once('end', closed);
        input.once('close', closed);
        solver
          .solve(svg, key)
          .then(resolve, reject)
          .finally(() => {
            input.off('end', closed);
            input.off('close', closed);
          });
      }),
  };
}
