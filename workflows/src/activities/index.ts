export * from './operations.js';
export * from './create-activities.js';
export { toActivityFailure, asActivity } from './failures.js';
export { engineParsers, type SyncParsers } from './parsers.js';
export * from './part-call-result.js';
