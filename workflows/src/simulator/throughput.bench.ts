/**
 * Throughput of the portal client against the local simulator (no rate limit, no faults): how fast the
 * client and simulator themselves are, not the real portal (~1 request/s is its safe pace).
 *   tsx workflows/src/simulator/throughput.bench.ts [invoiceCount] [concurrency]
 */
import { simulatorCaptchaSolver } from '../portal/captcha.js';
import { createPortalClient } from '../portal/client.js';
import type { InvoiceDirection, InvoiceFamily, PortalHeader } from '../portal/types.js';
import { startSimulator } from './server.js';

const invoiceCount = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? 8);
const simulator = await startSimulator({ seed: 'bench', invoiceCount, period: '2026-04' });
const client = createPortalClient({
  baseUrls: [`${simulator.url}/api`],
  ...simulator.credentials,
  captcha: simulatorCaptchaSolver,
  timeoutMs: 10_000,
});

const listStarted = performance.now();
const headers: PortalHeader[] = [];
for (const family of ['query', 'sco-query'] as InvoiceFamily[]) {
  for (const direction of ['purchase', 'sold'] as InvoiceDirection[]) {
    for await (const header of client.listAllHeaders({
      family,
      direction,
      from: '2026-04-01',
      to: '2026-04-30',
    })) {
      headers.push(header);
    }
  }
}
const listMs = performance.now() - listStarted;

const fetchStarted = performance.now();
let next = 0;
let xmlBytes = 0;
let unavailable = 0;
const worker = async (): Promise<void> => {
  while (next < headers.length) {
    const header = headers[next++]!;
    await client.getDetail(header.family, header);
    try {
      xmlBytes += (await client.exportXmlForHeader(header)).length;
    } catch {
      unavailable++;
    }
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
const fetchMs = performance.now() - fetchStarted;
const stats = simulator.stats();
await simulator.close();

console.log(
  `headers listed: ${headers.length}/${invoiceCount} in ${listMs.toFixed(0)} ms (${stats.byEndpoint.list} list calls)`,
);
console.log(
  `details + XML: ${headers.length} invoices in ${fetchMs.toFixed(0)} ms, ` +
    `${((2 * headers.length) / (fetchMs / 1000)).toFixed(0)} calls/s at concurrency ${concurrency}; ` +
    `${unavailable} without XML, ${(xmlBytes / 1024).toFixed(0)} KiB of XML`,
);
