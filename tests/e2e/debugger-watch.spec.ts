import { expect, test } from '@playwright/test';
import { TestServer } from '../engine/harness/testServer.ts';
import {
  card,
  debuggerState,
  openTriage,
  runTicket,
  scriptTriage,
  shoot,
} from './debugger-helpers.ts';

let server: TestServer;
test.beforeEach(async () => {
  server = await new TestServer().start();
  scriptTriage(server);
});
test.afterEach(() => server.stop());

test('watching a run: statuses, durations and the path taken on the canvas', async ({ page }) => {
  const panel = await openTriage(page, server);
  await runTicket(page);
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 15_000 });

  await expect(card(page, 'Draft the reply').locator('.node-run')).toContainText(
    /succeeded\s*\d+ ms/,
  );
  await expect(card(page, 'Send the reply').locator('.node-run')).toContainText('external');
  // The escalation branch was not taken: no status on its cards, its edges not animated.
  await expect(card(page, 'Notify me').locator('.node-run')).toHaveCount(0);
  const taken = page.locator('.react-flow__edge.edge-taken');
  await expect(taken).toHaveCount(8);
  await expect(page.locator('.react-flow__edge.animated')).toHaveCount(8);
  await shoot(page, 'watch-light');

  // Scrubbing back redraws the canvas as of that step.
  const timeline = panel.getByRole('list', { name: 'Event log' });
  await timeline.locator('li', { hasText: /node\.startedclassify/ }).click();
  await expect(card(page, 'Classify').locator('.node-card')).toHaveAttribute('data-active', 'true');
  await expect(card(page, 'Send the reply').locator('.node-run')).toHaveCount(0);
  await expect(taken).toHaveCount(1);

  await page.getByRole('button', { name: /theme/i }).first().click();
  await shoot(page, 'watch-dark');
});

test('F9 and conditional breakpoints; a pause survives a reload; run to here; stop', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const panel = await openTriage(page, server);
  const toolbar = panel.getByRole('toolbar', { name: 'Debugger' });

  // A conditional breakpoint that does not hold for this ticket, and one set with F9.
  await card(page, 'Urgent or billing?').click();
  await page.keyboard.press('F9');
  await panel.getByRole('textbox', { name: 'Condition for route' }).fill("urgency = 'high'");
  await panel.getByRole('textbox', { name: 'Condition for route' }).press('Enter');
  await card(page, 'Recall past resolutions').click();
  await page.keyboard.press('F9');
  await expect(
    page.getByRole('button', { name: 'Breakpoint on Recall past resolutions' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await runTicket(page);

  await expect(debuggerState(page)).toHaveText('Paused at similar', { timeout: 15_000 });
  await expect(card(page, 'Recall past resolutions').locator('.node-card')).toHaveAttribute(
    'data-active',
    'true',
  );
  await expect(card(page, 'Urgent or billing?').locator('.node-run')).toContainText('succeeded');

  // Still paused at the same step after a reload: nothing after it ran.
  await page.reload();
  await expect(debuggerState(page)).toHaveText('Paused at similar', { timeout: 15_000 });
  expect(server.count(/^\/llm\//).requests).toBe(1);
  await expect(panel.getByRole('list', { name: 'Breakpoints' })).toContainText('route');

  // Run to here: select the mail step and continue until it is about to run.
  await card(page, 'Send the reply').click();
  await toolbar.getByRole('button', { name: 'Run to here' }).click();
  await expect(debuggerState(page)).toHaveText('Paused at send', { timeout: 15_000 });
  expect(server.count(/^\/mail\//).requests).toBe(0);
  await shoot(page, 'paused-at-send');

  await toolbar.getByRole('button', { name: 'Stop' }).click();
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 15_000 });
  await expect(panel.getByRole('list', { name: 'Runs' })).toContainText('stopped');
  expect(server.count(/^\/mail\//).requests).toBe(0);
});

test('a run exported as a bundle opens again for inspection', async ({ page }) => {
  const panel = await openTriage(page, server);
  await runTicket(page);
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 15_000 });
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download run' }).click();
  const file = await (await download).path();

  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Open run file…' }).click();
  await (await chooser).setFiles(file);
  await expect(debuggerState(page)).toHaveText('Viewing history');
  await expect(panel.getByText('imported')).toBeVisible();
  const timeline = panel.getByRole('list', { name: 'Event log' });
  await timeline.locator('li', { hasText: /node\.succeededreply/ }).click();
  const details = panel.getByRole('region', { name: 'Step details' });
  await expect(details.getByRole('region', { name: 'Output', exact: true })).toContainText(
    'Use Settings',
  );

  // A file that is not a bundle is refused with a reason.
  const bad = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Open run file…' }).click();
  await (
    await bad
  ).setFiles({
    name: 'x.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"nope"}'),
  });
  await expect(panel.getByRole('alert')).toContainText('not a run bundle');
});
