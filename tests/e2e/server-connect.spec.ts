import { expect, test } from '@playwright/test';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { debuggerState } from './debugger-helpers.ts';
import { connectApp, servePerTest } from './serve-process.ts';
import { shootThemes } from './theme-shots.ts';

/** Start → an approval → output: the run parks on the server until it is decided. */
const askFirst = {
  schemaVersion: 1,
  id: 'server-ask-first',
  name: 'Ask the server first',
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { version: 1, label: 'Start' } },
    {
      id: 'review',
      type: 'approval',
      position: { x: 260, y: 0 },
      data: {
        version: 1,
        label: 'Review',
        title: 'Publish the report?',
        subject: '$',
        preview: 'Publish it',
        allowEdit: false,
        onTimeout: 'hold',
      },
    },
    {
      id: 'done',
      type: 'output',
      position: { x: 520, y: 0 },
      data: { version: 1, label: 'Done', value: "'published'", status: 'succeeded' },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'review', targetHandle: 'in' },
    { id: 'e2', source: 'review', sourceHandle: 'approved', target: 'done', targetHandle: 'in' },
  ],
};

const serve = servePerTest('aios-e2e-serve-');
test.afterEach(() => serve.stop());

test('the app runs a flow on aios serve, is reloaded, approves, and sees it finish', async ({
  page,
  baseURL,
}) => {
  // aios serve takes half a minute to start on a busy two-core machine (PGlite, tsx).
  test.setTimeout(300_000);
  const served = await serve.start(baseURL);
  const { url, token } = served;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('/');
  const banner = page.getByRole('banner');
  const control = banner.getByRole('button', { name: /^Workspace server/ });
  await expect(control).toHaveAccessibleName(/Runs stay in this browser/);
  await control.click();
  const dialog = page.getByRole('dialog', { name: 'Workspace server' });
  await dialog.getByRole('textbox', { name: 'Server URL' }).fill(url);
  // A wrong token is refused in the dialog, naming what to send.
  await dialog.getByLabel('Access token').fill('aios_wrong');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog.getByRole('alert')).toContainText('access token');
  await shootThemes(page, 'server-dialog-error');
  await dialog.getByLabel('Access token').fill(token);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
  await expect(control).toHaveAccessibleName(`Workspace server: Connected to ${url}`);
  await shootThemes(page, 'server-connected');
  await control.click();
  await expect(dialog.getByRole('status')).toHaveText(`Connected to ${url}`);
  await shootThemes(page, 'server-dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await importFlowFile(page, askFirst);
  await runFromPanel(page);
  const inbox = page.getByRole('button', { name: /^Approvals inbox/ });
  await expect(inbox).toHaveAccessibleName('Approvals inbox, 1 pending', { timeout: 30_000 });

  // The run is the server's: deployed flow, run waiting there, approval pending there.
  const api = (path: string) =>
    fetch(`${url}/api${path}`, { headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.json() as Promise<unknown>,
    );
  expect(await api('/flows')).toMatchObject([{ id: askFirst.id }]);
  expect(await api('/approvals')).toMatchObject([{ request: { title: 'Publish the report?' } }]);
  // Not in this browser's engine: the token never appears on the page either.
  await expect(page.locator('body')).not.toContainText(token);

  await page.reload();
  await expect(control).toHaveAccessibleName(`Workspace server: Connected to ${url}`, {
    timeout: 15_000,
  });
  await expect(inbox).toHaveAccessibleName('Approvals inbox, 1 pending', { timeout: 15_000 });
  await inbox.click();
  const inboxDialog = page.getByRole('dialog', { name: /Approvals inbox/ });
  await inboxDialog
    .getByRole('article', { name: /Publish the report\?/ })
    .getByRole('button', { name: 'Approve', exact: true })
    .click();
  await expect(inboxDialog.getByText('Nothing is waiting for you')).toBeVisible({
    timeout: 30_000,
  });
  await page.keyboard.press('Escape');
  // Finished on the server, with the output's value: one run, not a copy in this browser.
  await expect
    .poll(() => api('/runs'), { timeout: 30_000 })
    .toMatchObject([{ status: 'succeeded', result: { value: 'published' } }]);
  await expect(page.getByRole('list', { name: 'Runs' })).toContainText('succeeded', {
    timeout: 15_000,
  });
  expect(errors).toEqual([]);
});

test('the debugger opens a server run: timeline, state at a step, replay, fork', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const served = await serve.start(baseURL);
  const { url, token } = served;
  const api = (path: string) =>
    fetch(`${url}/api${path}`, { headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.json() as Promise<unknown>,
    );
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('/');
  await connectApp(page, served);
  await importFlowFile(page, askFirst);
  const panel = page.getByRole('region', { name: 'Run panel' });
  const timeline = panel.getByRole('list', { name: 'Event log' });
  const details = panel.getByRole('region', { name: 'Step details' });
  const runs = panel.getByRole('list', { name: 'Runs' });

  // A breakpoint is the browser's: the server says so rather than ignoring it.
  await page.getByRole('button', { name: 'Breakpoint on Review' }).click();
  await runFromPanel(page);
  await expect(panel.getByRole('alert')).toContainText(
    'breakpoints and stepping are not available on the workspace server',
  );
  expect(await api('/runs')).toEqual([]);
  await panel.getByRole('button', { name: 'Remove breakpoint on review' }).click();

  // Run on the server; it waits for the review there, and the debugger follows it live.
  await runFromPanel(page);
  await expect(debuggerState(page)).toHaveText('Awaiting approval', { timeout: 30_000 });
  await expect(timeline.locator('li[data-type="approval.requested"]')).toBeVisible();
  // Looking back: the state after the start node, read from the server's checkpoints.
  await timeline.locator('li[data-type="node.succeeded"]', { hasText: 'start → out' }).click();
  await panel.getByRole('tab', { name: 'Step' }).click();
  await expect(details).toContainText('node.succeeded');
  await expect(details.getByRole('region', { name: 'State value' })).toContainText('review');
  await expect(details.getByRole('region', { name: 'Context' })).toContainText('"start"');
  await shootThemes(page, 'server-debug-waiting');

  // Decided in the inbox, it finishes on the server; the timeline shows the whole run.
  const inbox = page.getByRole('button', { name: /^Approvals inbox/ });
  await inbox.click();
  const inboxDialog = page.getByRole('dialog', { name: /Approvals inbox/ });
  await inboxDialog
    .getByRole('article', { name: /Publish the report\?/ })
    .getByRole('button', { name: 'Approve', exact: true })
    .click();
  await expect(inboxDialog.getByText('Nothing is waiting for you')).toBeVisible({
    timeout: 30_000,
  });
  await page.keyboard.press('Escape');
  await expect(debuggerState(page)).toHaveText(/Finished|Viewing history/, { timeout: 30_000 });
  await expect(timeline.locator('li[data-type="run.succeeded"]')).toBeVisible();
  // Parked and resumed on the server: the log says so, and a replay still tells the same facts.
  await expect(timeline.locator('li[data-type="run.resumed"]')).toHaveCount(1);
  await panel.getByRole('button', { name: /Replay/ }).click();
  await expect(panel.getByRole('status')).toContainText('the same sequence as the original', {
    timeout: 30_000,
  });
  await shootThemes(page, 'server-debug-replayed');

  // Fork from just after the start node with its output edited: a new run on the server.
  await timeline.locator('li[data-type="node.succeeded"]', { hasText: 'start → out' }).click();
  await panel.getByRole('tab', { name: 'Fork' }).click();
  const fork = panel.getByRole('form', { name: 'Fork' });
  await fork.getByRole('combobox', { name: 'What to change' }).selectOption('out:start');
  await fork.getByRole('textbox', { name: 'Edited value' }).fill('{ "note": "again" }');
  await fork.getByRole('button', { name: /Fork from step/ }).click();
  await expect(runs.locator('li')).toHaveCount(2, { timeout: 30_000 });
  await expect(runs.locator('.run-fork')).toHaveCount(1);
  await expect(debuggerState(page)).toHaveText('Awaiting approval', { timeout: 30_000 });
  // The replay's verdict was about the run it replayed, not the fork now shown.
  await expect(panel.locator('.replay-result')).toHaveCount(0);
  await expect(inbox).toHaveAccessibleName('Approvals inbox, 1 pending', { timeout: 30_000 });
  const onServer = (await api('/runs')) as { status: string }[];
  expect(onServer.map((r) => r.status).sort()).toEqual(['succeeded', 'waiting']);
  await shootThemes(page, 'server-debug-forked');
  expect(errors).toEqual([]);
});
