export * from './plan.js';
export * from './batch.js';
export * from './retry-policy.js';
export * from './recheck.js';
export * from './status.js';
export * from './errors.js';
export { syncMessages, syncTranslator, type SyncMessageKey } from './messages.js';
