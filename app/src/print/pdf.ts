/**
 * Print to PDF with Chromium (playwright-core driving Debian's /usr/bin/chromium or CHROMIUM_PATH): the
 * printable invoices are one HTML document, one invoice per A4 page.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return env['CHROMIUM_PATH']?.trim() || '/usr/bin/chromium';
}

export async function htmlToPdf(document: string, executablePath = chromiumPath()): Promise<Uint8Array> {
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // Nothing outside the document is fetched: the invoices carry all they show.
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort(),
    );
    await page.setContent(document, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
