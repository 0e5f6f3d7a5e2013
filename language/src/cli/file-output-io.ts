/**
 * The CLI's output hooks when standard output is a file written by FileOutput: a failed write (a full
 * disk) becomes one translated error (error.output), reported once by runCli however often it is seen.
 */
import { CliError, EXIT_FAILURES, type CliIo } from './context.js';
import type { FileOutput } from './file-output.js';

export type OutputIo = Required<Pick<CliIo, 'stdout' | 'stderr' | 'stdoutDrained' | 'finish'>>;

/**
 * `stderrIsStdout`: standard error is the same file (`> out 2>&1`). Its texts then go through `output`
 * too, after what is queued before them, so the file keeps their order (a direct write would be
 * synchronous and overtake them); once the output failed, they are written with `stderr`.
 */
export function fileOutputIo(
  output: FileOutput,
  stderr: (text: string) => void,
  stderrIsStdout: boolean,
): OutputIo {
  let failure: CliError | undefined;
  const failed = (error: unknown): CliError =>
    (failure ??= new CliError(
      'error.output',
      { reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message },
      EXIT_FAILURES,
    ));
  return {
    stdout: (text) => {
      try {
        output.write(text);
      } catch (error) {
        throw failed(error);
      }
    },
    stderr: (text) => (stderrIsStdout && !output.failed ? output.write(text) : stderr(text)),
    stdoutDrained: () => output.drained(),
    finish: async () => {
      try {
        await output.flush();
      } catch (error) {
        throw failed(error);
      }
    },
  };
}
