/** Every migration, in order. Append only: a released migration is never edited. */
import { initial } from './0001-initial.js';
import { resyncQueueAndRunLeases } from './0002-resync-queue-and-run-leases.js';
import { invoiceWorkspace } from './0003-invoice-workspace.js';
import { invoiceSearchWords } from './0004-invoice-search-words.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: 'initial', sql: initial },
  { id: 2, name: 'resync-queue-and-run-leases', sql: resyncQueueAndRunLeases },
  { id: 3, name: 'invoice-workspace', sql: invoiceWorkspace },
  { id: 4, name: 'invoice-search-words', sql: invoiceSearchWords },
];
