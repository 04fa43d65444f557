import { withBenchPage } from './browser.ts';
import { chainDoc } from './engine.ts';
import { median, round, type Report } from './measure.ts';
import type { Measured } from './protocolPage.ts';

const NODES = 300;
const HISTORY = 5;
const ROUNDS = 5;

type Mode = 'before' | 'after';
interface Sample extends Measured {
  taskMs: number;
  scriptMs: number;
}

const NOTES: Record<Mode, string> = {
  before:
    'the old path, rebuilt in the same run: six subscriptions each sent every message; each frame re-reads runs (records with their flow), pending, the run, its new events, the unfinished runs’ logs and the inbox',
  after:
    'one subscription folded into the view (liveView.ts); reads only on a reset, a gap, or (pending) an approval or status change',
};

/**
 * The engine's boundary while a 300-node run streams, in headless Chromium on the bench's own page
 * (bench/protocol-page.html, built here into .bench-out/): messages across the worker boundary
 * per second and the page's main-thread time per frame, the page's data path before the protocol
 * and after, interleaved against the same host over real IndexedDB. React rendering is left out
 * of both: what differs is what crosses the boundary and what the page does with it.
 */
export async function protocolBench(report: Report): Promise<void> {
  const flow = chainDoc(NODES);
  const flowId = `bench-chain-${NODES}`;
  await withBenchPage(report, 'protocol', 4192, async (browser, url) => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction('window.aiosProtocolBench');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      const value = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
      return { task: value('TaskDuration'), script: value('ScriptDuration') };
    };
    const samples: Record<Mode, Sample[]> = { before: [], after: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const mode of ['before', 'after'] as const) {
        report.progress(`protocol: round ${r + 1}/${ROUNDS}, ${mode}`);
        await page.evaluate(
          ([m, f, id, h]) =>
            (
              window as unknown as {
                aiosProtocolBench: {
                  prepare(m: string, f: unknown, id: string, h: number): Promise<void>;
                };
              }
            ).aiosProtocolBench.prepare(m, f, id, h),
          [mode, flow, flowId, HISTORY] as const,
        );
        const m0 = await metrics();
        const measured = await page.evaluate(() =>
          (
            window as unknown as { aiosProtocolBench: { go(): Promise<Measured> } }
          ).aiosProtocolBench.go(),
        );
        const m1 = await metrics();
        if (measured.events < NODES * 2)
          throw new Error(`the ${mode} page saw ${measured.events} events of a ${NODES}-node run`);
        if (measured.runs !== HISTORY + 1)
          throw new Error(`the ${mode} page listed ${measured.runs} runs, not ${HISTORY + 1}`);
        samples[mode].push({
          ...measured,
          taskMs: (m1.task - m0.task) * 1000,
          scriptMs: (m1.script - m0.script) * 1000,
        });
      }
    }
    const figure = (mode: Mode) => {
      const list = samples[mode];
      const perS = median(list.map((s) => s.messages / (s.ms / 1000)));
      const perFrame = median(list.map((s) => s.taskMs / Math.max(1, s.frames)));
      report.figure({
        name: `engine boundary while a ${NODES}-node run streams, ${mode}`,
        messages_per_s: round(perS),
        messages_per_run: round(median(list.map((s) => s.messages))),
        main_thread_ms_per_frame: round(perFrame),
        script_ms_per_frame: round(median(list.map((s) => s.scriptMs / Math.max(1, s.frames)))),
        run_ms: round(median(list.map((s) => s.ms))),
        frames: round(median(list.map((s) => s.frames))),
        note: `${NOTES[mode]}; ${HISTORY} earlier runs listed; medians of ${ROUNDS} rounds`,
      });
      return { perS, perFrame, perRun: median(list.map((s) => s.messages)) };
    };
    const old = figure('before');
    const now = figure('after');
    report.figure({
      name: `engine boundary, after vs before (${NODES}-node run)`,
      messages_per_run_ratio: round(now.perRun / old.perRun),
      main_thread_per_frame_ratio: round(now.perFrame / old.perFrame),
      note: 'ratios of the medians above, same run, interleaved',
    });
  });
}
