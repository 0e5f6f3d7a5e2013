/** The codec's environment variables, in one place because every configuration error names one. */

/** `id:base64key` entries separated by commas: the first encrypts, every one decrypts. */
export const PAYLOAD_KEYS_VARIABLE = 'SYNC_PAYLOAD_KEYS';
/** The one-key form from before the ring (still read when `SYNC_PAYLOAD_KEYS` is unset). */
export const CODEC_KEY_VARIABLE = 'SYNC_PAYLOAD_KEY';
export const CODEC_KEY_ID_VARIABLE = 'SYNC_PAYLOAD_KEY_ID';
/** Key id of the one-key form when `SYNC_PAYLOAD_KEY_ID` is unset. */
export const DEFAULT_KEY_ID = 'default';

/** Port of the codec endpoint for the Temporal UI (the `codec-server` command). */
export const CODEC_SERVER_PORT_VARIABLE = 'SYNC_CODEC_SERVER_PORT';
/** Comma-separated browser origins allowed to call it (the Temporal UI's). */
export const CODEC_SERVER_ORIGINS_VARIABLE = 'SYNC_CODEC_SERVER_ORIGINS';
