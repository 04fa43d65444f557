import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { chain } from '../tests/unit/build.ts';
import { median, type Report } from './measure.ts';

const PORT = 4190;
/** AIOS_BENCH_CANVAS_NODES sets the flow's size, e.g. 10 to check the harness itself reaches 60 fps. */
const NODES = Number(process.env['AIOS_BENCH_CANVAS_NODES'] ?? 2000);

// Page scripts as text: the TypeScript loader would otherwise wrap functions in helpers the page lacks.
const TWO_FRAMES =
  'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';
const COUNT_FRAMES = `window.aiosFrames = 0; window.aiosCounting = true;
  (function tick() { if (!window.aiosCounting) return; window.aiosFrames++; requestAnimationFrame(tick); })();`;
const STOP_COUNTING = 'window.aiosCounting = false, window.aiosFrames';
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** A big flow laid out in a grid, as a large playbook would be. */
function bigFlow() {
  const flow = chain(NODES - 2);
  return {
    ...flow,
    nodes: flow.nodes.map((n, i) => ({
      ...n,
      position: { x: (i % 50) * 260, y: Math.floor(i / 50) * 160 },
    })),
  };
}

function executablePath(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no Playwright-managed browser
  }
  return SYSTEM_CHROMIUM;
}

/**
 * The canvas with a 2,000-node flow in headless Chromium: time from importing the file to the
 * nodes on screen, and frames per second while panning with the mouse (target ≥ 50).
 */
export async function canvasBench(report: Report): Promise<void> {
  if (!existsSync('dist/index.html')) {
    report.progress('canvas: building the app');
    execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  }
  const server = await preview({
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: PORT, strictPort: true },
  });
  const path = executablePath();
  const browser = await chromium.launch({
    headless: true,
    ...(path ? { executablePath: path } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const file = {
    name: 'big.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bigFlow())),
  };
  try {
    const opens: number[] = [];
    const fps: number[] = [];
    for (let round = 0; round < 3; round++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.locator('.react-flow__pane').waitFor();
      const started = Date.now();
      await page.getByLabel('Import a flow file').setInputFiles(file);
      await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
      await page.evaluate(TWO_FRAMES);
      opens.push(Date.now() - started);

      const pane = await page.locator('.react-flow__pane').boundingBox();
      if (!pane) throw new Error('the canvas is not visible');
      await page.evaluate(COUNT_FRAMES);
      const t0 = Date.now();
      const cx = pane.x + pane.width / 2;
      const cy = pane.y + pane.height / 2;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let step = 0; step < 120; step++) await page.mouse.move(cx - step * 6, cy - step * 3);
      await page.mouse.up();
      const frames = Number(await page.evaluate(STOP_COUNTING));
      fps.push((frames * 1000) / (Date.now() - t0));
      await context.close();
    }
    report.figure({
      name: `open ${NODES}-node flow (import to first paint)`,
      median_ms: median(opens),
    });
    report.figure({
      name: `pan ${NODES}-node flow`,
      median_fps: Math.round(median(fps) * 10) / 10,
      target_min_fps: 50,
    });
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
