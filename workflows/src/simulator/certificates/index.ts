/**
 * The simulator's signing certificates and what they say (subject, issuer, serial, validity), read with
 * node:crypto from the DER itself, so the XML's `X509Certificate` and the JSON's `nbcks`/`cqtcks` agree.
 */
import { X509Certificate } from 'node:crypto';
import { AUTHORITY_CERTIFICATE, SIGNER_CERTIFICATES } from './der.js';

export interface CertificateFacts {
  /** Base64 DER, as `X509Certificate` carries it. */
  der: string;
  /** `UID=MST:0100109106, CN=..., L=Hà Nội, C=VN` (most specific first, as signatures write it). */
  subject: string;
  issuer: string;
  /** Upper-case hex. */
  serialNumber: string;
  /** UTC, `YYYY-MM-DDTHH:mm:ss`. */
  notBefore: string;
  notAfter: string;
}

const read = new Map<string, CertificateFacts>();
const name = (lines: string): string => lines.split('\n').reverse().join(', ');
const utc = (date: Date): string => date.toISOString().slice(0, 19);

function facts(der: string): CertificateFacts {
  let known = read.get(der);
  if (!known) {
    const certificate = new X509Certificate(Buffer.from(der, 'base64'));
    known = {
      der,
      subject: name(certificate.subject),
      issuer: name(certificate.issuer),
      serialNumber: certificate.serialNumber.toUpperCase(),
      notBefore: utc(new Date(certificate.validFrom)),
      notAfter: utc(new Date(certificate.validTo)),
    };
    read.set(der, known);
  }
  return known;
}

/** The seller's certificate: its own when the simulator has one, else the generic simulator signer's. */
export function signerCertificate(taxCode: string): CertificateFacts {
  return facts(SIGNER_CERTIFICATES[taxCode] ?? SIGNER_CERTIFICATES['0000000000']!);
}

export function authorityCertificate(): CertificateFacts {
  return facts(AUTHORITY_CERTIFICATE);
}
