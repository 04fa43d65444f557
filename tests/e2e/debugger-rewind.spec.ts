import { expect, test } from '@playwright/test';
import { TestServer } from '../engine/harness/testServer.ts';
import { debuggerState, openTriage, runTicket, scriptTriage, shoot } from './debugger-helpers.ts';

let server: TestServer;
test.beforeEach(async () => {
  server = await new TestServer().start();
  scriptTriage(server);
});
test.afterEach(() => server.stop());

test('rewind a paused run in place, then fork with an edited waiting input', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const panel = await openTriage(page, server);
  const toolbar = panel.getByRole('toolbar', { name: 'Debugger' });
  const timeline = panel.getByRole('list', { name: 'Event log' });

  await page.getByRole('button', { name: 'Breakpoint on Send the reply' }).click();
  await page.getByRole('button', { name: 'Breakpoint on Log reply in CRM' }).click();
  await runTicket(page);
  await expect(debuggerState(page)).toHaveText('Paused at send', { timeout: 15_000 });
  await toolbar.getByRole('button', { name: /Continue/ }).click();
  await expect(debuggerState(page)).toHaveText('Paused at logReply', { timeout: 15_000 });
  expect(server.count(/^\/mail\//).applied).toBe(1);

  // Back to the step just after the reply was drafted: the run pauses before send again.
  const replyDone = timeline.locator('li', { hasText: /node\.succeededreply → out/ });
  const after = Number(await replyDone.locator('.event-seq').innerText()) + 1;
  await timeline.locator('li', { hasText: new RegExp(`^${after}`) }).click();
  await panel.getByRole('tab', { name: 'Fork' }).click();
  const fork = panel.getByRole('form', { name: 'Fork' });
  await fork.getByRole('button', { name: 'Rewind the run here' }).click();
  await expect(debuggerState(page)).toHaveText('Paused at send', { timeout: 15_000 });
  await expect(timeline).toContainText('run.rewound');
  await shoot(page, 'rewound');
  // Only one run: the rewind happened in place.
  const runs = panel.getByRole('list', { name: 'Runs' });
  await expect(runs.locator('li')).toHaveCount(1);

  // Continuing sends nothing new: the mail step reuses its recorded result.
  await page.getByRole('button', { name: 'Breakpoint on Log reply in CRM' }).click();
  await toolbar.getByRole('button', { name: /Continue/ }).click();
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 15_000 });
  expect(server.count(/^\/mail\//).applied).toBe(1);

  // Fork from the step where send waits, with an edited input: the fork sends its own mail.
  await page.getByRole('button', { name: 'Breakpoint on Send the reply' }).click();
  await expect(panel.getByRole('list', { name: 'Breakpoints' })).toHaveCount(0);
  await timeline.locator('li', { hasText: new RegExp(`^${after}`) }).click();
  await panel.getByRole('tab', { name: 'Fork' }).click();
  await expect(fork.getByRole('button', { name: 'Rewind the run here' })).toHaveCount(0);
  await fork.getByRole('combobox', { name: 'What to change' }).selectOption('in:send');
  const editor = fork.getByRole('textbox', { name: 'Edited value' });
  await expect(editor).toHaveValue(/Use Settings → Export\./);
  await editor.fill(
    JSON.stringify({ subject: 'Re: Export', body: 'Rewritten before sending.', confidence: 0.95 }),
  );
  await fork.getByRole('button', { name: /Fork from step/ }).click();
  await expect(runs.locator('li')).toHaveCount(2);
  await expect(runs.locator('li').first()).toContainText('succeeded', { timeout: 15_000 });
  expect(server.count(/^\/mail\//).applied).toBe(2);
  const mails = server.requests.filter((r) => r.path.startsWith('/mail/'));
  expect(JSON.stringify(mails.at(-1)?.body)).toContain('Rewritten before sending.');
  expect(errors).toEqual([]);
});
