/** The codec and the data converter (for `Client` and `Worker` options) configured by the environment. */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './key-ring-codec.js';
import { payloadKeyRingFromEnv } from './payload-keys-from-env.js';

type Env = Record<string, string | undefined>;

/**
 * Where `encoded-failure-converter` lives. Temporal accepts a custom failure converter only as a path
 * (a `failureConverter` object in `DataConverter` is silently ignored); pass it to
 * `bundleWorkflowCode({ failureConverterPath })` too when prebuilding the workflow bundle. The extension
 * follows this file's, so it works from sources (tsx, vitest) and from compiled output alike.
 */
export const ENCODED_FAILURE_CONVERTER_PATH = fileURLToPath(
  new URL(`./encoded-failure-converter${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/** A data converter that encrypts payloads and failure messages; usable by both `Client` and `Worker`. */
export interface EncryptingDataConverter extends DataConverter {
  payloadCodecs: [AesGcmPayloadCodec];
  failureConverterPath: string;
}

/** The codec when `SYNC_PAYLOAD_KEYS` or `SYNC_PAYLOAD_KEY` is set; undefined otherwise. */
export function payloadCodecFromEnv(env: Env = process.env): AesGcmPayloadCodec | undefined {
  const ring = payloadKeyRingFromEnv(env);
  return ring ? new AesGcmPayloadCodec(ring) : undefined;
}

/** The codec plus the failure converter that encodes messages and stacks; undefined when no key is set. */
export function dataConverterFromEnv(env: Env = process.env): EncryptingDataConverter | undefined {
  const codec = payloadCodecFromEnv(env);
  return codec ? encryptingDataConverter(codec) : undefined;
}

export function encryptingDataConverter(codec: AesGcmPayloadCodec): EncryptingDataConverter {
  return { payloadCodecs: [codec], failureConverterPath: ENCODED_FAILURE_CONVERTER_PATH };
}
