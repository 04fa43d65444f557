import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { shootThemes } from './theme-shots.ts';
import { TestServer } from '../engine/harness/testServer.ts';
import { settingsJson } from './app-helpers.ts';

let server: TestServer;
test.beforeEach(async () => {
  server = await new TestServer().start();
});
test.afterEach(() => server.stop());

async function connect(page: Page) {
  const panel = page.getByRole('region', { name: 'Run panel' });
  await panel.getByRole('button', { name: 'Connections' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  await (
    await settingsJson(dialog)
  ).fill(JSON.stringify({ providers: {}, connections: server.connections }));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function openRegistry(page: Page) {
  await page.getByRole('button', { name: 'Capabilities', exact: true }).click();
  return page.getByRole('dialog', { name: 'Capabilities' });
}

test('search the registry, read a contract, and test-call with confirmation for side effects', async ({
  page,
}) => {
  await page.goto('/');
  await connect(page);
  const registry = await openRegistry(page);
  const list = registry.getByRole('list', { name: 'Capabilities' });

  // The capability whose id is `id`, whatever else the search lists beside it.
  const byId = (id: string) =>
    list.getByRole('button').filter({
      has: page.locator('code', { hasText: new RegExp(`^${id.replaceAll('.', '\\.')}$`) }),
    });
  await registry.getByRole('searchbox', { name: 'Search capabilities' }).fill('invoice');
  // The generic JSON API's invoices and Stripe's; nothing that is not about invoices.
  await expect(byId('invoice.void')).toBeVisible();
  await expect(byId('stripe.invoice.create')).toBeVisible();
  await expect(list.getByRole('button').filter({ hasNotText: /invoice/i })).toHaveCount(0);
  await byId('invoice.create').click();
  const contract = registry.getByRole('article', { name: 'Contract of invoice.create' });
  await expect(contract).toContainText('moves money');
  await expect(contract).toContainText('billing');
  await expect(contract).toContainText('Idempotency-Key');
  await expect(contract.getByRole('definition').filter({ hasText: 'invoice.void' })).toBeVisible();
  const input = contract.getByRole('table', { name: 'Input fields' });
  await expect(input.getByRole('row', { name: /lines\[\]\.quantity/ })).toContainText(
    'more than 0',
  );
  await expect(input.getByRole('row', { name: /currency/ })).toContainText('exactly 3 characters');
  await shootThemes(page, 'registry');

  await registry.getByRole('searchbox', { name: 'Search capabilities' }).fill('send email');
  await byId('email.send').click();
  const send = registry.getByRole('article', { name: 'Contract of email.send' });
  const sample = send.getByRole('textbox', { name: 'Sample input (JSON)' });
  await expect(sample).toHaveValue(/"to": "someone@example.com"/);
  // Bad input is explained by path and cannot be sent.
  await sample.fill('{ "to": "nope", "subject": "Hi", "body": "Hello" }');
  await expect(send.getByRole('list', { name: 'Input problems' })).toContainText('input.to');
  await expect(send.getByRole('button', { name: 'Test call' })).toBeDisabled();
  await sample.fill('{ "to": "pat@customer.test", "subject": "Hi", "body": "Hello" }');
  // Sending a message is a side effect: the test call asks first, and Cancel sends nothing.
  await send.getByRole('button', { name: 'Test call' }).click();
  const confirm = send.getByRole('group', { name: 'Confirm the test call' });
  await expect(confirm).toContainText('sends a message to someone outside');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(server.count(/^\/mail\//).requests).toBe(0);
  await send.getByRole('button', { name: 'Test call' }).click();
  await confirm.getByRole('button', { name: 'Call it for real' }).click();
  await expect(send.getByRole('status', { name: 'Test call result' })).toContainText('msg_');
  expect(server.count(/^\/mail\//)).toEqual({ requests: 1, applied: 1 });
});

test('create a user-defined capability in the form, test-call it, find it in the exported flow', async ({
  page,
}) => {
  await page.goto('/');
  const registry = await openRegistry(page);
  await registry.getByRole('button', { name: 'New HTTP capability…' }).click();
  const form = registry.getByRole('form', { name: 'New capability' });

  // Mistakes show at their fields, and nothing is saved.
  await form.getByLabel('Id', { exact: true }).fill('Lookup Contact');
  await form.getByRole('button', { name: 'Add to this flow' }).click();
  await expect(form.getByRole('alert').filter({ hasText: /^id: / })).toBeVisible();
  await expect(form.getByRole('alert').filter({ hasText: /^url: / })).toBeVisible();
  await expect(form.getByLabel('Id', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await shootThemes(page, 'registry-form-errors');

  await form.getByLabel('Id', { exact: true }).fill('crm.lookup');
  await form.getByLabel('Title').fill('Look up a contact');
  await form.getByLabel('Description').fill('Reads a contact from the CRM by email');
  await form.getByLabel('Side effect').selectOption('read');
  await form.getByLabel('Method').selectOption('GET');
  // The URL is a template field as in the inspector: Liquid highlighted, and its own undo.
  const url = form.getByLabel('URL template');
  await expect(url).toHaveClass(/cm-content/);
  await expect(url).toHaveAttribute('aria-multiline', 'false');
  await url.fill(`${server.url}/crm/contacts/{{ input.email }}`);
  await expect(url.locator('.tok-property', { hasText: 'email' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(url).toHaveText('');
  await page.keyboard.press('Control+Shift+z');
  await expect(url).toHaveText(`${server.url}/crm/contacts/{{ input.email }}`);
  // The flow itself was not touched by those keys.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // Header values are templates too.
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByLabel('Header 1 name').fill('X-Contact');
  const header = form.getByLabel('Header 1 value');
  await expect(header).toHaveClass(/cm-content/);
  await header.fill('{{ input.email }}');
  await expect(header.locator('.tok-property', { hasText: 'email' })).toBeVisible();
  await shootThemes(page, 'registry-form-templates');
  await form.getByRole('button', { name: 'Add input field' }).click();
  await form.getByRole('textbox', { name: 'input field 1 name' }).fill('email');
  await form.getByRole('button', { name: 'Add output field' }).click();
  await form.getByRole('textbox', { name: 'output field 1 name' }).fill('name');
  // The response mapping is a JSONata field: a syntax error is marked where it is.
  const mapping = form.getByLabel('Response mapping');
  await mapping.fill('{ "name": name ');
  await expect(mapping.locator('.cm-lintPoint-error, .cm-lintRange-error')).toHaveCount(1);
  await mapping.fill('{ "name": name }');
  await expect(mapping.locator('.cm-lintPoint-error, .cm-lintRange-error')).toHaveCount(0);
  await form.getByRole('button', { name: 'Add to this flow' }).click();

  const contract = registry.getByRole('article', { name: 'Contract of crm.lookup' });
  await expect(contract).toContainText('this flow');
  await expect(contract).toContainText('reads only');
  const sample = contract.getByRole('textbox', { name: 'Sample input (JSON)' });
  await sample.fill('{ "email": "pat@customer.test" }');
  // A read runs at once, against the local CRM, and changes nothing there.
  await contract.getByRole('button', { name: 'Test call' }).click();
  await expect(contract.getByRole('status', { name: 'Test call result' })).toContainText(
    '"name": "Pat Customer"',
  );
  expect(server.count(/^\/crm\/contacts\/pat@customer\.test$/)).toEqual({
    requests: 1,
    applied: 0,
  });
  await shootThemes(page, 'registry-test-call');

  // Saving went through the editor: undo takes it away, redo brings it back.
  await registry.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await openRegistry(page);
  await expect(registry.getByRole('button', { name: /Look up a contact/ })).toHaveCount(0);
  await registry.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8')) as {
    capabilities: { id: string; method: string; url: string; input: { name: string }[] }[];
  };
  expect(exported.capabilities).toEqual([
    expect.objectContaining({
      id: 'crm.lookup',
      method: 'GET',
      sideEffect: 'read',
      url: `${server.url}/crm/contacts/{{ input.email }}`,
      headers: { 'X-Contact': '{{ input.email }}' },
      responseMapping: '{ "name": name }',
      input: [expect.objectContaining({ name: 'email', type: 'text', required: true })],
    }),
  ]);
});
