import { expect, test } from '@playwright/test';
import { canvasNode, dragKind, watchErrors } from './canvas-helpers.ts';

test('shortcuts help, keyboard navigation between nodes, and the theme toggle', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await dragKind(page, 'start', { x: 80, y: 150 });
  await dragKind(page, 'agent', { x: 400, y: 150 });
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });

  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Duplicate selected nodes');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Alt+Arrow walks the nodes left to right, selecting and focusing each.
  await page.keyboard.press('Alt+ArrowRight');
  await expect(canvasNode(page, 'start-1')).toHaveClass(/selected/);
  await page.keyboard.press('Alt+ArrowRight');
  await expect(canvasNode(page, 'agent-1')).toHaveClass(/selected/);
  await expect(canvasNode(page, 'agent-1')).toBeFocused();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('id: agent-1');

  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  if (process.env['SHOT']) {
    await page.getByRole('button', { name: 'Flows' }).click();
    await page.getByRole('button', { name: /Use template Client article/ }).click();
    await canvasNode(page, 'draft').locator('.node-card-head').click();
    await page.screenshot({ path: '/tmp/dark.png' });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.screenshot({ path: '/tmp/light.png' });
  }
  noErrors();
});
