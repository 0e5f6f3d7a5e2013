/**
 * An optional PayloadCodec that encrypts every payload with AES-256-GCM, so workflow histories (and the
 * Temporal UI without the key) show no tax codes, names or invoice keys in clear. Each payload gets a
 * fresh 12-byte IV; the key id travels in the metadata so keys can be rotated.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { SyncError } from '../sync/errors.js';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const CODEC_KEY_VARIABLE = 'SYNC_PAYLOAD_KEY';
export const CODEC_KEY_ID_VARIABLE = 'SYNC_PAYLOAD_KEY_ID';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = new TextEncoder();
const untext = new TextDecoder();

interface SerialisedPayload {
  metadata: Record<string, string>;
  data: string;
}

function toBase64(bytes: Uint8Array | null | undefined): string {
  return Buffer.from(bytes ?? new Uint8Array()).toString('base64');
}

function serialise(payload: Payload): Uint8Array {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload.metadata ?? {})) metadata[name] = toBase64(value);
  return text.encode(JSON.stringify({ metadata, data: toBase64(payload.data) } satisfies SerialisedPayload));
}

function deserialise(bytes: Uint8Array): Payload {
  const parsed = JSON.parse(untext.decode(bytes)) as SerialisedPayload;
  const metadata: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(parsed.metadata)) metadata[name] = Buffer.from(value, 'base64');
  return { metadata, data: Buffer.from(parsed.data, 'base64') };
}

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(
    private readonly key: Uint8Array,
    private readonly keyId = 'default',
  ) {
    if (key.length !== 32) throw new SyncError('codecKeyInvalid', { variable: CODEC_KEY_VARIABLE });
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.key, iv);
      const sealed = Buffer.concat([
        iv,
        cipher.update(serialise(payload)),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return {
        metadata: { encoding: text.encode(ENCRYPTED_ENCODING), 'encryption-key-id': text.encode(this.keyId) },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding ? untext.decode(payload.metadata.encoding) : '';
      // Payloads written before the codec was switched on stay readable.
      if (encoding !== ENCRYPTED_ENCODING) return payload;
      const keyId = payload.metadata?.['encryption-key-id']
        ? untext.decode(payload.metadata['encryption-key-id'])
        : '';
      if (keyId !== this.keyId) {
        throw new Error(
          `payload was encrypted with key "${keyId}", but ${CODEC_KEY_ID_VARIABLE} is "${this.keyId}"`,
        );
      }
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      if (sealed.length < IV_BYTES + TAG_BYTES)
        throw new Error('encrypted payload is too short to be genuine');
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return deserialise(plain);
    });
  }
}

/** The codec when `SYNC_PAYLOAD_KEY` (base64, 32 bytes) is set; undefined otherwise. */
export function payloadCodecFromEnv(
  env: Record<string, string | undefined> = process.env,
): AesGcmPayloadCodec | undefined {
  const encoded = env[CODEC_KEY_VARIABLE]?.trim();
  if (!encoded) return undefined;
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new SyncError('codecKeyInvalid', { variable: CODEC_KEY_VARIABLE });
  }
  return new AesGcmPayloadCodec(key, env[CODEC_KEY_ID_VARIABLE]?.trim() || 'default');
}

/** A data converter using the codec when one is configured (for `Client` and `Worker` options). */
export function dataConverterFromEnv(
  env: Record<string, string | undefined> = process.env,
): { payloadCodecs: PayloadCodec[] } | undefined {
  const codec = payloadCodecFromEnv(env);
  return codec ? { payloadCodecs: [codec] } : undefined;
}
