/** Shared by the language tests: services on an in-memory file system and a small valid rule set. */
import { EmptyFileSystem } from 'langium';
import { createCorrectionsServices } from '../corrections-module.js';

export function createTestServices() {
  return createCorrectionsServices(EmptyFileSystem);
}

/** Covers every cell with four scenarios; tests derive broken variants from it. */
export const COMPLETE_RULESET = `ruleset Small "A small complete rule set"

scenario Products row 11 {
  when billing is product
  unsupported "Product-based lines are not supported"
}

scenario Advances {
  when class is Retainer and billing is resource
  because "test decision"
  create reversal of billed sales for original
}

scenario Milestones row 9 {
  when class is Milestone and billing is resource
  create reversal of billed sales for original
  set milestone status to ReadyToInvoice
}

scenario Others {
  when class is Time or Expense or Material or Fee and billing is resource
  because "test decision"
  create reversal of billed sales for original
  create unbilled sales chargeable for original
}
`;
