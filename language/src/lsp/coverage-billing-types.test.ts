/** The editors' coverage view says which billing type each cell's new actuals get (issue 11, billing types). */
import { mkdtempSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUri, startInProcessServer, type InProcessServer } from './in-process-server.js';
import { CoverageRequest, type CoverageResult } from './protocol.js';

let folder: string;
let server: InProcessServer;
let rulesUri: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rules-coverage-'));
  cpSync(join(import.meta.dirname, '../../../rules'), folder, { recursive: true });
  rulesUri = fileUri(join(folder, 'correction-actuals.crules'));
  server = await startInProcessServer({ folder });
  server.open(rulesUri, readFileSync(join(folder, 'correction-actuals.crules'), 'utf8'));
});

afterAll(async () => {
  await server?.dispose();
  rmSync(folder, { recursive: true, force: true });
});

describe('coverage view', () => {
  it('gives each cell the billing types of its new actuals', async () => {
    const coverage: CoverageResult = await server.client.sendRequest(CoverageRequest, { uri: rulesUri });
    const cell = (cls: string, creditKind: string, advanceState = 'none') => {
      const column = coverage.columns.findIndex(
        (c) => c.creditKind === creditKind && c.billingMethod === 'resource',
      );
      const row = coverage.rows.find((r) => r.class === cls && r.advanceState === advanceState)!;
      return row.cells[column]!;
    };
    expect(cell('Time', 'full')).toMatchObject({
      scenarios: ['TimeFullCredit'],
      billingTypes: ['AsOriginal'],
    });
    expect(cell('Retainer', 'partial', 'invoiced').billingTypes).toEqual(['AsOriginal']);
    expect(cell('Fee', 'partial').billingTypes).toEqual(['Chargeable']);
    expect(cell('Milestone', 'full').billingTypes).toEqual([]);
  });
});
