import { expect, test, type Page } from '@playwright/test';
import { flow, link, node } from '../unit/build.ts';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { card, debuggerState, shoot } from './debugger-helpers.ts';

/** A small flow that runs without any connection: start → a transform → output. */
const small = (id: string, name: string, label: string) =>
  flow(
    id,
    [
      { ...node('s', 'start'), position: { x: 0, y: 0 } },
      {
        ...node('t', 'transform', { label, expression: "{ 'done': true }" }),
        position: { x: 300, y: 0 },
      },
      { ...node('o', 'output'), position: { x: 600, y: 0 } },
    ],
    [link('s', 't'), link('t', 'o')],
    { name },
  );
const flowA = small('flow-a', 'Flow A', 'Step of A');
const flowB = small('flow-b', 'Flow B', 'Step of B');

const panel = (page: Page) => page.getByRole('region', { name: 'Run panel' });

/** Opens flow A from a file and runs it to the end. */
async function runFlowA(page: Page) {
  await page.goto('/');
  await importFlowFile(page, flowA);
  await runFromPanel(page);
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 15_000 });
}

async function openSaved(page: Page, name: string) {
  await page.getByRole('button', { name: 'Flows' }).click();
  await page
    .getByRole('dialog', { name: 'Flows' })
    .getByRole('button', { name: `Open ${name}` })
    .click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(name);
}

/** The run panel shows nothing of another flow's run: no history, no log, no statuses. */
async function expectNoRun(page: Page) {
  await expect(panel(page).getByText('No runs yet')).toBeVisible();
  await expect(panel(page).getByText('No events yet')).toBeVisible();
  await expect(debuggerState(page)).toHaveText('No run');
  await expect(page.locator('.react-flow__node .node-run')).toHaveCount(0);
}

test('the run panel follows the open flow: another flow shows its own runs, not the last one watched', async ({
  page,
}) => {
  await runFlowA(page);
  const runs = panel(page).getByRole('list', { name: 'Runs' });
  await expect(runs.getByRole('listitem')).toHaveCount(1);
  const runOfA = (await runs
    .getByRole('button', { name: /^Open run / })
    .getAttribute('aria-label'))!;

  // Another flow, opened from a file: nothing of A's run shows.
  await importFlowFile(page, flowB);
  await expectNoRun(page);
  await expect(card(page, 'Step of B')).toBeVisible();
  await shoot(page, 'run-panel-other-flow');

  // Back to A from the flow list: its run is listed and shown again.
  await openSaved(page, 'Flow A');
  await expect(runs.getByRole('button', { name: runOfA })).toBeVisible();
  await expect(debuggerState(page)).toHaveText('Viewing history');
  await expect(panel(page).getByRole('list', { name: 'Event log' })).toContainText('run.succeeded');
  await expect(card(page, 'Step of A').locator('.node-run')).toContainText('succeeded');
  await shoot(page, 'run-panel-back-to-a');

  // B again, from the list this time, then a new blank flow and a template: still nothing of A.
  await openSaved(page, 'Flow B');
  await expectNoRun(page);
  await page.getByRole('button', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'New blank flow' }).click();
  await expectNoRun(page);
  await page.getByRole('button', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'Use template Support ticket triage' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Support ticket triage',
  );
  await expectNoRun(page);
});

test('a shared flow lists the runs of its flow; its saved copy is a flow of its own, with none', async ({
  page,
}) => {
  await runFlowA(page);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();

  // The link is read when the app starts: open it as a new page would.
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByRole('region', { name: 'Shared flow' })).toBeVisible();
  const runs = panel(page).getByRole('list', { name: 'Runs' });
  await expect(runs.getByRole('listitem')).toHaveCount(1);
  await expect(debuggerState(page)).toHaveText('Viewing history');
  // The saved flows are listed while a shared flow is shown, too.
  await page.getByRole('button', { name: 'Flows' }).click();
  const flows = page.getByRole('dialog', { name: 'Flows' });
  await expect(flows.getByRole('list', { name: 'Your flows' })).toContainText('Flow A');
  await flows.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Save a copy' }).click();
  await expect(page.getByRole('region', { name: 'Shared flow' })).toHaveCount(0);
  await expectNoRun(page);
  await shoot(page, 'run-panel-saved-copy');
});

test("a flow's Approvals tab lists what its own runs ask; the inbox lists every flow's", async ({
  page,
}) => {
  const asking = flow(
    'flow-ask',
    [
      { ...node('s', 'start'), position: { x: 0, y: 0 } },
      { ...node('ok', 'approval', { label: 'Sign off' }), position: { x: 300, y: 0 } },
      { ...node('o', 'output'), position: { x: 600, y: 0 } },
    ],
    [link('s', 'ok'), link('ok', 'o', 'approved')],
    { name: 'Flow Ask' },
  );
  await page.goto('/');
  await importFlowFile(page, asking);
  await runFromPanel(page);
  const tab = (n: number) => panel(page).getByRole('tab', { name: `Approvals ${n} pending` });
  await expect(tab(1)).toBeVisible({ timeout: 15_000 });
  const inbox = page.getByRole('button', { name: /^Approvals inbox/ });
  await expect(inbox).toHaveAccessibleName('Approvals inbox, 1 pending');

  // Another flow's panel has nothing waiting; the inbox still has the request.
  await importFlowFile(page, flowB);
  await tab(0).click();
  await expect(panel(page).getByText('Nothing waiting for you')).toBeVisible();
  await expect(inbox).toHaveAccessibleName('Approvals inbox, 1 pending');

  await openSaved(page, 'Flow Ask');
  await tab(1).click();
  await expect(
    panel(page)
      .getByRole('button', { name: /Approve/ })
      .first(),
  ).toBeVisible();
});
