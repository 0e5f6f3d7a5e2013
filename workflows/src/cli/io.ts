/**
 * What a CLI run talks to, injected so tests run commands in-process: output lines, environment,
 * whether stdout is a terminal, a stop signal, and optionally an already open store.
 */
import type { ensureLocalTemporal } from '../runner/index.js';
import type { InvoiceStore } from '../store/types.js';

export interface CliIo {
  /** One line (or block) for stdout. */
  out(text: string): void;
  /** One line for stderr (errors, warnings, logs). */
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Progress bars when true, plain periodic lines otherwise. */
  isTTY?: boolean;
  /** True when stdin is a terminal a person can type at (the captcha prompt needs one). */
  inputIsTTY?: boolean;
  /** The stream the captcha prompt reads; default process.stdin. */
  input?: NodeJS.ReadableStream;
  /** The stream progress bars draw on (a terminal); default process.stdout. */
  terminal?: NodeJS.WritableStream;
  /** Stops long commands (Ctrl-C in `main.ts`, an AbortController in tests). */
  signal?: AbortSignal;
  /** An open store to use instead of opening one; the CLI does not close it (tests share one). */
  store?: InvoiceStore;
  /** Temporal task queues instead of `invoice-sync` / `tax-portal` (tests use unique ones). */
  taskQueues?: { sync: string; portal: string };
  /** How the demo gets a local Temporal server without TEMPORAL_ADDRESS (tests replace it). */
  localTemporal?: typeof ensureLocalTemporal;
  /** Clock for elapsed times (tests). */
  now?: () => number;
}

/** The process exit codes the CLI promises. */
export const EXIT = {
  /** Everything asked for is synced. */
  ok: 0,
  /** Some invoices still miss details or XML (unavailable, incomplete, failed, not synced, or stopped). */
  incomplete: 1,
  /** Bad flags, arguments or configuration. */
  usage: 2,
  /** The tax portal (or Temporal) cannot be reached, or the login was refused. */
  unreachable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The process's own streams and environment. */
export function processIo(signal?: AbortSignal): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    inputIsTTY: Boolean(process.stdin.isTTY),
    terminal: process.stdout,
    ...(signal ? { signal } : {}),
  };
}
