/**
 * A PayloadCodec that encrypts every payload with AES-256-GCM, so workflow histories (and the Temporal
 * UI without the key) show no tax codes, names or invoice keys in clear. Each payload gets a fresh
 * 12-byte IV and carries the id of the key that sealed it; decoding picks that key from the ring, so a
 * rotated-out key keeps decrypting as long as it stays in the ring.
 *
 * Wire format (unchanged since the one-key codec): metadata `encoding: binary/encrypted` and
 * `encryption-key-id: <id>`; data = IV | ciphertext of the payload's proto3 JSON | 16-byte tag.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { SyncError } from '../sync/errors.js';
import { CODEC_KEY_VARIABLE, DEFAULT_KEY_ID } from './environment-variables.js';
import { AES_256_KEY_BYTES, PayloadKeyRing, type PayloadKey, type RingKey } from './payload-key-ring.js';
import { payloadFromJson, payloadToJson } from './payload-json.js';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = new TextEncoder();
const untext = new TextDecoder();

/** Key ids come from payload metadata: keep error messages one printable line. */
function printable(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, 64);
}

function open(sealed: Buffer, key: RingKey): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key.secret, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // OpenSSL's "unable to authenticate data" does not say which key or why.
    throw new Error(
      `encrypted payload does not authenticate with key "${key.id}": altered, or sealed by another key under that id`,
    );
  }
}

export class AesGcmPayloadCodec implements PayloadCodec {
  readonly ring: PayloadKeyRing;

  /** A ring (or its keys, first one encrypting). */
  constructor(ring: PayloadKeyRing | readonly PayloadKey[]);
  /** One key, as before the ring: `new AesGcmPayloadCodec(key, 'k1')`. */
  constructor(key: Uint8Array, keyId?: string);
  constructor(keys: PayloadKeyRing | readonly PayloadKey[] | Uint8Array, keyId = DEFAULT_KEY_ID) {
    if (keys instanceof Uint8Array) {
      if (keys.length !== AES_256_KEY_BYTES) {
        throw new SyncError('codecKeyInvalid', { variable: CODEC_KEY_VARIABLE });
      }
      this.ring = new PayloadKeyRing([{ id: keyId, key: keys }], CODEC_KEY_VARIABLE);
    } else {
      this.ring = keys instanceof PayloadKeyRing ? keys : new PayloadKeyRing(keys);
    }
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, secret } = this.ring.encrypting;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const plain = text.encode(JSON.stringify(payloadToJson(payload)));
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(id) },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding ? untext.decode(payload.metadata.encoding) : '';
      // Payloads written before the codec was switched on stay readable.
      if (encoding !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      const keyId = keyIdBytes ? untext.decode(keyIdBytes) : '';
      const key = this.ring.get(keyId);
      if (!key) {
        throw new SyncError('codecKeyUnknown', {
          keyId: printable(keyId),
          variable: this.ring.variable,
          known: this.ring.ids.map((id) => `"${id}"`).join(', '),
        });
      }
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      if (sealed.length < IV_BYTES + TAG_BYTES)
        throw new Error('encrypted payload is too short to be genuine');
      return payloadFromJson(JSON.parse(untext.decode(open(sealed, key))));
    });
  }
}
