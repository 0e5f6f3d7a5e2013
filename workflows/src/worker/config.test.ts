import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../sync/errors.js';
import { searchAttributeCommands, TASK_QUEUES } from '../temporal-config.js';
import {
  connectionOptions,
  describeSettings,
  temporalSettingsFromEnv,
  workerSettingsFromEnv,
} from './config.js';

describe('worker settings from the environment', () => {
  it('no TEMPORAL_ADDRESS means no server (the in-process runner is used)', () => {
    expect(temporalSettingsFromEnv({})).toBeNull();
    expect(workerSettingsFromEnv({ TEMPORAL_ADDRESS: '  ' })).toBeNull();
  });

  it('reads address, namespace, API key (implying TLS) and the portal rate', () => {
    const settings = workerSettingsFromEnv({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'ns.acct',
      TEMPORAL_API_KEY: 'secret-api-key',
      SYNC_PORTAL_RATE: '0.5',
    })!;
    expect(settings).toMatchObject({
      address: 'ns.acct.tmprl.cloud:7233',
      namespace: 'ns.acct',
      tls: true,
      portalRatePerSecond: 0.5,
      portalConcurrency: 4,
    });
    expect(connectionOptions(settings)).toMatchObject({ apiKey: 'secret-api-key', tls: true });
    expect(describeSettings(settings)).not.toContain('secret-api-key');
  });

  it('loads mTLS files and names the variable of a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    writeFileSync(join(dir, 'client.pem'), 'CERT');
    writeFileSync(join(dir, 'client.key'), 'KEY');
    const settings = temporalSettingsFromEnv({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_TLS_CERT_PATH: join(dir, 'client.pem'),
      TEMPORAL_TLS_KEY_PATH: join(dir, 'client.key'),
    })!;
    const tls = connectionOptions(settings).tls as { clientCertPair: { crt: Buffer; key: Buffer } };
    expect(tls.clientCertPair.crt.toString()).toBe('CERT');
    const missing = temporalSettingsFromEnv({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_TLS_CERT_PATH: join(dir, 'nope.pem'),
      TEMPORAL_TLS_KEY_PATH: join(dir, 'client.key'),
    })!;
    expect(() => connectionOptions(missing)).toThrow(/TEMPORAL_TLS_CERT_PATH.*nope\.pem/);
  });

  it('refuses bad values with the variable named, in English and Vietnamese', () => {
    const attempt = () =>
      workerSettingsFromEnv({ TEMPORAL_ADDRESS: 'localhost:7233', SYNC_PORTAL_RATE: 'fast' });
    expect(attempt).toThrow(SyncError);
    expect(attempt).toThrow(/SYNC_PORTAL_RATE/);
    try {
      attempt();
    } catch (error) {
      expect((error as SyncError).localized('vi')).toMatch(/^Cấu hình SYNC_PORTAL_RATE/);
    }
    expect(() =>
      temporalSettingsFromEnv({ TEMPORAL_ADDRESS: 'x:1', TEMPORAL_TLS_CERT_PATH: '/a.pem' }),
    ).toThrow(/TEMPORAL_TLS_KEY_PATH/);
  });

  it('documents the search attribute commands and the two task queues', () => {
    expect(searchAttributeCommands()).toContain(
      'temporal operator search-attribute create --namespace default --name OutstandingCount --type Int',
    );
    expect(searchAttributeCommands()).toHaveLength(5);
    expect(TASK_QUEUES).toEqual({ sync: 'invoice-sync', portal: 'tax-portal' });
  });
});
