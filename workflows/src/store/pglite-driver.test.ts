import { describe, expect, it } from 'vitest';
import { openPgliteDriver } from './pglite-driver.js';

describe('PGlite driver', () => {
  it('runs PostgreSQL with small shared buffers, so the WebAssembly memory a sync carries stays small', async () => {
    const driver = await openPgliteDriver('memory://');
    try {
      const { rows } = await driver.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(rows[0]?.shared_buffers).toBe('16MB');
    } finally {
      await driver.close();
    }
  });
});
