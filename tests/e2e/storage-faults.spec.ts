import { expect, test, type Page } from '@playwright/test';
import { importFlowFile, runFromPanel } from './app-helpers.ts';

/**
 * The runs database deleted by another tab while this one holds a waiting run, in real Chromium.
 * (A full disk: storage-full.spec.ts.)
 */
const node = (id: string, type: string, x: number, data: Record<string, unknown>) => ({
  id,
  type,
  position: { x, y: 0 },
  data: { label: id, version: 1, ...data },
});
const link = (source: string, sourceHandle: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  sourceHandle,
  target,
  targetHandle: 'in',
});

const reviewFlow = {
  schemaVersion: 1,
  id: 'storage-review',
  name: 'Storage review',
  nodes: [
    node('start', 'start', 0, {}),
    node('review', 'approval', 260, { title: 'Review the note' }),
    node('note', 'transform', 520, { expression: "{ 'note': 'approved and written' }" }),
    node('done', 'output', 780, { value: '$nodes.note' }),
  ],
  edges: [
    link('start', 'out', 'review'),
    link('review', 'approved', 'note'),
    link('note', 'out', 'done'),
  ],
};

async function startWaitingRun(page: Page) {
  await page.goto('/');
  await importFlowFile(page, reviewFlow);
  await runFromPanel(page);
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  const approval = runPanel.getByRole('article', { name: /Review the note/ });
  await expect(approval).toBeVisible({ timeout: 15_000 });
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('waiting');
  return { runPanel, approval };
}

test('the runs database deleted by another tab: one clear notice that stays, no crash, and a reload works', async ({
  page,
  context,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const { approval } = await startWaitingRun(page);

  // Another tab of the same site deletes the runs database (as "clear site data" would).
  const other = await context.newPage();
  await other.goto('about:blank');
  await other.goto(new URL('/favicon.svg', page.url()).href);
  const outcome = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.deleteDatabase('aios-runs');
        request.onsuccess = () => resolve('deleted');
        request.onerror = () => resolve(`error: ${String(request.error)}`);
        request.onblocked = () => resolve('blocked');
      }),
  );
  expect(outcome).toBe('deleted');
  await other.close();

  await approval.getByRole('button', { name: 'Approve', exact: true }).click();
  const notice = page.getByRole('status', { name: 'Canvas message' });
  await expect(notice).toContainText("This workspace's storage was cleared or closed", {
    timeout: 15_000,
  });
  const shots = process.env['AIOS_SHOTS'];
  if (shots) await page.screenshot({ path: `${shots}/storage-cleared.png` });
  // It stays until acted on (it offers the reload), unlike passing notices.
  const reload = notice.getByRole('button', { name: 'Reload' });
  await expect(reload).toBeVisible();
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  // The saved flow lives in its own database and is still there; the app runs again.
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(reviewFlow.name, {
    timeout: 15_000,
  });
  await runFromPanel(page);
  await expect(
    page
      .getByRole('region', { name: 'Run panel' })
      .getByRole('article', { name: /Review the note/ }),
  ).toBeVisible({ timeout: 15_000 });
  expect(errors).toEqual([]);
});
