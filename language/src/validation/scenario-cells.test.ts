import { describe, expect, it } from 'vitest';
import { recorder, scenarioOf, t } from '../test/checks.js';
import { cellsOf } from './fact-tests.js';
import { IssueCodes } from './issue-codes.js';
import { checkScenarioCells } from './scenario-cells.js';

async function codes(text: string) {
  const scenario = await scenarioOf(text);
  const { accept, reported } = recorder();
  checkScenarioCells(scenario, cellsOf(scenario)!, accept, t);
  return reported.map((r) => r.info.code);
}

describe('a scenario against the cells it matches', () => {
  it('warns when it matches no cell', async () => {
    expect(
      await codes('scenario A {\n  when class is Time and advance is invoiced\n  no actuals\n}\n'),
    ).toEqual([IssueCodes.matchesNothing]);
  });

  it('keeps milestone statuses to milestones and advance bases to retainers', async () => {
    expect(
      await codes(
        'scenario A {\n  when class is Time or Milestone\n  set milestone status to ReadyToInvoice\n}\n',
      ),
    ).toEqual([IssueCodes.milestoneOnly]);
    expect(
      await codes('scenario A {\n  when class is Fee\n  create unbilled sales for leftover\n}\n'),
    ).toEqual([IssueCodes.basisNotApplicable]);
    expect(
      await codes(
        'scenario A {\n  when class is Retainer\n  create negative unbilled sales for leftover\n}\n',
      ),
    ).toEqual([]);
  });
});
