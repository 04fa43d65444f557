import { expect, test } from '@playwright/test';
import {
  canvasNode,
  connect,
  dragKind,
  edge,
  exportText,
  saved,
  watchErrors,
} from './canvas-helpers.ts';

test('a flow is saved as it is edited, survives a reload, and round-trips through export and import', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const noErrors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Flow name' }).fill('Weekly report');
  await dragKind(page, 'start', { x: 80, y: 150 });
  await dragKind(page, 'agent', { x: 380, y: 150 });
  await connect(page, ['start-1', 'out'], ['agent-1', 'in']);
  await page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Label', { exact: true })
    .fill('Summarise the week');
  await saved(page);

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Weekly report');
  await expect(canvasNode(page, 'agent-1')).toContainText('Summarise the week');
  await expect(edge(page, 'start-1.out->agent-1.in')).toHaveCount(1);
  await saved(page);

  const exported = await exportText(page);
  expect(exported.name).toBe('weekly-report.json');
  expect(JSON.parse(exported.text)).toMatchObject({ name: 'Weekly report', schemaVersion: 1 });

  // A fresh browser: import the file with the file picker and get the same flow back.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto('/');
  await fresh.locator('input[type="file"]').setInputFiles({
    name: exported.name,
    mimeType: 'application/json',
    buffer: Buffer.from(exported.text),
  });
  await expect(fresh.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Weekly report');
  await expect(canvasNode(fresh, 'agent-1')).toContainText('Summarise the week');
  await saved(fresh);
  const again = await exportText(fresh);
  expect(JSON.parse(again.text)).toEqual(JSON.parse(exported.text));
  await other.close();
  noErrors();
});

test('a malformed import is refused with a readable report and changes nothing', async ({
  page,
}) => {
  await page.goto('/');
  await dragKind(page, 'start', { x: 100, y: 150 });
  await saved(page);
  const bad = {
    schemaVersion: 1,
    id: 'x',
    name: 'Broken',
    nodes: [{ id: 'a b', type: 'agent' }],
    edges: [],
  };
  await page.locator('input[type="file"]').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const report = page.getByRole('dialog', { name: 'Import failed: nothing was changed' });
  await expect(report).toBeVisible();
  await expect(report).toContainText('nodes[0]');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Untitled playbook');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);

  // Not JSON at all, pasted onto the canvas.
  await page.locator('input[type="file"]').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ oops'),
  });
  await expect(page.getByRole('dialog', { name: /Import failed/ })).toContainText('not valid JSON');
});

test('a share link opens the flow read-only, and "Save a copy" makes it editable', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Flow name' }).fill('Shared playbook');
  await dragKind(page, 'start', { x: 100, y: 150 });
  await saved(page);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toContain('#share=');

  const other = await browser.newContext();
  const viewer = await other.newPage();
  await viewer.goto(link);
  await expect(viewer.getByRole('region', { name: 'Shared flow' })).toContainText('read-only');
  await expect(viewer.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Shared playbook');
  await expect(canvasNode(viewer, 'start-1')).toBeVisible();
  await expect(viewer.getByRole('button', { name: /^Add Agent/ })).toBeDisabled();
  await expect(viewer.getByRole('status', { name: 'Save status' })).toHaveText('Read-only');

  await viewer.getByRole('button', { name: 'Save a copy' }).click();
  await expect(viewer.getByRole('region', { name: 'Shared flow' })).toHaveCount(0);
  await saved(viewer);
  await viewer.getByRole('button', { name: /^Add Agent/ }).click();
  await expect(canvasNode(viewer, 'agent-1')).toBeVisible();
  await saved(viewer);
  await viewer.reload();
  await expect(canvasNode(viewer, 'agent-1')).toBeVisible();
  expect(viewer.url()).not.toContain('#share=');
  await other.close();
});

test('the flow list creates, opens, renames, duplicates and deletes; templates come from examples', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Flows' }).click();
  const dialog = page.getByRole('dialog', { name: 'Flows' });
  await dialog
    .getByRole('button', { name: 'Use template Client article: brief to delivered draft' })
    .click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Client article: brief to delivered draft',
  );
  await expect(page.locator('.react-flow__node')).toHaveCount(11);
  await saved(page);

  await page.getByRole('button', { name: 'Flows' }).click();
  await dialog
    .getByRole('button', { name: 'Rename Client article: brief to delivered draft' })
    .click();
  await dialog.getByRole('textbox', { name: /New name/ }).fill('Article for Acme');
  await dialog.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Article for Acme');
  await dialog.getByRole('button', { name: 'Duplicate Article for Acme' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(
    'Article for Acme (copy)',
  );
  await saved(page);

  await page.getByRole('button', { name: 'Flows' }).click();
  await expect(dialog.getByRole('list', { name: 'Your flows' }).getByRole('listitem')).toHaveCount(
    3,
  );
  await dialog.getByRole('button', { name: 'Open Untitled playbook' }).click();
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Untitled playbook');

  await page.getByRole('button', { name: 'Flows' }).click();
  page.once('dialog', (d) => void d.accept());
  await dialog.getByRole('button', { name: 'Delete Article for Acme (copy)' }).click();
  await expect(dialog.getByRole('list', { name: 'Your flows' }).getByRole('listitem')).toHaveCount(
    2,
  );
});
