import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { canvasNode, watchErrors } from './canvas-helpers.ts';
import { shootThemes } from './theme-shots.ts';

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');

/** Drops a file on the canvas as a person would drag it from their desktop. */
async function dropFile(page: Page, name: string, text: string) {
  const transfer = await page.evaluateHandle(
    ({ name, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      return data;
    },
    { name, text },
  );
  const canvas = page.getByRole('main', { name: 'Canvas' });
  await canvas.dispatchEvent('dragover', { dataTransfer: transfer });
  await canvas.dispatchEvent('drop', { dataTransfer: transfer });
}

test('an n8n workflow dropped on the canvas opens as a flow with its import report', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  await dropFile(page, 'orders.json', fixture('n8n-orders.json'));

  const dialog = page.getByRole('dialog', { name: 'Imported from n8n: Order follow-up' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Conversion report')).toContainText('5 mapped');
  const nodes = dialog.getByRole('list', { name: 'Nodes imported' });
  await expect(nodes.getByRole('listitem').filter({ hasText: 'Slack' })).toContainText(
    'Placeholder',
  );
  await expect(nodes.getByRole('listitem').filter({ hasText: 'Fetch order' })).toContainText(
    'SHOP_API_KEY',
  );
  await expect(dialog.getByRole('list', { name: 'Credentials to set up' })).toContainText(
    'OpenAI account',
  );
  await expect(dialog.getByRole('list', { name: 'Problems' })).toContainText(
    'which has no counterpart here',
  );
  await shootThemes(page, 'import-report');

  // The flow is open behind the dialog: its nodes on the canvas, named from the n8n file.
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue('Order follow-up');
  await nodes
    .getByRole('listitem')
    .filter({ hasText: 'Big order?' })
    .getByRole('button', { name: 'Show condition' })
    .click();
  await expect(dialog).toBeHidden();
  await expect(canvasNode(page, 'big-order')).toBeVisible();
  await expect(canvasNode(page, 'fetch-order')).toBeVisible();
  noErrors();
});

test('a broken or hostile foreign file is refused with a reason, and nothing is opened', async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto('/');
  const before = await page.getByRole('textbox', { name: 'Flow name' }).inputValue();
  await dropFile(
    page,
    'bomb.yml',
    'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nworkflow: { graph: { nodes: [*c], edges: [] } }',
  );
  const refused = page.getByRole('dialog', { name: 'Import failed: nothing was changed' });
  await expect(refused).toBeVisible();
  await expect(refused).toContainText(/YAML refused|shape/);
  await refused.getByRole('button', { name: 'Close' }).click();
  await dropFile(
    page,
    'half.json',
    '{"nodes": [{"name": "A", "type": "n8n-nodes-base.set", "parameters": {}}], "connections": 7}',
  );
  await expect(refused).toBeVisible();
  await expect(refused).toContainText('connections');
  await expect(page.getByRole('textbox', { name: 'Flow name' })).toHaveValue(before);
  noErrors();
});
