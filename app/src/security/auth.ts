/**
 * Who may use the app. On 127.0.0.1 nobody logs in (the machine's user is the user). Bound anywhere
 * else it needs `APP_PASSWORD_HASH` (a scrypt hash made by `npm run app -- hash-password`) or
 * `APP_TOKEN` (a long random token), and refuses to start without one. Node's scrypt is the hashing
 * library: memory-hard, in the runtime, nothing to build.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** `scrypt$N$r$p$<salt base64>$<key base64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!N || !r || !p || expected.length === 0) return false;
  const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: 256 * 1024 * 1024 });
  return timingSafeEqual(key, expected);
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface LoginSettings {
  passwordHash: string | null;
  token: string | null;
}

export function loginSettingsFromEnv(env: Record<string, string | undefined>): LoginSettings {
  return {
    passwordHash: env['APP_PASSWORD_HASH']?.trim() || null,
    token: env['APP_TOKEN']?.trim() || null,
  };
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The password or token given at the login form is right. */
export async function checkLogin(settings: LoginSettings, given: string): Promise<boolean> {
  if (given === '') return false;
  if (settings.token && sameSecret(given, settings.token)) return true;
  if (settings.passwordHash) return verifyPassword(given, settings.passwordHash).catch(() => false);
  return false;
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}
