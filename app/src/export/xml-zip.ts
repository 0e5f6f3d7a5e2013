/** "Tải nhiều XML": the selection's XML files in one ZIP (fflate); invoices without XML are listed. */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { formatInvoiceKey, type InvoiceKey } from '#workflows/portal';
import type { InvoiceStore } from '#workflows/store';

export async function xmlZipOf(
  store: InvoiceStore,
  keys: readonly InvoiceKey[],
  fileNameOf: (key: InvoiceKey) => string,
): Promise<Uint8Array> {
  const files: Zippable = {};
  const missing: string[] = [];
  for (const key of keys) {
    const xml = await store.getRawXml(key);
    if (xml === null) missing.push(formatInvoiceKey(key));
    else files[`${fileNameOf(key)}.xml`] = strToU8(xml);
  }
  if (missing.length > 0) {
    files['khong-co-xml.txt'] = strToU8(
      `Các hóa đơn chưa có XML / Invoices without XML (${missing.length}):\n${missing.join('\n')}\n`,
    );
  }
  return zipSync(files, { level: 6 });
}
