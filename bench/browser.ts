import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build, preview } from 'vite';
import { isolation } from '../vite.config.ts';
import type { Report } from './measure.ts';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// Page scripts as text: the TypeScript loader would otherwise wrap functions in helpers the page lacks.
export const TWO_FRAMES =
  'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';
export const COUNT_FRAMES = `window.aiosFrames = 0; window.aiosCounting = true;
  (function tick() { if (!window.aiosCounting) return; window.aiosFrames++; requestAnimationFrame(tick); })();`;
export const STOP_COUNTING = 'window.aiosCounting = false, window.aiosFrames';

function executablePath(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no Playwright-managed browser
  }
  return SYSTEM_CHROMIUM;
}

/** What the build is made from: a change to any of these after the last build makes it stale. */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newestSource(): number {
  let newest = 0;
  for (const source of SOURCES) {
    if (!existsSync(source)) continue;
    const files = statSync(source).isDirectory()
      ? readdirSync(source, { recursive: true, encoding: 'utf8' }).map((f) => join(source, f))
      : [source];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** True when there is no build, or a source changed since it was made. */
function stale(): boolean {
  return !existsSync('dist/index.html') || statSync('dist/index.html').mtimeMs < newestSource();
}

/**
 * Serves the built app (building it first if it is missing or older than its sources) and opens headless Chromium; `work` gets the
 * browser and the app's address, and both are closed afterwards.
 */
export async function withApp(
  report: Report,
  port: number,
  work: (browser: Browser, url: string) => Promise<void>,
): Promise<void> {
  if (stale()) {
    report.progress('building the app');
    execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  }
  const server = await preview({
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  const path = executablePath();
  const browser = await chromium.launch({
    headless: true,
    ...(path ? { executablePath: path } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await work(browser, `http://127.0.0.1:${port}/`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

const ROOT = join(import.meta.dirname, '..');

/**
 * Builds one of the bench's own pages (`bench/<name>-page.html`, into .bench-out/, never into the
 * app), serves it and opens headless Chromium; `work` gets the browser and the page's address.
 */
export async function withBenchPage(
  report: Report,
  name: string,
  port: number,
  work: (browser: Browser, url: string, base: string) => Promise<void>,
): Promise<void> {
  report.progress(`${name}: building the bench page`);
  const outDir = `.bench-out/${name}-page`;
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    worker: { format: 'es' },
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { page: `bench/${name}-page.html` } },
    },
  });
  const server = await preview({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    build: { outDir },
    // Served as the app is: cross-origin isolated, so ONNX Runtime may use threads.
    preview: { host: '127.0.0.1', port, strictPort: false, open: false, headers: isolation },
  });
  const path = executablePath();
  const browser = await chromium.launch({
    ...(path ? { executablePath: path } : {}),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const base = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
    await work(browser, new URL(`bench/${name}-page.html`, base).href, base);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/** Starts noting the page's long tasks (over 50 ms on the main thread). */
export const WATCH_LONG_TASKS = `window.aiosLongest = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.aiosLongest = Math.max(window.aiosLongest, e.duration); }).observe({ type: 'longtask' });`;
/** The longest task seen since `WATCH_LONG_TASKS`, in ms (0: none over 50 ms). */
export const LONGEST_TASK = 'window.aiosLongest';
