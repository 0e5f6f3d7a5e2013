/**
 * Harness of the end-to-end test: a real VS Code (code-server from .tools/code-server) with our .vsix
 * installed, on a free loopback port, over a temporary copy of a fixture workspace; Chromium driven by
 * playwright-core. Every process started here is killed by `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const codeServerBin = join(repoRoot, '.tools/code-server/node_modules/.bin/code-server');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const vsixPath = join(repoRoot, 'extension/dist/correction-rules.vsix');

/** Why the e2e test cannot run here, or undefined. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(codeServerBin)) {
    return `code-server is not installed in .tools/code-server (run extension/e2e/install-code-server.sh)`;
  }
  if (!existsSync(chromiumPath))
    return `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`;
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Builds dist/ and the .vsix exactly as `npm run package` does. */
export function packageExtension(): void {
  const result = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) {
    throw new Error(`npm run package failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export interface CodeServer {
  url: string;
  workspace: string;
  dir: string;
  log: () => string;
  stop: () => Promise<void>;
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'editor.codeLens': true,
  'editor.hover.delay': 300,
  'files.autoSave': 'off',
  'git.enabled': false,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export async function startCodeServer(
  fixture: string,
  extraSettings: Record<string, unknown> = {},
): Promise<CodeServer> {
  const dir = mkdtempSync(join(tmpdir(), 'corrections-e2e-'));
  const workspace = join(dir, 'workspace');
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  cpSync(fixture, workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User/settings.json'),
    JSON.stringify({ ...userSettings, ...extraSettings }, null, 2),
  );
  const env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data') };
  const common = [
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--config',
    join(dir, 'config.yaml'),
  ];

  const install = spawnSync(codeServerBin, [...common, '--install-extension', vsixPath], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    codeServerBin,
    [
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = async () => {
    if (!exited && child.pid) {
      // detached: the server and its extension hosts / language servers form one process group.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone already */
      }
      const deadline = Date.now() + 5_000;
      while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url: `${url}/?folder=${encodeURIComponent(workspace)}`, workspace, dir, log: () => output, stop };
}
