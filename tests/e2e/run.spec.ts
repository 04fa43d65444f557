import { expect, test, type Page } from '@playwright/test';
import { schemaAnswer, systemOf } from '../engine/harness/llmScript.ts';
import { TestServer } from '../engine/harness/testServer.ts';

let server: TestServer;

test.beforeEach(async () => {
  server = await new TestServer().start();
  // The triage agent classifies; the reply agent is unsure, so policy asks before sending.
  server.scriptLlm((req) =>
    systemOf(req.messages).startsWith('You triage')
      ? schemaAnswer(req.messages, {
          category: 'how-to',
          urgency: 'low',
          summary: 'Export question',
        })
      : schemaAnswer(req.messages, {
          subject: 'Re: Export',
          body: 'Use Settings → Export.',
          confidence: 0.6,
        }),
  );
});
test.afterEach(() => server.stop());

async function openTemplate(page: Page, name: string) {
  await page.getByRole('button', { name: 'Flows' }).click();
  await page.getByRole('button', { name: `Use template ${name}` }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(name);
}

async function configureConnections(page: Page) {
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  await runPanel.getByRole('button', { name: 'Connections' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  await dialog.getByRole('textbox', { name: 'Settings JSON' }).fill(
    JSON.stringify({
      providers: { default: { baseUrl: `${server.url}/llm` } },
      connections: server.connections,
    }),
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

test('a run in the worker waits for approval across a reload, then sends exactly once', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await openTemplate(page, 'Support ticket triage');
  await configureConnections(page);

  const runPanel = page.getByRole('region', { name: 'Run panel' });
  const form = runPanel.getByRole('form', { name: 'Run input' });
  await form.getByRole('textbox', { name: /ticketId/ }).fill('T-77');
  await form.getByRole('textbox', { name: /customerEmail/ }).fill('pat@customer.test');
  await form.getByRole('textbox', { name: /subject/ }).fill('Export');
  await form.getByRole('textbox', { name: /message/ }).fill('How do I export my data?');
  await form.getByRole('button', { name: /Run/ }).click();

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
