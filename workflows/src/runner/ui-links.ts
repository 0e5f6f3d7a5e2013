/** Links into the Temporal UI, and the UI's address when only the server's is known. */

/** `<uiUrl>/namespaces/<ns>/workflows/<workflowId>/<runId>`: the page of one workflow run. */
export function workflowUiLink(
  uiUrl: string,
  namespace: string,
  workflowId: string,
  runId?: string | null,
): string {
  const base = uiUrl.replace(/\/+$/, '');
  const path = `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${path}/${encodeURIComponent(runId)}` : path;
}

export const DEFAULT_UI_URL = 'http://localhost:8233';

/**
 * The UI of a server at `address`: `TEMPORAL_UI_URL` when set; for a dev server on this machine its
 * UI port (the server's port + 1000, what `temporal server start-dev` does); else localhost:8233.
 */
export function uiUrlFor(address: string | null, env: Record<string, string | undefined>): string {
  const explicit = env['TEMPORAL_UI_URL']?.trim();
  if (explicit) return explicit.replace(/\/+$/, '');
  const match = address ? /^(localhost|127\.0\.0\.1|\[::1\]):(\d+)$/.exec(address.trim()) : null;
  if (match) {
    const port = Number(match[2]) + 1000;
    if (port < 65536) return `http://${match[1]}:${port}`;
  }
  return DEFAULT_UI_URL;
}
