/**
 * `--faults` for the simulator: `name=value` pairs separated by commas, or the preset `demo`.
 *   transient=0.1 timeout=0.01 firewall=0.05 corrupt-zip=0.02 (shares of requests)
 *   xml-late=0.1 details-late=0.1 late-polls=1 (shares of invoices, answering badly for the first polls)
 *   session-calls=120 session-ms=60000 (when a login stops working)
 */
import type { SimulatorFaults } from '../simulator/server.js';
import { CliError } from './errors.js';

const SHARES: Record<string, keyof SimulatorFaults> = {
  transient: 'transient5xx',
  timeout: 'timeout',
  firewall: 'firewallPage',
  'corrupt-zip': 'corruptZip',
};

export const FAULT_NAMES = [
  ...Object.keys(SHARES),
  'xml-late',
  'details-late',
  'late-polls',
  'session-calls',
  'session-ms',
] as const;

/** What the demo injects: a few of every fault the portal is known for. */
export const DEMO_FAULTS =
  'transient=0.03,firewall=0.01,corrupt-zip=0.01,xml-late=0.15,details-late=0.15,late-polls=1';

export function parseFaults(text: string, option = '--faults'): SimulatorFaults {
  const source = text.trim() === 'demo' ? DEMO_FAULTS : text;
  const faults: SimulatorFaults = {};
  let xmlLate = 0;
  let detailsLate = 0;
  let polls = 2;
  const bad = (value: string, expected: string) => new CliError('badOption', { option, value, expected });
  for (const pair of source
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^([a-z-]+)=([0-9.]+)$/.exec(pair);
    if (!match) throw bad(pair, `name=value with a name from ${FAULT_NAMES.join(', ')}`);
    const [, name, text] = match as unknown as [string, string, string];
    const value = Number(text);
    const share = (): number => {
      if (!(value >= 0 && value <= 1)) throw bad(pair, 'a share from 0 to 1');
      return value;
    };
    const whole = (): number => {
      if (!Number.isInteger(value) || value < 1) throw bad(pair, 'a whole number above 0');
      return value;
    };
    const shareKey = SHARES[name];
    if (shareKey) (faults as Record<string, number>)[shareKey] = share();
    else if (name === 'xml-late') xmlLate = share();
    else if (name === 'details-late') detailsLate = share();
    else if (name === 'late-polls') polls = whole();
    else if (name === 'session-calls')
      faults.sessionExpiry = { ...faults.sessionExpiry, afterCalls: whole() };
    else if (name === 'session-ms') faults.sessionExpiry = { ...faults.sessionExpiry, afterMs: whole() };
    else throw bad(pair, `a fault name from ${FAULT_NAMES.join(', ')}`);
  }
  if (xmlLate > 0) faults.xmlUnavailableUntilPolls = { rate: xmlLate, polls };
  if (detailsLate > 0) faults.detailsIncompleteUntilPolls = { rate: detailsLate, polls };
  return faults;
}
