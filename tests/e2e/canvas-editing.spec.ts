import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { canvasNode, connect, dragKind, edge, handle, watchErrors } from './canvas-helpers.ts';

test('build nodes from the palette, connect them and edit them in the inspector', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  await dragKind(page, 'start', { x: 120, y: 160 });
  const start = canvasNode(page, 'start-1');
  await expect(start).toContainText('Start');
  await expect(start).toContainText('no input');
  await expect(page.getByText('This playbook is empty')).toHaveCount(0);

  await page.getByRole('button', { name: /^Add Agent/ }).click();
  const agent = canvasNode(page, 'agent-1');
  await expect(agent).toContainText('gpt-4o-mini → text');
  await expect(handle(page, 'agent-1', 'error')).toHaveAttribute(
    'aria-label',
    'Output Error (error)',
  );

  await connect(page, ['start-1', 'out'], ['agent-1', 'in']);
  await expect(edge(page, 'start-1.out->agent-1.in')).toHaveCount(1);

  // The agent is reachable now, so its "cannot be reached" error badge is gone.
  await expect(agent.getByRole('img', { name: /error/ })).toHaveCount(0);

  // Inspector: a form generated from the agent's schema writes through to the card.
  await agent.locator('.node-card-head').click();
  await expect(inspector).toContainText('id: agent-1');
  await inspector.getByLabel('Label', { exact: true }).fill('Draft article');
  await expect(agent).toContainText('Draft article');
  const temperature = inspector.getByLabel('Temperature');
  await temperature.fill('5');
  await expect(inspector.getByText(/<=\s*2/)).toBeVisible();
  await expect(temperature).toHaveAttribute('aria-invalid', 'true');
  await expect(agent.getByRole('img', { name: /1 error/ })).toBeVisible();
  await temperature.fill('0.7');
  await expect(temperature).not.toHaveAttribute('aria-invalid', 'true');
  await expect(agent.getByRole('img', { name: /error/ })).toHaveCount(0);
  // Lists of objects: add an output field, name it, and the card's summary follows.
  await inspector.getByRole('button', { name: 'Add output' }).click();
  await inspector.getByLabel('Name').last().fill('headline');
  await expect(agent).toContainText('gpt-4o-mini → text, headline');
  // A tool is a capability id, so its schema's widget makes the field offer the catalog's ids.
  await inspector.getByRole('button', { name: 'Add tool' }).click();
  const suggestions = await inspector.getByLabel('Tool 1', { exact: true }).getAttribute('list');
  expect(suggestions).toBeTruthy();
  await expect(
    page.locator(`datalist[id="${suggestions}"] option[value="email.send"]`),
  ).toHaveCount(1);
  await inspector.getByRole('button', { name: 'Remove tool 1' }).click();

  // Enums change ports: an approval that keeps drafts on timeout gains a "Kept as draft" output.
  await dragKind(page, 'approval', { x: 560, y: 120 });
  const approval = canvasNode(page, 'approval-1');
  await expect(approval).toBeVisible();
  await expect(handle(page, 'approval-1', 'draft')).toHaveCount(0);
  await inspector.getByLabel('On timeout').selectOption('draft');
  await expect(handle(page, 'approval-1', 'draft')).toHaveCount(1);
  await inspector.getByLabel('Expires after').fill('3 days');
  await expect(inspector.getByText('write a duration such as 30s, 15m, 2h or 3d')).toBeVisible();
  await inspector.getByLabel('Expires after').fill('3d');
  await expect(approval).toContainText('expires after 3d, then draft');

  // A refused connection says why, and draws nothing.
  await connect(page, ['start-1', 'out'], ['approval-1', 'in']);
  await expect(page.getByRole('status', { name: 'Canvas message' })).toContainText(
    'already leads to "agent-1"',
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await connect(page, ['agent-1', 'out'], ['approval-1', 'in']);
  await expect(edge(page, 'agent-1.out->approval-1.in')).toHaveCount(1);

  // Select and delete an edge, then a node (its edges go with it).
  await edge(page, 'agent-1.out->approval-1.in').click();
  await expect(inspector).toContainText('agent-1.out → approval-1.in');
  await page.keyboard.press('Delete');
  await expect(edge(page, 'agent-1.out->approval-1.in')).toHaveCount(0);
  await approval.locator('.node-card-head').click();
  await page.keyboard.press('Delete');
  await expect(approval).toHaveCount(0);
  await agent.locator('.node-card-head').click();
  await page.keyboard.press('Backspace');
  await expect(agent).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  // The flow's name is edited in the header.
  const name = page.getByRole('banner').getByRole('textbox', { name: 'Flow name' });
  await name.fill('Client article');
  await name.press('Enter');
  await expect(name).toHaveValue('Client article');

  await screenshotIfAsked(page);
  noErrors();
});

async function screenshotIfAsked(page: Page) {
  if (process.env['SHOT']) await page.screenshot({ path: `/tmp/${process.env['SHOT']}.png` });
}
