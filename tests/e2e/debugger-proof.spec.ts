import { expect, test } from '@playwright/test';
import { TestServer } from '../engine/harness/testServer.ts';
import { debuggerState, openTriage, runTicket, scriptTriage, shoot } from './debugger-helpers.ts';

let server: TestServer;
test.beforeEach(async () => {
  server = await new TestServer().start();
  scriptTriage(server);
});
test.afterEach(() => server.stop());

test('breakpoint, step, scrub back, fork with an edited output, diff, reload, replay', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const panel = await openTriage(page, server);
  const toolbar = panel.getByRole('toolbar', { name: 'Debugger' });
  const timeline = panel.getByRole('list', { name: 'Event log' });

  await page.getByRole('button', { name: 'Breakpoint on Draft the reply' }).click();
  await expect(panel.getByRole('list', { name: 'Breakpoints' })).toContainText('reply');
  await runTicket(page);

  // It pauses before the reply agent: one model call (the triage) so far, nothing sent.
  await expect(debuggerState(page)).toHaveText('Paused at reply', { timeout: 15_000 });
  expect(server.count(/^\/llm\//).requests).toBe(1);
  await shoot(page, 'proof-paused');

  await toolbar.getByRole('button', { name: /Step/ }).click();
  await expect(debuggerState(page)).toHaveText('Paused at send', { timeout: 15_000 });
  expect(server.count(/^\/mail\//).requests).toBe(0);
  await toolbar.getByRole('button', { name: /Step/ }).click();
  await expect(debuggerState(page)).toHaveText('Paused at logReply', { timeout: 15_000 });
  expect(server.count(/^\/mail\//).applied).toBe(1);

  // At the newest event (the pause at logReply) the mail was sent; three steps back (just
  // before the call went out) the send step has its input and no output yet.
  const details = panel.getByRole('region', { name: 'Step details' });
  await timeline.locator('li').last().click();
  await expect(details).toContainText('debug.paused');
  const newest = Number(await timeline.locator('li[aria-current="step"] .event-seq').innerText());
  await timeline.locator('li', { hasText: 'send → out' }).click();
  await expect(details.getByRole('region', { name: 'Output', exact: true })).toContainText(
    'messageId',
  );
  await timeline.locator('li').last().click();
  for (let i = 0; i < 3; i++) await panel.getByRole('button', { name: 'Previous step' }).click();
  const picked = timeline.locator('li[aria-current="step"]');
  await expect(picked.locator('.event-seq')).toHaveText(String(newest - 3));
  await expect(picked).toContainText('effect.started');
  await expect(details.getByRole('region', { name: 'Output', exact: true })).toContainText(
    'No output yet at this step',
  );
  await expect(details.getByRole('region', { name: 'Input', exact: true })).toContainText(
    'Use Settings → Export.',
  );
  await expect(details.getByRole('region', { name: 'State value' })).toContainText('"send"');
  await expect(details.getByRole('region', { name: 'Context' })).toContainText('"classify"');
  await shoot(page, 'proof-scrubbed');
  // The mail step is marked as touching the outside world.
  await expect(timeline.locator('li.external').first()).toBeVisible();

  await toolbar.getByRole('button', { name: /Continue/ }).click();
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 15_000 });
  const original = (await panel.getByRole('list', { name: 'Runs' }).locator('li').count()) === 1;
  expect(original).toBe(true);

  // Fork from the step after the reply was drafted (before the mail), with a different draft.
  const replyDone = timeline.locator('li', { hasText: /node\.succeededreply → out/ });
  const after = Number(await replyDone.locator('.event-seq').innerText()) + 1;
  await timeline.locator('li', { hasText: new RegExp(`^${after}`) }).click();
  await panel.getByRole('tab', { name: 'Fork' }).click();
  const fork = panel.getByRole('form', { name: 'Fork' });
  await fork.getByRole('combobox', { name: 'What to change' }).selectOption('out:reply');
  const editor = fork.getByRole('textbox', { name: 'Edited value' });
  await editor.fill('{ "subject": "Re: Export", "body": oops');
  await expect(fork).toContainText('Not valid JSON');
  await expect(fork.getByRole('button', { name: /Fork from step/ })).toBeDisabled();
  await editor.fill(
    JSON.stringify({ subject: 'Re: Export', body: 'See the export guide.', confidence: 0.95 }),
  );
  await fork.getByRole('button', { name: /Fork from step/ }).click();
  const runs = panel.getByRole('list', { name: 'Runs' });
  await expect(runs.locator('li')).toHaveCount(2);
  // The fork's budget counts what the original had sent by the fork point (nothing yet), so the
  // confident reply goes out without asking.
  await expect(runs.locator('li').first()).toContainText('succeeded', { timeout: 15_000 });
  await expect(debuggerState(page)).toHaveText('Finished');
  // The fork sent its own reply; the draft before the fork point was not asked for again.
  expect(server.count(/^\/mail\//).applied).toBe(2);
  expect(server.count(/^\/llm\//).requests).toBe(2);

  // Compare the fork with the original: the reply node differs, with the edited body.
  await runs.getByRole('button', { name: /Compare with run/ }).click();
  const comparison = panel.getByRole('table', { name: 'Run comparison' });
  const replyRow = comparison.getByRole('row', { name: 'Node reply' });
  await expect(replyRow).toHaveAttribute('data-differs', 'true');
  await expect(replyRow).toContainText('See the export guide.');
  await expect(replyRow).toContainText('Use Settings → Export.');
  await shoot(page, 'proof-diff');

  await page.reload();
  await expect(runs.locator('li')).toHaveCount(2, { timeout: 15_000 });
  await expect(runs.locator('.run-fork')).toHaveCount(1);

  // Replay the first run from its log: not one request reaches the test server.
  const before = server.requests.length;
  await runs
    .locator('li', { hasNot: page.locator('.run-fork') })
    .getByRole('button', { name: /Open run/ })
    .click();
  await expect(debuggerState(page)).toHaveText('Viewing history');
  await panel.getByRole('button', { name: /Replay/ }).click();
  await expect(panel.getByRole('status')).toContainText('the same sequence as the original', {
    timeout: 15_000,
  });
  expect(server.requests.length - before).toBe(0);
  await shoot(page, 'proof-replayed');
  expect(errors).toEqual([]);
});
