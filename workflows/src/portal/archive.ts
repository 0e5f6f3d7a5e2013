/**
 * The XML inside an export ZIP. Vendors put it at the root or in a sub-folder, sometimes beside other
 * `.xml` files: prefer `invoice.xml`, else the first `.xml`. A broken archive is transient (retry).
 */
import { unzipSync } from 'fflate';
import { PortalError } from './errors.js';

/**
 * Guard against archives that inflate to absurd sizes: the `.xml` entries together (many entries just
 * under a per-entry cap would still exhaust memory). Real exports hold one XML of a few tens of KiB.
 */
export const MAX_ARCHIVE_XML_BYTES = 32 * 1024 * 1024;

export function extractInvoiceXml(
  zip: Uint8Array,
  context: { endpoint: string; invoiceKey?: string },
  maxXmlBytes = MAX_ARCHIVE_XML_BYTES,
): string {
  const base = {
    kind: 'transient' as const,
    endpoint: context.endpoint,
    ...(context.invoiceKey ? { invoiceKey: context.invoiceKey } : {}),
  };
  let entries: Record<string, Uint8Array>;
  const allNames: string[] = [];
  let xmlBytes = 0;
  try {
    entries = unzipSync(zip, {
      filter: (file) => {
        allNames.push(file.name);
        if (!file.name.toLowerCase().endsWith('.xml')) return false;
        xmlBytes += file.originalSize;
        if (xmlBytes > maxXmlBytes)
          throw new Error(`its XML inflates to more than ${maxXmlBytes} bytes (at ${file.name})`);
        return true;
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PortalError({ ...base, messageKey: 'corruptZip', params: { reason }, cause: error });
  }
  const names = Object.keys(entries).filter((name) => !name.endsWith('/'));
  const preferred =
    names.find((name) => name.toLowerCase().split('/').pop() === 'invoice.xml') ??
    names.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
  if (!preferred) {
    const files = allNames.slice(0, 10).join(', ') || '(none)';
    throw new PortalError({ ...base, messageKey: 'noXmlInZip', params: { files } });
  }
  return new TextDecoder('utf-8').decode(entries[preferred]).replace(/^\uFEFF/, '');
}
