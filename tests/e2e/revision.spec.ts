import { expect, test } from '@playwright/test';
import { schemaAnswer } from '../engine/harness/llmScript.ts';
import { TestServer } from '../engine/harness/testServer.ts';
import { settingsJson } from './app-helpers.ts';

let server: TestServer;
test.beforeEach(async () => {
  server = await new TestServer().start();
  server.scriptLlm((req) => {
    const revised = req.messages.some((m) => m.content.includes('was rejected'));
    return schemaAnswer(req.messages, {
      title: revised ? 'Pricing, briefly' : 'Pricing explained',
      body: revised ? 'Short.' : 'Long.',
    });
  });
});
test.afterEach(() => server.stop());

test('a revised draft shows what changed since the rejected one', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Flows' }).click();
  await page
    .getByRole('button', { name: 'Use template Client article: brief to delivered draft' })
    .click();
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  await runPanel.getByRole('button', { name: 'Connections' }).click();
  const settings = page.getByRole('dialog', { name: 'Connections' });
  await (
    await settingsJson(settings)
  ).fill(
    JSON.stringify({
      providers: { default: { baseUrl: `${server.url}/llm` } },
      connections: server.connections,
    }),
  );
  await settings.getByRole('button', { name: 'Save' }).click();

  const form = runPanel.getByRole('form', { name: 'Run input' });
  await form.getByRole('textbox', { name: /^client \*/ }).fill('Acme');
  await form.getByRole('textbox', { name: /clientEmail/ }).fill('editor@acme.test');
  await form.getByRole('textbox', { name: /topic/ }).fill('Pricing');
  await form.getByRole('textbox', { name: /brief/ }).fill('Explain our pricing');
  await form.getByRole('spinbutton', { name: /wordCount/ }).fill('600');
  await form.getByRole('button', { name: /Run/ }).click();

  const first = runPanel.getByRole('article', { name: /Draft for Acme: Pricing explained/ });
  await expect(first).toBeVisible({ timeout: 15_000 });
  await expect(first.getByText(/Changed since the last version/)).toHaveCount(0);
  await first.getByRole('textbox', { name: 'Feedback' }).fill('Shorter please');
  await first.getByRole('button', { name: 'Reject' }).click();

  const second = runPanel.getByRole('article', { name: /Draft for Acme: Pricing, briefly/ });
  await expect(second).toBeVisible({ timeout: 15_000 });
  await expect(second).toContainText('Changed since the last version: title, body');
  const changes = second.getByRole('definition');
  await expect(changes.first()).toContainText('Pricing explained');
  await expect(changes.first()).toContainText('Pricing, briefly');
});
