import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AesGcmPayloadCodec, dataConverterFromEnv, payloadCodecFromEnv } from './aes-gcm-codec.js';

const key = randomBytes(32);
const secretInput = {
  taxCode: '0312345678',
  sellerName: 'Công ty TNHH Bán Hàng',
  keys: ['0100109106/1/C26TAS/1234'],
};

describe('AES-GCM payload codec through its old module path', () => {
  it('round-trips payloads and hides tax codes and names', async () => {
    const codec = new AesGcmPayloadCodec(key, 'k1');
    const payload = defaultPayloadConverter.toPayload(secretInput);
    const [encoded] = await codec.encode([payload]);
    const clear = Buffer.from(encoded!.data!).toString('latin1');
    expect(clear).not.toContain('0312345678');
    expect(clear).not.toContain('C26TAS');
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secretInput);
  });

  it('uses a fresh IV per payload and detects tampering', async () => {
    const codec = new AesGcmPayloadCodec(key);
    const payload = defaultPayloadConverter.toPayload(secretInput);
    const [a, b] = await codec.encode([payload, payload]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
    const tampered: Payload = {
      ...a!,
      data: Buffer.from(a!.data!).map((byte, index) => (index === 20 ? byte ^ 1 : byte)),
    };
    await expect(codec.decode([tampered])).rejects.toThrow();
  });

  it('refuses another key id and passes unencrypted payloads through', async () => {
    const [encoded] = await new AesGcmPayloadCodec(key, 'old').encode([defaultPayloadConverter.toPayload(1)]);
    await expect(new AesGcmPayloadCodec(key, 'new').decode([encoded!])).rejects.toThrow(/"old"/);
    const plain = defaultPayloadConverter.toPayload('plain');
    expect(await new AesGcmPayloadCodec(key).decode([plain])).toEqual([plain]);
  });

  it('is configured from SYNC_PAYLOAD_KEY, and a bad key is refused with the variable named', () => {
    expect(payloadCodecFromEnv({})).toBeUndefined();
    expect(dataConverterFromEnv({})).toBeUndefined();
    expect(payloadCodecFromEnv({ SYNC_PAYLOAD_KEY: key.toString('base64') })).toBeInstanceOf(
      AesGcmPayloadCodec,
    );
    expect(dataConverterFromEnv({ SYNC_PAYLOAD_KEY: key.toString('base64') })!.payloadCodecs).toHaveLength(1);
    expect(() => payloadCodecFromEnv({ SYNC_PAYLOAD_KEY: 'c2hvcnQ=' })).toThrow(/SYNC_PAYLOAD_KEY/);
  });
});
