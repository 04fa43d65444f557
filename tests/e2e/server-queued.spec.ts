import { expect, test } from '@playwright/test';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { debuggerState } from './debugger-helpers.ts';
import { connectApp, servePerTest } from './serve-process.ts';
import { shootThemes } from './theme-shots.ts';

/** Start → output: a run that ends as soon as any worker takes it. */
const quick = {
  schemaVersion: 1,
  id: 'server-quick',
  name: 'Quick on the server',
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { version: 1, label: 'Start' } },
    {
      id: 'done',
      type: 'output',
      position: { x: 260, y: 0 },
      data: { version: 1, label: 'Done', value: "'done'", status: 'succeeded' },
    },
  ],
  edges: [{ id: 'e1', source: 'start', sourceHandle: 'out', target: 'done', targetHandle: 'in' }],
};

const serve = servePerTest('aios-e2e-queued-');
test.afterEach(() => serve.stop());

test('a server run no worker has taken shows as queued in the history, across a reload', async ({
  page,
  baseURL,
}) => {
  // aios serve takes half a minute to start on a busy two-core machine (PGlite, tsx).
  test.setTimeout(300_000);
  // No workers: whatever is asked for waits in the queue.
  const served = await serve.start(baseURL, ['--workers', '0']);
  const { url, token } = served;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('/');
  await connectApp(page, served);
  await importFlowFile(page, quick);
  const panel = page.getByRole('region', { name: 'Run panel' });
  const runs = panel.getByRole('list', { name: 'Runs' });

  await runFromPanel(page);
  const row = runs.locator('li').first();
  await expect(row.locator('.run-status')).toHaveText('queued', { timeout: 30_000 });
  await expect(row.locator('.run-status')).toHaveAttribute(
    'title',
    'queued through the API, waiting for a worker',
  );
  // Watched as waiting for a worker, not as an error nor as a run that could be paused.
  await expect(debuggerState(page)).toHaveText('Queued');
  await expect(panel.getByText(/^Waiting for a worker: queued through the API/)).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: 'Debugger' });
  for (const name of ['Pause', 'Step', 'Continue', 'Stop'])
    await expect(toolbar.getByRole('button', { name, exact: true })).toBeDisabled();
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // A webhook-less start through the API is the same: listed at once, newest first.
  const started = await fetch(`${url}/api/flows/${quick.id}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input: {} }),
  });
  expect(started.status).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  await expect(runs.locator('li')).toHaveCount(2, { timeout: 30_000 });
  await expect(
    runs.getByRole('button', {
      name: `Open run ${runId}, queued through the API, waiting for a worker`,
    }),
  ).toBeVisible();
  await shootThemes(page, 'server-run-queued');

  await page.reload();
  await expect(runs.locator('li .run-status')).toHaveText(['queued', 'queued'], {
    timeout: 30_000,
  });
  // The newest run opens again, still waiting.
  await expect(debuggerState(page)).toHaveText('Queued');
  expect(errors).toEqual([]);
});
