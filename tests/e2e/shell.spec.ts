import { expect, test } from '@playwright/test';

test('the workspace shell renders without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('/');

  const header = page.getByRole('banner');
  await expect(header).toBeVisible();
  await expect(header).toContainText('AIOS Workspace');
  await expect(header.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Untitled playbook');

  const palette = page.getByRole('complementary', { name: 'Palette' });
  await expect(palette).toBeVisible();
  // Every registered kind is offered, grouped.
  for (const group of ['Flow', 'Agents', 'Capabilities', 'Human', 'Logic', 'Memory']) {
    await expect(palette.getByRole('region', { name: group })).toBeVisible();
  }
  await expect(palette.locator('[data-kind]')).toHaveCount(13);
  await expect(palette.locator('[data-kind="approval"]')).toContainText('Approval');

  const canvas = page.getByRole('main', { name: 'Canvas' });
  await expect(canvas).toBeVisible();
  await expect(canvas.locator('.react-flow')).toBeVisible();
  await expect(canvas.locator('.react-flow__controls')).toBeVisible();
  await expect(canvas.locator('.react-flow__minimap')).toBeVisible();

  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText('Select a node to edit it');

  const runPanel = page.getByRole('region', { name: 'Run panel' });
  await expect(runPanel).toBeVisible();
  await expect(runPanel).toContainText('No runs yet');

  expect(errors).toEqual([]);
});
