/**
 * The key ring from the environment: `SYNC_PAYLOAD_KEYS=new:<base64>,old:<base64>` (the first encrypts,
 * all decrypt), or the one-key `SYNC_PAYLOAD_KEY` + `SYNC_PAYLOAD_KEY_ID` from before the ring. Errors
 * name the variable and entry position only: the text may hold keys, so none of it is echoed.
 */
import { SyncError } from '../sync/errors.js';
import {
  CODEC_KEY_ID_VARIABLE,
  CODEC_KEY_VARIABLE,
  DEFAULT_KEY_ID,
  PAYLOAD_KEYS_VARIABLE,
} from './environment-variables.js';
import { AES_256_KEY_BYTES, PayloadKeyRing, type PayloadKey } from './payload-key-ring.js';

type Env = Record<string, string | undefined>;

// Ids travel in payload metadata and are parsed out of `id:key,id:key`: keep them plain.
const KEY_ID = /^[A-Za-z0-9._-]+$/;

/** Standard base64 (padding optional), or undefined: Buffer alone would silently skip stray characters. */
function strictBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  const canonical = bytes.toString('base64').replace(/=+$/, '');
  return bytes.length > 0 && canonical === text.replace(/=+$/, '') ? bytes : undefined;
}

/** Parses `id:base64key` entries separated by commas (spaces around them are ignored). */
export function parsePayloadKeyRing(text: string, variable = PAYLOAD_KEYS_VARIABLE): PayloadKeyRing {
  const keys: PayloadKey[] = text.split(',').map((raw, index) => {
    const position = index + 1;
    const entry = raw.trim();
    if (!entry) throw new SyncError('codecKeyEntryEmpty', { variable, position });
    const colon = entry.indexOf(':');
    const id = entry.slice(0, Math.max(colon, 0)).trim();
    const material = entry.slice(colon + 1).trim();
    if (colon < 0 || !KEY_ID.test(id) || !material) {
      throw new SyncError('codecKeyEntryMalformed', { variable, position });
    }
    const key = strictBase64(material);
    if (!key) throw new SyncError('codecKeyEntryNotBase64', { variable, position });
    return { id, key };
  });
  // Lengths and duplicate ids are checked by the ring, with the same positions.
  return new PayloadKeyRing(keys, variable);
}

/** The ring configured in `env`, or undefined when no key is set (payloads then stay in clear). */
export function payloadKeyRingFromEnv(env: Env = process.env): PayloadKeyRing | undefined {
  const ringText = env[PAYLOAD_KEYS_VARIABLE]?.trim();
  const singleKey = env[CODEC_KEY_VARIABLE]?.trim();
  if (ringText && singleKey) {
    // Refused rather than guessed: silently dropping either could make old payloads unreadable.
    throw new SyncError('codecKeysConflict', { variable: PAYLOAD_KEYS_VARIABLE, legacy: CODEC_KEY_VARIABLE });
  }
  if (ringText) return parsePayloadKeyRing(ringText);
  if (!singleKey) return undefined;
  const key = strictBase64(singleKey);
  if (key?.length !== AES_256_KEY_BYTES)
    throw new SyncError('codecKeyInvalid', { variable: CODEC_KEY_VARIABLE });
  const id = env[CODEC_KEY_ID_VARIABLE]?.trim() || DEFAULT_KEY_ID;
  return new PayloadKeyRing([{ id, key }], CODEC_KEY_VARIABLE);
}
