/** The tax-portal simulator (a local HTTP server) and the invoices it serves, for the app, tests and benchmarks. */
export {
  startSimulator,
  type PollFault,
  type Simulator,
  type SimulatorFaults,
  type SimulatorOptions,
  type SimulatorStats,
} from './server.js';
export { generateInvoices, type GenerateOptions, type SimInvoice } from './generator.js';
export { invoiceXml } from './invoice-xml.js';
