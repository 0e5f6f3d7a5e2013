export * from './config.js';
export * from './create-workers.js';
export * from './main.js';
