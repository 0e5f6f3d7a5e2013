import { describe, expect, it } from 'vitest';
import { codecServerSettingsFromEnv } from './codec-server-settings.js';

describe('codec endpoint settings', () => {
  it('defaults to port 8888 and the dev server UI origins', () => {
    expect(codecServerSettingsFromEnv({})).toEqual({
      port: 8888,
      allowedOrigins: ['http://127.0.0.1:8233', 'http://localhost:8233'],
    });
  });

  it('reads the port and origins, and names the variable of a bad one', () => {
    expect(
      codecServerSettingsFromEnv({
        SYNC_CODEC_SERVER_PORT: '9090',
        SYNC_CODEC_SERVER_ORIGINS: 'https://cloud.temporal.io, http://localhost:8080',
      }),
    ).toEqual({ port: 9090, allowedOrigins: ['https://cloud.temporal.io', 'http://localhost:8080'] });
    expect(() => codecServerSettingsFromEnv({ SYNC_CODEC_SERVER_PORT: '80a' })).toThrow(
      /SYNC_CODEC_SERVER_PORT/,
    );
    expect(() => codecServerSettingsFromEnv({ SYNC_CODEC_SERVER_ORIGINS: 'http://ok:1,localhost' })).toThrow(
      /SYNC_CODEC_SERVER_ORIGINS: entry 2/,
    );
  });
});
