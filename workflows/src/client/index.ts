export * from './sync-client.js';
