import { expect, type Locator, type Page } from '@playwright/test';
import type { TestServer } from '../engine/harness/testServer.ts';

/** Opens a flow document as a person would, with the file picker, and waits until it shows. */
export async function importFlowFile(page: Page, flow: { name: string }) {
  await page.getByLabel('Import a flow file').setInputFiles({
    name: 'flow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(flow)),
  });
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(flow.name);
}

/** The Connections view's settings as JSON: its Advanced tab, chosen. */
export async function settingsJson(dialog: Locator): Promise<Locator> {
  await dialog.getByRole('tab', { name: 'Advanced (JSON)' }).click();
  return dialog.getByRole('textbox', { name: 'Settings JSON' });
}

/** Points the run panel's connections (mail, billing, CRM) at the test server; no models. */
export async function connectTo(page: Page, server: TestServer) {
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  await runPanel.getByRole('button', { name: 'Connections' }).click();
  const settings = page.getByRole('dialog', { name: 'Connections' });
  await (
    await settingsJson(settings)
  ).fill(JSON.stringify({ providers: {}, connections: server.connections }));
  await settings.getByRole('button', { name: 'Save' }).click();
  return runPanel;
}

/** Puts a secret into the vault through the Secrets dialog, as a person would. */
export async function saveSecret(page: Page, name: string, value: string) {
  await page.getByRole('banner').getByRole('button', { name: 'Secrets' }).click();
  const secrets = page.getByRole('dialog', { name: 'Secrets' });
  await secrets.getByRole('textbox', { name: 'Secret name' }).fill(name);
  await secrets.getByLabel('Secret value').fill(value);
  await secrets.getByRole('button', { name: 'Save' }).click();
  await secrets.getByRole('button', { name: 'Close' }).click();
}

/** Runs the open flow from the run panel with its input form as it is. */
export async function runFromPanel(page: Page) {
  await page
    .getByRole('region', { name: 'Run panel' })
    .getByRole('form', { name: 'Run input' })
    .getByRole('button', { name: /Run/ })
    .click();
}
