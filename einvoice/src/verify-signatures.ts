/**
 * Cryptographic check of the XML signatures with xml-crypto (the XML-DSig library of the Node SAML
 * stack, maintained, with c14n, enveloped-signature and RSA-SHA1/SHA256): does each `Signature`'s
 * value match the certificate it carries, and do its references' digests match the signed parts
 * (`DLHDon`, the signing time, `MCCQT`)? The certificate chain (VNPT-CA, Viettel-CA, ... up to the
 * national root) is not checked: "valid" means "these bytes were signed by the holder of this
 * certificate", not "this certificate is trusted". Run on demand (`inspect`), not during the sync:
 * it parses the document a second time into a DOM.
 */
import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { InvoiceSignatures, SignatureVerification } from './model.js';

const ROLE_ELEMENTS = { seller: 'NBan', buyer: 'NMua', authority: 'CQT' } as const;

/** The `<Signature …>…</Signature>` element inside `DSCKS/<role>`, as written. */
function signatureElement(xml: string, role: string): string | null {
  const block = new RegExp(
    `<(?:[\\w.-]+:)?DSCKS[\\s>][\\s\\S]*?<(?:[\\w.-]+:)?${role}[\\s>]([\\s\\S]*?)</(?:[\\w.-]+:)?${role}\\s*>`,
  ).exec(xml);
  if (!block) return null;
  const signature = /<((?:[\w.-]+:)?Signature)[\s>][\s\S]*<\/\1\s*>/.exec(block[1]!);
  return signature ? signature[0] : null;
}

function pemOf(signature: string): string | null {
  const match = /<(?:[\w.-]+:)?X509Certificate>([^<]+)</.exec(signature);
  if (!match) return null;
  try {
    return new X509Certificate(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')).toString();
  } catch {
    return null;
  }
}

export interface VerificationResult {
  verification: SignatureVerification;
  /** Why it is invalid or not verified; null when valid. */
  reason: string | null;
}

export function verifySignature(xml: string, signature: string): VerificationResult {
  const pem = pemOf(signature);
  if (pem === null) return { verification: 'not-verified', reason: 'no decodable certificate' };
  try {
    const signed = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null });
    signed.loadSignature(signature);
    if (signed.checkSignature(xml)) return { verification: 'valid', reason: null };
    const failed = signed.getReferences().find((reference) => reference.validationError);
    return {
      verification: 'invalid',
      reason: failed
        ? `the digest of ${failed.uri || 'the document'} does not match (the signed part was changed)`
        : 'the signature value does not match the certificate',
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const invalid = /invalid|match|digest/i.test(message);
    return {
      verification: invalid ? 'invalid' : 'not-verified',
      reason: message.replace(/\s+/g, ' ').slice(0, 160),
    };
  }
}

/**
 * The signatures with `verification` set from the document's bytes. `xml` must be the text the
 * signatures were read from (already parsed without error, so no DOCTYPE reaches the DOM parser).
 */
export function verifyXmlSignatures(
  xml: string,
  signatures: InvoiceSignatures,
): { signatures: InvoiceSignatures; reasons: Partial<Record<keyof InvoiceSignatures, string>> } {
  const verified: InvoiceSignatures = { ...signatures };
  const reasons: Partial<Record<keyof InvoiceSignatures, string>> = {};
  for (const role of Object.keys(ROLE_ELEMENTS) as (keyof InvoiceSignatures)[]) {
    const current = signatures[role];
    if (current === null) continue;
    const element = signatureElement(xml, ROLE_ELEMENTS[role]);
    const result: VerificationResult =
      element === null
        ? { verification: 'not-verified', reason: 'no Signature element' }
        : verifySignature(xml, element);
    verified[role] = { ...current, verification: result.verification };
    if (result.reason !== null) reasons[role] = result.reason;
  }
  return { signatures: verified, reasons };
}
