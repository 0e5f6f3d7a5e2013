import { describe, expect, it } from 'vitest';
import { recorder, parseRules, t } from '../test/checks.js';
import { translatorFor } from '../messages.js';
import { checkScenario, replayIssues, ScenarioResults } from './scenario-results.js';

const TEXT = `ruleset R
scenario A {
  when class is Tme and credit is full
  create reversal of billed sales for corrected
}
scenario B {
  when class is Tme and credit is full
  create reversal of billed sales for corrected
}
`;

describe('results of a scenario kept by its text', () => {
  it('replays the diagnostics of a scenario onto another node with the same text, at that node', async () => {
    const [a, b] = (await parseRules(TEXT)).parseResult.value.scenarios;
    const result = checkScenario(a!, t);
    expect(result.issues.length).toBeGreaterThanOrEqual(3);
    const { accept, reported } = recorder();
    replayIssues(b!, result, accept);
    expect(reported.map((r) => r.message)).toEqual(result.issues.map((issue) => issue.message));
    // Each replayed diagnostic points into B, at the node the check reported on in A.
    for (const r of reported) expect(r.node.$cstNode!.offset).toBeGreaterThanOrEqual(b!.$cstNode!.offset);
    expect(reported[0]!.node.$type).toBe('FactTest');
  });

  it('checks a text once, by node or by text, and again in another language', async () => {
    // Two scenarios of the same text (a pasted duplicate).
    const document = await parseRules(TEXT.replace('scenario B', 'scenario A'));
    const [a, b] = document.parseResult.value.scenarios;
    const results = new ScenarioResults();
    results.begin('en');
    const first = results.resultOf(a!, t);
    expect(results.resultOf(a!, t)).toBe(first); // same node
    expect(results.resultOf(b!, t)).toBe(first); // same text
    results.end(2);
    results.begin('vi');
    const vi = results.resultOf(a!, translatorFor('vi'));
    expect(vi).not.toBe(first);
    expect(vi.issues[0]!.message).not.toBe(first.issues[0]!.message);
  });
});
