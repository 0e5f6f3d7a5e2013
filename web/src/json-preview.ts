/** The "Compiled JSON" panel: a `corrections/compile` result (or why there is none). */
import type { CompileResult } from '#language/protocol';
import { escapeHtml } from './html.js';
import type { Translate } from './i18n.js';

export function renderCompiled(result: CompileResult, t: Translate): string {
  if (result.json === undefined) {
    return `<div class="panel-error">${escapeHtml(t('json.error', { message: result.error ?? '?' }))}</div>`;
  }
  return (
    `<div class="panel-head"><span>${escapeHtml(t('json.ruleSet', { name: result.ruleSet ?? '' }))}</span>` +
    `<button type="button" class="copy-json">${escapeHtml(t('json.copy'))}</button></div>` +
    `<pre class="json" data-testid="compiled-json">${highlightJson(result.json)}</pre>`
  );
}

/** Escapes the JSON and colours keys, strings, numbers and literals (the JSON itself stays byte for byte). */
export function highlightJson(json: string): string {
  const token = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
  let out = '';
  let last = 0;
  for (let m = token.exec(json); m !== null; m = token.exec(json)) {
    out += escapeHtml(json.slice(last, m.index));
    if (m[1] !== undefined) {
      out += `<span class="${m[2] ? 'key' : 'string'}">${escapeHtml(m[1])}</span>${m[2] ? escapeHtml(m[2]) : ''}`;
    } else if (m[3] !== undefined) {
      out += `<span class="number">${m[3]}</span>`;
    } else {
      out += `<span class="literal">${m[4]}</span>`;
    }
    last = m.index + m[0].length;
  }
  return out + escapeHtml(json.slice(last));
}
