/**
 * `invoice-sync` entry (`npm run sync -- <command>`, `npm start` = `demo`). Ctrl-C stops the command
 * gracefully (work done so far is kept; run again to resume); a second Ctrl-C exits at once.
 */
import { processIo } from './io.js';
import { runCli } from './run-cli.js';

const controller = new AbortController();
let interrupted = false;
const onSignal = (): void => {
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort(new Error('interrupted'));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const exitCode = await runCli(process.argv.slice(2), processIo(controller.signal));
// Sockets or timers of libraries must not keep a finished command alive.
process.exit(exitCode);
