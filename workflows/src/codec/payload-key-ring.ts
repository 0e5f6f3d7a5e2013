/**
 * The keys a codec holds: the first encrypts new payloads, every one decrypts, so rotating the key
 * leaves payloads already in open workflow histories readable. Key bytes are kept as `KeyObject`s,
 * which print without their material, so logging a codec cannot leak a key.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SyncError } from '../sync/errors.js';
import { PAYLOAD_KEYS_VARIABLE } from './environment-variables.js';

export const AES_256_KEY_BYTES = 32;

export interface PayloadKey {
  readonly id: string;
  /** 32 bytes (AES-256). */
  readonly key: Uint8Array;
}

export interface RingKey {
  readonly id: string;
  readonly secret: KeyObject;
}

export class PayloadKeyRing {
  readonly encrypting: RingKey;
  readonly #byId = new Map<string, RingKey>();

  /**
   * `variable` is where the keys came from; errors name it and the 1-based entry position, never the
   * key itself.
   */
  constructor(
    keys: readonly PayloadKey[],
    readonly variable: string = PAYLOAD_KEYS_VARIABLE,
  ) {
    const positions = new Map<string, number>();
    keys.forEach(({ id, key }, index) => {
      const position = index + 1;
      if (!id) throw new SyncError('codecKeyEntryMalformed', { variable, position });
      if (key.length !== AES_256_KEY_BYTES) {
        throw new SyncError('codecKeyEntryWrongLength', { variable, position, bytes: key.length });
      }
      const first = positions.get(id);
      if (first !== undefined) throw new SyncError('codecKeyEntryDuplicate', { variable, position, first });
      positions.set(id, position);
      this.#byId.set(id, { id, secret: createSecretKey(key) });
    });
    const [encrypting] = this.#byId.values();
    if (!encrypting) throw new TypeError('a payload key ring needs at least one key');
    this.encrypting = encrypting;
  }

  get(id: string): RingKey | undefined {
    return this.#byId.get(id);
  }

  /** In ring order, the encrypting one first. */
  get ids(): string[] {
    return [...this.#byId.keys()];
  }
}
