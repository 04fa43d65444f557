import { expect, test } from '@playwright/test';
import { card, openTriage, runTicket, scriptTriage } from './debugger-helpers.ts';
import { TestServer } from '../engine/harness/testServer.ts';

let server: TestServer;

test.beforeEach(async () => {
  server = await new TestServer().start();
  // The reply agent is unsure, so policy asks before sending.
  scriptTriage(server, 0.6);
});
test.afterEach(() => server.stop());

test('a run in the worker waits for approval across a reload, then sends exactly once', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const runPanel = await openTriage(page, server);
  await runTicket(page);

  const approval = runPanel.getByRole('article', { name: /Send an email: needs your approval/ });
  await expect(approval).toBeVisible({ timeout: 15_000 });
  await expect(approval).toContainText('confidence 0.60');
  if (process.env['AIOS_SHOTS'])
    await page.screenshot({ path: `${process.env['AIOS_SHOTS']}/run-waiting.png` });
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('waiting');
  expect(server.count(/^\/mail\//).requests).toBe(0);

  // Nothing is lost on reload: the worker resumes the run, still waiting for the same decision.
  await page.reload();
  await expect(
    runPanel.getByRole('article', { name: /Send an email: needs your approval/ }),
  ).toBeVisible({ timeout: 15_000 });
  await runPanel
    .getByRole('article', { name: /Send an email/ })
    .getByRole('button', { name: 'Approve', exact: true })
    .click();

  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('succeeded', {
    timeout: 15_000,
  });
  await expect(runPanel.getByRole('list', { name: 'Event log' })).toContainText('run.succeeded');
  await expect(runPanel.getByRole('list', { name: 'Event log' })).toContainText('run.resumed');
  if (process.env['AIOS_SHOTS'])
    await page.screenshot({ path: `${process.env['AIOS_SHOTS']}/run-done.png` });
  expect(server.count(/^\/mail\//)).toEqual({ requests: 1, applied: 1 });
  expect(server.count(/^\/crm\/activities/).applied).toBe(1);
  expect(errors).toEqual([]);
});

test("an agent's card shows its answer arriving while the model streams, and clears it after", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Each answer comes in 8 pieces, 400 ms apart.
  server.streaming = { chunks: 8, delayMs: 400 };
  await openTriage(page, server);
  await runTicket(page);

  const stream = card(page, 'Classify').getByLabel('Answer so far');
  await expect(stream).toHaveAttribute('aria-live', 'polite', { timeout: 15_000 });
  await expect(stream).toContainText('{"category"');
  const first = (await stream.textContent()) ?? '';
  // More of the answer arrives while the node still runs.
  await expect
    .poll(async () => ((await stream.textContent()) ?? '').length, { timeout: 5_000 })
    .toBeGreaterThan(first.length);
  await expect(card(page, 'Classify').locator('.node-card')).toHaveAttribute('data-run', 'running');
  // Once the node is done the text goes; the card says it succeeded.
  await expect(card(page, 'Classify').locator('.node-card')).toHaveAttribute(
    'data-run',
    'succeeded',
    { timeout: 15_000 },
  );
  await expect(stream).toHaveCount(0);
  expect(errors).toEqual([]);
});
