import { expect, type Page } from '@playwright/test';
import { schemaAnswer, systemOf } from '../engine/harness/llmScript.ts';
import type { TestServer } from '../engine/harness/testServer.ts';
import { settingsJson } from './app-helpers.ts';

/**
 * Triage classifies as a how-to; the reply agent answers with `confidence` (sure by default, so
 * policy lets the reply go out; below 0.85 policy asks first).
 */
export function scriptTriage(server: TestServer, confidence = 0.95) {
  server.scriptLlm((req) =>
    systemOf(req.messages).startsWith('You triage')
      ? schemaAnswer(req.messages, { category: 'how-to', urgency: 'low', summary: 'Export' })
      : schemaAnswer(req.messages, {
          subject: 'Re: Export',
          body: 'Use Settings → Export.',
          confidence,
        }),
  );
}

export async function openTriage(page: Page, server: TestServer) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'Use template Support ticket triage' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Support ticket triage',
  );
  const panel = page.getByRole('region', { name: 'Run panel' });
  await panel.getByRole('button', { name: 'Connections' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  await (
    await settingsJson(dialog)
  ).fill(
    JSON.stringify({
      providers: { default: { baseUrl: `${server.url}/llm` } },
      connections: server.connections,
    }),
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  return panel;
}

export async function runTicket(page: Page) {
  const form = page.getByRole('form', { name: 'Run input' });
  await form.getByRole('textbox', { name: /ticketId/ }).fill('T-77');
  await form.getByRole('textbox', { name: /customerEmail/ }).fill('pat@customer.test');
  await form.getByRole('textbox', { name: /subject/ }).fill('Export');
  await form.getByRole('textbox', { name: /message/ }).fill('How do I export my data?');
  await form.getByRole('button', { name: /Run/ }).click();
}

/** The node card of a node, by its label. */
export const card = (page: Page, label: string) =>
  page.locator('.react-flow__node').filter({ hasText: label });

export const debuggerState = (page: Page) =>
  page.getByRole('toolbar', { name: 'Debugger' }).getByLabel('Debugger state');

export async function shoot(page: Page, name: string) {
  const dir = process.env['AIOS_SHOTS'];
  // Transitions (a theme switch fades colours) are finished first, so the shot shows where they end.
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, animations: 'disabled' });
}
