import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { ModelListServer } from '../engine/harness/modelListServer.ts';
import { settingsJson } from './app-helpers.ts';
import { shootThemes } from './theme-shots.ts';

const GOOD = 'sk-proj-PLANTED-GOOD-7731';
const REVOKED = 'sk-proj-PLANTED-OLD-5520';
let server: ModelListServer;
test.beforeEach(
  async () =>
    (server = await new ModelListServer({ openai: GOOD, anthropic: 'x', openrouter: 'y' }).start()),
);
test.afterEach(() => server.stop());

async function openConnections(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Connections' }).click();
  return page.getByRole('dialog', { name: 'Connections' });
}

async function addSecret(
  page: Page,
  form: ReturnType<Page['getByRole']>,
  name: string,
  value: string,
) {
  await form.getByRole('button', { name: 'New secret…' }).click();
  await form.getByLabel('Secret name').fill(name);
  await form.getByLabel('Secret value').fill(value);
  await form.getByRole('button', { name: 'Save secret' }).click();
  await expect(form.getByLabel('API key')).toHaveValue(name);
  expect(await page.content()).not.toContain(value);
}

test('a provider set up with the form is tested, saved, kept, and its key never shown', async ({
  page,
}) => {
  // One person's whole setup, two tests of it and a reload: longer than most tests.
  test.slow();
  const consoleText: string[] = [];
  page.on('console', (m) => consoleText.push(m.text()));
  await page.goto('/');
  const dialog = await openConnections(page);
  await expect(dialog.getByRole('tab', { name: 'Providers' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await dialog.getByRole('button', { name: 'Add provider' }).click();
  const form = dialog.getByRole('form', { name: 'Provider default' });
  await form.getByLabel('Service').selectOption({ label: 'Other OpenAI-compatible URL' });
  await form.getByLabel('Base URL').fill(`${server.url}/openai/v1`);

  // A revoked key first: the stand-in answers 401 as OpenAI does, and the view says so plainly.
  await addSecret(page, form, 'OLD_OPENAI_KEY', REVOKED);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('alert')).toContainText('the key was refused');
  expect(await page.content()).not.toContain(REVOKED);

  await addSecret(page, form, 'OPENAI_KEY', GOOD);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status')).toContainText('the key works and 2 models are listed');
  expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${GOOD}`);

  await form.getByLabel('Add a model').fill('gpt-4o');
  await form.getByRole('button', { name: 'Add model' }).click();
  await form.getByLabel('gpt-4o input price, USD per million tokens').fill('2.5');
  await form.getByLabel('gpt-4o output price, USD per million tokens').fill('10');
  await shootThemes(page, 'connections-providers');

  // A field left wrong is named, and nothing is saved.
  await form.getByLabel('Base URL').fill('not a url');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('alert').last()).toContainText('providers.default.baseUrl');
  await expect(form.getByText(/^Base URL: /)).toBeVisible();
  await form.getByLabel('Base URL').fill(`${server.url}/openai/v1`);

  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  // Saved means the dialog closed: the worker's IndexedDB transaction has committed.
  await expect(dialog).toBeHidden();

  await page.reload();
  const again = await openConnections(page);
  const kept = again.getByRole('form', { name: 'Provider default' });
  await expect(kept.getByLabel('Service')).toHaveValue('custom');
  await expect(kept.getByLabel('Base URL')).toHaveValue(`${server.url}/openai/v1`);
  await expect(kept.getByLabel('API key')).toHaveValue('OPENAI_KEY');
  await expect(kept.getByLabel('gpt-4o output price, USD per million tokens')).toHaveValue('10');
  await kept.getByRole('button', { name: 'Test connection' }).click();
  await expect(kept.getByRole('status')).toContainText('2 models are listed');

  await again.getByRole('tab', { name: 'Services' }).click();
  const services = again.getByRole('list', { name: 'Services' });
  await expect(services).toContainText('Billing');
  // Real services first; a webhook's URL is its secret, so it asks for no base URL.
  await expect(services.getByRole('button').first()).toContainText('Slack incoming webhook');
  const slack = again.getByRole('form', { name: 'Service Slack incoming webhook' });
  await expect(slack.getByLabel('Webhook URL (https://hooks.slack.com/services/…)')).toBeVisible();
  await expect(slack.getByLabel('Base URL')).toHaveCount(0);
  await expect(slack.getByRole('link', { name: 'API reference' })).toHaveAttribute(
    'href',
    /^https:\/\/docs\.slack\.dev\//,
  );
  await shootThemes(page, 'connections-services');
  const json = await settingsJson(again);
  await expect(json).toContainText('"secret": "OPENAI_KEY"');
  await shootThemes(page, 'connections-json');
  expect(await json.inputValue()).not.toContain(GOOD);
  expect(await page.content()).not.toContain(GOOD);
  await again.getByRole('button', { name: 'Cancel' }).click();

  const download = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: 'Export' }).click();
  const exported = await readFile(await (await download).path(), 'utf8');
  expect(exported).not.toContain(GOOD);
  expect(exported).not.toContain(REVOKED);
  expect(consoleText.join('\n')).not.toContain(GOOD);
});

test('the tabs answer the arrow keys, and a provider that cannot be reached says why', async ({
  page,
}) => {
  await page.goto('/');
  const dialog = await openConnections(page);
  const providers = dialog.getByRole('tab', { name: 'Providers' });
  await providers.focus();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: 'Services' })).toBeFocused();
  await expect(dialog.getByRole('tab', { name: 'Services' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('ArrowLeft');
  await expect(providers).toHaveAttribute('aria-selected', 'true');

  await dialog.getByRole('button', { name: 'Add provider' }).click();
  const form = dialog.getByRole('form', { name: 'Provider default' });
  await form.getByLabel('Service').selectOption({ label: 'Ollama' });
  const closed = await new ModelListServer({
    openai: 'a',
    anthropic: 'b',
    openrouter: 'c',
  }).start();
  const gone = closed.url;
  await closed.stop();
  await form.getByLabel('Base URL').fill(`${gone}/v1`);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('alert')).toContainText('the browser could not reach');
  await expect(form.getByRole('alert')).toContainText('this service may need the workspace server');
});
