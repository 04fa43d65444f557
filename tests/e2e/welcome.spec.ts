import { expect, test } from '@playwright/test';
import { canvasNode, dragKind, watchErrors } from './canvas-helpers.ts';
import { shootThemes } from './theme-shots.ts';

test('a newcomer sees the three jobs and starts from a template or a drop', async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const welcome = page.getByRole('region', { name: 'Getting started' });
  await expect(welcome).toContainText('This playbook is empty');
  for (const job of ['Design', 'Run and debug', 'Share']) await expect(welcome).toContainText(job);
  await shootThemes(page, 'welcome');

  // A node dropped onto the card lands on the canvas beneath it, and the card goes.
  const card = await welcome.boundingBox();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!card || !pane) throw new Error('not on screen');
  await dragKind(page, 'start', { x: card.x - pane.x + 40, y: card.y - pane.y + 40 });
  await expect(canvasNode(page, 'start-1')).toBeVisible();
  await expect(welcome).toHaveCount(0);

  // A blank flow shows it again; a template opens as a new flow of its own.
  await page.getByRole('button', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'New blank flow' }).click();
  await page
    .getByRole('list', { name: 'Start from a template' })
    .getByRole('button', { name: 'Client article: brief to delivered draft' })
    .click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Client article: brief to delivered draft',
  );
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  noErrors();
});
