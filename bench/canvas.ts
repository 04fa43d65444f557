import { COUNT_FRAMES, STOP_COUNTING, TWO_FRAMES, withApp } from './browser.ts';
import { gridChain } from '../tests/unit/build.ts';
import { median, type Report } from './measure.ts';

const PORT = 4190;
/** AIOS_BENCH_CANVAS_NODES sets the flow's size, e.g. 10 to check the harness itself reaches 60 fps. */
const NODES = Number(process.env['AIOS_BENCH_CANVAS_NODES'] ?? 2000);

/**
 * The canvas with a 2,000-node flow in headless Chromium: time from importing the file to the
 * nodes on screen, and frames per second while panning with the mouse and zooming with the wheel
 * (target ≥ 50).
 */
export async function canvasBench(report: Report): Promise<void> {
  await withApp(report, PORT, async (browser, url) => {
    const file = {
      name: 'big.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(gridChain(NODES))),
    };
    const opens: number[] = [];
    const fps: number[] = [];
    const zoomFps: number[] = [];
    for (let round = 0; round < 3; round++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.locator('.react-flow__pane').waitFor();
      const started = Date.now();
      await page.getByLabel('Import a flow file').setInputFiles(file);
      // Fitted to the screen, a big flow is drawn by the overview canvas rather than as cards.
      await page
        .locator('.flow-overview')
        .or(page.locator('.react-flow__node:visible'))
        .first()
        .waitFor({ timeout: 60_000 });
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

      // Zoom in with the wheel from the whole flow to readable cards, and back out.
      await page.getByRole('button', { name: 'Fit View' }).click();
      await page.waitForTimeout(300);
      await page.mouse.move(cx, cy);
      await page.evaluate(COUNT_FRAMES);
      const z0 = Date.now();
      for (const direction of [-1, 1])
        for (let step = 0; step < 45; step++) await page.mouse.wheel(0, direction * 40);
      const zoomFrames = Number(await page.evaluate(STOP_COUNTING));
      zoomFps.push((zoomFrames * 1000) / (Date.now() - z0));
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
    report.figure({
      name: `zoom ${NODES}-node flow from all of it to readable cards and back`,
      median_fps: Math.round(median(zoomFps) * 10) / 10,
      target_min_fps: 50,
    });
  });
}
