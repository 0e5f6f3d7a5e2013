/** The tax-portal client: invoice keys, the HTTP client and its captcha solvers. */
export * from './types.js';
export {
  createPortalClient,
  type PortalClientOptions,
  type PortalLogger,
  type TaxPortalClient,
} from './client.js';
export {
  envCaptchaSolver,
  fileCaptchaSolver,
  simulatorCaptchaSolver,
  terminalCaptchaSolver,
  type CaptchaSolver,
} from './captcha.js';
