/**
 * The memory settings an npm script ships (`MALLOC_ARENA_MAX=… NODE_OPTIONS='…'` in package.json), so a
 * benchmark measures a process the way users run it. package.json stays the one place they are written.
 */
import { readFileSync } from 'node:fs';

export interface ShippedNodeSettings {
  /** Node flags from the script's NODE_OPTIONS (the user's own NODE_OPTIONS left out). */
  nodeFlags: string[];
  /** Environment variables the script sets besides NODE_OPTIONS (MALLOC_ARENA_MAX). */
  env: Record<string, string>;
}

export function shippedNodeSettings(script: string): ShippedNodeSettings {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = manifest.scripts[script];
  if (command === undefined) throw new Error(`package.json has no script "${script}"`);
  const nodeOptions = /NODE_OPTIONS=(["'])(.*?)\1/.exec(command)?.[2] ?? '';
  const nodeFlags = nodeOptions.split(/\s+/).filter((flag) => flag.startsWith('--'));
  const env: Record<string, string> = {};
  for (const [, name, value] of command.matchAll(/\b([A-Z][A-Z0-9_]*)=([^\s'"]+)/g)) {
    if (name !== 'NODE_OPTIONS') env[name!] = value!;
  }
  return { nodeFlags, env };
}
