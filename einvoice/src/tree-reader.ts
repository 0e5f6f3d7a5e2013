/**
 * Reading fields out of the element tree by name, collecting a warning (with the element path) for
 * anything present but unreadable instead of dropping it silently.
 */
import { decimalFromText, type Decimal } from './decimal.js';
import type { ExtraFields } from './model.js';
import { makeWarning, type InvoiceWarning } from './warnings.js';
import type { XmlElement, XmlNode } from './xml-tree.js';

export function isElement(node: XmlNode | XmlNode[] | undefined): node is XmlElement {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

export class TreeReader {
  readonly warnings: InvoiceWarning[] = [];

  constructor(readonly invoiceKey: string) {}

  private single(parent: XmlElement | null, name: string, path: string): XmlNode | undefined {
    if (parent === null) return undefined;
    const node = parent[name];
    if (!Array.isArray(node)) return node;
    if (node.length > 1) {
      this.warnings.push(
        makeWarning('repeated-element', this.invoiceKey, `${path}/${name}`, { count: node.length }),
      );
    }
    return node[0];
  }

  /** A child element; null when absent or empty (`<NMua/>`). */
  element(parent: XmlElement | null, name: string, path: string): XmlElement | null {
    const node = this.single(parent, name, path);
    return isElement(node) ? node : null;
  }

  /** Every child element of that name (empty ones as `{}`), in document order. */
  list(parent: XmlElement | null, name: string): XmlElement[] {
    if (parent === null) return [];
    const node = parent[name];
    if (node === undefined) return [];
    const nodes = Array.isArray(node) ? node : [node];
    return nodes.map((item) => (isElement(item) ? item : {}));
  }

  /** Trimmed text; null when absent or empty. Mixed content keeps its text part. */
  text(parent: XmlElement | null, name: string, path: string): string | null {
    const node = this.single(parent, name, path);
    if (node === undefined) return null;
    if (typeof node === 'string') return node === '' ? null : node;
    const inner = node['#text'];
    return typeof inner === 'string' && inner !== '' ? inner : null;
  }

  decimal(parent: XmlElement | null, name: string, path: string): Decimal | null {
    const text = this.text(parent, name, path);
    if (text === null) return null;
    const value = decimalFromText(text);
    if (value === undefined) {
      this.warnings.push(makeWarning('invalid-number', this.invoiceKey, `${path}/${name}`, { value: text }));
      return null;
    }
    return value;
  }

  /** A non-negative integer (zero padding allowed, as in `SHDon`). */
  integer(parent: XmlElement | null, name: string, path: string): number | null {
    const text = this.text(parent, name, path);
    if (text === null) return null;
    if (!/^\d{1,15}$/.test(text)) {
      this.warnings.push(makeWarning('invalid-number', this.invoiceKey, `${path}/${name}`, { value: text }));
      return null;
    }
    return Number(text);
  }

  /** First of several alternative names (final standard first, draft names after). */
  textOf(parent: XmlElement | null, names: readonly string[], path: string): string | null {
    for (const name of names) {
      const value = this.text(parent, name, path);
      if (value !== null) return value;
    }
    return null;
  }

  /** `TTKhac/TTin*` as a field -> value map (later duplicates win, as a reader of the document would see). */
  extra(parent: XmlElement | null, path: string): ExtraFields {
    const extra: ExtraFields = {};
    const block = this.element(parent, 'TTKhac', path);
    for (const entry of this.list(block, 'TTin')) {
      const field = this.text(entry, 'TTruong', `${path}/TTKhac/TTin`);
      if (field !== null) extra[field] = this.text(entry, 'DLieu', `${path}/TTKhac/TTin`);
    }
    return extra;
  }
}
