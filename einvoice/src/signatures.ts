/**
 * Signatures as the invoice states them: `DSCKS` in XML (kept as raw text by the tree parser), `nbcks`/
 * `nmcks`/`cqtcks` JSON strings in the portal's detail. Who signed, when, with which algorithm and
 * certificate; never a verdict on the cryptography (`not-verified`).
 *
 * The XML block is already known to be well-formed (the whole document was validated), and only five
 * values are needed from it, so they are picked out by element name rather than by parsing the block a
 * second time: a second parse cost about 12% of the whole invoice parse (bench:einvoice).
 */
import { X509Certificate } from 'node:crypto';
import type { InvoiceSignature, InvoiceSignatures } from './model.js';
import { makeWarning, type InvoiceWarning } from './warnings.js';

type Node = Record<string, unknown>;

const ROLES = { NBan: 'seller', NMua: 'buyer', CQT: 'authority' } as const;

export const NO_SIGNATURES: InvoiceSignatures = { seller: null, buyer: null, authority: null };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Element text with the five XML entities and character references decoded. */
function decoded(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** `<[prefix:]Name ...>text</[prefix:]Name>`: the text of the first such element, or null. */
function elementText(block: string, name: string): string | null {
  const match = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}\\s*>`).exec(
    block,
  );
  if (!match) return null;
  const text = decoded(match[1]!).trim();
  return text === '' ? null : text;
}

/** The `Algorithm` attribute of the first `SignatureMethod`. */
function signatureMethod(block: string): string | null {
  const match = /<(?:[\w.-]+:)?SignatureMethod\s[^>]*?Algorithm\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(block);
  return match ? decoded(match[1] ?? match[2] ?? '') : null;
}

/** The inner text of each role's element (`<NBan>…</NBan>`) directly inside `DSCKS`. */
function roleBlock(raw: string, role: string): string | null {
  const open = new RegExp(`<(?:[\\w.-]+:)?${role}(\\s[^>]*)?(/?)>`).exec(raw);
  if (!open) return null;
  if (open[2] === '/') return '';
  const start = open.index + open[0].length;
  const close = new RegExp(`</(?:[\\w.-]+:)?${role}\\s*>`, 'g');
  close.lastIndex = start;
  const end = close.exec(raw);
  return end ? raw.slice(start, end.index) : raw.slice(start);
}

/** `http://www.w3.org/2001/04/xmldsig-more#rsa-sha256` -> `rsa-sha256`. */
function algorithmName(uri: string | null): string | null {
  if (uri === null) return null;
  const cut = Math.max(uri.lastIndexOf('#'), uri.lastIndexOf('/'));
  return uri.slice(cut + 1) || uri;
}

export function commonNameOf(subject: string | null): string | null {
  const match = subject === null ? null : /(?:^|[,\n]\s*)CN=([^,\n]+)/.exec(subject);
  return match ? match[1]!.trim() : null;
}

export function taxCodeOf(subject: string | null): string | null {
  const match = subject === null ? null : /MST:\s*([0-9][0-9-]*[0-9])/.exec(subject);
  return match ? match[1]! : null;
}

/** UTC `YYYY-MM-DDTHH:mm:ss` of a certificate date. */
function utcText(date: Date | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 19) : null;
}

interface CertificateFacts {
  issuer: string | null;
  serialNumber: string | null;
  notBefore: string | null;
  notAfter: string | null;
}

/** A seller signs thousands of invoices with one certificate: decode each certificate once. */
const certificates = new Map<string, CertificateFacts | null>();
const MAX_CACHED_CERTIFICATES = 256;

function certificateFacts(base64: string | null): CertificateFacts | null {
  if (base64 === null) return null;
  const cached = certificates.get(base64);
  if (cached !== undefined) return cached;
  let facts: CertificateFacts | null;
  try {
    const certificate = new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
    facts = {
      // Node writes one attribute a line, in DER order; the portal's JSON (and X509SubjectName) list
      // them last first, joined with ", ".
      issuer: certificate.issuer.split('\n').reverse().join(', '),
      serialNumber: certificate.serialNumber.toUpperCase(),
      notBefore: utcText(certificate.validFromDate),
      notAfter: utcText(certificate.validToDate),
    };
  } catch {
    facts = null;
  }
  if (certificates.size >= MAX_CACHED_CERTIFICATES) certificates.clear();
  certificates.set(base64, facts);
  return facts;
}

function xmlSignature(
  block: string,
  path: string,
  invoiceKey: string,
  warnings: InvoiceWarning[],
): InvoiceSignature {
  const subject = elementText(block, 'X509SubjectName');
  const certificate = certificateFacts(elementText(block, 'X509Certificate'));
  if (!/<(?:[\w.-]+:)?Signature[\s>]/.test(block)) {
    warnings.push(makeWarning('signature-unreadable', invoiceKey, path, { reason: 'no Signature element' }));
  }
  return {
    subject,
    commonName: commonNameOf(subject),
    taxCode: taxCodeOf(subject),
    // Null when the certificate is absent or does not decode (the simulator's are random bytes).
    issuer: certificate?.issuer ?? null,
    serialNumber: certificate?.serialNumber ?? null,
    notBefore: certificate?.notBefore ?? null,
    notAfter: certificate?.notAfter ?? null,
    signingTime: elementText(block, 'SigningTime'),
    algorithm: algorithmName(signatureMethod(block)),
    verification: 'not-verified',
  };
}

/** `DSCKS` raw inner text -> the signatures it holds; an empty role element (`<NMua/>`) is no signature. */
export function readXmlSignatures(
  raw: string | null,
  invoiceKey: string,
  warnings: InvoiceWarning[],
): InvoiceSignatures {
  if (raw === null || raw.trim() === '') return NO_SIGNATURES;
  const signatures: InvoiceSignatures = { ...NO_SIGNATURES };
  for (const [element, role] of Object.entries(ROLES)) {
    const block = roleBlock(raw, element);
    if (block !== null && block.trim() !== '') {
      signatures[role] = xmlSignature(block, `DSCKS/${element}`, invoiceKey, warnings);
    }
  }
  return signatures;
}

function jsonText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A portal signature field (`nbcks`: a JSON string, or already an object); null when absent. */
export function readJsonSignature(
  value: unknown,
  field: string,
  invoiceKey: string,
  warnings: InvoiceWarning[],
): InvoiceSignature | null {
  if (value === null || value === undefined || value === '') return null;
  let facts: unknown = value;
  if (typeof value === 'string') {
    try {
      facts = JSON.parse(value);
    } catch {
      facts = undefined;
    }
  }
  if (!isNode(facts)) {
    warnings.push(makeWarning('signature-unreadable', invoiceKey, field, { reason: 'not a JSON object' }));
    return null;
  }
  const subject = jsonText(facts['Subject']);
  const serial = jsonText(facts['SerialNumber']);
  return {
    subject,
    commonName: commonNameOf(subject),
    taxCode: taxCodeOf(subject),
    issuer: jsonText(facts['Issuer']),
    serialNumber: serial === null ? null : serial.toUpperCase(),
    notBefore: jsonText(facts['NotBefore'])?.slice(0, 19) ?? null,
    notAfter: jsonText(facts['NotAfter'])?.slice(0, 19) ?? null,
    signingTime: jsonText(facts['SigningTime'])?.slice(0, 19) ?? null,
    algorithm: null,
    verification: 'not-verified',
  };
}
