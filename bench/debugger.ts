import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBundle } from '../src/canvas/debug/bundle.ts';
import { COUNT_FRAMES, STOP_COUNTING, withApp } from './browser.ts';
import { longRun } from './engine.ts';
import { median, round, type Report } from './measure.ts';

const PORT = 4191;
const SCRUBS = 30;

// Page scripts as text (see browser.ts). Each scrub is a click on "Previous step" until the
// second frame after it, so the timeline, step details and canvas overlay have been drawn.
const SCRUB_BACK = `(async () => {
  const back = document.querySelector('[aria-label="Previous step"]');
  const times = [];
  for (let i = 0; i < ${SCRUBS}; i++) {
    const t = performance.now();
    back.click();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    times.push(performance.now() - t);
  }
  return times;
})()`;
const AT = `document.querySelector('.scrubber-at').textContent`;

/**
 * The debugger in headless Chromium with a finished run of about 100,000 events, opened from a run
 * file: time to open it, time per scrub step (timeline, step details and canvas redrawn), and
 * frames per second while scrolling the (virtualized) timeline.
 */
export async function debuggerBench(report: Report): Promise<void> {
  report.progress('debugger: building a finished run of about 100,000 events');
  const { store, runId } = await longRun();
  const record = (await store.getRun(runId))!;
  const events = await store.events(runId);
  // From a file on disk, as a person picks one (a buffer would be copied into the page by script).
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-'));
  const file = join(dir, 'long-run.json');
  writeFileSync(file, JSON.stringify(makeBundle(record, events)));
  await withApp(report, PORT, async (browser, url) => {
    const opens: number[] = [];
    const scrubs: number[] = [];
    const fps: number[] = [];
    for (let round = 0; round < 3; round++) {
      report.progress(`debugger: round ${round + 1}/3`);
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      const panel = page.getByRole('region', { name: 'Run panel' });
      const chooser = page.waitForEvent('filechooser');
      await panel.getByRole('button', { name: 'Open run file…' }).click();
      const started = Date.now();
      await (await chooser).setFiles(file);
      await page
        .locator('.scrubber-at')
        .filter({ hasText: `${events.length} / ${events.length}` })
        .waitFor({ timeout: 120_000 });
      opens.push(Date.now() - started);

      // Scrub back from the end, one step at a time.
      await page.getByRole('list', { name: 'Event log' }).locator('li').last().click();
      const before = String(await page.evaluate(AT));
      scrubs.push(...(await page.evaluate<number[]>(SCRUB_BACK)));
      const after = String(await page.evaluate(AT));
      if (parseInt(after, 10) !== parseInt(before, 10) - SCRUBS)
        throw new Error(`scrubbing went from "${before}" to "${after}", not ${SCRUBS} steps back`);

      const scroller = await page.locator('.timeline-scroller').boundingBox();
      if (!scroller) throw new Error('the timeline is not visible');
      await page.mouse.move(scroller.x + scroller.width / 2, scroller.y + scroller.height / 2);
      await page.evaluate(COUNT_FRAMES);
      const t0 = Date.now();
      for (let i = 0; i < 60; i++) await page.mouse.wheel(0, -400);
      const frames = Number(await page.evaluate(STOP_COUNTING));
      fps.push((frames * 1000) / (Date.now() - t0));
      await context.close();
    }
    report.figure({
      name: `open a run file of ${events.length} events in the debugger`,
      median_ms: median(opens),
    });
    report.figure({
      name: `scrub one step in a run of ${events.length} events (browser, redrawn)`,
      median_ms: round(median(scrubs)),
      max_ms: round(Math.max(...scrubs)),
      target_max_ms: 100,
    });
    report.figure({
      name: `scroll the timeline of ${events.length} events`,
      median_fps: Math.round(median(fps) * 10) / 10,
    });
  });
  rmSync(dir, { recursive: true, force: true });
}
