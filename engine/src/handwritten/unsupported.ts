import { EngineError } from '../errors/engine-error.js';
import { describeCase } from '../executors/select.js';
import { caseFactsOf, type LineCorrection } from '../correction/line-correction.js';

/** The same "unsupported" error the materialiser raises for a scenario that refuses the case. */
export function materialiseUnsupported(c: LineCorrection, scenario: string, message: string): EngineError {
  return new EngineError('rules.unsupported', {
    line: c.line,
    message,
    scenario,
    case: describeCase(caseFactsOf(c)),
  });
}
