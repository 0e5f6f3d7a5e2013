/**
 * Turning untrusted XML text into a plain element tree, safely: size, DOCTYPE/ENTITY and depth limits
 * first, then a well-formedness check (fast-xml-parser's parser alone accepts truncated documents, which
 * would lose data silently), then one parse with numbers kept as text and the signature left unparsed.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { XmlParseError, XmlRefusedError } from './errors.js';

export interface XmlLimits {
  /** Largest accepted input in UTF-8 bytes. Default 5 MiB (real invoices are a few tens of KiB). */
  maxBytes?: number;
  /** Deepest accepted element nesting. Default 32 (real invoices nest about 10 deep). */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 32;

/** An element: text (possibly empty), or child elements by name (repeated children as arrays). */
export type XmlNode = string | XmlElement;
export interface XmlElement {
  [name: string]: XmlNode | XmlNode[];
}

/** Elements that repeat in the standard: always arrays, so one occurrence reads like many. */
const REPEATED = new Set(['HHDVu', 'LTSuat', 'TTin', 'LPhi', 'HDon']);

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

const parsers = new Map<number, XMLParser>();

function parserFor(maxDepth: number): XMLParser {
  let parser = parsers.get(maxDepth);
  if (!parser) {
    parser = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: true,
      removeNSPrefix: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      // Vendors escape Vietnamese letters as character references (`qu&#x1EA3;n`): decode them. (This
      // option also covers HTML named entities; the DOCTYPE check above already refused custom ones.)
      htmlEntities: true,
      maxNestedTags: maxDepth,
      // The signature is never read: keep it as raw text instead of building its tree.
      stopNodes: ['*.DSCKS'],
      isArray: (name) => REPEATED.has(name),
    });
    parsers.set(maxDepth, parser);
  }
  return parser;
}

/** UTF-8 length without allocating an encoded copy. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function parseXmlTree(xml: string, invoiceKey: string, limits: XmlLimits = {}): XmlElement {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Each UTF-16 unit is at most 3 UTF-8 bytes: only count exactly near the limit.
  if (xml.length * 3 > maxBytes) {
    const size = utf8Length(xml);
    if (size > maxBytes) throw new XmlRefusedError('too-large', invoiceKey, { size, limit: maxBytes });
  }
  const declaration = DECLARATION.exec(xml);
  if (declaration) {
    throw new XmlRefusedError(declaration[1]!.toUpperCase() === 'DOCTYPE' ? 'doctype' : 'entity', invoiceKey);
  }
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    throw new XmlParseError('parse.malformed', invoiceKey, { line, column: col, detail: msg }, line, col);
  }
  try {
    return parserFor(maxDepth).parse(text) as XmlElement;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested/i.test(message)) throw new XmlRefusedError('too-deep', invoiceKey, { limit: maxDepth });
    throw new XmlParseError('parse.malformed', invoiceKey, { line: '?', column: '?', detail: message });
  }
}
