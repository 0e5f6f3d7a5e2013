import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../sync/errors.js';
import { AesGcmPayloadCodec } from './key-ring-codec.js';
import { PayloadKeyRing } from './payload-key-ring.js';
import { payloadCodecFromEnv } from './codec-from-env.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const invoice = { invoiceKey: '0100109106/1/C26TAS/1234', sellerName: 'Công ty TNHH Bán Hàng' };

const keyIdOf = (payload: Payload) => Buffer.from(payload.metadata!['encryption-key-id']!).toString();

describe('AES-GCM key ring codec', () => {
  it('rotates: a payload sealed by ring [k1] opens with ring [k2, k1]; the new ring seals with k2', async () => {
    const before = new AesGcmPayloadCodec([k1]);
    const after = new AesGcmPayloadCodec([k2, k1]);
    const [old] = await before.encode([defaultPayloadConverter.toPayload(invoice)]);
    expect(keyIdOf(old!)).toBe('k1');
    const [opened] = await after.decode([old!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(invoice);

    const [fresh] = await after.encode([defaultPayloadConverter.toPayload(invoice)]);
    expect(keyIdOf(fresh!)).toBe('k2');
    expect(Buffer.from(fresh!.data!).toString('latin1')).not.toContain('C26TAS');
    expect(
      defaultPayloadConverter.fromPayload((await new AesGcmPayloadCodec([k2]).decode([fresh!]))[0]!),
    ).toEqual(invoice);
  });

  it('opens payloads of the one-key codec from before the ring', async () => {
    const [legacy] = await new AesGcmPayloadCodec(k1.key, 'default').encode([
      defaultPayloadConverter.toPayload(7),
    ]);
    const ring = payloadCodecFromEnv({
      SYNC_PAYLOAD_KEYS: `new:${k2.key.toString('base64')},default:${k1.key.toString('base64')}`,
    })!;
    expect(defaultPayloadConverter.fromPayload((await ring.decode([legacy!]))[0]!)).toBe(7);
  });

  it('names the unknown key id and the variable in one line', async () => {
    const [sealed] = await new AesGcmPayloadCodec([k1]).encode([defaultPayloadConverter.toPayload(1)]);
    const ring = new AesGcmPayloadCodec(new PayloadKeyRing([k2], 'SYNC_PAYLOAD_KEYS'));
    const error = await ring.decode([sealed!]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).message).toBe(
      'Cannot decrypt a payload encrypted with key id "k1": SYNC_PAYLOAD_KEYS has only "k2"; add that key back (after the encrypting one) to read it.',
    );
  });

  it('refuses a payload altered, or sealed by another key under the same id', async () => {
    const [sealed] = await new AesGcmPayloadCodec([k1]).encode([defaultPayloadConverter.toPayload(1)]);
    const impostor = new AesGcmPayloadCodec([{ id: 'k1', key: k2.key }]);
    await expect(impostor.decode([sealed!])).rejects.toThrow(/does not authenticate with key "k1"/);
  });

  it('checks the ring it is given, naming positions', () => {
    expect(() => new AesGcmPayloadCodec([k1, { id: 'k1', key: k2.key }])).toThrow(
      /SYNC_PAYLOAD_KEYS, entry 2: the key id is already used by entry 1/,
    );
    expect(() => new AesGcmPayloadCodec([k1, { id: 'k3', key: randomBytes(31) }])).toThrow(
      /entry 2: .* not 31/,
    );
    expect(() => new AesGcmPayloadCodec([])).toThrow(/at least one key/);
    expect(() => new AesGcmPayloadCodec(randomBytes(31))).toThrow(/SYNC_PAYLOAD_KEY must be/);
  });

  it('never prints key material when logged', () => {
    const printed = inspect(new AesGcmPayloadCodec([k1, k2]), { depth: 10, showHidden: true });
    // Keys are KeyObjects: no byte array of any kind appears.
    expect(printed).not.toMatch(/Buffer|Uint8Array|ArrayBuffer/);
    expect(printed).toContain("id: 'k1'");
    expect(JSON.stringify(new AesGcmPayloadCodec([k1]))).not.toContain(k1.key.toString('base64').slice(0, 8));
  });
});
