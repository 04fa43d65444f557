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
  await expect(palette.locator('[data-kind]')).toHaveCount(14);
  // The placeholder kind is made only by importers: never offered in the palette.
  await expect(palette.locator('[data-kind="placeholder"]')).toHaveCount(0);
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

test('the run panel can be resized with the keyboard and the mouse, and keeps its height', async ({
  page,
}) => {
  await page.goto('/');
  const runPanel = page.getByRole('region', { name: 'Run panel' });
  const bar = page.getByRole('separator', { name: 'Run panel height' });
  const heightOf = async () => (await runPanel.boundingBox())!.height;
  const before = await heightOf();

  await bar.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(heightOf).toBeGreaterThan(before + 40);
  const raised = Number(await bar.getAttribute('aria-valuenow'));

  // Dragging the bar down by 100 px gives the canvas that room back.
  const box = (await bar.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 100, { steps: 5 });
  await page.mouse.up();
  await expect(bar).toHaveAttribute('aria-valuenow', String(raised - 100));

  await page.reload();
  await expect(page.getByRole('separator', { name: 'Run panel height' })).toHaveAttribute(
    'aria-valuenow',
    String(raised - 100),
  );
  await page.keyboard.press('Tab');
  const dropped = await heightOf();
  expect(Math.abs(dropped - (raised - 100))).toBeLessThan(4);
});

test('zoomed far out, cards are drawn as plain blocks; zooming back in shows their text', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Flows' }).click();
  await page.getByRole('button', { name: 'Use template Support ticket triage' }).click();
  const flow = page.locator('.react-flow');
  const label = page.locator('.react-flow__node .node-card-label').first();
  await expect(label).toBeVisible();
  await expect(flow).not.toHaveClass(/zoomed-out/);
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 12 && !/zoomed-out/.test((await flow.getAttribute('class')) ?? ''); i++)
    await zoomOut.click();
  await expect(flow).toHaveClass(/zoomed-out/);
  await expect(label).toBeHidden();
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 12 && /zoomed-out/.test((await flow.getAttribute('class')) ?? ''); i++)
    await zoomIn.click();
  await expect(label).toBeVisible();
});
