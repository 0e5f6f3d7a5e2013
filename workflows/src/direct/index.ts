export * from './run-direct.js';
export { createCallPolicy, isRetryable, type CallPolicyOptions, type PortalCall } from './call-policy.js';
