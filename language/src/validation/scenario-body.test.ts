import { describe, expect, it } from 'vitest';
import { recorder, scenarioOf, t } from '../test/checks.js';
import { IssueCodes } from './issue-codes.js';
import { checkScenarioBody } from './scenario-body.js';

async function codes(text: string) {
  const { accept, reported } = recorder();
  checkScenarioBody(await scenarioOf(text), accept, t);
  return reported.map((r) => r.info.code ?? r.message);
}

describe('the body of a scenario', () => {
  it('asks for actions, `no actuals` or `unsupported`, and for a decision', async () => {
    expect(await codes('scenario A {\n  when class is Time\n}\n')).toEqual([
      IssueCodes.emptyScenario,
      IssueCodes.noDecision,
    ]);
  });

  it('refuses a reversal of an actual nothing created', async () => {
    expect(await codes('scenario A row 2 {\n  create reversal of billed sales for corrected\n}\n')).toEqual([
      IssueCodes.nothingToReverse,
    ]);
    expect(
      await codes(
        'scenario A row 2 {\n  create billed sales for corrected\n  create reversal of billed sales for corrected\n}\n',
      ),
    ).toEqual([]);
  });

  it('checks milestone statuses and empty unsupported texts', async () => {
    expect(await codes('scenario A row 9 {\n  set milestone status to Redy\n}\n')).toEqual([
      IssueCodes.unknownMilestoneStatus,
    ]);
    expect(await codes('scenario A row 1 {\n  unsupported " "\n}\n')).toEqual([
      IssueCodes.emptyUnsupportedMessage,
    ]);
  });

  it('does not throw on what the parser could only read in part', async () => {
    for (const text of [
      'scenario A {\n  when class is Time unsupported\n}\n',
      'scenario A {\n  when class is Milestone\n  because "x"\n  set milestone status to\n}\n',
      'scenario A {\n  create reversal of\n}\n',
    ]) {
      await expect(codes(text)).resolves.toBeInstanceOf(Array);
    }
  });
});
