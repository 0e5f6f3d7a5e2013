/**
 * The invoice workspace over HTTP (Hono): the list, one page per invoice, the printable invoices, the
 * actions on a selection, their progress as server-sent events, and the exports. Every error becomes a
 * one-line message in the user's language (JSON for `/api`, a page otherwise), never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import type { Logger } from 'pino';
import { resolveLanguage, type Language } from '#engine/i18n';
import { formatInvoiceKey, type InvoiceKey } from '#workflows/portal';
import type { InvoiceStore, WorkspaceInvoice, WorkspaceQueries } from '#workflows/store';
import { workbookOf } from './export/workbook.js';
import { xmlZipOf } from './export/xml-zip.js';
import { invoiceView, type InvoiceView } from './invoice/view.js';
import { JobBoard, type Job, type JobSnapshot } from './jobs/job-board.js';
import { jobPanel } from './views/job.js';
import { filterOf, parseListQuery } from './list/query.js';
import { parseKey, parseSelection } from './list/selection.js';
import { AppError, translatorFor } from './messages.js';
import { checkLogin, newSecret, type LoginSettings } from './security/auth.js';
import { html, type Html } from './views/html.js';
import { invoicePage } from './views/invoice.js';
import { layout, type PageContext } from './views/layout.js';
import { invoiceRow, listPage } from './views/list.js';
import { printDocument } from './views/print.js';
import type { SyncRunner } from '#workflows/runner';

export interface AppDeps {
  store: InvoiceStore;
  workspace: WorkspaceQueries;
  runner: SyncRunner;
  runnerLabel: string;
  logger: Logger;
  login: LoginSettings;
  /** Ask for a login (any bind address but loopback). */
  loginRequired: boolean;
  /** Host headers accepted (DNS rebinding): e.g. `127.0.0.1:8080`, `localhost:8080`; null = any. */
  allowedHosts: string[] | null;
  redact(text: string): string;
  /** Renders printable HTML to PDF (Chromium). */
  htmlToPdf(document: string): Promise<Uint8Array>;
}

interface Session {
  csrf: string;
  authenticated: boolean;
  lastSeen: number;
}

type Env = { Variables: { session: Session; language: Language } };

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const SESSION_COOKIE = 'ws_session';
const staticFile = (name: string) => readFileSync(new URL(`../public/${name}`, import.meta.url), 'utf8');

export interface App {
  app: Hono<Env>;
  jobs: JobBoard;
}

export function createApp(deps: AppDeps): App {
  const { store, workspace, logger } = deps;
  const sessions = new Map<string, Session>();
  const appJs = staticFile('app.js');
  const appCss = staticFile('app.css');

  async function viewOf(
    key: InvoiceKey,
  ): Promise<{ invoice: WorkspaceInvoice; view: InvoiceView; xml: string | null; detail: unknown }> {
    const invoice = await workspace.one(key);
    if (!invoice) throw new AppError(404, 'error.unknownInvoice', { key: formatInvoiceKey(key) });
    const [xml, detail] = await Promise.all([store.getRawXml(key), store.getRawDetail(key)]);
    return { invoice, view: invoiceView({ invoice, xml, detail }), xml, detail };
  }

  const jobs = new JobBoard({
    store,
    workspace,
    runner: deps.runner,
    logger,
    redact: deps.redact,
    printPdf: async (keys, onRendered) => {
      const views: InvoiceView[] = [];
      for (const key of keys) {
        const found = await workspace.one(key);
        if (!found) continue;
        views.push((await viewOf(key)).view);
        onRendered(views.length);
      }
      return deps.htmlToPdf(printDocument(views).text);
    },
  });

  const app = new Hono<Env>();

  app.onError((error, c) => {
    const language = c.get('language') ?? 'vi';
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else {
      const id = newSecret().slice(0, 8);
      logger.error(
        { id, path: c.req.path, reason: deps.redact(error instanceof Error ? error.message : String(error)) },
        'request failed',
      );
      appError = new AppError(500, 'error.internal', { id });
    }
    const message = deps.redact(appError.describe(language));
    if (c.req.path.startsWith('/api/') || c.req.header('accept')?.includes('application/json')) {
      return c.json({ error: message }, appError.status);
    }
    return c.html(deps.redact(errorPage(c, message).text), appError.status);
  });
  app.notFound(() => {
    throw new AppError(404, 'error.notFound');
  });

  function pageContext(c: Context<Env>): PageContext {
    const language = c.get('language');
    return {
      t: translatorFor(language),
      language,
      csrfToken: c.get('session').csrf,
      loginRequired: deps.loginRequired,
      runnerLabel: deps.runnerLabel,
      url: c.req.url,
    };
  }

  function errorPage(c: Context<Env>, message: string): Html {
    const session = c.get('session');
    const language = c.get('language') ?? 'vi';
    const t = translatorFor(language);
    return layout(
      {
        t,
        language,
        csrfToken: session?.csrf ?? '',
        loginRequired: deps.loginRequired,
        runnerLabel: deps.runnerLabel,
        url: c.req.path,
      },
      t('error.title'),
      html`<h1>${t('error.title')}</h1>
        <p class="error" id="error-message">${message}</p>
        <p><a href="/">${t('invoice.back')}</a></p>`,
    );
  }

  // Host check (a page elsewhere cannot reach a loopback server through a rebinding DNS name),
  // language, session.
  app.use('*', async (c, next) => {
    const fromQuery = c.req.query('lang');
    const cookieLanguage = getCookie(c, 'lang');
    // `?lang=` (then remembered in a cookie) picks the language; Vietnamese by default.
    const language: Language = resolveLanguage([fromQuery, cookieLanguage], 'vi');
    c.set('language', language);
    if (fromQuery === 'en' || fromQuery === 'vi')
      setCookie(c, 'lang', language, { path: '/', sameSite: 'Strict', maxAge: 31_536_000 });
    const host = c.req.header('host') ?? '';
    if (deps.allowedHosts && !deps.allowedHosts.includes(host))
      throw new AppError(421, 'error.host', { host: host.slice(0, 80) });
    let id = getCookie(c, SESSION_COOKIE);
    let session = id ? sessions.get(id) : undefined;
    if (!session) {
      // Sessions idle for a day go when the map grows (clients without cookies make one per request).
      if (sessions.size > 10_000) {
        for (const [old, s] of sessions) if (Date.now() - s.lastSeen > 86_400_000) sessions.delete(old);
      }
      id = newSecret();
      session = { csrf: newSecret(), authenticated: false, lastSeen: Date.now() };
      sessions.set(id, session);
      setCookie(c, SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'Strict' });
    }
    session.lastSeen = Date.now();
    c.set('session', session);
    await next();
    c.header('x-content-type-options', 'nosniff');
    // `same-origin`, not `no-referrer`: with no referrer Chromium sends `Origin: null` on form posts.
    c.header('referrer-policy', 'same-origin');
    c.header('x-frame-options', 'DENY');
  });

  app.get('/static/app.js', (c) => c.body(appJs, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/static/app.css', (c) => c.body(appCss, 200, { 'content-type': 'text/css; charset=utf-8' }));

  // Login (only when the server asks for one).
  app.get('/login', (c) => c.html(loginPage(c, null).text));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const given = typeof form['password'] === 'string' ? form['password'] : '';
    const session = c.get('session');
    if (typeof form['_csrf'] !== 'string' || form['_csrf'] !== session.csrf)
      throw new AppError(403, 'error.csrf');
    if (!(await checkLogin(deps.login, given))) {
      logger.warn({ ip: c.req.header('x-forwarded-for') ?? 'direct' }, 'login refused');
      return c.html(loginPage(c, translatorFor(c.get('language'))('login.failed')).text, 401);
    }
    session.authenticated = true;
    session.csrf = newSecret();
    return c.redirect('/', 303);
  });
  function loginPage(c: Context<Env>, failure: string | null): Html {
    const t = translatorFor(c.get('language'));
    return layout(
      { ...pageContext(c), loginRequired: false },
      t('login.title'),
      html`<form method="post" action="/login" class="login">
        <h1>${t('login.title')}</h1>
        ${failure ? html`<p class="error" id="login-error">${failure}</p>` : ''}
        <input type="hidden" name="_csrf" value="${c.get('session').csrf}" />
        <label
          >${t('login.password')}
          <input type="password" name="password" id="password" autocomplete="current-password"
        /></label>
        <button type="submit" id="login-submit">${t('login.submit')}</button>
      </form>`,
    );
  }

  // Everything else: logged in (when asked) and, for every POST, the session's CSRF token.
  app.use('*', async (c, next) => {
    const session = c.get('session');
    if (deps.loginRequired && !session.authenticated) {
      if (c.req.method === 'GET' && !c.req.path.startsWith('/api/')) return c.redirect('/login', 303);
      throw new AppError(401, 'error.login');
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      if (
        origin &&
        new URL(c.req.url).origin !== origin &&
        !(deps.allowedHosts ?? []).some((h) => origin === `http://${h}`)
      ) {
        throw new AppError(403, 'error.csrf');
      }
      const header = c.req.header('x-csrf-token');
      if (header !== undefined) {
        if (header !== session.csrf) throw new AppError(403, 'error.csrf');
      } else {
        const type = c.req.header('content-type') ?? '';
        if (
          !type.startsWith('application/x-www-form-urlencoded') &&
          !type.startsWith('multipart/form-data')
        ) {
          throw new AppError(403, 'error.csrf');
        }
        const form = await c.req.parseBody();
        if (form['_csrf'] !== session.csrf) throw new AppError(403, 'error.csrf');
      }
    }
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError(413, 'error.tooLarge', { max: '8 MB' });
      },
    }),
  );

  app.post('/logout', (c) => {
    c.get('session').authenticated = false;
    return c.redirect(deps.loginRequired ? '/login' : '/', 303);
  });

  // ------------------------------------------------------------------------------------------- pages

  app.get('/', async (c) => {
    const query = parseListQuery(new URL(c.req.url).searchParams);
    const [page, labels] = await Promise.all([
      workspace.listPage(filterOf(query), {
        sort: query.sort,
        descending: query.descending,
        limit: query.size,
        offset: (query.page - 1) * query.size,
      }),
      workspace.labels(),
    ]);
    return c.html(
      deps.redact(listPage(pageContext(c), { query, rows: page.rows, total: page.total, labels }).text),
    );
  });

  const invoicePath = '/invoices/:nbmst/:khmshdon/:khhdon/:shdon';
  const keyOf = (c: Context<Env>) =>
    parseKey(
      `${c.req.param('nbmst')}/${c.req.param('khmshdon')}/${c.req.param('khhdon')}/${c.req.param('shdon')}`,
    );

  app.get(invoicePath, async (c) => {
    const key = keyOf(c);
    const { invoice, view, xml, detail } = await viewOf(key);
    const [chain, attempts] = await Promise.all([workspace.chain(key), workspace.attempts(key)]);
    return c.html(
      deps.redact(
        invoicePage(pageContext(c), {
          invoice,
          view,
          chain,
          attempts,
          hasXml: xml !== null,
          hasDetail: detail !== null && detail !== undefined,
        }).text,
      ),
    );
  });
  app.get(`${invoicePath}/print`, async (c) =>
    c.html(deps.redact(printDocument([(await viewOf(keyOf(c))).view]).text)),
  );
  app.get(`${invoicePath}/xml`, async (c) => {
    const key = keyOf(c);
    const xml = await store.getRawXml(key);
    if (xml === null) throw new AppError(404, 'error.noXml', { key: formatInvoiceKey(key) });
    return c.body(xml, 200, {
      'content-type': 'application/xml; charset=utf-8',
      'content-disposition': `attachment; filename="${fileNameOf(key)}.xml"`,
    });
  });
  app.get(`${invoicePath}/detail.json`, async (c) => {
    const key = keyOf(c);
    const detail = await store.getRawDetail(key);
    if (detail === null || detail === undefined)
      throw new AppError(404, 'error.noDetail', { key: formatInvoiceKey(key) });
    return c.body(JSON.stringify(detail, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${fileNameOf(key)}.json"`,
    });
  });

  app.get('/export.xlsx', async (c) => {
    const query = parseListQuery(new URL(c.req.url).searchParams);
    const bytes = await workbookOf(workspace, filterOf(query), query, translatorFor(c.get('language')));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="hoa-don.xlsx"',
    });
  });

  // ----------------------------------------------------------------------------------------- actions

  async function bodyOf(c: Context<Env>): Promise<Record<string, unknown>> {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/json')) {
      try {
        const body: unknown = await c.req.json();
        if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
      } catch {
        // falls through to the message below
      }
      throw new AppError(400, 'error.notJson');
    }
    return (await c.req.parseBody()) as Record<string, unknown>;
  }

  /** The selection, every key known to the store (an unknown key refuses the whole request). */
  async function selectionOf(body: Record<string, unknown>): Promise<InvoiceKey[]> {
    const keys = parseSelection(body['keys']);
    const { unknown } = await workspace.byKeys(keys);
    if (unknown.length > 0) {
      throw new AppError(404, 'error.unknownKeys', {
        count: unknown.length,
        keys: unknown.slice(0, 5).join(', '),
      });
    }
    return keys;
  }

  async function hideWarning(keys: InvoiceKey[], codeValue: unknown, reasonValue: unknown): Promise<number> {
    const code = typeof codeValue === 'string' ? codeValue.trim() : '';
    const reason = typeof reasonValue === 'string' ? reasonValue.trim() : '';
    if (!/^[a-z][a-z-]{1,60}$/.test(code)) {
      throw new AppError(400, 'error.badFilter', {
        field: 'code',
        value: code.slice(0, 40),
        expected: 'a warning code such as lines-total-mismatch',
      });
    }
    if (reason.length < 1 || reason.length > 500) throw new AppError(400, 'error.badReason');
    return workspace.hideWarning(keys, code, reason);
  }

  const startJob = (kind: 'sync' | 'print') => async (c: Context<Env>) => {
    const keys = await selectionOf(await bodyOf(c));
    const { job, joined } = jobs.submit(kind, keys);
    return c.json({ jobId: job.snapshot.id, joined, state: job.snapshot.state }, 202);
  };
  app.post('/api/sync', startJob('sync'));
  app.post('/api/print', startJob('print'));

  app.post('/api/labels', async (c) => {
    const body = await bodyOf(c);
    const keys = await selectionOf(body);
    const label = typeof body['label'] === 'string' ? body['label'].trim() : '';
    if (label.length < 1 || label.length > 40) throw new AppError(400, 'error.badLabel');
    const n =
      body['remove'] === true
        ? await workspace.removeLabel(keys, label)
        : await workspace.addLabel(keys, label);
    return c.json({ updated: n });
  });
  app.post('/api/declaration', async (c) => {
    const body = await bodyOf(c);
    const keys = await selectionOf(body);
    const period = body['period'];
    if (period !== null && (typeof period !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(period))) {
      throw new AppError(400, 'error.badFilter', {
        field: 'period',
        value: String(period).slice(0, 40),
        expected: 'YYYY-MM or null',
      });
    }
    return c.json({ updated: await workspace.setDeclarationPeriod(keys, period) });
  });
  app.post('/api/hide-warning', async (c) => {
    const body = await bodyOf(c);
    const keys = await selectionOf(body);
    return c.json({ updated: await hideWarning(keys, body['code'], body['reason']) });
  });
  // "Ẩn cảnh báo" from the invoice page: a form, then back to the page where the reason shows.
  app.post(`${invoicePath}/hide-warning`, async (c) => {
    const key = keyOf(c);
    if (!(await workspace.one(key)))
      throw new AppError(404, 'error.unknownInvoice', { key: formatInvoiceKey(key) });
    const form = await c.req.parseBody();
    await hideWarning([key], form['code'], form['reason']);
    const path = [key.nbmst, key.khmshdon, key.khhdon, key.shdon].map((p) => encodeURIComponent(String(p)));
    return c.redirect(`/invoices/${path.join('/')}`, 303);
  });
  app.post('/api/xml.zip', async (c) => {
    const keys = await selectionOf(await bodyOf(c));
    const zip = await xmlZipOf(store, keys, fileNameOf);
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/zip',
      'content-disposition': 'attachment; filename="hoa-don-xml.zip"',
    });
  });

  // -------------------------------------------------------------------------------------------- jobs

  const jobOf = (id: string): Job => {
    const job = jobs.get(id);
    if (!job) throw new AppError(404, 'error.unknownJob', { id: id.slice(0, 40) });
    return job;
  };

  app.get('/api/jobs/current', (c) => {
    const job = jobs.current();
    return c.json({ jobId: job?.snapshot.id ?? null });
  });
  app.get('/api/jobs/:id', (c) => c.json(jobOf(c.req.param('id')).snapshot));
  app.get('/api/jobs/:id/pdf', (c) => {
    const job = jobOf(c.req.param('id'));
    if (!job.pdf) throw new AppError(404, 'error.noPdf', { id: job.snapshot.id });
    return c.body(job.pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="hoa-don-${job.snapshot.id}.pdf"`,
    });
  });
  app.get('/api/jobs/:id/events', (c) => {
    const job = jobOf(c.req.param('id'));
    const language = c.get('language');
    const t = translatorFor(language);
    return streamSSE(c, async (stream) => {
      let queue = Promise.resolve();
      const send = (event: string, data: unknown) => {
        queue = queue
          .then(() => stream.writeSSE({ event, data: JSON.stringify(data) }))
          .catch(() => undefined);
      };
      const onUpdate = (snapshot: JobSnapshot) =>
        send('update', {
          state: snapshot.state,
          pdfUrl: snapshot.pdfUrl,
          html: jobPanel(t, language, snapshot).text,
        });
      const onRows = (rows: WorkspaceInvoice[]) =>
        send('rows', {
          rows: rows.map((row) => ({ key: formatInvoiceKey(row), html: invoiceRow(t, language, row).text })),
        });
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const onEnd = (snapshot: JobSnapshot) => {
        if (snapshot.state === 'done' || snapshot.state === 'failed') setTimeout(finish, 50);
      };
      job.events.on('update', onUpdate);
      job.events.on('update', onEnd);
      job.events.on('rows', onRows);
      stream.onAbort(() => finish());
      onUpdate(structuredClone(job.snapshot));
      if (job.snapshot.state === 'done' || job.snapshot.state === 'failed') {
        onRows((await workspace.byKeys(job.keys)).found);
        setTimeout(finish, 50);
      }
      await finished;
      job.events.off('update', onUpdate);
      job.events.off('update', onEnd);
      job.events.off('rows', onRows);
      await queue;
    });
  });

  return { app, jobs };
}

function fileNameOf(key: InvoiceKey): string {
  return formatInvoiceKey(key).replace(/[^A-Za-z0-9_-]+/g, '-');
}
