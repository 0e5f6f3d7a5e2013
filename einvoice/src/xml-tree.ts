/**
 * Turning untrusted XML text into a plain element tree, safely: size, DOCTYPE/ENTITY and depth limits
 * first, then a well-formedness check (fast-xml-parser's parser alone accepts truncated documents, which
 * would lose data silently), then one parse with numbers kept as text and the signature left unparsed.
 * When a document is not well-formed, saxes (a strict XML 1.0 parser) reads it again to say where and
 * why in a few words: fast-xml-parser's validator names the opening tag, not the place, of a truncation.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
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

/**
 * The first `DOCTYPE`/`ENTITY` declaration outside CDATA sections and comments (which may quote the
 * text without declaring anything), in one linear pass: an unclosed section ends the search (the
 * document is then malformed, and the well-formedness check says where).
 */
function declarationOutsideQuotes(xml: string): 'DOCTYPE' | 'ENTITY' | null {
  let at = xml.indexOf('<!');
  while (at >= 0) {
    if (xml.startsWith('<![CDATA[', at)) {
      const end = xml.indexOf(']]>', at + 9);
      if (end < 0) return null;
      at = xml.indexOf('<!', end + 3);
    } else if (xml.startsWith('<!--', at)) {
      const end = xml.indexOf('-->', at + 4);
      if (end < 0) return null;
      at = xml.indexOf('<!', end + 3);
    } else {
      const match = /^<!\s*(DOCTYPE|ENTITY)/i.exec(xml.slice(at, at + 64));
      if (match) return match[1]!.toUpperCase() as 'DOCTYPE' | 'ENTITY';
      at = xml.indexOf('<!', at + 2);
    }
  }
  return null;
}
/** Longest detail an error message carries (a broken document must not make a megabyte message). */
export const MAX_ERROR_DETAIL = 160;

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
  // Only when the cheap test hits, look again outside CDATA sections and comments, which may quote it.
  const declaration = DECLARATION.test(xml) ? declarationOutsideQuotes(xml) : null;
  if (declaration) throw new XmlRefusedError(declaration === 'DOCTYPE' ? 'doctype' : 'entity', invoiceKey);
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (text.trim() === '') throw new XmlParseError('parse.empty', invoiceKey, {}, 1, 1);
  const validation = XMLValidator.validate(text);
  if (validation !== true) throw malformed(text, invoiceKey, validation.err);
  let tree: XmlElement;
  try {
    tree = parserFor(maxDepth).parse(text) as XmlElement;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested/i.test(message)) throw new XmlRefusedError('too-deep', invoiceKey, { limit: maxDepth });
    throw malformed(text, invoiceKey, { msg: message });
  }
  // The validator accepts a second root element (`<HDon>…</HDon><x/>`); XML does not.
  const roots = Object.values(tree);
  if (roots.length !== 1 || (Array.isArray(roots[0]) && roots[0].length !== 1)) {
    throw malformed(text, invoiceKey, { msg: 'documents may contain only one root' });
  }
  return tree;
}

function shortened(detail: string): string {
  const oneLine = detail.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_ERROR_DETAIL ? oneLine : `${oneLine.slice(0, MAX_ERROR_DETAIL - 1)}…`;
}

/** The first error a strict parser finds, with its 1-based line and column; null if it finds none. */
function strictError(text: string): { line: number; column: number; detail: string } | null {
  const parser = new SaxesParser({ position: true });
  let found: { line: number; column: number; detail: string } | null = null;
  parser.on('error', (error: Error) => {
    found ??= {
      line: parser.line,
      column: Math.max(1, parser.column),
      // saxes prefixes its own `line:column: `.
      detail: error.message.replace(/^\d+:\d+:\s*/, ''),
    };
  });
  try {
    parser.write(text).close();
  } catch {
    // Reported through the handler above.
  }
  return found;
}

function malformed(
  text: string,
  invoiceKey: string,
  fallback: { msg: string; line?: number; col?: number },
): XmlParseError {
  const strict = strictError(text);
  const line = strict?.line ?? fallback.line ?? null;
  const column = strict?.column ?? fallback.col ?? null;
  const detail = shortened(strict?.detail ?? fallback.msg);
  return new XmlParseError(
    'parse.malformed',
    invoiceKey,
    { line: line ?? '?', column: column ?? '?', detail },
    line,
    column,
  );
}
