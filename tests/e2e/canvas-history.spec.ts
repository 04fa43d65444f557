import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { canvasNode, connect, dragKind, moveNode, watchErrors } from './canvas-helpers.ts';

const positionOf = async (page: Page, id: string) => {
  const box = await canvasNode(page, id).boundingBox();
  if (!box) throw new Error(`${id} is not visible`);
  return { x: Math.round(box.x), y: Math.round(box.y) };
};

test('undo and redo every edit: add, connect, move, inspector change', async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  await dragKind(page, 'start', { x: 100, y: 150 });
  await dragKind(page, 'output', { x: 420, y: 150 });
  await connect(page, ['start-1', 'out'], ['output-1', 'in']);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  const before = await positionOf(page, 'output-1');
  await moveNode(page, 'output-1', { x: 0, y: 160 });
  const after = await positionOf(page, 'output-1');
  expect(after.y - before.y).toBeGreaterThan(100);

  await canvasNode(page, 'output-1').locator('.node-card-head').click();
  await inspector.getByLabel('Label', { exact: true }).fill('Delivered');
  await expect(canvasNode(page, 'output-1')).toContainText('Delivered');
  // Leave the field: keys then belong to the canvas.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });

  // One undo per gesture: the whole label, then the whole drag, then the edge, then the node.
  await page.keyboard.press('Control+z');
  await expect(canvasNode(page, 'output-1')).not.toContainText('Delivered');
  await page.keyboard.press('Control+z');
  expect(await positionOf(page, 'output-1')).toEqual(before);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(canvasNode(page, 'output-1')).toHaveCount(0);

  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+y');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  expect(await positionOf(page, 'output-1')).toEqual(after);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(canvasNode(page, 'output-1')).toContainText('Delivered');
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(canvasNode(page, 'output-1')).not.toContainText('Delivered');
  noErrors();
});

test('multi-select, copy and paste, duplicate, select all and delete', async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await dragKind(page, 'agent', { x: 100, y: 120 });
  await dragKind(page, 'approval', { x: 420, y: 120 });
  await connect(page, ['agent-1', 'out'], ['approval-1', 'in']);

  await canvasNode(page, 'agent-1').locator('.node-card-head').click();
  await canvasNode(page, 'approval-1')
    .locator('.node-card-head')
    .click({ modifiers: ['Control'] });
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText(
    '2 nodes selected',
  );

  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(canvasNode(page, 'agent-2')).toBeVisible();
  await expect(canvasNode(page, 'approval-2')).toBeVisible();
  // The edge between copied nodes comes along, rewired to the copies.
  await expect(page.locator('.react-flow__edge[data-id="agent-2.out->approval-2.in"]')).toHaveCount(
    1,
  );
  // The pasted nodes are the new selection: duplicate them again.
  await page.keyboard.press('Control+d');
  await expect(canvasNode(page, 'agent-3')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  await page.keyboard.press('Control+a');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(6);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  noErrors();
});
