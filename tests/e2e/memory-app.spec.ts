import { expect, test } from '@playwright/test';

test('the memory view opens from the app and keeps what you add across a reload', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();
  const memory = page.getByRole('dialog', { name: 'Memory' });
  const entity = memory.getByRole('form', { name: 'New entity' });
  await entity.getByLabel('Entity type').selectOption('client');
  await entity.getByLabel('Entity name').fill('Acme');
  await entity.getByRole('button', { name: 'Add entity' }).click();
  await memory.getByRole('tab', { name: 'Memories' }).click();
  const form = memory.getByRole('form', { name: 'New memory' });
  await form.getByLabel('Memory text').fill('Acme wants short sentences and no jargon');
  await form.getByLabel('Memory entity').selectOption({ label: 'Acme' });
  await form.getByRole('button', { name: 'Add memory' }).click();
  await expect(memory.getByRole('list', { name: 'Recent memories' })).toContainText(
    'short sentences',
  );

  await page.reload();
  await page.getByRole('banner').getByRole('button', { name: 'Memory' }).click();
  const reopened = page.getByRole('dialog', { name: 'Memory' });
  // The graph keeps the entity, and the memories tab the memory.
  await expect(reopened.getByRole('figure', { name: 'Context graph' })).toContainText('Acme');
  await reopened.getByRole('tab', { name: 'Memories' }).click();
  await expect(reopened.getByRole('list', { name: 'Recent memories' })).toContainText(
    'short sentences',
  );
  expect(errors).toEqual([]);
});
