/** `devserver stop`: stops the local Temporal dev server that `npm start` left running. */
import { devServerStop, LOCAL_SERVER_DATA_DIR } from '../../runner/index.js';
import type { CliContext } from '../config.js';
import { EXIT, type ExitCode } from '../io.js';

export async function devServerStopCommand(context: CliContext): Promise<ExitCode> {
  await devServerStop(LOCAL_SERVER_DATA_DIR, {
    log: (line) => context.io.out(line),
    language: context.language,
  });
  return EXIT.ok;
}
