import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { flow, link, node } from '../unit/build.ts';
import { BrowserProcess } from './browser-process.ts';

/**
 * A full disk in the middle of a run, in real Chromium on a profile folder (in-memory profiles do
 * not enforce quotas): the site's quota is cut with CDP's `Storage.overrideQuotaForOrigin` just
 * above what it uses, then restored once the run has stopped.
 */
const STEPS = 8;
/** Room for the app and the start of the run, not for its eight steps of ~0.8 MB each. */
const QUOTA = 3_000_000;
const steps = Array.from({ length: STEPS }, (_, i) => `copy${i + 1}`);
const chain = ['start', ...steps, 'done'];
/** Each step's output is four copies of the input: a few hundred kB written per step. */
const bulkyFlow = flow(
  'storage-bulky',
  [
    node('start', 'start', { inputs: [{ name: 'blob', type: 'text', required: true }] }),
    ...steps.map((id, i) =>
      node(id, 'transform', {
        expression: `$run.input.blob & '${i}' & $run.input.blob & $run.input.blob & $run.input.blob`,
      }),
    ),
    node('done', 'output', { value: "'copied'", status: 'succeeded' }),
  ],
  chain.slice(1).map((id, i) => link(chain[i]!, id)),
  { name: 'Bulky copies' },
);

test('a full disk mid-run: the run stops at a clean step, says what to free, and goes on once there is room', async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const browser = new BrowserProcess();
  try {
    // The quota is cut before the app opens its databases: Chromium's IndexedDB keeps what it
    // learnt of the space left while a database stays open.
    const page = await browser.launch(new URL('/favicon.svg', baseURL).href);
    const origin = new URL(page.url()).origin;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: QUOTA });
    await page.goto(new URL('/', baseURL).href);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await importFlowFile(page, bulkyFlow);
    const panel = page.getByRole('region', { name: 'Run panel' });
    await panel.getByLabel('blob').fill(randomBytes(75_000).toString('base64'));
    await runFromPanel(page);

    const notice = page.getByRole('status', { name: 'Canvas message' });
    await expect(notice).toContainText("This site's storage is full", { timeout: 30_000 });
    await expect(notice).toContainText('Free space');
    const runs = panel.getByRole('list', { name: 'Runs' });
    // Stopped, not failed: it waits for room.
    await expect(runs.locator('li').first()).not.toContainText('failed');
    const log = panel.getByRole('list', { name: 'Event log' });
    const stoppedAt = await log.locator('li[data-type="node.succeeded"]').count();
    expect(stoppedAt).toBeLessThan(STEPS);

    // Room again: the run goes on by itself from its last saved step and ends once.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await expect(runs.locator('li').first()).toContainText('succeeded', { timeout: 60_000 });
    await expect(log.locator('li[data-type="run.succeeded"]')).toHaveCount(1);
    for (const id of chain)
      await expect(
        log.locator('li[data-type="node.succeeded"]', { hasText: ` ${id} → ` }),
        id,
      ).toHaveCount(1);
    expect(errors).toEqual([]);
  } finally {
    await browser.dispose();
  }
});
