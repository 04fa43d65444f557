import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { flow, link, node } from '../unit/build.ts';
import { TestServer } from '../engine/harness/testServer.ts';
import { connectTo, importFlowFile, runFromPanel } from './app-helpers.ts';

const SECRET = 'sk_live_PLANTED_4242';
let server: TestServer;
test.beforeEach(async () => (server = await new TestServer().start()));
test.afterEach(() => server.stop());

const invoiceFlow = flow(
  'bill-once',
  [
    node('s', 'start'),
    node('lines', 'transform', {
      expression: "{ 'lines': [{ 'description': 'Audit', 'quantity': 1, 'unitPrice': 900 }] }",
    }),
    node('bill', 'capability', {
      capability: 'invoice.create',
      input: { customer: 'Initech', currency: 'EUR', lines: '{{ input.lines }}' },
    }),
    node('o', 'output'),
  ],
  [link('s', 'lines'), link('lines', 'bill'), link('bill', 'o')],
  { policies: { rules: [{ id: 'ok', sideEffect: 'money', decision: 'allow' }], budgets: {} } },
);

async function openSecrets(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Secrets' }).click();
  return page.getByRole('dialog', { name: 'Secrets' });
}

test('a secret is used by a connector but never shown, logged or exported', async ({ page }) => {
  const consoleText: string[] = [];
  page.on('console', (m) => consoleText.push(m.text()));
  await page.goto('/');

  const secrets = await openSecrets(page);
  await secrets.getByRole('textbox', { name: 'Secret name' }).fill('BILLING_API_KEY');
  await secrets.getByLabel('Secret value').fill(SECRET);
  await secrets.getByRole('button', { name: 'Save' }).click();
  await expect(secrets.getByRole('list', { name: 'Saved secrets' })).toContainText(
    'BILLING_API_KEY',
  );
  expect(await page.content()).not.toContain(SECRET);
  await secrets.getByRole('button', { name: 'Close' }).click();

  await importFlowFile(page, invoiceFlow);
  const runPanel = await connectTo(page, server);
  await runFromPanel(page);
  await expect(runPanel.getByRole('list', { name: 'Runs' })).toContainText('succeeded', {
    timeout: 15_000,
  });

  const billed = server.requests.filter((r) => r.path === '/billing/invoices');
  expect(billed.map((r) => r.auth)).toEqual([`Bearer ${SECRET}`]);
  expect(await page.content()).not.toContain(SECRET);

  const download = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: 'Export' }).click();
  const exported = await readFile(await (await download).path(), 'utf8');
  expect(exported).toContain('invoice.create');
  expect(exported).not.toContain(SECRET);
  expect(consoleText.join('\n')).not.toContain(SECRET);
});

test('a passphrase-protected vault is locked after a reload until unlocked', async ({ page }) => {
  await page.goto('/');
  let secrets = await openSecrets(page);
  await secrets.getByRole('textbox', { name: 'Secret name' }).fill('CRM_TOKEN');
  await secrets.getByLabel('Secret value').fill('crm-value');
  await secrets.getByRole('button', { name: 'Save' }).click();
  await secrets.getByLabel('Passphrase').fill('correct horse battery');
  await secrets.getByRole('button', { name: 'Encrypt with passphrase' }).click();
  await expect(secrets).toContainText('Encrypted, unlocked');

  await page.reload();
  secrets = await openSecrets(page);
  await expect(secrets).toContainText('Locked');
  await secrets.getByLabel('Passphrase').fill('wrong passphrase');
  await secrets.getByRole('button', { name: 'Unlock' }).click();
  await expect(secrets.getByRole('alert')).toBeVisible();
  await secrets.getByLabel('Passphrase').fill('correct horse battery');
  await secrets.getByRole('button', { name: 'Unlock' }).click();
  await expect(secrets).toContainText('Encrypted, unlocked');
  await expect(secrets.getByRole('list', { name: 'Saved secrets' })).toContainText('CRM_TOKEN');
});
