/**
 * End to end: the Temporal Web UI of the dev server `ensureLocalTemporal` starts, in Chromium. A small
 * sync runs through Temporal (portal simulator, in-memory store, the sync's workers) with payloads
 * encrypted by SYNC_PAYLOAD_KEY; the UI's workflow list filtered by `TaxCode="…" AND SyncKind="period"`
 * shows the two period workflows, and a workflow's page shows its input decoded (the tax code readable),
 * which only the codec endpoint (`startCodecServer`, given to the UI with `--ui-codec-endpoint`) can do:
 * the server itself holds only ciphertext. Screenshots go to test-results/e2e/temporal-ui-*.png.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncClient } from '../src/client/sync-client.js';
import {
  ENCRYPTED_ENCODING,
  encryptingDataConverter,
  payloadCodecFromEnv,
  startCodecServer,
  type CodecServer,
} from '../src/codec/index.js';
import {
  ensureLocalTemporal,
  freePort,
  temporalUiRunUrl,
  type LocalTemporal,
} from '../src/devserver/index.js';
import { simulatorCaptchaSolver } from '../src/portal/captcha.js';
import { createPortalClient } from '../src/portal/client.js';
import { startSimulator, type Simulator } from '../src/simulator/server.js';
import { createMemoryStore } from '../src/sync/testing/memory-store.js';
import { requireDevServer, temporalCliPath, uniqueTaskQueues } from '../src/testing/index.js';
import { createSyncWorkers, type SyncWorkers } from '../src/worker/create-workers.js';

const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(repoDir, 'test-results', 'e2e');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const inCi = Boolean(process.env['CI']);

const SUITE = 'Temporal Web UI e2e';
const devServer = requireDevServer(SUITE);
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(
    `\n*** ${SUITE} NOT RUN: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH) ***\n`,
  );
}
// In CI nothing is skipped: a missing CLI or browser fails in beforeAll.
const enabled = inCi || (devServer && hasChromium);

const TAX_CODE = '0319876543';
const PERIOD = '2026-10';

/** The codec, counting what the UI asks it to decode. */
function countingCodec(codec: PayloadCodec): PayloadCodec & { decoded: number } {
  const counting = {
    decoded: 0,
    encode: (payloads: Payload[]) => codec.encode(payloads),
    decode: async (payloads: Payload[]) => {
      counting.decoded += payloads.length;
      return codec.decode(payloads);
    },
  };
  return counting;
}

describe.skipIf(!enabled)('Temporal Web UI in Chromium', () => {
  let dataDir: string;
  let codecServer: CodecServer;
  let served: ReturnType<typeof countingCodec>;
  let temporal: LocalTemporal;
  let simulator: Simulator;
  let workers: SyncWorkers;
  let running: Promise<void>;
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let sync: SyncClient;
  let browser: Browser;
  let page: Page;
  const started: { workflowId: string; runId: string }[] = [];
  const serverLog: string[] = [];

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this process.
    }
    expect(temporalCliPath, 'the Temporal CLI (npm run temporal:install)').not.toBeNull();
    expect(existsSync(chromiumPath), `Chromium at ${chromiumPath}`).toBe(true);
    mkdirSync(shots, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'temporal-ui-e2e-'));

    // The key, the codec and its endpoint for the UI's origin; then the dev server pointing its UI at it.
    const env = { SYNC_PAYLOAD_KEY: randomBytes(32).toString('base64') };
    const codec = payloadCodecFromEnv(env)!;
    const frontend = await freePort();
    let ui = await freePort();
    while (ui === frontend) ui = await freePort();
    served = countingCodec(codec);
    codecServer = await startCodecServer({ codec: served, allowedOrigins: [`http://127.0.0.1:${ui}`] });
    const result = await ensureLocalTemporal({
      dataDir,
      env: { ...process.env, TEMPORAL_NAMESPACE: undefined },
      log: (line) => serverLog.push(line),
      ports: { frontend, ui },
      codecEndpoint: codecServer.url,
    });
    if (!result.ok) throw new Error(`dev server: ${result.reason}\n${serverLog.join('\n')}`);
    temporal = result;
    expect(temporal.uiUrl).toBe(`http://127.0.0.1:${ui}`);

    // The sync: simulator portal, in-memory store, both workers on queues of their own.
    simulator = await startSimulator({ seed: 'ui-e2e', taxCode: TAX_CODE, period: PERIOD, invoiceCount: 6 });
    const portal = createPortalClient({
      baseUrls: [`${simulator.url}/api`],
      username: simulator.credentials.username,
      password: simulator.credentials.password,
      captcha: simulatorCaptchaSolver,
    });
    const taskQueues = uniqueTaskQueues('ui-e2e');
    workerConnection = await NativeConnection.connect({ address: temporal.address });
    workers = await createSyncWorkers({
      portal,
      store: createMemoryStore(),
      connection: workerConnection,
      settings: { namespace: temporal.namespace, portalRatePerSecond: 50, portalConcurrency: 4 },
      dataConverter: encryptingDataConverter(codec),
      taskQueues,
    });
    running = workers.run();
    clientConnection = await Connection.connect({ address: temporal.address });
    const client = new Client({
      connection: clientConnection,
      namespace: temporal.namespace,
      dataConverter: encryptingDataConverter(codec),
    });
    sync = new SyncClient(client, { taskQueues });

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    workers?.shutdown();
    await running?.catch(() => undefined);
    await workerConnection?.close().catch(() => undefined);
    await clientConnection?.close().catch(() => undefined);
    await simulator?.close();
    await temporal?.stop();
    await codecServer?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('runs a small sync through Temporal with encrypted payloads', async () => {
    for (const direction of ['purchase', 'sold'] as const) {
      started.push(
        await sync.startPeriodSync({
          taxCode: TAX_CODE,
          direction,
          period: PERIOD,
          parts: ['details', 'xml'],
        }),
      );
    }
    // A worker that stops (or a workflow it cannot run) fails the test instead of waiting for its timeout.
    const workersStopped = running.then(() => {
      throw new Error('the workers stopped');
    });
    for (const run of started) {
      const result = await Promise.race([sync.result(run.workflowId, run.runId), workersStopped]);
      expect(result).toMatchObject({ phase: 'done', outstanding: 0 });
    }
    // What the server holds: ciphertext, no tax code.
    const raw = new Client({ connection: clientConnection, namespace: temporal.namespace });
    const history = await raw.workflow.getHandle(started[0]!.workflowId, started[0]!.runId).fetchHistory();
    const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    expect(Buffer.from(input.metadata!['encoding']!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(input.data!).includes(TAX_CODE)).toBe(false);
  }, 120_000);

  it('lists the period workflows of the tax code, filtered by search attributes', async () => {
    // The coordinators' child batches exist too, without those search attributes: the filter leaves them out.
    const raw = new Client({ connection: clientConnection, namespace: temporal.namespace });
    await expect
      .poll(async () => (await raw.workflow.count(`WorkflowType = 'syncBatchWorkflow'`)).count, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);

    const query = `TaxCode="${TAX_CODE}" AND SyncKind="period"`;
    await page.goto(
      `${temporal.uiUrl}/namespaces/${temporal.namespace}/workflows?query=${encodeURIComponent(query)}`,
    );
    for (const run of started) {
      await page.getByRole('link', { name: run.workflowId, exact: true }).waitFor({ timeout: 30_000 });
    }
    const list = page.locator('main');
    await expect
      .poll(() => list.innerText({ timeout: 5_000 }), { timeout: 30_000 })
      .toMatch(/^2\s+Workflows\b/);
    const text = await list.innerText();
    expect(text).toContain(`TaxCode = "${TAX_CODE}"`);
    expect(text).toContain('SyncKind = "period"');
    expect(text.match(/\bsyncPeriodWorkflow\b/g)).toHaveLength(2);
    expect(text).not.toContain('syncBatchWorkflow');
    await page.screenshot({ path: join(shots, 'temporal-ui-list.png'), fullPage: true });
  }, 60_000);

  it("shows a workflow's input decoded through the codec endpoint (and only ciphertext without it)", async () => {
    const run = started[0]!;
    const decodeRequests: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.origin === codecServer.url && url.pathname === '/decode') decodeRequests.push(request.url());
    };
    page.on('request', onRequest);
    await page.getByRole('link', { name: run.workflowId, exact: true }).click();
    // The list links to the page `temporalUiRunUrl` builds (what `npm start` prints).
    const runUrl = temporalUiRunUrl(temporal.uiUrl!, temporal.namespace, run.workflowId, run.runId);
    await page.waitForURL((url) => url.href.startsWith(runUrl), { timeout: 30_000 });
    // The Input panel: its heading and the payload under it (the page's hidden dialogs have h5 "Input"s).
    const input = page.locator('h3:text-is("Input")').locator('xpath=..');
    await expect
      .poll(() => input.innerText({ timeout: 5_000 }), { timeout: 30_000 })
      .toContain(`"taxCode": "${TAX_CODE}"`);
    expect(await input.innerText()).toContain('"direction": "purchase"');
    await page.screenshot({ path: join(shots, 'temporal-ui-input.png'), fullPage: true });
    // The browser asked the codec endpoint; nobody else uses it (workers and client decode in-process).
    expect(decodeRequests.length).toBeGreaterThan(0);
    expect(served.decoded).toBeGreaterThan(0);

    // The same page with the codec endpoint unreachable: the server's ciphertext, no tax code.
    const refused: string[] = [];
    await page.route(`${codecServer.url}/**`, async (route) => {
      refused.push(route.request().url());
      await route.abort();
    });
    await page.reload();
    await expect
      .poll(() => input.innerText({ timeout: 5_000 }), { timeout: 30_000 })
      .toMatch(/^Input\s+"[A-Za-z0-9+/]{40,}={0,2}"/);
    expect(refused.length).toBeGreaterThan(0);
    await page.locator('#content').getByText('Codec Server could not connect').waitFor({ timeout: 10_000 });
    expect(await input.innerText()).not.toContain(TAX_CODE);
    await page.screenshot({ path: join(shots, 'temporal-ui-input-without-codec.png'), fullPage: true });
    page.off('request', onRequest);
    await page.unroute(`${codecServer.url}/**`);
  }, 90_000);
});
