/** The codec folder's public entry: other folders import only from here. */
export { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './key-ring-codec.js';
export { PayloadKeyRing, AES_256_KEY_BYTES, type PayloadKey, type RingKey } from './payload-key-ring.js';
export { parsePayloadKeyRing, payloadKeyRingFromEnv } from './payload-keys-from-env.js';
export {
  dataConverterFromEnv,
  encryptingDataConverter,
  ENCODED_FAILURE_CONVERTER_PATH,
  payloadCodecFromEnv,
  type EncryptingDataConverter,
} from './codec-from-env.js';
export { failureConverter as encodedFailureConverter } from './encoded-failure-converter.js';
export { startCodecServer, type CodecServer, type CodecServerOptions } from './codec-server.js';
export { TEMPORAL_UI_DEV_ORIGINS } from './codec-server-cors.js';
export { MAX_CODEC_BODY_BYTES } from './codec-server-body.js';
export {
  codecServerSettingsFromEnv,
  DEFAULT_CODEC_SERVER_PORT,
  type CodecServerSettings,
} from './codec-server-settings.js';
export * from './environment-variables.js';
export { payloadFromJson, payloadToJson, InvalidPayloadJsonError, type PayloadJson } from './payload-json.js';
