/**
 * The module's old path, kept so `worker/main.ts` and `client/sync-client.ts` keep compiling; new code
 * imports from `codec/index.js`.
 */
export { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from './key-ring-codec.js';
export { CODEC_KEY_ID_VARIABLE, CODEC_KEY_VARIABLE } from './environment-variables.js';
export { dataConverterFromEnv, payloadCodecFromEnv } from './codec-from-env.js';
