import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { flow, link, node } from '../unit/build.ts';
import { TestServer } from '../engine/harness/testServer.ts';
import { connectTo, importFlowFile, runFromPanel } from './app-helpers.ts';
import { canvasNode } from './canvas-helpers.ts';
import { shoot } from './debugger-helpers.ts';

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

test('the inspector picks a capability secret by name; a new value goes only to the vault', async ({
  page,
}) => {
  const notes = flow(
    'save-a-note',
    [
      node('s', 'start'),
      {
        ...node('note', 'capability', { capability: 'notes.add', input: { text: 'hello' } }),
        position: { x: 320, y: 0 },
      },
      { ...node('o', 'output'), position: { x: 640, y: 0 } },
    ],
    [link('s', 'note'), link('note', 'o')],
    {
      capabilities: [
        {
          id: 'notes.add',
          title: 'Add a note',
          sideEffect: 'write',
          method: 'POST',
          url: `${server.url}/api/notes`,
          body: '{"text": {{ input.text | json }}}',
          input: [{ name: 'text', type: 'text', required: true }],
        },
      ],
      policies: { rules: [{ id: 'ok', sideEffect: 'write', decision: 'allow' }], budgets: {} },
    },
  );
  await page.goto('/');
  await importFlowFile(page, notes);
  await canvasNode(page, 'note').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const picker = inspector.getByLabel('Signs in with');
  await expect(picker).toHaveValue('');

  await inspector.getByRole('button', { name: 'New secret…' }).click();
  await inspector.getByLabel('Secret name').fill('notes_api_key');
  await inspector.getByLabel('Secret value').fill(SECRET);
  await inspector.getByRole('button', { name: 'Save secret' }).click();
  await expect(picker).toHaveValue('NOTES_API_KEY');
  await expect(picker.locator('option')).toHaveText(['(none)', 'NOTES_API_KEY']);
  await shoot(page, 'inspector-secret-picker');
  expect(await page.content()).not.toContain(SECRET);

  await runFromPanel(page);
  await expect(
    page.getByRole('region', { name: 'Run panel' }).getByRole('list', { name: 'Runs' }),
  ).toContainText('succeeded', { timeout: 15_000 });
  expect(server.requests.filter((r) => r.path === '/api/notes').map((r) => r.auth)).toEqual([
    `Bearer ${SECRET}`,
  ]);

  const download = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: 'Export' }).click();
  const exported = await readFile(await (await download).path(), 'utf8');
  const saved = JSON.parse(exported) as { capabilities: { auth?: unknown }[] };
  expect(saved.capabilities[0]?.auth).toEqual({
    secret: 'NOTES_API_KEY',
    scheme: 'bearer',
  });
  expect(exported).not.toContain(SECRET);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(picker).toHaveValue('');
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
