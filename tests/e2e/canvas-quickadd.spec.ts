import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { canvasNode, connect, dragKind, moveNode, watchErrors } from './canvas-helpers.ts';

const quickAdd = (page: Page) => page.getByRole('dialog', { name: 'Quick add' });
const pane = (page: Page) => page.locator('.react-flow__pane');

/** The node's position on the canvas, read from React Flow's transform. */
async function flowPosition(page: Page, id: string) {
  const transform = await canvasNode(page, id).evaluate((el) => el.style.transform);
  const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!match) throw new Error(`no position in "${transform}"`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

async function boxOf(page: Page, id: string) {
  const box = await canvasNode(page, id).boundingBox();
  if (!box) throw new Error(`${id} is not visible`);
  return box;
}

test('the quick-add opens with a key, finds a node kind, adds it at the pointer, undo removes it', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  // The first node fits the view to itself; the one added next must land where the pointer is.
  await dragKind(page, 'start', { x: 100, y: 100 });
  await pane(page).click({ position: { x: 420, y: 300 } });
  const paneBox = await pane(page).boundingBox();
  if (!paneBox) throw new Error('no canvas');

  await page.keyboard.press('/');
  const dialog = quickAdd(page);
  await expect(dialog).toBeVisible();
  const search = dialog.getByRole('combobox', { name: /find a node/i });
  await expect(search).toBeFocused();
  const options = dialog.getByRole('listbox').getByRole('option');
  // Every node kind of the palette is offered.
  const kinds = await page
    .getByRole('complementary', { name: 'Palette' })
    .locator('[data-kind]')
    .count();
  expect(await dialog.locator('[data-type="node"]').count()).toBe(kinds);

  await search.pressSequentially('aprv');
  await expect(options.first()).toContainText('Approval');
  const activeId = await search.getAttribute('aria-activedescendant');
  await expect(options.first()).toHaveAttribute('id', activeId ?? 'none');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  const node = canvasNode(page, 'approval-1');
  await expect(node).toBeVisible();
  await expect(node).toHaveClass(/selected/);
  const box = await boxOf(page, 'approval-1');
  // Its top-left corner is at the pointer, give or take the grid it snapped to.
  expect(Math.abs(box.x - (paneBox.x + 420))).toBeLessThan(25);
  expect(Math.abs(box.y - (paneBox.y + 300))).toBeLessThan(25);

  await page.keyboard.press('Control+z');
  await expect(node).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(node).toHaveCount(1);
  noErrors();
});

test('the quick-add: arrows choose, Escape closes, Ctrl+K opens, and it runs commands', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await pane(page).click({ position: { x: 30, y: 30 } });
  // Off the canvas (over the palette) the node goes to the middle of the visible canvas instead.
  await page.getByRole('complementary', { name: 'Palette' }).hover();

  await page.keyboard.press('Control+k');
  const dialog = quickAdd(page);
  await expect(dialog).toBeVisible();
  const search = dialog.getByRole('combobox');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const chosen = dialog.locator('[role="option"][aria-selected="true"]');
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toHaveAttribute(
    'id',
    (await search.getAttribute('aria-activedescendant')) ?? '',
  );
  const title = (await chosen.locator('.quickadd-title').textContent()) ?? '';
  expect(title).toBe(
    (await dialog.getByRole('option').nth(1).locator('.quickadd-title').textContent()) ?? 'x',
  );
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const added = page.locator(`.react-flow__node[aria-label^="${title}:"]`);
  await expect(added).toHaveCount(1);
  const canvas = await pane(page).boundingBox();
  const box = await added.boundingBox();
  if (!canvas || !box) throw new Error('not visible');
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  expect(Math.abs(box.x + box.width / 2 - centre.x)).toBeLessThan(80);
  expect(Math.abs(box.y + box.height / 2 - centre.y)).toBeLessThan(80);

  // Escape closes without adding anything.
  await page.keyboard.press('/');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('agent');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);

  // Nothing matches: says so, and Enter does nothing.
  await page.keyboard.press('/');
  await page.keyboard.type('zzzz');
  await expect(dialog.getByRole('status')).toContainText('Nothing matches');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A command: the shortcuts help, opened from the menu, stays open.
  await page.keyboard.press('/');
  await page.keyboard.type('shortcuts');
  // Enter only once the menu has ranked what was typed.
  await expect(dialog.getByRole('option').first()).toContainText(/shortcut/i);
  await page.keyboard.press('Enter');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Add a node or run a command');
  await expect(help).toContainText('Snap to grid on or off');
  await page.keyboard.press('Escape');

  // Typing "/" into a field types a slash; it does not open the menu.
  await added.locator('.node-card-head').click();
  const label = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Label', {
    exact: true,
  });
  await label.fill('a');
  await label.press('/');
  await expect(label).toHaveValue('a/');
  await expect(dialog).toBeHidden();
  noErrors();
});

test('auto-layout puts a tangled flow left to right without overlaps, as one undoable edit', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  // Drawn right to left and on top of each other (clear of the minimap in the bottom-right
  // corner: a drag that starts on it pans the view).
  await dragKind(page, 'start', { x: 560, y: 250 });
  await dragKind(page, 'transform', { x: 340, y: 200 });
  await dragKind(page, 'output', { x: 60, y: 400 });
  await dragKind(page, 'agent', { x: 80, y: 60 });
  await connect(page, ['start-1', 'out'], ['transform-1', 'in']);
  await connect(page, ['transform-1', 'out'], ['output-1', 'in']);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  const ids = ['start-1', 'transform-1', 'output-1', 'agent-1'];
  const before = await Promise.all(ids.map((id) => flowPosition(page, id)));

  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(page.getByRole('button', { name: 'Auto-layout' })).toHaveAttribute(
    'aria-busy',
    'false',
  );
  await expect
    .poll(
      async () =>
        (await flowPosition(page, 'start-1')).x < (await flowPosition(page, 'transform-1')).x,
    )
    .toBe(true);
  // Let the fit-view animation finish before measuring on screen.
  await page.waitForTimeout(400);
  const boxes = await Promise.all(ids.map((id) => boxOf(page, id)));
  const [start, transform, output] = boxes;
  if (!start || !transform || !output) throw new Error('missing');
  expect(start.x + start.width).toBeLessThanOrEqual(transform.x);
  expect(transform.x + transform.width).toBeLessThanOrEqual(output.x);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (!a || !b) continue;
      const apart =
        a.x + a.width <= b.x ||
        b.x + b.width <= a.x ||
        a.y + a.height <= b.y ||
        b.y + b.height <= a.y;
      expect(apart, `${ids[i]} and ${ids[j]} overlap`).toBe(true);
    }
  // Everything is in view after the layout.
  const canvas = await pane(page).boundingBox();
  if (!canvas) throw new Error('no canvas');
  for (const b of boxes) {
    expect(b.x).toBeGreaterThanOrEqual(canvas.x);
    expect(b.x + b.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  }

  // One undo puts every node back; redo lays it out again.
  await pane(page).click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+z');
  expect(await Promise.all(ids.map((id) => flowPosition(page, id)))).toEqual(before);
  await page.keyboard.press('Control+Shift+z');
  expect((await flowPosition(page, 'start-1')).x).toBeLessThan(
    (await flowPosition(page, 'output-1')).x,
  );
  await page.keyboard.press('Control+z');

  // The same from the quick-add, and with Shift+L.
  await page.keyboard.press('/');
  await page.keyboard.type('layout');
  await page.keyboard.press('Enter');
  await expect
    .poll(
      async () =>
        (await flowPosition(page, 'start-1')).x < (await flowPosition(page, 'output-1')).x,
    )
    .toBe(true);
  await page.keyboard.press('Control+z');
  expect(await Promise.all(ids.map((id) => flowPosition(page, id)))).toEqual(before);
  await page.keyboard.press('Shift+L');
  await expect
    .poll(
      async () =>
        (await flowPosition(page, 'start-1')).x < (await flowPosition(page, 'output-1')).x,
    )
    .toBe(true);
  noErrors();
});

test('snap to grid: the toggle changes how drags land and persists across a reload', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  const snap = page.getByRole('button', { name: 'Snap to grid' });
  await expect(snap).toHaveAttribute('aria-pressed', 'true');
  await dragKind(page, 'agent', { x: 200, y: 200 });
  await moveNode(page, 'agent-1', { x: 33, y: 27 });
  const snapped = await flowPosition(page, 'agent-1');
  expect(snapped.x % 20).toBe(0);
  expect(snapped.y % 20).toBe(0);

  await snap.click();
  await expect(snap).toHaveAttribute('aria-pressed', 'false');
  await moveNode(page, 'agent-1', { x: 33, y: 27 });
  const free = await flowPosition(page, 'agent-1');
  expect(free.x % 20 !== 0 || free.y % 20 !== 0).toBe(true);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Snap to grid' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  // The shortcut from the help dialog's table turns it back on.
  await pane(page).click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Shift+G');
  await expect(page.getByRole('button', { name: 'Snap to grid' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  noErrors();
});
