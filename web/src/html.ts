/** Escaping for the panels, which are rendered as HTML strings (pure functions, unit-tested in Node). */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Attributes that make an element a link to a place in one of the two editors (0-based, as LSP). */
export function revealAttributes(uri: string, line: number, character = 0): string {
  return `data-reveal-uri="${escapeHtml(uri)}" data-reveal-line="${line}" data-reveal-character="${character}"`;
}

/** "rules.crules" from "file:///workspace/rules.crules". */
export function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
