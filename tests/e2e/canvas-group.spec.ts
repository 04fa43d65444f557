import { expect, test } from '@playwright/test';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { canvasNode, watchErrors } from './canvas-helpers.ts';
import { debuggerState } from './debugger-helpers.ts';

const step = (id: string, x: number, expression: string) => ({
  id,
  type: 'transform',
  position: { x, y: 100 },
  data: { version: 1, label: id.toUpperCase(), expression },
});
const edge = (source: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  sourceHandle: 'out',
  target,
  targetHandle: 'in',
});

/** start → a → b → c → output; c reads a's output, so grouping b and c must carry it. */
const flow = {
  schemaVersion: 1,
  id: 'group-e2e',
  name: 'Group test',
  nodes: [
    { id: 's', type: 'start', position: { x: 0, y: 100 }, data: { version: 1, label: 'Start' } },
    step('a', 300, '{ "word": "hello" }'),
    step('b', 600, '{ "word": $uppercase(word) }'),
    step('c', 900, 'word & " / " & $nodes.a.word'),
    { id: 'o', type: 'output', position: { x: 1200, y: 100 }, data: { version: 1, label: 'Out' } },
  ],
  edges: [edge('s', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'o')],
};

test('groups two nodes into a subflow that runs, undoes, and opens from the inspector', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await importFlowFile(page, flow);

  // Select b and c with a box (Shift+drag).
  const from = await canvasNode(page, 'b').boundingBox();
  const to = await canvasNode(page, 'c').boundingBox();
  if (!from || !to) throw new Error('the nodes are not on screen');
  await page.keyboard.down('Shift');
  await page.mouse.move(from.x - 15, from.y - 15);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width + 15, to.y + to.height + 15, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toContainText('2 nodes selected');
  // The start node cannot be grouped: the notice says why and nothing changes.
  await canvasNode(page, 's')
    .locator('.node-card-head')
    .click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+g');
  const notice = page.getByRole('status', { name: 'Canvas message' });
  await expect(notice).toContainText('“Start” is where the flow begins');
  await expect(canvasNode(page, 'b')).toBeVisible();

  // Ctrl+click takes the start node out of the selection again.
  await canvasNode(page, 's')
    .locator('.node-card-head')
    .click({ modifiers: ['Control'] });
  await expect(inspector).toContainText('2 nodes selected');
  await page.keyboard.press('Control+g');
  await expect(notice).toContainText('Grouped 2 nodes into the subflow “Group test · group”');
  await expect(canvasNode(page, 'b')).toHaveCount(0);
  await expect(canvasNode(page, 'c')).toHaveCount(0);
  const subflow = canvasNode(page, 'subflow-1');
  await expect(subflow).toContainText('Group test · group');
  // The card names the flow it runs, not its id.
  const runs = subflow.locator('.node-card-summary');
  await expect(runs).toHaveText('runs “Group test · group”');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(inspector.getByRole('combobox', { name: /Flow/ })).toHaveValue(/^flow-/);
  await expect(inspector.getByRole('combobox', { name: /Flow/ })).toContainText(
    'Group test · group',
  );
  if (process.env['SHOT']) await page.screenshot({ path: `${process.env['SHOT']}/grouped.png` });

  // The run goes through the subflow, which reads the group's nodes from IndexedDB in the worker.
  await runFromPanel(page);
  const panel = page.getByRole('region', { name: 'Run panel' });
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 15_000 });
  await expect(panel.getByRole('list', { name: 'Runs' })).toContainText('succeeded');
  await panel
    .getByRole('list', { name: 'Event log' })
    .locator('li', { hasText: 'subflow-1 → out' })
    .click();
  await expect(
    panel.getByRole('region', { name: 'Step details' }).getByRole('region', {
      name: 'Output',
      exact: true,
    }),
  ).toContainText('HELLO / hello');
  if (process.env['SHOT']) await page.screenshot({ path: `${process.env['SHOT']}/ran.png` });

  // One undo brings the nodes back, wired as they were.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(canvasNode(page, 'b')).toBeVisible();
  await expect(canvasNode(page, 'c')).toBeVisible();
  await expect(canvasNode(page, 'subflow-1')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // Again from the quick-add, then from the inspector's button after another undo: each makes a
  // subflow of its own (the first one stays saved).
  await canvasNode(page, 'b').locator('.node-card-head').click();
  await canvasNode(page, 'c')
    .locator('.node-card-head')
    .click({ modifiers: ['Control'] });
  await page.keyboard.press('/');
  const quickAdd = page.getByRole('dialog', { name: 'Quick add' });
  await page.keyboard.type('group');
  await expect(quickAdd.getByRole('option').first()).toContainText('Group into subflow');
  await page.keyboard.press('Enter');
  await expect(notice).toContainText('into the subflow “Group test · group 2”');
  await page.keyboard.press('Control+z');
  await canvasNode(page, 'b').locator('.node-card-head').click();
  await canvasNode(page, 'c')
    .locator('.node-card-head')
    .click({ modifiers: ['Control'] });
  // What undo took away is no longer selected.
  await expect(inspector).toContainText('2 nodes selected');
  if (process.env['SHOT']) await page.screenshot({ path: `${process.env['SHOT']}/selected.png` });
  await inspector.getByRole('button', { name: /Group into subflow/ }).click();
  await expect(notice).toContainText('into the subflow “Group test · group 3”');
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
    'Group selected nodes into a subflow',
  );
  await page.keyboard.press('Escape');

  // Renaming the saved subflow renames it on the card.
  await expect(runs).toHaveText('runs “Group test · group 3”');
  await page.getByRole('button', { name: 'Flows' }).click();
  const flows = page.getByRole('dialog', { name: 'Flows' });
  await flows.getByRole('button', { name: 'Rename Group test · group 3' }).click();
  await flows.getByRole('textbox', { name: /New name/ }).fill('Bill the client');
  await flows.getByRole('button', { name: 'Save name' }).click();
  await flows.getByRole('button', { name: 'Close' }).click();
  await expect(runs).toHaveText('runs “Bill the client”');

  // The inspector offers the saved flows by name, and opens the chosen one.
  await subflow.locator('.node-card-head').click();
  const picker = inspector.getByRole('combobox', { name: /Flow/ });
  await expect(picker.locator('option')).toContainText([
    'Bill the client',
    'Group test · group 2',
    'Group test · group',
  ]);
  await picker.selectOption({ label: 'Group test · group' });
  await expect(runs).toHaveText('runs “Group test · group”');
  await inspector.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Group test · group');
  await expect(canvasNode(page, 'b')).toBeVisible();
  await expect(canvasNode(page, 'c')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  if (process.env['SHOT']) await page.screenshot({ path: `${process.env['SHOT']}/opened.png` });
  noErrors();
});
