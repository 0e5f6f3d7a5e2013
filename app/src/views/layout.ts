/** The page frame: title, language switch, the CSRF token the client script sends with every action. */
import type { Language } from '#engine/i18n';
import type { AppTranslate } from '../messages.js';
import { html, type Html } from './html.js';

export interface PageContext {
  t: AppTranslate;
  language: Language;
  csrfToken: string;
  /** True when the server asks for a login (then a log-out button is shown). */
  loginRequired: boolean;
  runnerLabel: string;
  /** The current URL (path and query), for the language switch. */
  url: string;
}

function switchUrl(url: string, language: Language): string {
  const parsed = new URL(url, 'http://app.invalid');
  parsed.searchParams.set('lang', language === 'vi' ? 'en' : 'vi');
  return `${parsed.pathname}${parsed.search}`;
}

export function layout(context: PageContext, title: string, body: Html): Html {
  const { t, language } = context;
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content="${context.csrfToken}" />
        <title>${title}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body data-lang="${language}">
        <header class="top">
          <a class="brand" href="/">${t('app.title')}</a>
          <span class="runner">${t('app.runner', { runner: context.runnerLabel })}</span>
          <a class="lang-switch" id="lang-switch" href="${switchUrl(context.url, language)}"
            >${t('app.language')}</a
          >
          ${context.loginRequired ? html`<form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${context.csrfToken}" /><button type="submit">${t('app.logout')}</button></form>` : ''}
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}
