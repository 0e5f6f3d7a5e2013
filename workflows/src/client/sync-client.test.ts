import { describe, expect, it } from 'vitest';
import { runsQuery } from './sync-client.js';

describe('sync client', () => {
  it('builds visibility queries from filters, quoting values', () => {
    expect(runsQuery({})).toBe(
      "WorkflowType IN ('syncPeriodWorkflow', 'resyncInvoicesWorkflow', 'recheckWorkflow')",
    );
    const query = runsQuery({ taxCode: "03'12", kind: 'period', status: 'Running' });
    expect(query).toContain("TaxCode = '03\\'12'");
    expect(query).toContain("SyncKind = 'period'");
    expect(query).toContain("ExecutionStatus = 'Running'");
  });
});
