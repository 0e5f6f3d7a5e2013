import { randomBytes } from 'node:crypto';
import { ApplicationFailure, DefaultFailureConverter, type ProtoFailure } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  isLoadedDataConverter,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow/index.js';
import { describe, expect, it } from 'vitest';
import {
  dataConverterFromEnv,
  ENCODED_FAILURE_CONVERTER_PATH,
  payloadCodecFromEnv,
} from './codec-from-env.js';
import { failureConverter } from './encoded-failure-converter.js';
import { AesGcmPayloadCodec } from './key-ring-codec.js';

const env = { SYNC_PAYLOAD_KEYS: `k1:${randomBytes(32).toString('base64')}` };
const invoiceKey = '0100109106/1/C26TAS/1234';

/** Every string and byte of a failure, as Temporal would store it. */
function storedText(failure: ProtoFailure): string {
  return JSON.stringify(failure, (_, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
  );
}

describe('data converter from the environment', () => {
  it('is undefined without a key, and otherwise holds the ring codec and the failure converter path', () => {
    expect(payloadCodecFromEnv({})).toBeUndefined();
    expect(dataConverterFromEnv({})).toBeUndefined();
    const converter = dataConverterFromEnv(env)!;
    expect(converter.payloadCodecs).toHaveLength(1);
    expect(converter.payloadCodecs[0]).toBeInstanceOf(AesGcmPayloadCodec);
    expect(converter.failureConverterPath).toBe(ENCODED_FAILURE_CONVERTER_PATH);
    // A plain DataConverter: Client and Worker load it (and the failure converter) themselves.
    expect(isLoadedDataConverter(converter)).toBe(false);
    expect(failureConverter).toBeInstanceOf(DefaultFailureConverter);
  });

  it('encrypts failure messages and stacks, which carry invoice keys, and restores them on decode', async () => {
    // What Client and Worker do with it: require the converter by path, then encode with the codec.
    const loaded = loadDataConverter(dataConverterFromEnv(env));
    const error = ApplicationFailure.create({
      message: `The XML of invoice ${invoiceKey} was refused`,
      type: 'invalid_input',
      nonRetryable: true,
      details: [{ invoiceKey }],
      cause: new Error(`portal said: ${invoiceKey} not found`),
    });
    const failure = await encodeErrorToFailure(loaded, error);
    expect(failure.message).toBe('Encoded failure');
    expect(failure.encodedAttributes).toBeTruthy();
    const stored = storedText(failure);
    expect(stored).not.toContain(invoiceKey);
    expect(stored).not.toContain('C26TAS');

    const decoded = await decodeOptionalFailureToOptionalError(loaded, failure);
    expect(decoded).toBeInstanceOf(ApplicationFailure);
    const restored = decoded as ApplicationFailure;
    expect(restored.message).toBe(`The XML of invoice ${invoiceKey} was refused`);
    expect(restored.stack).toContain(invoiceKey);
    expect(restored.details).toEqual([{ invoiceKey }]);
    expect(restored.cause?.message).toBe(`portal said: ${invoiceKey} not found`);
  });

  it('cannot read an encrypted failure without the key', async () => {
    const failure = await encodeErrorToFailure(
      loadDataConverter(dataConverterFromEnv(env)),
      ApplicationFailure.create({ message: invoiceKey }),
    );
    const otherKey = loadDataConverter(
      dataConverterFromEnv({ SYNC_PAYLOAD_KEYS: `k2:${randomBytes(32).toString('base64')}` }),
    );
    await expect(decodeOptionalFailureToOptionalError(otherKey, failure)).rejects.toThrow(/key id "k1"/);
  });
});
