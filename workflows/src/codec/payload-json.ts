/**
 * A Payload as proto3 JSON (`{ metadata: { name: base64 }, data: base64 }`): the wire form of Temporal's
 * remote codec protocol, and the plain text sealed inside an encrypted payload.
 */
import type { Payload } from '@temporalio/common';

export interface PayloadJson {
  metadata: Record<string, string>;
  data: string;
}

/** A payload in the codec server's request that is not proto3 JSON; the message is one line. */
export class InvalidPayloadJsonError extends Error {
  override readonly name = 'InvalidPayloadJsonError';
}

// proto3 JSON accepts standard and URL-safe base64, padded or not.
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function toBase64(bytes: Uint8Array | null | undefined): string {
  return Buffer.from(bytes ?? new Uint8Array()).toString('base64');
}

function fromBase64(value: unknown, where: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value) || value.replace(/=+$/, '').length % 4 === 1) {
    throw new InvalidPayloadJsonError(`${where} is not a base64 string`);
  }
  return Buffer.from(value, 'base64');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function payloadToJson(payload: Payload): PayloadJson {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload.metadata ?? {})) metadata[name] = toBase64(value);
  return { metadata, data: toBase64(payload.data) };
}

/** `where` names the payload in errors, e.g. `payloads[2]`. Absent fields are empty, as in proto3. */
export function payloadFromJson(json: unknown, where = 'payload'): Payload {
  if (!isRecord(json)) throw new InvalidPayloadJsonError(`${where} is not an object`);
  const rawMetadata = json.metadata ?? {};
  if (!isRecord(rawMetadata)) throw new InvalidPayloadJsonError(`${where}.metadata is not an object`);
  const metadata: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(rawMetadata)) {
    metadata[name] = fromBase64(value, `${where}.metadata[${JSON.stringify(name)}]`);
  }
  return { metadata, data: fromBase64(json.data ?? '', `${where}.data`) };
}
