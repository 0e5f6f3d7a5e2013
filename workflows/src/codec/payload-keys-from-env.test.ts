import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../sync/errors.js';
import { parsePayloadKeyRing, payloadKeyRingFromEnv } from './payload-keys-from-env.js';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');

function errorOf(run: () => unknown): SyncError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    return error as SyncError;
  }
  throw new Error('expected an error');
}

describe('key ring from the environment', () => {
  it('reads SYNC_PAYLOAD_KEYS in order: the first encrypts, all decrypt', () => {
    const ring = payloadKeyRingFromEnv({ SYNC_PAYLOAD_KEYS: ` k2:${k2} , k1:${k1.replace(/=+$/, '')}` })!;
    expect(ring.ids).toEqual(['k2', 'k1']);
    expect(ring.encrypting.id).toBe('k2');
    expect(ring.get('k1')!.secret.export().toString('base64')).toBe(k1);
    expect(ring.variable).toBe('SYNC_PAYLOAD_KEYS');
  });

  it('keeps SYNC_PAYLOAD_KEY / SYNC_PAYLOAD_KEY_ID as a one-key ring', () => {
    expect(payloadKeyRingFromEnv({})).toBeUndefined();
    expect(payloadKeyRingFromEnv({ SYNC_PAYLOAD_KEYS: '  ', SYNC_PAYLOAD_KEY: '' })).toBeUndefined();
    expect(payloadKeyRingFromEnv({ SYNC_PAYLOAD_KEY: k1 })!.ids).toEqual(['default']);
    const ring = payloadKeyRingFromEnv({ SYNC_PAYLOAD_KEY: k1, SYNC_PAYLOAD_KEY_ID: '2025-01' })!;
    expect([ring.ids, ring.variable]).toEqual([['2025-01'], 'SYNC_PAYLOAD_KEY']);
    expect(errorOf(() => payloadKeyRingFromEnv({ SYNC_PAYLOAD_KEY: 'c2hvcnQ=' })).messageKey).toBe(
      'codecKeyInvalid',
    );
  });

  it('refuses both forms at once instead of guessing', () => {
    const error = errorOf(() =>
      payloadKeyRingFromEnv({ SYNC_PAYLOAD_KEYS: `k1:${k1}`, SYNC_PAYLOAD_KEY: k1 }),
    );
    expect(error.message).toMatch(/SYNC_PAYLOAD_KEYS or SYNC_PAYLOAD_KEY, not both/);
  });

  it.each([
    ['an empty entry', `k1:${k1},,k2:${k2}`, 2, 'codecKeyEntryEmpty', /entry 2: empty/],
    ['a trailing comma', `k1:${k1},`, 2, 'codecKeyEntryEmpty', /entry 2/],
    ['a key without id', k1, 1, 'codecKeyEntryMalformed', /entry 1: expected "<id>:<base64 key>"/],
    ['an id with spaces', `k1:${k1},my key:${k2}`, 2, 'codecKeyEntryMalformed', /entry 2/],
    ['an id without key', `k1:`, 1, 'codecKeyEntryMalformed', /entry 1/],
    [
      'bad base64',
      `k1:${k1},k2:${k2.slice(0, 20)}!${k2.slice(21)}`,
      2,
      'codecKeyEntryNotBase64',
      /not valid base64/,
    ],
    ['a 16-byte key', `k1:${randomBytes(16).toString('base64')}`, 1, 'codecKeyEntryWrongLength', /not 16/],
    ['a duplicate id', `k1:${k1},k2:${k2},k1:${k2}`, 3, 'codecKeyEntryDuplicate', /entry 3: .*entry 1/],
  ])('refuses %s with the variable and position, never the key', (_, text, position, messageKey, pattern) => {
    const error = errorOf(() => payloadKeyRingFromEnv({ SYNC_PAYLOAD_KEYS: text }));
    expect(error.messageKey).toBe(messageKey);
    expect(error.params).toMatchObject({ variable: 'SYNC_PAYLOAD_KEYS', position });
    expect(error.message).toMatch(/^SYNC_PAYLOAD_KEYS, entry \d+: /);
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toContain('\n');
    for (const material of [k1, k2, k1.slice(0, 12), k2.slice(0, 12)])
      expect(error.message).not.toContain(material);
    expect(error.localized('vi')).toMatch(/^SYNC_PAYLOAD_KEYS, mục \d+: /);
  });

  it('names another variable when asked to', () => {
    expect(errorOf(() => parsePayloadKeyRing('x', 'MY_KEYS')).message).toMatch(/^MY_KEYS, entry 1/);
  });
});
