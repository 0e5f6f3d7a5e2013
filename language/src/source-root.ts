/** Where compiled JSON names its sources from (Node only: the CLI and the Node language server share it). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder the compiled JSON names its sources from: the project holding the rules file (the nearest
 * folder up with a package.json or .git), else the file's own folder. Not the working folder: the bytes
 * must not depend on where the command was started.
 */
export function sourceRootOf(file: string): string {
  const start = dirname(file);
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json')) || existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return start;
  }
}
