/**
 * `invoices inspect <file.xml|detail.json|key>`: the normalised invoice as a summary or as JSON. A key
 * (`nbmst/khmshdon/khhdon/shdon`) is read from the store: its XML when synced, else its detail JSON.
 * Exit 0 when the invoice has no warnings, 1 when it has, 2 when it cannot be read.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  EInvoiceError,
  describeWarning,
  inspectionJson,
  readInvoice,
  renderSummary,
  type ReadInvoice,
} from '#einvoice';
import { formatInvoiceKey, parseInvoiceKey, type InvoiceKey } from '../../portal/types.js';
import { openCliStore, type CliContext } from '../config.js';
import { EXIT, type ExitCode } from '../io.js';
import { inspectTranslator } from './inspect-messages.js';

export interface InspectFlags {
  json?: boolean;
  /** Check XML signatures cryptographically (xml-crypto); an invalid one is a warning. */
  verify?: boolean;
}

function keyOf(text: string): InvoiceKey | null {
  try {
    return parseInvoiceKey(text);
  } catch {
    return null;
  }
}

/** The stored text of an invoice: XML first (the signed document), else the detail JSON. */
async function storedText(context: CliContext, key: InvoiceKey): Promise<string | null> {
  const opened = await openCliStore(context);
  try {
    const xml = await opened.store.getRawXml(key);
    if (xml !== null) return xml;
    const detail = await opened.store.getRawDetail(key);
    if (detail === null || detail === undefined) return null;
    return typeof detail === 'string' ? detail : JSON.stringify(detail);
  } finally {
    await opened.close();
  }
}

export async function inspectCommand(
  context: CliContext,
  target: string,
  flags: InspectFlags,
): Promise<ExitCode> {
  const { io, language } = context;
  const t = inspectTranslator(language);
  const isFile = existsSync(target) && statSync(target).isFile();
  const key = isFile ? null : keyOf(target);
  let text: string | null;
  if (isFile) {
    text = readFileSync(target, 'utf8');
  } else if (key !== null) {
    text = await storedText(context, key);
    if (text === null) {
      io.err(t('inspect.notStored', { key: formatInvoiceKey(key) }));
      return EXIT.usage;
    }
  } else {
    io.err(t('inspect.notFound', { target }));
    return EXIT.usage;
  }

  let read: ReadInvoice;
  try {
    read = readInvoice(text, {
      ...(key ? { invoiceKey: formatInvoiceKey(key) } : {}),
      ...(flags.verify ? { verifySignatures: true } : {}),
    });
  } catch (error) {
    if (!(error instanceof EInvoiceError)) throw error;
    io.err(isFile ? `${target}: ${error.describe(language)}` : error.describe(language));
    return EXIT.usage;
  }
  const { invoice, warnings } = read;
  if (flags.json) {
    const json = inspectionJson(invoice, warnings, (warning) => describeWarning(warning, language));
    io.out(JSON.stringify(json, null, 2));
  } else {
    io.out(renderSummary(invoice, warnings, language));
  }
  return warnings.length === 0 ? EXIT.ok : EXIT.incomplete;
}
