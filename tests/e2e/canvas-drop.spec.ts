import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { canvasNode, dragKind, watchErrors } from './canvas-helpers.ts';

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
};

async function expectInside(page: Page, id: string) {
  const pane = await box(page.locator('.react-flow__pane'));
  const card = await box(canvasNode(page, id));
  expect(card.x).toBeGreaterThanOrEqual(pane.x);
  expect(card.y).toBeGreaterThanOrEqual(pane.y);
  expect(card.x + card.width).toBeLessThanOrEqual(pane.x + pane.width);
  expect(card.y + card.height).toBeLessThanOrEqual(pane.y + pane.height);
}

test('nodes dropped in a row up to the right edge all stay in view, and the view stays put', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  const pane = await box(page.locator('.react-flow__pane'));
  await dragKind(page, 'start', { x: 60, y: 120 });
  await expect(canvasNode(page, 'start-1')).toBeVisible();
  const first = await box(canvasNode(page, 'start-1'));
  await dragKind(page, 'agent', { x: pane.width / 2, y: 120 });
  await expect(canvasNode(page, 'agent-1')).toBeVisible();
  // Dropped 30 px from the right edge (above the minimap): the card would stick out by most of
  // its width.
  await dragKind(page, 'approval', { x: pane.width - 30, y: 300 });
  await expect(canvasNode(page, 'approval-1')).toBeVisible();
  for (const id of ['start-1', 'agent-1', 'approval-1']) await expectInside(page, id);
  const after = await box(canvasNode(page, 'start-1'));
  expect({ x: after.x, y: after.y }).toEqual({ x: first.x, y: first.y });

  // A node added with no drop point lands below the cards in the middle; once that is out of
  // sight the view moves just far enough to show it (it ends at the bottom, not the centre).
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: /^Add Agent/ }).click();
  await expect(canvasNode(page, 'agent-5')).toBeVisible();
  await expect
    .poll(async () => (await box(canvasNode(page, 'agent-5'))).y)
    .toBeLessThan(pane.y + pane.height);
  await expectInside(page, 'agent-5');
  const last = await box(canvasNode(page, 'agent-5'));
  expect(pane.y + pane.height - (last.y + last.height)).toBeLessThan(pane.height / 4);
  noErrors();
});
