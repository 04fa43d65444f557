import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

export interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  readonly output: () => string;
}

/**
 * `aios serve` as a child process on a temp PGlite folder, with `extra` arguments (`--mcp FILE`);
 * resolves once it printed its token.
 */
export async function startServe(
  dataDir: string,
  appOrigin: string,
  extra: readonly string[] = [],
): Promise<Served> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      'bin/aios.mjs',
      'serve',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--app-origin',
      appOrigin,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AIOS_SERVER_KEY: '' } },
  );
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const token = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`aios serve did not start:\n${text}`)),
      150_000,
    );
    const look = () => {
      const found = /access token[^:]*: (aios_\S+)/.exec(text)?.[1];
      if (!found) return;
      clearTimeout(timer);
      resolve(found);
    };
    child.stdout?.on('data', look);
    child.once(
      'exit',
      (code) => (clearTimeout(timer), reject(new Error(`aios serve exited ${code}:\n${text}`))),
    );
  });
  return { child, url: `http://127.0.0.1:${port}`, token, output: () => text };
}

/** Stops `aios serve` (SIGTERM, then SIGKILL after 10 s) and waits until it exited. */
export async function stopServe(served: Served): Promise<void> {
  const { child } = served;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * One `aios serve` per test on a fresh temp data folder: `start` it in the test, `stop` it in
 * `afterEach` (the process is stopped and its folder removed, whatever the test did).
 */
export function servePerTest(prefix: string) {
  let served: Served | undefined;
  let dataDir: string | undefined;
  return {
    async start(baseURL: string | undefined, extra: readonly string[] = []): Promise<Served> {
      dataDir = mkdtempSync(join(tmpdir(), prefix));
      served = await startServe(dataDir, new URL(baseURL ?? '').origin, extra);
      return served;
    },
    async stop(): Promise<void> {
      if (served) await stopServe(served);
      served = undefined;
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      dataDir = undefined;
    },
  };
}

/** Connects the app in `page` to `served` through the header's Workspace server dialog. */
export async function connectApp(page: Page, served: Served): Promise<void> {
  const control = page.getByRole('banner').getByRole('button', { name: /^Workspace server/ });
  await control.click();
  const dialog = page.getByRole('dialog', { name: 'Workspace server' });
  await dialog.getByRole('textbox', { name: 'Server URL' }).fill(served.url);
  await dialog.getByLabel('Access token').fill(served.token);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(control).toHaveAccessibleName(`Workspace server: Connected to ${served.url}`);
}
